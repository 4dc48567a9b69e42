package psutil4j.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import psutil4j.Addr;
import psutil4j.AddressFamily;
import psutil4j.ConnectionStatus;
import psutil4j.NetConnection;
import psutil4j.NetIfAddr;
import psutil4j.NetIfStats;
import psutil4j.NetIoCounters;
import psutil4j.NetSocket;
import psutil4j.NetSockets;
import psutil4j.NicDuplex;
import psutil4j.NoSuchProcessException;
import psutil4j.ProcessConnection;
import psutil4j.SocketType;
import psutil4j.internal.ffi.NetCalls;
import psutil4j.internal.linux.proc.ProcNetDev;
import psutil4j.internal.linux.proc.ProcNetTcp;
import psutil4j.internal.linux.proc.ProcNetUnix;
import psutil4j.internal.linux.sys.SysClassNet;
import psutil4j.internal.parse.ByteCursor;

/** Parsers of /proc/net/{dev,tcp*,udp*,unix} and /sys/class/net on fixture trees. */
@org.junit.jupiter.api.parallel.Isolated("changes the global /proc and /sys roots")
class NetParserTest {

    static final Path ODD = fixture("net-odd");
    static final Path LIVE = fixture("net-live");

    private final Path origProc = Roots.proc();
    private final Path origSys = Roots.sys();
    private final Path origUtmp = Roots.utmp();

