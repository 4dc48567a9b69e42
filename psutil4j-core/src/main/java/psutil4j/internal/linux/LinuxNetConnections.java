package psutil4j.internal.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import psutil4j.AccessDeniedException;
import psutil4j.Addr;
import psutil4j.AddressFamily;
import psutil4j.ConnectionStatus;
import psutil4j.NetConnection;
import psutil4j.NetSocket;
import psutil4j.NetSockets;
import psutil4j.NoSuchProcessException;
import psutil4j.ProcessConnection;
import psutil4j.SocketType;
import psutil4j.internal.ffi.DirList;
import psutil4j.internal.ffi.FileIo;
import psutil4j.internal.ffi.Native;
import psutil4j.internal.linux.proc.ProcNetTcp;
import psutil4j.internal.linux.proc.ProcNetUnix;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * psutil's {@code NetConnections} on Linux: sockets from /proc/net/{tcp,tcp6,udp,udp6,unix},
 * their owners found by reading every /proc/&lt;pid&gt;/fd/* link ("socket:[inode]").
 *
 * <p>As psutil: processes that vanish or deny access are skipped (their sockets get pid unknown
 * and fd -1, like {@code netstat -an}); when several processes hold one socket, the one with
 * the highest pid is reported (psutil's dict update in pid order), with its first fd for
 * TCP/UDP and every fd for UNIX sockets; identical results are reported once (psutil returns a
 * set). Only the reader's network namespace is seen.
 */
public final class LinuxNetConnections {

    /** One /proc/net file: its family, and its socket type (null for unix: per line). */
    private record Proto(byte[] file, AddressFamily family, SocketType type) {
    }

    private static final Proto TCP4 = new Proto(ProcNetTcp.TCP, AddressFamily.AF_INET, SocketType.SOCK_STREAM);
    private static final Proto TCP6 = new Proto(ProcNetTcp.TCP6, AddressFamily.AF_INET6, SocketType.SOCK_STREAM);
    private static final Proto UDP4 = new Proto(ProcNetTcp.UDP, AddressFamily.AF_INET, SocketType.SOCK_DGRAM);
    private static final Proto UDP6 = new Proto(ProcNetTcp.UDP6, AddressFamily.AF_INET6, SocketType.SOCK_DGRAM);
    private static final Proto UNIX = new Proto(ProcNetUnix.PATH, AddressFamily.AF_UNIX, null);

    /** psutil's kinds, in the order of {@code _common.conn_tmap} (used in the error message). */
    private static final Map<String, List<Proto>> TMAP = new LinkedHashMap<>();

    static {
        TMAP.put("all", List.of(TCP4, TCP6, UDP4, UDP6, UNIX));
        TMAP.put("tcp", List.of(TCP4, TCP6));
        TMAP.put("tcp4", List.of(TCP4));
        TMAP.put("udp", List.of(UDP4, UDP6));
        TMAP.put("udp4", List.of(UDP4));
        TMAP.put("inet", List.of(TCP4, TCP6, UDP4, UDP6));
        TMAP.put("inet4", List.of(TCP4, UDP4));
        TMAP.put("inet6", List.of(TCP6, UDP6));
        TMAP.put("tcp6", List.of(TCP6));
        TMAP.put("udp6", List.of(UDP6));
        TMAP.put("unix", List.of(UNIX));
    }

    private static final byte[] SOCKET_PREFIX = ByteCursor.ascii("socket:[");
    private static final byte[] SLASH = ByteCursor.ascii("/");
    private static final byte[] FD_DIR = ByteCursor.ascii("/fd");
    private static final byte[] FD_SLASH = ByteCursor.ascii("/fd/");

    private LinuxNetConnections() {
    }

    /** The valid kinds, in psutil's order. */
    public static List<String> kinds() {
        return List.copyOf(TMAP.keySet());
    }

