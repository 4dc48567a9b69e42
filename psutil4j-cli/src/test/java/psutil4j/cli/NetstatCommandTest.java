package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import psutil4j.Addr;
import psutil4j.AddressFamily;
import psutil4j.ConnectionStatus;
import psutil4j.NetSocket;
import psutil4j.SocketType;
import psutil4j.testing.Cmd;

/** {@code netstat}: golden lines on fixed sockets, and the same sockets as net-tools netstat. */
class NetstatCommandTest {

    // ---- formatting on fixed sockets (the parsing is the library's: core's NetParserTest)

    /** A TCP/UDP socket as Psutil.netSockets gives it: no address where the port is 0. */
    static NetSocket inet(String proto, String laddr, int lport, String raddr, int rport, int state, long sendQ,
                          long recvQ, long inode) {
        boolean tcp = proto.startsWith("tcp");
        return new NetSocket(proto.endsWith("6") ? AddressFamily.AF_INET6 : AddressFamily.AF_INET,
                tcp ? SocketType.SOCK_STREAM : SocketType.SOCK_DGRAM,
                lport == 0 ? Optional.empty() : Optional.of(new Addr.Inet(laddr, lport)),
                rport == 0 ? Optional.empty() : Optional.of(new Addr.Inet(raddr, rport)),
                tcp ? ConnectionStatus.ofTcpState(state) : ConnectionStatus.NONE, state, inode, 1, 0,
                OptionalLong.of(0), OptionalLong.of(recvQ), OptionalLong.of(sendQ), OptionalLong.empty(), List.of());
    }

    static NetSocket unix(long refs, long flags, SocketType type, int state, long inode, String path) {
        return new NetSocket(AddressFamily.AF_UNIX, type, path.isEmpty() ? Optional.empty() : Optional.of(new Addr.Unix(path)),
                Optional.empty(), ConnectionStatus.NONE, state, inode, refs, 0, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.of(flags), List.of());
    }

    @Test
    void goldenInetLines() {
        var listen = inet("tcp", "0.0.0.0", 2024, "0.0.0.0", 0, 10, 0, 3, 21443);
        var established = inet("tcp", "127.0.0.1", 33815, "127.0.0.1", 9, 1, 42, 0, 659061);
        var listen6 = inet("tcp6", "::", 22, "::", 0, 10, 0, 0, 1);
        var timeWait = inet("tcp6", "::ffff:127.0.0.1", 59584, "::ffff:127.0.0.1", 40509, 6, 0, 0, 0);
        Map<String, String> services = Map.of("22/tcp", "ssh", "9/tcp", "discard");
        assertEquals("Proto Recv-Q Send-Q Local Address           Foreign Address         State      ",
                NetstatCommand.inetHeader(false));
        assertEquals("Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ",
                NetstatCommand.inetHeader(true));
        assertEquals("tcp        3      0 0.0.0.0:2024            0.0.0.0:*               LISTEN     ",
                NetstatCommand.inetLine(listen, null, Map.of(), true));
        assertEquals("tcp        0     42 127.0.0.1:33815         127.0.0.1:discard       ESTABLISHED 1234/java           ",
                NetstatCommand.inetLine(established, "1234/java", services, false));
        assertEquals("tcp6       0      0 :::22                   :::*                    LISTEN     ",
                NetstatCommand.inetLine(listen6, null, Map.of(), true));
        assertEquals("tcp6       0      0 [::]:ssh                [::]:*                  LISTEN     ",
                NetstatCommand.inetLine(listen6, null, services, false));
        assertEquals("tcp6       0      0 127.0.0.1:59584         127.0.0.1:40509         TIME_WAIT  ",
                NetstatCommand.inetLine(timeWait, null, Map.of(), true));
        var udp = inet("udp6", "::1", 53, "::", 0, 7, 0, 0, 1);
        assertEquals("udp6       0      0 ::1:53                  :::*                               ",
                NetstatCommand.inetLine(udp, null, Map.of(), true));
        var longAddr = inet("tcp6", "fd00:1234:5678:9abc:def0:1234:5678:9abc", 443, "::", 0, 10, 0, 0, 1);
        assertEquals("tcp6       0      0 fd00:1234:5678:9abc:def0:1234:5678:9abc:443 :::*                    LISTEN     ",
                NetstatCommand.inetLine(longAddr, null, Map.of(), true));
    }