    static Path fixture(String name) {
        try {
            return Path.of(NetParserTest.class.getResource("/linux/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void restoreRoots() {
        Roots.set(origProc, origSys, origUtmp);
        LinuxNetwork.clearIoCountersCache();
    }

    static ByteCursor cursor(Path p) throws IOException {
        return new ByteCursor(Files.readAllBytes(p));
    }

    // ---- /proc/net/dev

    @Test
    void devNamesWithDotsDashesAndTouchingColon() throws IOException {
        var t = new ProcNetDev.Table();
        int n = ProcNetDev.parse(cursor(ODD.resolve("proc/net/dev")), new ProcNetDev.NameCache(), t);
        assertEquals(4, n);
        assertEquals(List.of("lo", "eth0.100", "br-1a2b", "veth-x"), java.util.Arrays.asList(t.names).subList(0, n));
        // veth-x: receive 7 8 9 10 (11..14 unused), transmit 15 16 17 18 (19..22 unused)
        assertEquals(15, t.get(3, ProcNetDev.BYTES_SENT));
        assertEquals(7, t.get(3, ProcNetDev.BYTES_RECV));
        assertEquals(16, t.get(3, ProcNetDev.PACKETS_SENT));
        assertEquals(8, t.get(3, ProcNetDev.PACKETS_RECV));
        assertEquals(9, t.get(3, ProcNetDev.ERRIN));
        assertEquals(17, t.get(3, ProcNetDev.ERROUT));
        assertEquals(10, t.get(3, ProcNetDev.DROPIN));
        assertEquals(18, t.get(3, ProcNetDev.DROPOUT));
        // eth0.100 has no blank after the colon
        assertEquals(1000, t.get(1, ProcNetDev.BYTES_RECV));
        assertEquals(2000, t.get(1, ProcNetDev.BYTES_SENT));
        assertEquals(4, t.get(1, ProcNetDev.DROPOUT));
        // u64 counters beyond Long.MAX_VALUE
        assertEquals("18446744073709551615", Long.toUnsignedString(t.get(2, ProcNetDev.BYTES_RECV)));
        assertEquals("18446744073709551000", Long.toUnsignedString(t.get(2, ProcNetDev.BYTES_SENT)));
    }

    @Test
    void devExtraColumns() throws IOException {
        var t = new ProcNetDev.Table();
        ProcNetDev.parse(cursor(ODD.resolve("proc/net/dev")), new ProcNetDev.NameCache(), t);
        // veth-x: receive fifo frame compressed multicast 11..14, transmit fifo colls carrier compressed 19..22
        long[] want = {11, 12, 13, 14, 19, 20, 21, 22};
        for (int f = 0; f < ProcNetDev.EXTRA_FIELDS; f++) {
            assertEquals(want[f], t.extra(3, f));
            assertEquals(0, t.extra(1, f));
        }
    }

    @Test
    void netIoCountersExOnFixture() {
        Roots.set(ODD.resolve("proc"), ODD.resolve("sys"), origUtmp);
        Map<String, psutil4j.NetIoCountersEx> m = LinuxNetwork.ioCountersEx();
        assertEquals(List.of("lo", "eth0.100", "br-1a2b", "veth-x"), List.copyOf(m.keySet()));
        assertEquals(new psutil4j.NetIoCountersEx(15, 7, 16, 8, 9, 17, 10, 18, 11, 12, 13, 14, 19, 20, 21, 22,
                OptionalLong.empty()), m.get("veth-x"), "no /sys entry: no queue length");
        assertEquals(OptionalLong.of(1000), m.get("lo").txQueueLen());
        assertEquals(OptionalLong.of(500), m.get("eth0.100").txQueueLen());
        assertEquals(2000, m.get("eth0.100").bytesSent());
    }

    @Test
    void devNamesAreReusedAcrossParses() throws IOException {
        var cache = new ProcNetDev.NameCache();
        var t1 = new ProcNetDev.Table();
        var t2 = new ProcNetDev.Table();
        ProcNetDev.parse(cursor(ODD.resolve("proc/net/dev")), cache, t1);
        ProcNetDev.parse(cursor(ODD.resolve("proc/net/dev")), cache, t2);
        for (int i = 0; i < t1.n; i++) {
            assertSame(t1.names[i], t2.names[i]);
        }
    }

    @Test
    void devLiveFixture() throws IOException {
        var t = new ProcNetDev.Table();
        List<String> lines = Files.readAllLines(LIVE.resolve("proc/net/dev"));
        int n = ProcNetDev.parse(cursor(LIVE.resolve("proc/net/dev")), new ProcNetDev.NameCache(), t);
        assertEquals(lines.size() - 2, n);
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 2).substring(lines.get(i + 2).lastIndexOf(':') + 1).trim().split("\\s+");
            assertEquals(Long.parseLong(f[0]), t.get(i, ProcNetDev.BYTES_RECV));
            assertEquals(Long.parseLong(f[8]), t.get(i, ProcNetDev.BYTES_SENT));
        }
    }

    @Test
    void nowrapKeepsCountersMonotonic(@TempDir Path tmp) throws IOException {
        Path dev = tmp.resolve("proc/net/dev");
        Files.createDirectories(dev.getParent());
        String head = "Inter-|   Receive |  Transmit\n face |bytes packets|bytes packets\n";
        Roots.set(tmp.resolve("proc"), tmp.resolve("sys"), origUtmp);
        LinuxNetwork.clearIoCountersCache();
        Files.writeString(dev, head + "eth0.100: 4294967000 10 0 0 0 0 0 0 500 5 0 0 0 0 0 0\n"
                + "veth-x: 100 1 0 0 0 0 0 0 100 1 0 0 0 0 0 0\n");
        assertEquals(4294967000L, LinuxNetwork.ioCountersPernic(true).get("eth0.100").bytesRecv());
        // a 32-bit counter wrapped to 200; the other NIC went on normally
        Files.writeString(dev, head + "eth0.100: 200 12 0 0 0 0 0 0 600 6 0 0 0 0 0 0\n"
                + "veth-x: 150 2 0 0 0 0 0 0 100 1 0 0 0 0 0 0\n");
        Map<String, NetIoCounters> m = LinuxNetwork.ioCountersPernic(true);
        assertEquals(4294967000L + 200, m.get("eth0.100").bytesRecv());
        assertEquals(12, m.get("eth0.100").packetsRecv());
        assertEquals(150, m.get("veth-x").bytesRecv());
        assertEquals(200, LinuxNetwork.ioCountersPernic(false).get("eth0.100").bytesRecv());
        NetIoCounters total = LinuxNetwork.ioCounters(true);
        assertEquals(4294967000L + 200 + 150, total.bytesRecv());
        assertEquals(700, total.bytesSent());
        assertEquals(200 + 150, LinuxNetwork.ioCounters(false).bytesRecv());
        // cache_clear() starts over from the raw values
        LinuxNetwork.clearIoCountersCache();
        assertEquals(200, LinuxNetwork.ioCountersPernic(true).get("eth0.100").bytesRecv());
    }

    @Test
    void nowrapForgetsRemovedNics(@TempDir Path tmp) throws IOException {
        Path dev = tmp.resolve("proc/net/dev");
        Files.createDirectories(dev.getParent());
        String head = "h1\nh2\n";
        Roots.set(tmp.resolve("proc"), tmp.resolve("sys"), origUtmp);
        LinuxNetwork.clearIoCountersCache();
        Files.writeString(dev, head + "veth-x: 1000 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
        LinuxNetwork.ioCountersPernic(true);
        Files.writeString(dev, head + "lo: 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
        LinuxNetwork.ioCountersPernic(true);
        // veth-x came back as a new interface: no offset from its previous life
        Files.writeString(dev, head + "veth-x: 10 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
        assertEquals(10, LinuxNetwork.ioCountersPernic(true).get("veth-x").bytesRecv());
    }

    // ---- /proc/net/tcp*, udp*

    record Sock(String laddr, int lport, String raddr, int rport, int state, long inode) {
    }

    static List<Sock> inet(Path file, boolean v6) throws IOException {
        var out = new ArrayList<Sock>();
        ProcNetTcp.parse(cursor(file), v6, l -> out.add(new Sock(
                v6 ? ProcNetTcp.ipv6(l.laddr) : ProcNetTcp.ipv4(l.laddr), l.lport,
                v6 ? ProcNetTcp.ipv6(l.raddr) : ProcNetTcp.ipv4(l.raddr), l.rport, l.state, l.inode)));
        return out;
    }

    /** (tx, rx, uid, refcount, kernel address) of each line. */
    record Extra(long tx, long rx, long uid, long refs, long kernelAddress) {
    }

    @Test
    void tcpQueuesUidRefsAndKernelAddress() throws IOException {
        var out = new ArrayList<Extra>();
        ProcNetTcp.parse(cursor(ODD.resolve("proc/net/tcp")), false,
                l -> out.add(new Extra(l.txQueue, l.rxQueue, l.uid, l.refCount, l.kernelAddress)));
        assertEquals(List.of(
                new Extra(0, 3, 0, 1, 0x66192c91L),               // LISTEN: rx_queue is the accept backlog
                new Extra(0x2A, 0x400, 1000, 2, 0xffff888012345678L), // a raw address above 2^63
                new Extra(0, 0, 0, 1, 0)), out);                  // TIME_WAIT: all 0
        out.clear();
        ProcNetTcp.parse(cursor(ODD.resolve("proc/net/udp")), false,
                l -> out.add(new Extra(l.txQueue, l.rxQueue, l.uid, l.refCount, l.kernelAddress)));
        assertEquals(2, out.size());
    }

    @Test
    void tcp4() throws IOException {
        assertEquals(List.of(
                new Sock("127.0.0.1", 22, "0.0.0.0", 0, 0x0A, 1001),
                new Sock("10.0.0.5", 22, "192.168.1.10", 54321, 1, 1002),
                new Sock("10.0.0.5", 40000, "93.184.216.34", 443, 6, 0)),
                inet(ODD.resolve("proc/net/tcp"), false)); // the garbage line is skipped
    }

    @Test
    void tcp6WithMappedAndLinkLocal() throws IOException {
        assertEquals(List.of(
                new Sock("::1", 8080, "::", 0, 0x0A, 2001),
                new Sock("::", 22, "::", 0, 0x0A, 2002),
                new Sock("::ffff:127.0.0.1", 35908, "::ffff:127.0.0.1", 39869, 8, 2003),
                new Sock("fe80::1", 5000, "2001:db8::1234:5678", 6000, 1, 2004)),
                inet(ODD.resolve("proc/net/tcp6"), true));
    }

    @Test
    void udp() throws IOException {
        assertEquals(List.of(new Sock("0.0.0.0", 68, "0.0.0.0", 0, 7, 3001),
                new Sock("127.0.0.53", 53, "0.0.0.0", 0, 7, 3002)), inet(ODD.resolve("proc/net/udp"), false));
        assertEquals(List.of(new Sock("::", 5353, "::", 0, 7, 3003)), inet(ODD.resolve("proc/net/udp6"), true));
    }

    @Test
    void liveFixturesParseEveryLine() throws IOException {
        for (String f : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path p = LIVE.resolve("proc/net/" + f);
            assertEquals(Files.readAllLines(p).size() - 1, inet(p, f.endsWith("6")).size(), f);
        }
    }

    /** The Java inet_ntop6 must write exactly what glibc's writes (psutil calls it). */
    @Test
    void ipv6TextMatchesGlibcInetNtop() {
        var rnd = new Random(42);
        List<byte[]> cases = new ArrayList<>();
        for (String s : List.of("::", "::1", "::ffff:1.2.3.4", "::1.2.3.4", "1::", "1:0:0:1::", "0:0:1::1",
                "1:0:1:0:1:0:1:0", "fe80::1", "::ffff:0:1.2.3.4", "64:ff9b::1.2.3.4", "::2:3:4:5:6:7:8")) {
            cases.add(ipv6Bytes(s));
        }
        for (int i = 0; i < 20000; i++) {
            byte[] b = new byte[16];
            for (int w = 0; w < 8; w++) {
                // mostly zero words, to exercise the "::" rules
                int v = rnd.nextInt(3) == 0 ? rnd.nextInt(0x10000) : (rnd.nextInt(10) == 0 ? 0xffff : 0);
                b[2 * w] = (byte) (v >> 8);
                b[2 * w + 1] = (byte) v;
            }
            cases.add(b);
        }
        for (byte[] b : cases) {
            assertEquals(NetCalls.inetNtop(NetCalls.AF_INET6, b), ProcNetTcp.ipv6(b));
        }
        for (int i = 0; i < 1000; i++) {
            byte[] b = new byte[4];
            rnd.nextBytes(b);
            assertEquals(NetCalls.inetNtop(NetCalls.AF_INET, b), ProcNetTcp.ipv4(b));
        }
    }

    static byte[] ipv6Bytes(String s) {
        try {
            return java.net.InetAddress.getByName(s).getAddress().length == 16
                    ? java.net.InetAddress.getByName(s).getAddress()
                    : mapped(java.net.InetAddress.getByName(s).getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] mapped(byte[] v4) { // Java folds ::ffff:a.b.c.d to IPv4
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }

    // ---- /proc/net/unix

    record Unix(int type, long inode, String path) {
    }

    @Test
    void unixPathsAbstractUnnamedAndSpaces() throws IOException {
        var out = new ArrayList<Unix>();
        ProcNetUnix.parse(cursor(ODD.resolve("proc/net/unix")), l ->
                out.add(new Unix(l.type, l.inode, new String(l.buf, l.pathFrom, l.pathTo - l.pathFrom))));
        assertEquals(List.of(
                new Unix(1, 4001, "/run/dbus/system_bus_socket"),
                new Unix(2, 4002, "@/org/freedesktop/systemd1/notify"),
                new Unix(5, 4003, ""),
                new Unix(1, 4004, "/tmp/my sock"),
                new Unix(1, 4005, "")), out); // the "continuation" line (#766) is skipped
    }

    record UnixExtra(long kernelAddress, long refs, long flags, int state) {
    }

    @Test
    void unixAddressRefsFlagsAndState() throws IOException {
        var out = new ArrayList<UnixExtra>();
        ProcNetUnix.parse(cursor(ODD.resolve("proc/net/unix")), l ->
                out.add(new UnixExtra(l.kernelAddress, l.refCount, l.flags, l.state)));
        assertEquals(List.of(
                new UnixExtra(0x19996a47L, 2, ProcNetUnix.SO_ACCEPTCON, 1),
                new UnixExtra(0x19996a48L, 2, 0, 1),
                new UnixExtra(0x19996a49L, 3, 0, 3),
                new UnixExtra(0x19996a4aL, 2, ProcNetUnix.SO_ACCEPTCON, 1),
                new UnixExtra(0x19996a4bL, 3, 0, 3)), out);
    }

    // ---- connections joined with fake /proc/<pid>/fd links

    /** A procfs with the odd net files and two processes sharing sockets. */
    static Path fakeProc(Path tmp) throws IOException {
        Path proc = tmp.resolve("proc");
        Files.createDirectories(proc.resolve("net"));
        try (Stream<Path> s = Files.list(ODD.resolve("proc/net"))) {
            for (Path f : s.toList()) {
                Files.copy(f, proc.resolve("net").resolve(f.getFileName().toString()));
            }
        }
        link(proc, 100, 3, "socket:[1001]");
        link(proc, 100, 4, "socket:[4001]");
        link(proc, 100, 5, "socket:[4001]");
        link(proc, 100, 6, "socket:[2003]");
        link(proc, 100, 9, "pipe:[77]");
        link(proc, 200, 7, "socket:[1001]"); // shared with pid 100: the higher pid is reported
        link(proc, 200, 0, "anon_inode:[eventfd]");
        link(proc, 200, 8, "socket:[3001]");
        link(proc, 200, 10, "socket:[3001]");
        Files.createDirectories(proc.resolve("300")); // no fd dir: skipped
        Files.createDirectories(proc.resolve("self"));
        return proc;
    }

    private static void link(Path proc, int pid, int fd, String target) throws IOException {
        Path dir = proc.resolve(pid + "/fd");
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve(String.valueOf(fd)), Path.of(target));
    }

    static Optional<Addr> in(String ip, int port) {
        return Optional.of(new Addr.Inet(ip, port));
    }

    @Test
    void connectionsJoinOwners(@TempDir Path tmp) throws IOException {
        Roots.set(fakeProc(tmp), origSys, origUtmp);
        List<NetConnection> all = LinuxNetConnections.all("all");
        Set<NetConnection> set = new HashSet<>(all);
        assertEquals(all.size(), set.size(), "no duplicates");
        var i4 = AddressFamily.AF_INET;
        var st = SocketType.SOCK_STREAM;
        assertTrue(set.contains(new NetConnection(7, i4, st, in("127.0.0.1", 22), Optional.empty(),
                ConnectionStatus.LISTEN, OptionalInt.of(200))), all.toString());
        assertTrue(set.contains(new NetConnection(-1, i4, st, in("10.0.0.5", 22), in("192.168.1.10", 54321),
                ConnectionStatus.ESTABLISHED, OptionalInt.empty())));
        assertTrue(set.contains(new NetConnection(6, AddressFamily.AF_INET6, st, in("::ffff:127.0.0.1", 35908),
                in("::ffff:127.0.0.1", 39869), ConnectionStatus.CLOSE_WAIT, OptionalInt.of(100))));
        // UDP: status NONE whatever the kernel's st; first fd of the owner
        assertTrue(set.contains(new NetConnection(8, i4, SocketType.SOCK_DGRAM, in("0.0.0.0", 68), Optional.empty(),
                ConnectionStatus.NONE, OptionalInt.of(200))));
        // a UNIX socket held by two fds: one entry per fd
        var bus = Optional.<Addr>of(new Addr.Unix("/run/dbus/system_bus_socket"));
        for (int fd : new int[] {4, 5}) {
            assertTrue(set.contains(new NetConnection(fd, AddressFamily.AF_UNIX, st, bus, Optional.empty(),
                    ConnectionStatus.NONE, OptionalInt.of(100))));
        }
        // unnamed, unowned UNIX sockets of the same type collapse into one (psutil's set)
        assertEquals(1, all.stream().filter(c -> c.family() == AddressFamily.AF_UNIX && c.laddr().isEmpty()
                && c.type() == st).count());
        assertEquals(3 + 4 + 2 + 1 + (2 + 1 + 1 + 1 + 1), all.size(), all.toString());

        assertEquals(3 + 2, LinuxNetConnections.all("inet4").size());
        assertTrue(LinuxNetConnections.all("tcp6").stream().allMatch(c -> c.family() == AddressFamily.AF_INET6
                && c.type() == st));
        assertTrue(LinuxNetConnections.all("udp").stream().allMatch(c -> c.status() == ConnectionStatus.NONE));
    }

    @Test
    void connectionsOfOnePid(@TempDir Path tmp) throws IOException {
        Roots.set(fakeProc(tmp), origSys, origUtmp);
        List<ProcessConnection> p100 = LinuxNetConnections.forPid(100, "all");
        assertEquals(Set.of(
                new ProcessConnection(3, AddressFamily.AF_INET, SocketType.SOCK_STREAM, in("127.0.0.1", 22),
                        Optional.empty(), ConnectionStatus.LISTEN),
                new ProcessConnection(6, AddressFamily.AF_INET6, SocketType.SOCK_STREAM, in("::ffff:127.0.0.1", 35908),
                        in("::ffff:127.0.0.1", 39869), ConnectionStatus.CLOSE_WAIT),
                new ProcessConnection(4, AddressFamily.AF_UNIX, SocketType.SOCK_STREAM,
                        Optional.of(new Addr.Unix("/run/dbus/system_bus_socket")), Optional.empty(), ConnectionStatus.NONE),
                new ProcessConnection(5, AddressFamily.AF_UNIX, SocketType.SOCK_STREAM,
                        Optional.of(new Addr.Unix("/run/dbus/system_bus_socket")), Optional.empty(), ConnectionStatus.NONE)),
                new HashSet<>(p100));
        assertEquals(1, LinuxNetConnections.forPid(200, "udp4").size());
        assertEquals(List.of(), LinuxNetConnections.forPid(200, "unix"));
        assertThrows(NoSuchProcessException.class, () -> LinuxNetConnections.forPid(999, "all"));
    }

    @Test
    void socketsOnceEachWithDetailsAndEveryHolder(@TempDir Path tmp) throws IOException {
        Roots.set(fakeProc(tmp), origSys, origUtmp);
        NetSockets tcp = LinuxNetConnections.sockets("tcp4", true);
        assertTrue(tcp.ownersComplete());
        assertEquals(3, tcp.sockets().size());
        NetSocket listen = tcp.sockets().get(0);
        assertEquals(new NetSocket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, in("127.0.0.1", 22), Optional.empty(),
                ConnectionStatus.LISTEN, 0x0A, 1001, 1, 0x66192c91L, OptionalLong.of(0), OptionalLong.of(3),
                OptionalLong.of(0), OptionalLong.empty(), List.of(100, 200)), listen, "both holders, ascending");
        NetSocket est = tcp.sockets().get(1);
        assertEquals(OptionalLong.of(0x400), est.recvQueue());
        assertEquals(OptionalLong.of(0x2A), est.sendQueue());
        assertEquals(OptionalLong.of(1000), est.uid());
        assertEquals(List.of(), est.pids(), "no process holds it");
        assertEquals(0, tcp.sockets().get(2).inode(), "TIME_WAIT");

        List<NetSocket> unix = LinuxNetConnections.sockets("unix", true).sockets();
        assertEquals(5, unix.size(), "one per socket, not per fd");
        NetSocket bus = unix.get(0);
        assertEquals(Optional.of(new Addr.Unix("/run/dbus/system_bus_socket")), bus.laddr());
        assertEquals(OptionalLong.of(NetSocket.SO_ACCEPTCON), bus.flags());
        assertEquals(List.of(100), bus.pids());
        assertTrue(bus.uid().isEmpty() && bus.recvQueue().isEmpty() && bus.sendQueue().isEmpty());
        assertEquals(3, unix.get(2).state());
        assertEquals(SocketType.SOCK_SEQPACKET, unix.get(2).type());

        NetSockets noOwners = LinuxNetConnections.sockets("all", false);
        assertFalse(noOwners.ownersComplete());
        assertTrue(noOwners.sockets().stream().allMatch(x -> x.pids().isEmpty()));
        assertEquals(3 + 4 + 2 + 1 + 5, noOwners.sockets().size());
        // psutil's view is unchanged: the highest pid of a shared socket
        assertTrue(LinuxNetConnections.all("tcp4").stream().anyMatch(c -> c.pid().equals(OptionalInt.of(200))
                && c.laddr().equals(in("127.0.0.1", 22))));
    }

    @Test
    void unknownKindListsValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> LinuxNetConnections.all("tcp5"));
        assertTrue(e.getMessage().contains("'tcp5'"), e.getMessage());
        for (String k : List.of("all", "tcp", "tcp4", "udp", "udp4", "inet", "inet4", "inet6", "tcp6", "udp6", "unix")) {
            assertTrue(e.getMessage().contains("'" + k + "'"), e.getMessage());
        }
        assertEquals(11, LinuxNetConnections.kinds().size());
    }

    // ---- /sys/class/net

    @Test
    void sysClassNet() {
        Roots.set(ODD.resolve("proc"), ODD.resolve("sys"), origUtmp);
        Map<String, NetIfStats> m = LinuxNetwork.ifStats();
        assertEquals(List.of("lo", "eth0.100", "br-1a2b", "veth-x"), List.copyOf(m.keySet()));
        assertEquals(new NetIfStats(true, NicDuplex.UNKNOWN, 0, 65536, "up,loopback,running"), m.get("lo"));
        assertEquals(new NetIfStats(true, NicDuplex.FULL, 1000, 1500, "up,broadcast,running,multicast"),
                m.get("eth0.100"));
        // up but no carrier: not running
        assertEquals(new NetIfStats(false, NicDuplex.UNKNOWN, 0, 1500, "up,broadcast,promisc,multicast"),
                m.get("br-1a2b"));
        // SPEED_UNKNOWN (-1) is 0
        assertEquals(new NetIfStats(false, NicDuplex.HALF, 0, 9000, "broadcast,multicast"), m.get("veth-x"));
        assertNull(SysClassNet.stats("gone0"));
    }

    @Test
    void flagNamesInBitOrder() {
        assertEquals("up,broadcast,debug,loopback,pointopoint,notrailers,running,noarp,promisc,allmulti,"
                + "master,slave,multicast,portsel,automedia,dynamic", SysClassNet.flagsString(0xFFFF));
        assertEquals("", SysClassNet.flagsString(0));
        // IFF_RUNNING is derived, never taken from dev->flags; LOWER_UP (bit 16) is not listed
        assertEquals(0x1043, SysClassNet.ifrFlags(0x11003, true));
        assertEquals(0x1002, SysClassNet.ifrFlags(0x1042, true));
    }

    // ---- getifaddrs grouping (psutil's __init__.net_if_addrs)

    @Test
    void ifAddrsGroupedAsPsutil() {
        var raw = List.of(
                new NetCalls.IfAddr("lo", 0x49, NetCalls.AF_PACKET, "00:00:00:00:00:00", null, null, null),
                new NetCalls.IfAddr("eth0", 0x1043, NetCalls.AF_PACKET, "02:fc:00:00:00:01", null, "ff:ff:ff:ff:ff:ff", null),
                new NetCalls.IfAddr("tun0", 0x10d1, NetCalls.AF_UNSPEC, null, null, null, null),
                new NetCalls.IfAddr("ib0", 0x1043, NetCalls.AF_PACKET, "80:00", null, null, null),
                new NetCalls.IfAddr("lo", 0x49, NetCalls.AF_INET, "127.0.0.1", "255.0.0.0", null, null),
                new NetCalls.IfAddr("eth0", 0x1043, NetCalls.AF_INET, "10.0.0.2", "255.255.255.255", "10.0.0.2", null),
                new NetCalls.IfAddr("tun0", 0x10d1, NetCalls.AF_INET, "10.8.0.1", "255.255.255.0", null, "10.8.0.2"),
                new NetCalls.IfAddr("eth0", 0x1043, NetCalls.AF_INET6, "fe80::1%eth0", "ffff:ffff:ffff:ffff::", null, null));
        Map<String, List<NetIfAddr>> m = LinuxNetwork.group(raw);
        // NICs in order of first appearance after a stable sort by family number
        assertEquals(List.of("tun0", "lo", "eth0", "ib0"), List.copyOf(m.keySet()));
        assertEquals(List.of(AddressFamily.AF_UNSPEC, AddressFamily.AF_INET),
                m.get("tun0").stream().map(NetIfAddr::family).toList());
        assertEquals(Optional.empty(), m.get("tun0").get(0).address());
        assertEquals(Optional.of("10.8.0.2"), m.get("tun0").get(1).ptp());
        assertEquals(List.of(AddressFamily.AF_INET, AddressFamily.AF_INET6, AddressFamily.AF_LINK),
                m.get("eth0").stream().map(NetIfAddr::family).toList());
        assertEquals(Optional.empty(), m.get("eth0").get(0).broadcast(), "a /32 has no broadcast");
        assertEquals(Optional.of("ff:ff:ff:ff:ff:ff"), m.get("eth0").get(2).broadcast());
        assertEquals(Optional.of("80:00:00:00:00:00"), m.get("ib0").get(0).address(), "psutil #786 padding");
        assertNotNull(m.get("lo"));
        assertFalse(m.get("lo").isEmpty());
    }
}