    private static List<Proto> protos(String kind) {
        List<Proto> p = kind == null ? null : TMAP.get(kind);
        if (p == null) {
            var sb = new StringBuilder();
            for (String k : TMAP.keySet()) {
                sb.append(sb.isEmpty() ? "" : ", ").append('\'').append(k).append('\'');
            }
            throw new IllegalArgumentException("invalid kind argument " + (kind == null ? "null" : "'" + kind + "'")
                    + "; valid ones are: (" + sb + ")");
        }
        return p;
    }

    /**
     * Who holds a socket: one pid and its fds for that inode, and the owner with a lower pid
     * that held it too ({@code previous}; psutil reports only the last, the highest pid).
     */
    static final class Owner {
        final int pid;
        final Owner previous;
        int[] fds = new int[1];
        int n;

        Owner(int pid, Owner previous) {
            this.pid = pid;
            this.previous = previous;
        }

        void add(int fd) {
            if (n == fds.length) {
                fds = Arrays.copyOf(fds, n * 2);
            }
            fds[n++] = fd;
        }
    }

    /**
     * A socket row, before the owner is joined in; the kernel's columns psutil drops are kept
     * for {@link #sockets} (uid, queues: -1 for UNIX sockets; flags: -1 for TCP and UDP).
     */
    private record Row(Proto proto, SocketType type, Optional<Addr> laddr, Optional<Addr> raddr,
                       ConnectionStatus status, long inode, int state, long refCount, long kernelAddress,
                       long uid, long rxQueue, long txQueue, long flags) {
    }

