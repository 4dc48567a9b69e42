package psutil4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import psutil4j.Addr;
import psutil4j.AddressFamily;
import psutil4j.ConnectionStatus;
import psutil4j.NetConnection;
import psutil4j.NetSocket;
import psutil4j.NetSockets;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.PsutilException;
import psutil4j.SocketType;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j netstat}: net-tools {@code netstat} for TCP, UDP and UNIX sockets.
 *
 * <p>The table is built from {@link Psutil#netSockets(String, boolean)}, psutil4j's addition
 * that keeps what net-tools prints and psutil's {@code net_connections} drops (Recv-Q/Send-Q,
 * RefCnt, UNIX flags and states, inodes, every process holding a socket). {@code --json} prints
 * psutil's {@code net_connections(kind)} records instead, with the same filters. Hosts are
 * always numeric (no DNS or /etc/hosts lookups); without {@code -n} only port names from
 * /etc/services are shown, and the IPv6 wildcard is written "[::]" as net-tools does.
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

    @Override
    public Integer call() {
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
        var labels = new HashMap<Integer, String>();
        Map<String, String> services = numeric ? Map.of() : services(Path.of("/etc/services"));
        boolean complete = true;
        if (doTcp || doUdp) {
            var rows = new ArrayList<NetSocket>();
            if (doTcp) {
                NetSockets s = Psutil.netSockets("tcp", program);
                rows.addAll(s.sockets());
                complete &= s.ownersComplete();
            }
            if (doUdp) {
                NetSockets s = Psutil.netSockets("udp", program);
                rows.addAll(s.sockets());
                complete &= s.ownersComplete();
            }
            out.println("Active Internet connections " + scope());
            out.print(inetHeader(program));
            out.println();
            for (NetSocket s : rows) {
                if (shown(s)) {
                    out.println(inetLine(s, program ? owner(s, labels) : null, services, numeric));
                }
            }
        }
        if (doUnix) {
            NetSockets u = Psutil.netSockets("unix", program);
            complete &= u.ownersComplete();
            out.println("Active UNIX domain sockets " + scope());
            out.println(unixHeader(program));
            for (NetSocket s : u.sockets()) {
                if (all || listening(s) == listening) {
                    out.println(unixLine(s, program ? owner(s, labels) : null));
                }
            }
        }
        out.flush();
        // net-tools notes fd directories it may not open, which happens only without root (a
        // sandbox may hide pid 1's fd links even from root: net-tools skips those silently)
        if (program && !complete && PsProcess.current().uids().effective() != 0) {
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
    boolean shown(NetSocket s) {
        boolean server = s.type() == SocketType.SOCK_STREAM ? s.status() == ConnectionStatus.LISTEN : s.raddr().isEmpty();
        return all || server == listening;
    }

    static boolean listening(NetSocket s) {
        return (s.flags().orElse(0) & NetSocket.SO_ACCEPTCON) != 0;
    }

    /** "tcp", "tcp6", "udp" or "udp6". */
    static String proto(NetSocket s) {
        return (s.type() == SocketType.SOCK_STREAM ? "tcp" : "udp") + (s.family() == AddressFamily.AF_INET6 ? "6" : "");
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
    static String inetLine(NetSocket s, String owner, Map<String, String> services, boolean numeric) {
        String proto = s.type() == SocketType.SOCK_STREAM ? "tcp" : "udp";
        String local = endpoint(s.laddr(), s.family(), proto, services, numeric);
        String remote = endpoint(s.raddr(), s.family(), proto, services, numeric);
        String state = proto.equals("tcp") ? tcpState(s.status()) : s.state() == 1 ? "ESTABLISHED" : s.state() == 7 ? "" : "UNKNOWN";
        var line = String.format("%-4s  %6d %6d %-" + Math.max(23, local.length()) + "s %-"
                + Math.max(23, remote.length()) + "s %-11s", proto(s), s.recvQueue().orElse(0), s.sendQueue().orElse(0),
                local, remote, state);
        if (owner != null) {
            line += String.format(" %-20s", owner);
        }
        return line;
    }

    /** An address of a socket, or the family's wildcard with port 0 where psutil has none. */
    static String endpoint(Optional<Addr> a, AddressFamily family, String proto, Map<String, String> services,
                           boolean numeric) {
        String any = family == AddressFamily.AF_INET6 ? "::" : "0.0.0.0";
        return a.map(x -> (Addr.Inet) x).map(in -> endpoint(in.ip(), in.port(), proto, services, numeric))
                .orElseGet(() -> endpoint(any, 0, proto, services, numeric));
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

    static String tcpState(ConnectionStatus c) {
        return switch (c) {
            case NONE -> "UNKNOWN";
            case CLOSE -> "CLOSE";
            default -> c.name();
        };
    }

    static String unixLine(NetSocket s, String owner) {
        boolean acc = listening(s);
        String flags = acc ? "[ ACC ]" : "[ ]";
        String type = switch (s.type()) {
            case SOCK_STREAM -> "STREAM";
            case SOCK_DGRAM -> "DGRAM";
            case SOCK_RAW -> "RAW";
            case SOCK_RDM -> "RDM";
            case SOCK_SEQPACKET -> "SEQPACKET";
        };
        String state = switch (s.state()) {
            case 0 -> "FREE";
            case 1 -> acc ? "LISTENING" : "";
            case 2 -> "CONNECTING";
            case 3 -> "CONNECTED";
            case 4 -> "DISCONNECTING";
            default -> "UNKNOWN";
        };
        String path = s.laddr().map(a -> ((Addr.Unix) a).path()).orElse("");
        return String.format("%-5s %-6d %-11s %-10s %-13s %-8d ", "unix", s.refCount(), flags, type, state, s.inode())
                + (owner != null ? String.format("%-20s ", owner) : "") + path;
    }

    /**
     * "PID/name" of the first process holding the socket, "-" when none is known: net-tools
     * keeps the first process it meets in /proc (the lowest pid) and names it by the base name
     * of argv[0] (the kernel's name when argv is empty), the whole cut to 19 characters as its
     * 20-byte buffer does.
     */
    static String owner(NetSocket s, Map<Integer, String> labels) {
        if (s.pids().isEmpty()) {
            return "-";
        }
        return labels.computeIfAbsent(s.pids().get(0), NetstatCommand::label);
    }

    private static String label(int pid) {
        String name = "";
        try {
            PsProcess p = PsProcess.of(pid);
            List<String> cmd;
            try {
                cmd = p.cmdline();
            } catch (PsutilException e) {
                cmd = List.of(); // a zombie: its name below
            }
            if (!cmd.isEmpty()) {
                name = cmd.get(0).substring(cmd.get(0).lastIndexOf('/') + 1);
            }
            if (name.isEmpty()) {
                name = p.name();
            }
        } catch (PsutilException | java.io.UncheckedIOException e) {
            // gone meanwhile: the pid alone
        }
        String l = pid + "/" + name;
        return l.length() > 19 ? l.substring(0, 19) : l;
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