    @Test
    void goldenUnixLines() {
        var connected = unix(3, 0, SocketType.SOCK_STREAM, 3, 1074, "");
        var listening = unix(2, NetSocket.SO_ACCEPTCON, SocketType.SOCK_STREAM, 1, 21443, "/run/dbus/system_bus_socket");
        var dgram = unix(2, 0, SocketType.SOCK_DGRAM, 1, 21444, "@/tmp/.X11-unix/X0");
        assertEquals("Proto RefCnt Flags       Type       State         I-Node   Path", NetstatCommand.unixHeader(false));
        assertEquals("Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path",
                NetstatCommand.unixHeader(true));
        assertEquals("unix  3      [ ]         STREAM     CONNECTED     1074     ", NetstatCommand.unixLine(connected, null));
        assertEquals("unix  2      [ ACC ]     STREAM     LISTENING     21443    1/systemd            /run/dbus/system_bus_socket",
                NetstatCommand.unixLine(listening, "1/systemd"));
        assertEquals("unix  2      [ ]         DGRAM                    21444    @/tmp/.X11-unix/X0",
                NetstatCommand.unixLine(dgram, null));
    }

    @Test
    void ownerIsTheLowestPidNamedByArgv0() {
        var s = inet("tcp", "127.0.0.1", 1, "0.0.0.0", 0, 10, 0, 0, 5);
        assertEquals("-", NetstatCommand.owner(s, new java.util.HashMap<>()));
        int me = (int) ProcessHandle.current().pid();
        var held = new NetSocket(s.family(), s.type(), s.laddr(), s.raddr(), s.status(), s.state(), s.inode(), 1, 0,
                s.uid(), s.recvQueue(), s.sendQueue(), s.flags(), List.of(me, Integer.MAX_VALUE));
        assertEquals(me + "/java", NetstatCommand.owner(held, new java.util.HashMap<>()));
    }

    // ---- against net-tools netstat, with a listener of our own

