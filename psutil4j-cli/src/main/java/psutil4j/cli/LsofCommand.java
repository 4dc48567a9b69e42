package psutil4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.AccessDeniedException;
import psutil4j.Addr;
import psutil4j.AddressFamily;
import psutil4j.ConnectionStatus;
import psutil4j.FileStat;
import psutil4j.FileType;
import psutil4j.MemoryMap;
import psutil4j.NetConnection;
import psutil4j.NetSocket;
import psutil4j.NoSuchProcessException;
import psutil4j.OpenFile;
import psutil4j.ProcessFd;
import psutil4j.ProcessLink;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.SocketType;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j lsof}: the common uses of {@code lsof} on top of psutil's per-process
 * {@code cwd}, {@code exe}, {@code memory_maps}, {@code open_files} and {@code net_connections}
 * (system-wide {@code net_connections} for {@code -i}).
 *
 * <p>Descriptors psutil does not describe (pipes, character devices, anonymous inodes, other
 * socket families) come from psutil4j's {@code PsProcess.fds()} (the /proc/PID/fd links, as lsof
 * reads them); device, size and inode from its stat(2) ({@code ProcessFd.stat()},
 * {@code PsProcess.linkStat()} for cwd, rtd and txt, {@code Psutil.fileStat()} for mapped files
 * and FILE arguments); a unix socket's DEVICE (kernel address) and state from
 * {@code Psutil.netSockets("unix")}.
 * Hosts are always numeric (no DNS); ports are named from /etc/services unless {@code -P}. Selections are
 * OR-ed, or AND-ed with {@code -a}. Exit status 1 when nothing was listed, as lsof.
 */
@Command(name = "lsof", mixinStandardHelpOptions = true, version = "psutil4j lsof 0.1.0",
        description = "List open files (lsof): cwd, program, mapped files, descriptors, sockets.")