    /** psutil's net_connections(kind): all sockets of the kinds, with their owners when known. */
    public static List<NetConnection> all(String kind) {
        List<Proto> protos = protos(kind);
        Map<Long, Owner> inodes = allInodes(null);
        var out = new LinkedHashSet<NetConnection>();
        for (Proto p : protos) {
            for (Row r : rows(p, null)) {
                Owner o = inodes.get(r.inode);
                if (o == null) {
                    out.add(new NetConnection(-1, p.family, r.type, r.laddr, r.raddr, r.status, OptionalInt.empty()));
                } else if (p.family == AddressFamily.AF_UNIX) {
                    // one UNIX socket may be shared by many fds: one entry each
                    for (int i = 0; i < o.n; i++) {
                        out.add(new NetConnection(o.fds[i], p.family, r.type, r.laddr, r.raddr, r.status,
                                OptionalInt.of(o.pid)));
                    }
                } else {
                    out.add(new NetConnection(o.fds[0], p.family, r.type, r.laddr, r.raddr, r.status,
                            OptionalInt.of(o.pid)));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Beyond psutil: each socket of the kinds once, with the kernel's columns and, when
     * {@code owners}, every process holding it.
     */
    public static NetSockets sockets(String kind, boolean owners) {
        List<Proto> protos = protos(kind);
        boolean[] denied = {false};
        Map<Long, Owner> inodes = owners ? allInodes(denied) : Map.of();
        var out = new ArrayList<NetSocket>();
        for (Proto p : protos) {
            for (Row r : rows(p, null)) {
                out.add(new NetSocket(p.family, r.type, r.laddr, r.raddr, r.status, r.state, r.inode, r.refCount,
                        r.kernelAddress, present(r.uid), present(r.rxQueue), present(r.txQueue), present(r.flags),
                        pids(r.inode == 0 ? null : inodes.get(r.inode))));
            }
        }
        return new NetSockets(List.copyOf(out), owners && !denied[0]);
    }

    private static OptionalLong present(long v) {
        return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** The pids of an owner chain, ascending. */
    private static List<Integer> pids(Owner o) {
        if (o == null) {
            return List.of();
        }
        if (o.previous == null) {
            return List.of(o.pid);
        }
        var l = new ArrayList<Integer>();
        for (Owner x = o; x != null; x = x.previous) {
            l.add(x.pid);
        }
        return List.copyOf(l.reversed());
    }

    /**
     * psutil's Process.net_connections(kind): the sockets {@code pid} holds.
     *
     * @throws NoSuchProcessException if the process does not exist (or exits meanwhile)
     * @throws AccessDeniedException  if its fd directory cannot be read
     */
    public static List<ProcessConnection> forPid(int pid, String kind) {
        List<Proto> protos = protos(kind);
        Map<Long, Owner> inodes = new HashMap<>();
        var fds = new DirList.Ints();
        int n = listFds(pid, fds);
        if (n == -Native.EACCES || n == -Native.EPERM) {
            throw new AccessDeniedException(pid, null, "cannot list /proc/" + pid + "/fd");
        }
        if (n < 0) {
            throw new NoSuchProcessException(pid, null, "cannot list /proc/" + pid + "/fd: " + Native.errnoName(-n));
        }
        if (!scanFds(pid, fds, inodes)) {
            throw new AccessDeniedException(pid, null, "cannot read the fd links of /proc/" + pid + "/fd");
        }
        var out = new LinkedHashSet<ProcessConnection>();
        if (!inodes.isEmpty()) {
            for (Proto p : protos) {
                for (Row r : rows(p, inodes)) {
                    Owner o = inodes.get(r.inode);
                    int count = p.family == AddressFamily.AF_UNIX ? o.n : 1;
                    for (int i = 0; i < count; i++) {
                        out.add(new ProcessConnection(o.fds[i], p.family, r.type, r.laddr, r.raddr, r.status));
                    }
                }
            }
        }
        // psutil's _raise_if_not_alive(): the fds may have belonged to a process now gone
        ProcBuffer b = ProcBuffer.get();
        b.path(Roots.procBytes()).append(SLASH).append(pid);
        int err = directoryErrno(b);
        if (err == Native.ENOENT || err == Native.ESRCH) {
            throw new NoSuchProcessException(pid, null, "process exited while reading its sockets");
        }
        return new ArrayList<>(out);
    }

    /** 0 if the directory at b's path opens, else errno. */
    private static int directoryErrno(ProcBuffer b) {
        byte[] path = b.pathString().getBytes(StandardCharsets.UTF_8);
        int fd = FileIo.openDirectory(path, path.length);
        if (fd >= 0) {
            FileIo.close(fd);
            return 0;
        }
        return -fd;
    }

    /**
     * inode -> owner for every readable process; a later (higher) pid comes first, chaining the
     * earlier ones. {@code denied[0]}, when given, is set if some fd table could not be read.
     */
    static Map<Long, Owner> allInodes(boolean[] denied) {
        Map<Long, Owner> inodes = new HashMap<>();
        var fds = new DirList.Ints();
        for (int pid : pids()) {
            int n = listFds(pid, fds);
            if (n >= 0) { // vanished or access denied: skipped, as psutil
                if (!scanFds(pid, fds, inodes) && denied != null) { // denied links: ownerless, as psutil
                    denied[0] = true;
                }
            } else if ((n == -Native.EACCES || n == -Native.EPERM) && denied != null) {
                denied[0] = true;
            }
        }
        return inodes;
    }

    /** Numeric entries of /proc, ascending (psutil's pids()), listed with getdents64. */
    static int[] pids() {
        var ints = new DirList.Ints();
        byte[] root = Roots.procBytes();
        int n = DirList.numericEntries(root, root.length, ints);
        if (n < 0) {
            throw new UncheckedIOException(new IOException("cannot list " + Roots.proc() + ": " + Native.errnoName(-n)));
        }
        ints.sort();
        return ints.toArray();
    }

    /** The fd numbers of {@code pid} into {@code out} (cleared first); their count or -errno. */
    private static int listFds(int pid, DirList.Ints out) {
        out.clear();
        ProcBuffer b = ProcBuffer.get();
        b.path(Roots.procBytes()).append(SLASH).append(pid).append(FD_DIR);
        return DirList.numericEntries(b.pathArray(), b.pathLength(), out);
    }

    /**
     * Reads the fd links of {@code pid}, recording sockets; an fd closed meanwhile is skipped.
     * Returns false, having stopped, when a link may not be read (EACCES/EPERM: e.g. a pid 1
     * in a sandbox, even for root), as psutil's get_proc_inodes raises there.
     */
    private static boolean scanFds(int pid, DirList.Ints fds, Map<Long, Owner> inodes) {
        ProcBuffer b = ProcBuffer.get();
        for (int i = 0; i < fds.size(); i++) {
            int fd = fds.get(i);
            int n = b.path(Roots.procBytes()).append(SLASH).append(pid).append(FD_SLASH).append(fd).readlink();
            if (n == -Native.EACCES || n == -Native.EPERM) {
                return false;
            }
            if (n <= SOCKET_PREFIX.length) {
                continue; // ENOENT (closed), EINVAL (not a link), or not a socket
            }
            ByteCursor c = b.cursor();
            if (!c.consume(SOCKET_PREFIX)) {
                continue;
            }
            long inode = c.nextLong();
            if (inode < 0) {
                continue;
            }
            Owner o = inodes.get(inode);
            if (o == null || o.pid != pid) {
                o = new Owner(pid, o);
                inodes.put(inode, o);
            }
            o.add(fd);
        }
        return true;
    }

    /**
     * The sockets of one /proc/net file; when {@code only} is given, just those whose inode is
     * in it (a process's own sockets), decoding addresses only for those.
     */
    private static List<Row> rows(Proto p, Map<Long, Owner> only) {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(p.file).read();
        var rows = new ArrayList<Row>();
        if (n < 0) {
            if (p.family == AddressFamily.AF_INET6 && n == -Native.ENOENT) {
                return rows; // kernel without IPv6
            }
            throw new UncheckedIOException(new IOException(
                    "cannot read " + b.pathString() + ": " + Native.errnoName(-n)));
        }
        ByteCursor c = b.cursor();
        if (p.family == AddressFamily.AF_UNIX) {
            ProcNetUnix.parse(c, l -> {
                SocketType t = SocketType.of(l.type);
                if (t == null || (only != null && !only.containsKey(l.inode))) {
                    return; // a type Linux does not define for AF_UNIX
                }
                Optional<Addr> laddr = l.pathFrom == l.pathTo ? Optional.empty()
                        : Optional.of(new Addr.Unix(new String(l.buf, l.pathFrom, l.pathTo - l.pathFrom,
                                StandardCharsets.UTF_8)));
                rows.add(new Row(p, t, laddr, Optional.empty(), ConnectionStatus.NONE, l.inode, l.state,
                        l.refCount, l.kernelAddress, -1, -1, -1, l.flags));
            });
        } else {
            boolean v6 = p.family == AddressFamily.AF_INET6;
            ProcNetTcp.parse(c, v6, l -> {
                if (only != null && !only.containsKey(l.inode)) {
                    return;
                }
                ConnectionStatus st = p.type == SocketType.SOCK_STREAM
                        ? ConnectionStatus.ofTcpState(l.state) : ConnectionStatus.NONE;
                rows.add(new Row(p, p.type, addr(l.laddr, l.lport, v6), addr(l.raddr, l.rport, v6), st, l.inode,
                        l.state, Math.max(l.refCount, 0), l.kernelAddress, l.uid, l.rxQueue, l.txQueue, -1));
            });
        }
        return rows;
    }

    /** psutil's decode_address: port 0 means no address ({@code ()}). */
    static Optional<Addr> addr(byte[] ip, int port, boolean v6) {
        if (port == 0) {
            return Optional.empty();
        }
        return Optional.of(new Addr.Inet(v6 ? ProcNetTcp.ipv6(ip) : ProcNetTcp.ipv4(ip), port));
    }
}
