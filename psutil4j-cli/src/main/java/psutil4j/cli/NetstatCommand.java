package psutil4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import psutil4j.Addr;
import psutil4j.ConnectionStatus;
import psutil4j.NetConnection;
import psutil4j.Psutil;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j netstat}: net-tools {@code netstat} for TCP, UDP and UNIX sockets.
 *
 * <p>The table is built as net-tools builds it, from /proc/net/{tcp,tcp6,udp,udp6,unix} (under
 * psutil4j's procfs root) plus an inode-to-process map from /proc/PID/fd, because psutil's
 * {@code net_connections} has no Recv-Q/Send-Q, RefCnt, unix flags or inode. {@code --json}
 * prints psutil's {@code net_connections(kind)} records instead, with the same filters.
 * Hosts are always numeric (no DNS or /etc/hosts lookups); without {@code -n} only port names
 * from /etc/services are shown, and the IPv6 wildcard is written "[::]" as net-tools does.
 */
@Command(name = "netstat", mixinStandardHelpOptions = true, version = "psutil4j netstat 0.1.0",
        description = "Print network connections (net-tools netstat): TCP, UDP, UNIX sockets.")
final class NetstatCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Option(names = {"-t", "--tcp"}, description = "TCP sockets.")
    boolean tcp;

    @Option(names = {"-u", "--udp"}, description = "UDP sockets.")
    boolean udp;

    @Option(names = {"-x", "--unix"}, description = "UNIX domain sockets.")
    boolean unix;

    @Option(names = {"-l", "--listening"}, description = "Only listening sockets.")
    boolean listening;

    @Option(names = {"-a", "--all"}, description = "Listening and non-listening sockets.")
    boolean all;

    @Option(names = {"-n", "--numeric"}, description = "Numeric ports (hosts are always numeric).")
    boolean numeric;

    @Option(names = {"-p", "--program"}, description = "Show the PID/Program name owning each socket.")
    boolean program;

    /** One socket line of /proc/net/{tcp,udp}[6]. */
    record InetSocket(String proto, String laddr, int lport, String raddr, int rport, int state,
                      long txQueue, long rxQueue, long inode) {
    }

    /** One line of /proc/net/unix. */
    record UnixSocket(String num, long refCount, long flags, int type, int state, long inode, String path) {
    }

    static final long SO_ACCEPTCON = 1L << 16;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean anyProto = tcp || udp || unix;
        boolean doTcp = tcp || !anyProto;
        boolean doUdp = udp || !anyProto;
        boolean doUnix = unix || !anyProto;
        if (json.json) {
            out.println(Json.write(jsonConnections(doTcp, doUdp, doUnix), json.pretty));
            out.flush();
            return 0;
        }
        Path proc = Psutil.procfsPath();
        var owners = new HashMap<Long, String>();
        boolean denied = program && owners(proc, owners);
        Map<String, String> services = numeric ? Map.of() : services(Path.of("/etc/services"));
        if (doTcp || doUdp) {
            var rows = new ArrayList<InetSocket>();
            if (doTcp) {
                rows.addAll(readInet(proc.resolve("net/tcp"), "tcp"));
                rows.addAll(readInet(proc.resolve("net/tcp6"), "tcp6"));
            }
            if (doUdp) {
                rows.addAll(readInet(proc.resolve("net/udp"), "udp"));
                rows.addAll(readInet(proc.resolve("net/udp6"), "udp6"));
            }
            out.println("Active Internet connections " + scope());
            out.print(inetHeader(program));
            out.println();
            for (InetSocket s : rows) {
                if (shown(s)) {
                    out.println(inetLine(s, program ? owners.getOrDefault(s.inode(), "-") : null, services, numeric));
                }
            }
        }
        if (doUnix) {
            out.println("Active UNIX domain sockets " + scope());
            out.println(unixHeader(program));
            for (UnixSocket s : readUnix(proc.resolve("net/unix"))) {
                boolean listen = (s.flags() & SO_ACCEPTCON) != 0;
                if (all || listen == listening) {
                    out.println(unixLine(s, program ? owners.getOrDefault(s.inode(), "-") : null));
                }
            }
        }
        out.flush();
        if (denied) {
            // net-tools' note, on one line
            err.println("(Not all processes could be identified, non-owned process info"
                    + " will not be shown, you would have to be root to see it all.)");
            err.flush();
        }
        return 0;
    }

    private String scope() {
        return all ? "(servers and established)" : listening ? "(only servers)" : "(w/o servers)";
    }

    /** net-tools: TCP LISTEN and UDP with no remote address are "servers". */
    boolean shown(InetSocket s) {
        boolean server = s.proto().startsWith("tcp") ? s.state() == 10 : s.rport() == 0 && isAny(s.raddr());
        return all || server == listening;
    }

    private static boolean isAny(String ip) {
        return ip.equals("0.0.0.0") || ip.equals("::");
    }

    static String inetHeader(boolean program) {
        return String.format("%-5s %-6s %-6s %-23s %-23s %-11s", "Proto", "Recv-Q", "Send-Q", "Local Address",
                "Foreign Address", "State") + (program ? String.format(" %-20s", "PID/Program name") : "");
    }

    static String unixHeader(boolean program) {
        return String.format("%-5s %-6s %-11s %-10s %-13s %-8s ", "Proto", "RefCnt", "Flags", "Type", "State", "I-Node")
                + (program ? String.format("%-20s ", "PID/Program name") : "") + "Path";
    }

    /** One row as net-tools prints it: "%-4s  %6ld %6ld %-23s %-23s %-11s" [" %-20s"]. */
    static String inetLine(InetSocket s, String owner, Map<String, String> services, boolean numeric) {
        String proto = s.proto().startsWith("tcp") ? "tcp" : "udp";
        String local = endpoint(s.laddr(), s.lport(), proto, services, numeric);
        String remote = endpoint(s.raddr(), s.rport(), proto, services, numeric);
        String state = proto.equals("tcp") ? tcpState(s.state()) : s.state() == 1 ? "ESTABLISHED" : s.state() == 7 ? "" : "UNKNOWN";
        var line = String.format("%-4s  %6d %6d %-" + Math.max(23, local.length()) + "s %-"
                + Math.max(23, remote.length()) + "s %-11s", s.proto(), s.rxQueue(), s.txQueue(), local, remote, state);
        if (owner != null) {
            line += String.format(" %-20s", owner);
        }
        return line;
    }

    /** "addr:port", "*" for port 0, "[::]" for the IPv6 wildcard when names are looked up. */
    static String endpoint(String ip, int port, String proto, Map<String, String> services, boolean numeric) {
        String host = ip.startsWith("::ffff:") && ip.indexOf('.') > 0 ? ip.substring(7) : ip;
        if (!numeric && host.equals("::")) {
            host = "[::]";
        }
        String p = port == 0 ? "*" : services.getOrDefault(port + "/" + proto, Integer.toString(port));
        return host + ":" + p;
    }

    static String tcpState(int st) {
        ConnectionStatus c = ConnectionStatus.ofTcpState(st);
        return switch (c) {
            case NONE -> "UNKNOWN";
            case CLOSE -> "CLOSE";
            default -> c.name();
        };
    }

    static String unixLine(UnixSocket s, String owner) {
        var flags = new StringBuilder("[ ");
        if ((s.flags() & SO_ACCEPTCON) != 0) {
            flags.append("ACC ");
        }
        flags.append(']');
        String type = switch (s.type()) {
            case 1 -> "STREAM";
            case 2 -> "DGRAM";
            case 3 -> "RAW";
            case 4 -> "RDM";
            case 5 -> "SEQPACKET";
            default -> "UNKNOWN";
        };
        String state = switch (s.state()) {
            case 0 -> "FREE";
            case 1 -> (s.flags() & SO_ACCEPTCON) != 0 ? "LISTENING" : "";
            case 2 -> "CONNECTING";
            case 3 -> "CONNECTED";
            case 4 -> "DISCONNECTING";
            default -> "UNKNOWN";
        };
        return String.format("%-5s %-6d %-11s %-10s %-13s %-8d ", "unix", s.refCount(), flags, type, state, s.inode())
                + (owner != null ? String.format("%-20s ", owner) : "") + s.path();
    }

    // ---- /proc readers (net-tools reads the same files; kept here because psutil's records lack these fields)

    static List<InetSocket> readInet(Path file, String proto) {
        try {
            return parseInet(Files.readString(file, StandardCharsets.ISO_8859_1), proto);
        } catch (IOException e) {
            return List.of(); // no IPv6, or no such protocol: net-tools prints nothing either
        }
    }

    /** Parses /proc/net/tcp-like text (tcp, tcp6, udp, udp6); malformed lines are skipped. */
    static List<InetSocket> parseInet(String text, String proto) {
        var res = new ArrayList<InetSocket>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            try {
                int lc = f[1].lastIndexOf(':');
                int rc = f[2].lastIndexOf(':');
                int qc = f[4].indexOf(':');
                res.add(new InetSocket(proto, ip(f[1].substring(0, lc)), Integer.parseInt(f[1].substring(lc + 1), 16),
                        ip(f[2].substring(0, rc)), Integer.parseInt(f[2].substring(rc + 1), 16),
                        Integer.parseInt(f[3], 16), Long.parseLong(f[4].substring(0, qc), 16),
                        Long.parseLong(f[4].substring(qc + 1), 16), Long.parseLong(f[9])));
            } catch (RuntimeException e) {
                // skip a torn or odd line
            }
        }
        return res;
    }

    private static final boolean LITTLE_ENDIAN = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;

    /** Hex as the kernel prints it: each 32-bit word of the address printed as a native-endian u32. */
    static String ip(String hex) {
        int words = hex.length() / 8;
        byte[] a = new byte[words * 4];
        for (int w = 0; w < words; w++) {
            long v = Long.parseLong(hex.substring(w * 8, w * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                a[w * 4 + b] = (byte) (v >>> (LITTLE_ENDIAN ? 8 * b : 24 - 8 * b));
            }
        }
        if (words == 1) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        return ipv6(a);
    }

    /** inet_ntop(AF_INET6): longest zero run (2+ words) as "::", "::ffff:a.b.c.d" for mapped. */
    static String ipv6(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int best = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            best = -1;
        }
        if (best == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
            return (bestLen == 5 ? "::ffff:" : "::") + (a[12] & 0xff) + "." + (a[13] & 0xff) + "."
                    + (a[14] & 0xff) + "." + (a[15] & 0xff);
        }
        var sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }

    static List<UnixSocket> readUnix(Path file) {
        try {
            return parseUnix(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Parses /proc/net/unix: Num RefCount Protocol Flags Type St Inode [Path]. */
    static List<UnixSocket> parseUnix(String text) {
        var res = new ArrayList<UnixSocket>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+", 8);
            if (f.length < 7) {
                continue;
            }
            try {
                res.add(new UnixSocket(f[0].endsWith(":") ? f[0].substring(0, f[0].length() - 1) : f[0],
                        Long.parseLong(f[1], 16), Long.parseLong(f[3], 16), Integer.parseInt(f[4], 16),
                        Integer.parseInt(f[5], 16), Long.parseLong(f[6]), f.length > 7 ? f[7] : ""));
            } catch (RuntimeException e) {
                // a path with a newline spills over; skip the fragment
            }
        }
        return res;
    }

    /**
     * Fills socket inode -> "PID/name" (name: the base name of argv[0], as net-tools; the whole
     * string cut to 19 characters as its 20-byte buffer does). Returns true if some process's
     * fds could not be read (not root).
     */
    static boolean owners(Path proc, Map<Long, String> owners) {
        boolean denied = false;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path pidDir : pids) {
                String pid = pidDir.getFileName().toString();
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
                    String label = null;
                    for (Path fd : fds) {
                        String target;
                        try {
                            target = Files.readSymbolicLink(fd).toString();
                        } catch (IOException e) {
                            continue;
                        }
                        if (target.startsWith("socket:[")) {
                            if (label == null) {
                                label = label(pidDir, pid);
                            }
                            owners.putIfAbsent(Long.parseLong(target.substring(8, target.length() - 1)), label);
                        }
                    }
                } catch (java.nio.file.AccessDeniedException e) {
                    denied = true;
                } catch (IOException | RuntimeException e) {
                    // process gone
                }
            }
        } catch (IOException e) {
            return true;
        }
        return denied;
    }

    private static String label(Path pidDir, String pid) {
        String name = "";
        try {
            byte[] cmd = Files.readAllBytes(pidDir.resolve("cmdline"));
            int end = 0;
            while (end < cmd.length && cmd[end] != 0) {
                end++;
            }
            name = new String(cmd, 0, end, StandardCharsets.UTF_8);
            name = name.substring(name.lastIndexOf('/') + 1);
            if (name.isEmpty()) {
                name = Files.readString(pidDir.resolve("comm")).trim();
            }
        } catch (IOException e) {
            // keep the pid alone
        }
        String s = pid + "/" + name;
        return s.length() > 19 ? s.substring(0, 19) : s;
    }

    /** /etc/services: "port/proto" -> first name listed. */
    static Map<String, String> services(Path file) {
        var m = new HashMap<String, String>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                int hash = line.indexOf('#');
                String l = hash >= 0 ? line.substring(0, hash) : line;
                String[] f = l.trim().split("\\s+");
                if (f.length >= 2 && f[1].contains("/")) {
                    m.putIfAbsent(f[1], f[0]);
                }
            }
        } catch (IOException e) {
            // no names: numeric ports
        }
        return m;
    }

    /** psutil's net_connections for the same protocols, with the same server/non-server filter. */
    private List<NetConnection> jsonConnections(boolean doTcp, boolean doUdp, boolean doUnix) {
        var res = new ArrayList<NetConnection>();
        var kinds = new ArrayList<String>();
        if (doTcp) {
            kinds.add("tcp");
        }
        if (doUdp) {
            kinds.add("udp");
        }
        if (doUnix) {
            kinds.add("unix");
        }
        for (String kind : kinds) {
            for (NetConnection c : Psutil.netConnections(kind)) {
                boolean server = switch (kind) {
                    case "tcp" -> c.status() == ConnectionStatus.LISTEN;
                    case "udp" -> c.raddr().isEmpty() || (c.raddr().get() instanceof Addr.Inet in && in.port() == 0);
                    default -> true; // psutil has no unix flags; shown under every filter
                };
                if (all || kind.equals("unix") || server == listening) {
                    res.add(c);
                }
            }
        }
        return res;
    }
}