    private ServerSocket server;
    private ServerSocketChannel unixServer;
    private Path unixPath;

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        unixPath = Files.createTempDirectory("netstat-test").resolve("s.sock");
        unixServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unixServer.bind(UnixDomainSocketAddress.of(unixPath));
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        unixServer.close();
        Files.deleteIfExists(unixPath);
        Files.deleteIfExists(unixPath.getParent());
    }

    /** (proto, local address, foreign address, state) of each socket line. */
    static Set<String> sockets(String out) {
        var set = new TreeSet<String>();
        for (String l : out.split("\n")) {
            if (l.startsWith("tcp") || l.startsWith("udp")) {
                String[] f = l.trim().split("\\s+");
                set.add(f[0] + " " + f[3] + " " + f[4] + " " + (f.length > 5 && f[0].startsWith("tcp") ? f[5] : ""));
            }
        }
        return set;
    }

    @Test
    void sameListeningSocketsAsNetTools() {
        String mine = "127.0.0.1:" + server.getLocalPort();
        for (int attempt = 0; ; attempt++) {
            String theirs = Cmd.run("netstat", "-tuln");
            SysCli.Result ours = SysCli.run("netstat", "-tuln");
            assertEquals(0, ours.rc(), ours.err());
            assertEquals(theirs.lines().limit(2).toList(), ours.out().lines().limit(2).toList(), "headers");
            // a Java ServerSocket is an IPv6 socket with a v4-mapped address, shown as tcp6 127.0.0.1
            assertTrue(sockets(ours.out()).contains("tcp6 " + mine + " :::* LISTEN"), ours.out());
            if (sockets(theirs).equals(sockets(ours.out()))) {
                break;
            }
            assertTrue(attempt < 2, "listening sockets differ (other sessions may open sockets: retried)\n"
                    + theirs + "\n" + ours.out());
        }
    }

    @Test
    void programColumnShowsThisJvm() {
        String mine = "127.0.0.1:" + server.getLocalPort();
        long pid = ProcessHandle.current().pid();
        SysCli.Result ours = SysCli.run("netstat", "-tlpn");
        String line = ours.out().lines().filter(l -> l.contains(" " + mine + " ")).findFirst().orElseThrow();
        String theirs = Cmd.run("netstat", "-tlpn").lines().filter(l -> l.contains(" " + mine + " ")).findFirst().orElseThrow();
        assertEquals(theirs, line);
        assertTrue(line.contains(" " + pid + "/java"), line);
    }

    @Test
    void unixSocketsAsNetTools() {
        String path = unixPath.toString();
        SysCli.Result ours = SysCli.run("netstat", "-xlp");
        assertEquals(0, ours.rc(), ours.err());
        String theirs = Cmd.run("netstat", "-xlp");
        assertEquals(theirs.lines().limit(2).toList(), ours.out().lines().limit(2).toList(), "headers");
        String o = ours.out().lines().filter(l -> l.endsWith(" " + path)).findFirst().orElseThrow(() -> new AssertionError(ours.out()));
        String t = theirs.lines().filter(l -> l.endsWith(" " + path)).findFirst().orElseThrow();
        assertEquals(t, o);
        assertTrue(o.contains("[ ACC ]") && o.contains("LISTENING") && o.contains(ProcessHandle.current().pid() + "/java"), o);
    }

    @Test
    void defaultShowsNonListeningAndAllShowsBoth() throws Exception {
        try (var client = new java.net.Socket("127.0.0.1", server.getLocalPort()); var accepted = server.accept()) {
            String c = "127.0.0.1:" + client.getLocalPort();
            SysCli.Result ours = SysCli.run("netstat", "-tn");
            assertTrue(ours.out().startsWith("Active Internet connections (w/o servers)\n"));
            String row = "tcp6 " + c + " 127.0.0.1:" + server.getLocalPort() + " ESTABLISHED";
            assertTrue(sockets(ours.out()).contains(row), ours.out());
            assertTrue(sockets(Cmd.run("netstat", "-tn")).contains(row));
            SysCli.Result all = SysCli.run("netstat", "-ant");
            assertTrue(all.out().startsWith("Active Internet connections (servers and established)\n"));
            assertTrue(all.out().contains(c) && all.out().contains("LISTEN"));
        }
    }

    @Test
    void queuesAsNetTools() throws Exception {
        try (var client = new java.net.Socket("127.0.0.1", server.getLocalPort()); var accepted = server.accept()) {
            client.getOutputStream().write(new byte[1234]); // never read: stays in the receiver's Recv-Q
            client.getOutputStream().flush();
            String peer = "127.0.0.1:" + client.getLocalPort();
            String theirs = "";
            String ours = "";
            for (int i = 0; i < 50; i++) {
                theirs = Cmd.run("netstat", "-tn").lines().filter(l -> l.contains(" " + peer + " ")
                        && l.contains(":" + server.getLocalPort() + " ")).filter(l -> l.indexOf(peer) > 40).findFirst().orElse("");
                if (theirs.contains(" 1234 ")) {
                    break;
                }
                Thread.sleep(20);
            }
            ours = SysCli.run("netstat", "-tn").out().lines().filter(l -> l.contains(" " + peer + " ")
                    && l.indexOf(peer) > 40).findFirst().orElse("");
            assertTrue(theirs.contains("   1234      0 "), theirs);
            assertEquals(theirs, ours);
        }
    }

    @Test
    void jsonIsPsutilsNetConnections() throws Exception {
        SysCli.Result r = SysCli.run("netstat", "-tln", "--json");
        assertEquals(0, r.rc(), r.err());
        JsonNode arr = new ObjectMapper().readTree(r.out());
        JsonNode mine = null;
        for (JsonNode c : arr) {
            if (c.get("laddr").get("port").asInt() == server.getLocalPort()) {
                mine = c;
            }
        }
        assertTrue(mine != null, r.out());
        var names = new ArrayList<String>();
        mine.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("fd", "family", "type", "laddr", "raddr", "status", "pid"), names);
        assertEquals("LISTEN", mine.get("status").asText());
        assertEquals(ProcessHandle.current().pid(), mine.get("pid").asLong());
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertEquals(2, SysCli.run("netstat", "--bogus").rc());
        assertEquals(2, SysCli.run("netstat", "-Q").rc());
    }
}