final class LsofCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Option(names = "-p", paramLabel = "PID[,PID...]", split = ",", description = "Processes with these pids.")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "-u", paramLabel = "USER[,USER...]", split = ",", description = "Processes of these users (names or uids).")
    List<String> users = new ArrayList<>();

    @Option(names = "-i", arity = "0..1", fallbackValue = "", paramLabel = "[46][PROTO][@HOST][:PORT]",
            description = "Internet sockets matching the address: -i, -i :8080, -i tcp, -i udp:53, -i 4, -i @127.0.0.1.")
    String inet;

    @Option(names = "-c", paramLabel = "NAME", description = "Processes whose command begins with NAME.")
    List<String> commands = new ArrayList<>();

    @Option(names = "-t", description = "Terse: only the pids, one per line (for kill $(lsof -t ...)).")
    boolean terse;

    @Option(names = "-a", description = "AND the selections instead of OR-ing them.")
    boolean and;

    @Option(names = "-n", description = "No host names (always the case here).")
    boolean noHostNames;

    @Option(names = "-P", description = "No port names.")
    boolean noPortNames;

    @Parameters(paramLabel = "FILE", description = "Processes that have FILE open.")
    List<String> files = new ArrayList<>();

    /** One output line. */
    record Row(String command, int pid, String user, String fd, char mode, String type, String device,
               String sizeOff, String node, String name) {
    }

    /** A parsed -i argument: empty fields match anything. */
    record InetSpec(int ipVersion, String proto, String host, int port) {
    }

    private boolean denied;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InetSpec ispec = inet == null ? null : parseInet(inet, spec);
        Set<Integer> uids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (String u : users) {
            if (u.chars().allMatch(Character::isDigit)) {
                uids.add(Integer.parseInt(u));
            } else {
                names.add(u);
            }
        }
        var fileKeys = new HashMap<String, String>(); // "major,minor:ino" -> argument
        for (String f : files) {
            Optional<FileStat> st;
            try {
                st = Psutil.fileStat(f);
            } catch (UncheckedIOException e) {
                st = Optional.empty();
            }
            if (st.isPresent()) {
                fileKeys.put(st.get().lsofDevice() + ":" + st.get().inode(), f);
            } else {
                spec.commandLine().getErr().println("lsof: status error on " + f + ": No such file or directory");
            }
        }
        Map<String, String> services = noPortNames ? Map.of() : NetstatCommand.services(Path.of("/etc/services"));
        boolean processSel = !pids.isEmpty() || !users.isEmpty() || !commands.isEmpty();
        boolean anySel = processSel || ispec != null || !files.isEmpty();
        var rows = new ArrayList<Row>();
        var jsonOut = new ArrayList<Map<String, Object>>();

        // sockets of -i: psutil's system-wide table gives pid and fd of each
        Map<Integer, List<NetConnection>> inetByPid = new HashMap<>();
        if (ispec != null) {
            for (NetConnection c : Psutil.netConnections("inet")) {
                if (matches(ispec, c.family(), c.type(), c.laddr(), c.raddr())) {
                    if (c.pid().isPresent()) {
                        inetByPid.computeIfAbsent(c.pid().getAsInt(), k -> new ArrayList<>()).add(c);
                    } else {
                        denied |= PsProcess.current().uids().effective() != 0; // the owner is hidden from us
                    }
                }
            }
        }
        for (int pid : Psutil.pids()) {
            PsProcess p;
            try {
                p = Psutil.process(pid);
            } catch (NoSuchProcessException e) {
                continue;
            }
            try {
                boolean pidOk = pids.contains(pid);
                boolean userOk = false;
                if (!users.isEmpty()) {
                    userOk = uids.contains((int) p.uids().real()) || names.contains(p.username());
                }
                boolean cmdOk = false;
                if (!commands.isEmpty()) {
                    String cmd = command(p);
                    cmdOk = commands.stream().anyMatch(cmd::startsWith);
                }
                boolean procMatch = (pids.isEmpty() || pidOk) && (users.isEmpty() || userOk)
                        && (commands.isEmpty() || cmdOk);
                boolean procAny = pidOk || userOk || cmdOk;
                if (and) {
                    if (processSel && !procMatch) {
                        continue;
                    }
                } else if (anySel && !procAny && !inetByPid.containsKey(pid) && files.isEmpty()) {
                    continue;
                }
                List<Row> prows;
                if (ispec != null && (!procAny || and) && files.isEmpty()) {
                    prows = inetRows(p, inetByPid.getOrDefault(pid, List.of()), services);
                    if (procAny && !and) {
                        prows = processRows(p, services);
                    }
                } else {
                    prows = processRows(p, services);
                }
                if (!files.isEmpty()) {
                    var keep = new ArrayList<Row>();
                    for (Row r : prows) {
                        boolean fileHit = r.device() != null && fileKeys.containsKey(r.device() + ":" + r.node());
                        if (fileHit || (!and && procAny)) {
                            keep.add(r);
                        }
                    }
                    if (!and && ispec != null) {
                        for (Row r : inetRows(p, inetByPid.getOrDefault(pid, List.of()), services)) {
                            if (!keep.contains(r)) {
                                keep.add(r);
                            }
                        }
                    }
                    prows = keep;
                }
                if (prows.isEmpty()) {
                    continue;
                }
                rows.addAll(prows);
                if (json.json) {
                    jsonOut.add(jsonFor(p, prows));
                }
            } catch (AccessDeniedException e) {
                denied = true;
            } catch (NoSuchProcessException e) {
                // gone meanwhile
            }
        }
        if (json.json) {
            out.println(Json.write(jsonOut, json.pretty));
        } else if (terse) {
            rows.stream().mapToInt(Row::pid).distinct().forEach(out::println);
        } else if (!rows.isEmpty()) {
            render(rows, out);
        }
        out.flush();
        if (denied) {
            boolean root = PsProcess.current().uids().effective() == 0;
            spec.commandLine().getErr().println("lsof: some processes could not be read (permission denied)"
                    + (root ? "" : "; run as root to see them"));
            spec.commandLine().getErr().flush();
        }
        return rows.isEmpty() ? 1 : 0;
    }

    /** "[46][tcp|udp][@host][:port]". */
    static InetSpec parseInet(String s, CommandSpec spec) {
        String rest = s;
        int ver = 0;
        if (rest.startsWith("4") || rest.startsWith("6")) {
            ver = rest.charAt(0) - '0';
            rest = rest.substring(1);
        }
        String proto = "";
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tcp") || lower.startsWith("udp")) {
            proto = lower.substring(0, 3);
            rest = rest.substring(3);
        }
        String host = "";
        int port = 0;
        if (rest.startsWith("@")) {
            int c = rest.lastIndexOf(':');
            int close = rest.lastIndexOf(']');
            if (c > close) {
                host = rest.substring(1, c);
                rest = rest.substring(c);
            } else {
                host = rest.substring(1);
                rest = "";
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
        }
        if (rest.startsWith(":")) {
            try {
                port = Integer.parseInt(rest.substring(1));
            } catch (NumberFormatException e) {
                var named = new HashMap<String, String>();
                NetstatCommand.services(Path.of("/etc/services")).forEach((k, v) -> named.putIfAbsent(v, k));
                String pp = named.get(rest.substring(1));
                if (pp == null) {
                    throw new ParameterException(spec.commandLine(), "unknown port: " + rest.substring(1));
                }
                port = Integer.parseInt(pp.substring(0, pp.indexOf('/')));
            }
            rest = "";
        }
        if (!rest.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "unacceptable Internet address: -i " + s);
        }
        return new InetSpec(ver, proto, host, port);
    }

    static boolean matches(InetSpec s, AddressFamily fam, SocketType type, java.util.Optional<Addr> l,
                           java.util.Optional<Addr> r) {
        if (fam != AddressFamily.AF_INET && fam != AddressFamily.AF_INET6) {
            return false;
        }
        if (s.ipVersion() == 4 && fam != AddressFamily.AF_INET || s.ipVersion() == 6 && fam != AddressFamily.AF_INET6) {
            return false;
        }
        if (s.proto().equals("tcp") && type != SocketType.SOCK_STREAM || s.proto().equals("udp") && type != SocketType.SOCK_DGRAM) {
            return false;
        }
        boolean portOk = s.port() == 0;
        boolean hostOk = s.host().isEmpty();
        for (var a : List.of(l, r)) {
            if (a.isPresent() && a.get() instanceof Addr.Inet in) {
                if (in.port() == s.port()) {
                    portOk = true;
                }
                if (in.ip().equals(s.host()) || in.ip().equals("::ffff:" + s.host())) {
                    hostOk = true;
                }
            }
        }
        return portOk && hostOk;
    }

    /** Rows for the given sockets of a process (selection by -i alone). */
    private List<Row> inetRows(PsProcess p, List<NetConnection> conns, Map<String, String> services) {
        var rows = new ArrayList<Row>();
        if (conns.isEmpty()) {
            return rows;
        }
        String cmd = command(p);
        String user = p.username();
        Map<Integer, ProcessFd> fds = new HashMap<>();
        for (ProcessFd f : p.fds()) {
            fds.put(f.fd(), f);
        }
        for (NetConnection c : conns) {
            ProcessFd f = fds.get(c.fd());
            if (f == null) {
                continue; // closed meanwhile
            }
            rows.add(socketRow(cmd, p.pid(), user, c.fd(), f.accessMode(), c.family(), c.type(),
                    c.laddr(), c.raddr(), c.status(), socketInode(f), services, unixTable()));
        }
        rows.sort((a, b) -> Integer.compare(Integer.parseInt(a.fd()), Integer.parseInt(b.fd())));
        return rows;
    }

    /** Everything lsof lists for one process: cwd, rtd, txt, mem, then descriptors in order. */
    private List<Row> processRows(PsProcess p, Map<String, String> services) {
        var rows = new ArrayList<Row>();
        String cmd = command(p);
        String user = p.username();
        int pid = p.pid();
        try {
            String cwd = p.cwd();
            if (!cwd.isEmpty()) {
                rows.add(fileRow(cmd, pid, user, "cwd", ' ', p.linkStat(ProcessLink.CWD), cwd));
            }
        } catch (AccessDeniedException e) {
            denied = true;
        }
        try {
            String root = p.root();
            if (!root.isEmpty()) {
                rows.add(fileRow(cmd, pid, user, "rtd", ' ', p.linkStat(ProcessLink.ROOT), root));
            }
        } catch (AccessDeniedException e) {
            // lsof prints the error; we leave the line out, as for a kernel thread
        }
        String exe = "";
        try {
            exe = p.exe();
            if (!exe.isEmpty()) {
                rows.add(fileRow(cmd, pid, user, "txt", ' ', p.linkStat(ProcessLink.EXE), exe));
            }
        } catch (AccessDeniedException e) {
            denied = true;
        }
        try {
            var seen = new HashSet<String>();
            for (MemoryMap m : p.memoryMaps()) {
                String path = m.path();
                if (!path.startsWith("/") || path.equals(exe) || path.endsWith(" (deleted)") || !seen.add(path)) {
                    continue;
                }
                rows.add(fileRow(cmd, pid, user, "mem", ' ', statOf(path), path));
            }
        } catch (AccessDeniedException e) {
            denied = true;
        }
        Map<Integer, OpenFile> files = new HashMap<>();
        Map<Integer, NetConnection> socks = new HashMap<>();
        List<ProcessFd> fds;
        try {
            for (OpenFile f : p.openFiles()) {
                files.put(f.fd(), f);
            }
            for (NetConnection c : connections(pid)) {
                socks.put(c.fd(), c);
            }
            fds = p.fds();
        } catch (AccessDeniedException e) {
            denied = true;
            return rows;
        }
        for (ProcessFd d : fds) {
            int fd = d.fd();
            OpenFile f = files.get(fd);
            if (f != null) {
                rows.add(fileRow(cmd, pid, user, Integer.toString(fd), d.accessMode(), d.stat(), f.path()));
                continue;
            }
            NetConnection c = socks.get(fd);
            if (c != null) {
                rows.add(socketRow(cmd, pid, user, fd, d.accessMode(), c.family(), c.type(), c.laddr(), c.raddr(),
                        c.status(), socketInode(d), services, unixTable()));
                continue;
            }
            rows.add(otherRow(cmd, pid, user, d));
        }
        return rows;
    }

    private static Optional<FileStat> statOf(String path) {
        try {
            return Psutil.fileStat(path);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Map<Integer, List<NetConnection>> allConnections;
    private Map<String, NetSocket> unixByInode;

    /** UNIX sockets by inode: the kernel address lsof shows as DEVICE, and the listen flag. */
    private Map<String, NetSocket> unixTable() {
        if (unixByInode == null) {
            unixByInode = new HashMap<>();
            for (NetSocket u : Psutil.netSockets("unix", false).sockets()) {
                unixByInode.put(Long.toString(u.inode()), u);
            }
        }
        return unixByInode;
    }

    /**
     * A process's sockets from psutil's system-wide {@code net_connections("all")}, read once:
     * it carries pid and fd, and spares one /proc/net scan per process.
     */
    private List<NetConnection> connections(int pid) {
        if (allConnections == null) {
            allConnections = new HashMap<>();
            for (NetConnection c : Psutil.netConnections("all")) {
                if (c.pid().isPresent()) {
                    allConnections.computeIfAbsent(c.pid().getAsInt(), k -> new ArrayList<>()).add(c);
                }
            }
        }
        return allConnections.getOrDefault(pid, List.of());
    }

    /** lsof's COMMAND: the first 9 characters of the name. */
    private static String command(PsProcess p) {
        String n = p.name();
        return n.length() > 9 ? n.substring(0, 9) : n;
    }

    /** The socket inode of a {@code socket:[N]} descriptor, as text; "" for anything else. */
    private static String socketInode(ProcessFd f) {
        return f.target().startsWith("socket:[") && f.linkInode().isPresent()
                ? Long.toString(f.linkInode().getAsLong()) : "";
    }

    /** A row for a file: type, device, size and inode from its stat(2). */
    static Row fileRow(String cmd, int pid, String user, String fd, char mode, Optional<FileStat> stat, String name) {
        if (stat.isEmpty()) {
            return new Row(cmd, pid, user, fd, mode, "unknown", "", "", "", name + " (stat failed)");
        }
        FileStat st = stat.get();
        String size = st.isDevice() || st.type() == FileType.FIFO ? "0t0" : Long.toString(st.size());
        return new Row(cmd, pid, user, fd, mode, st.type().lsofName(), st.lsofDevice(), size, Long.toString(st.inode()),
                name);
    }

    /** A descriptor psutil doesn't describe: pipe, device, anon inode, other socket. */
    static Row otherRow(String cmd, int pid, String user, ProcessFd f) {
        String fds = Integer.toString(f.fd());
        char mode = f.accessMode();
        String target = f.target();
        if (target.startsWith("/")) {
            return fileRow(cmd, pid, user, fds, mode, f.stat(), target);
        }
        String device = f.stat().map(FileStat::lsofDevice).orElse("");
        String node = f.stat().map(s -> Long.toString(s.inode())).orElse("");
        if (target.startsWith("pipe:")) {
            return new Row(cmd, pid, user, fds, mode, "FIFO", device, "0t0", node, "pipe");
        }
        if (f.type() == FileType.A_INODE) {
            return new Row(cmd, pid, user, fds, mode, "a_inode", device, "0", node,
                    target.substring("anon_inode:".length()));
        }
        if (target.startsWith("socket:[")) {
            return new Row(cmd, pid, user, fds, mode, "sock", "0,8", "0t0", socketInode(f), "protocol: UNKNOWN");
        }
        return new Row(cmd, pid, user, fds, mode, "unknown", "", "", "", target);
    }

    static Row socketRow(String cmd, int pid, String user, int fd, char mode, AddressFamily fam, SocketType type,
                         java.util.Optional<Addr> l, java.util.Optional<Addr> r, ConnectionStatus status, String inode,
                         Map<String, String> services, Map<String, NetSocket> unix) {
        String fds = Integer.toString(fd);
        if (fam == AddressFamily.AF_UNIX) {
            String path = l.map(a -> ((Addr.Unix) a).path()).orElse("");
            String t = type == null ? "UNKNOWN" : type.name().substring(5);
            String name = (path.isEmpty() ? "type=" + t : path + " type=" + t);
            NetSocket u = unix.get(inode);
            String device = "";
            if (u != null) {
                device = String.format("0x%016x", u.kernelAddress());
                if (NetstatCommand.listening(u)) {
                    name += " (LISTEN)";
                } else if (u.state() == 3) {
                    name += " (CONNECTED)";
                } else if (u.state() == 1) {
                    name += " (UNCONNECTED)";
                }
            }
            return new Row(cmd, pid, user, fds, mode, "unix", device, "0t0", inode, name);
        }
        String proto = type == SocketType.SOCK_STREAM ? "TCP" : "UDP";
        String name = inetName(l, r, proto.toLowerCase(Locale.ROOT), status, services);
        return new Row(cmd, pid, user, fds, mode, fam == AddressFamily.AF_INET ? "IPv4" : "IPv6", inode, "0t0", proto, name);
    }

    /** lsof's NAME for a socket: "*:22 (LISTEN)", "[::1]:53", "10.0.0.1:40000->10.0.0.2:443 (ESTABLISHED)". */
    static String inetName(java.util.Optional<Addr> l, java.util.Optional<Addr> r, String proto, ConnectionStatus status,
                           Map<String, String> services) {
        var sb = new StringBuilder();
        l.ifPresent(a -> sb.append(endpoint((Addr.Inet) a, proto, services)));
        r.ifPresent(a -> sb.append("->").append(endpoint((Addr.Inet) a, proto, services)));
        if (proto.equals("tcp")) {
            sb.append(" (").append(status.name().replace("FIN_WAIT1", "FIN_WAIT_1").replace("FIN_WAIT2", "FIN_WAIT_2")
                    .replace("SYN_RECV", "SYN_RECV")).append(')');
        } else {
            sb.append(' ');
        }
        return sb.toString();
    }

    static String endpoint(Addr.Inet a, String proto, Map<String, String> services) {
        String ip = a.ip();
        if (ip.startsWith("::ffff:") && ip.indexOf('.') > 0) {
            ip = ip.substring(7);
        }
        String host = ip.equals("0.0.0.0") || ip.equals("::") ? "*" : ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
        String port = a.port() == 0 ? "*" : services.getOrDefault(a.port() + "/" + proto, Integer.toString(a.port()));
        return host + ":" + port;
    }

    /** lsof's columns: widths from the widest cell, FD right-aligned with mode and lock chars after. */
    static void render(List<Row> rows, PrintWriter out) {
        int wc = 7;
        int wp = 3;
        int wu = 4;
        int wf = 4;
        int wt = 4;
        int wd = 6;
        int ws = 8;
        int wn = 4;
        for (Row r : rows) {
            wc = Math.max(wc, r.command().length());
            wp = Math.max(wp, Integer.toString(r.pid()).length());
            wu = Math.max(wu, r.user().length());
            wf = Math.max(wf, r.fd().length());
            wt = Math.max(wt, r.type().length());
            wd = Math.max(wd, r.device().length());
            ws = Math.max(ws, r.sizeOff().length());
            wn = Math.max(wn, r.node().length());
        }
        String fmt = "%-" + wc + "s %" + wp + "s %-" + wu + "s %" + wf + "s%c%c %" + wt + "s %" + wd + "s %" + ws
                + "s %" + wn + "s %s";
        out.println(String.format(fmt, "COMMAND", "PID", "USER", "FD", ' ', ' ', "TYPE", "DEVICE", "SIZE/OFF", "NODE", "NAME"));
        for (Row r : rows) {
            out.println(String.format(fmt, r.command(), r.pid(), r.user(), r.fd(), r.mode(), ' ', r.type(), r.device(),
                    r.sizeOff(), r.node(), r.name()));
        }
    }

    /** psutil-shaped JSON for one process: the records the rows came from. */
    private Map<String, Object> jsonFor(PsProcess p, List<Row> prows) {
        var m = new LinkedHashMap<String, Object>();
        m.put("pid", p.pid());
        m.put("name", p.name());
        m.put("username", p.username());
        Set<String> fds = new HashSet<>();
        boolean cwd = false;
        boolean txt = false;
        for (Row r : prows) {
            fds.add(r.fd());
            cwd |= r.fd().equals("cwd");
            txt |= r.fd().equals("txt");
        }
        if (cwd) {
            m.put("cwd", p.cwd());
        }
        if (txt) {
            m.put("exe", p.exe());
        }
        try {
            m.put("open_files", p.openFiles().stream().filter(f -> fds.contains(Integer.toString(f.fd()))).toList());
            m.put("net_connections", connections(p.pid()).stream()
                    .filter(c -> fds.contains(Integer.toString(c.fd()))).toList());
        } catch (AccessDeniedException e) {
            denied = true;
        }
        return m;
    }
}
