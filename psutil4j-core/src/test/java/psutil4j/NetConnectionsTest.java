package psutil4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import psutil4j.internal.linux.LinuxNetConnections;
import psutil4j.testing.Cmd;

/** Live checks of net_connections with our own sockets and against {@code ss}. */
class NetConnectionsTest {

    static final int SELF = (int) ProcessHandle.current().pid();

    static boolean isLoopback(Optional<Addr> a, int port) {
        return a.filter(x -> x instanceof Addr.Inet i && i.port() == port
                && (i.ip().equals("127.0.0.1") || i.ip().equals("::ffff:127.0.0.1"))).isPresent();
    }

    @Test
    void ownListeningAndUdpSocketsAppearWithOurPid(@TempDir Path tmp) throws IOException {
        Path sockPath = tmp.resolve("s.sock");
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                var udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                var unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            unix.bind(UnixDomainSocketAddress.of(sockPath));
            int tport = server.getLocalPort();
            int uport = udp.getLocalPort();
            List<NetConnection> inet = Psutil.netConnections();
            NetConnection t = find(inet, c -> c.type() == SocketType.SOCK_STREAM && isLoopback(c.laddr(), tport));
            assertEquals(ConnectionStatus.LISTEN, t.status());
            assertEquals(OptionalInt.of(SELF), t.pid());
            assertTrue(t.fd() >= 0);
            assertEquals(Optional.empty(), t.raddr());
            NetConnection u = find(inet, c -> c.type() == SocketType.SOCK_DGRAM && isLoopback(c.laddr(), uport));
            assertEquals(ConnectionStatus.NONE, u.status());
            assertEquals(OptionalInt.of(SELF), u.pid());

            NetConnection x = find(Psutil.netConnections("unix"),
                    c -> c.laddr().equals(Optional.of(new Addr.Unix(sockPath.toString()))));
            assertEquals(SocketType.SOCK_STREAM, x.type());
            assertEquals(OptionalInt.of(SELF), x.pid());
            assertEquals(AddressFamily.AF_UNIX, x.family());

            // the per-process view sees the same sockets, with the same fds
            List<ProcessConnection> mine = LinuxNetConnections.forPid(SELF, "all");
            assertTrue(mine.contains(new ProcessConnection(t.fd(), t.family(), t.type(), t.laddr(), t.raddr(), t.status())));
            assertTrue(mine.contains(new ProcessConnection(u.fd(), u.family(), u.type(), u.laddr(), u.raddr(), u.status())));
            assertTrue(mine.contains(new ProcessConnection(x.fd(), x.family(), x.type(), x.laddr(), x.raddr(), x.status())));
            assertTrue(LinuxNetConnections.forPid(SELF, "unix").stream().allMatch(c -> c.family() == AddressFamily.AF_UNIX));
            // kinds filter by family and type
            assertTrue(Psutil.netConnections("udp").stream().noneMatch(c -> c.type() == SocketType.SOCK_STREAM));
            assertTrue(Psutil.netConnections("tcp").stream().anyMatch(c -> isLoopback(c.laddr(), tport)));
            assertTrue(Psutil.netConnections("udp").stream().anyMatch(c -> isLoopback(c.laddr(), uport)));
            assertTrue(Psutil.netConnections("all").stream().anyMatch(c -> c.family() == AddressFamily.AF_UNIX));
        } finally {
            Files.deleteIfExists(sockPath);
        }
    }

    static <T> T find(List<T> list, Predicate<T> p) {
        return list.stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("not found in " + list));
    }

    /** (proto, port) of listening TCP and unconnected UDP sockets. */
    static Set<String> ours() {
        var s = new HashSet<String>();
        for (NetConnection c : Psutil.netConnections("inet")) {
            if (c.laddr().isEmpty()) {
                continue;
            }
            int port = ((Addr.Inet) c.laddr().get()).port();
            if (c.type() == SocketType.SOCK_STREAM && c.status() == ConnectionStatus.LISTEN) {
                s.add("tcp " + port);
            } else if (c.type() == SocketType.SOCK_DGRAM && c.raddr().isEmpty()) {
                s.add("udp " + port);
            }
        }
        return s;
    }

    /**
     * ss's LISTEN/UNCONN ports equal ours. Other programs open and close sockets meanwhile, so
     * ours are read before and after ss: what we saw both times must be in ss, and what ss saw
     * must be in one of ours.
     */
    @Test
    void listeningPortsMatchSs() throws IOException {
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                var udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Set<String> before = ours();
            String out = Cmd.run("ss", "-tuanH");
            Set<String> after = ours();
            var ss = new HashSet<String>();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 5 || !(f[1].equals("LISTEN") || f[1].equals("UNCONN"))) {
                    continue;
                }
                String local = f[4];
                ss.add(f[0] + " " + local.substring(local.lastIndexOf(':') + 1));
            }
            var stable = new HashSet<>(before);
            stable.retainAll(after);
            var seen = new HashSet<>(before);
            seen.addAll(after);
            assertTrue(ss.containsAll(stable), "ours not in ss: " + minus(stable, ss));
            assertTrue(seen.containsAll(ss), "ss not in ours: " + minus(ss, seen));
            assertTrue(stable.contains("tcp " + server.getLocalPort()));
            assertTrue(stable.contains("udp " + udp.getLocalPort()));
        }
    }

    static Set<String> minus(Set<String> a, Set<String> b) {
        var d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** ss -p names the owner of our own listening socket; so do we. */
    @Test
    void pidAgreesWithSs() throws IOException {
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            String out = Cmd.run("ss", "-tlnpH", "sport = :" + port);
            assertTrue(out.contains("pid=" + SELF + ","), out);
            NetConnection c = find(Psutil.netConnections("tcp"), x -> isLoopback(x.laddr(), port));
            assertEquals(OptionalInt.of(SELF), c.pid());
            assertTrue(out.contains("fd=" + c.fd() + ")"), out + " vs fd " + c.fd());
        }
    }

    /** ss -tanHe's line for local port {@code lport} and peer port {@code rport}: its fields. */
    static String[] ssTcp(int lport, int rport) {
        for (String line : Cmd.run("ss", "-tanHe", "sport = :" + lport).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 5 && f[4].endsWith(":" + rport)) {
                return f;
            }
        }
        return null;
    }

    static long ssField(String[] f, String key) {
        for (String x : f) {
            if (x.startsWith(key + ":")) {
                return Long.parseLong(x.substring(key.length() + 1));
            }
        }
        return 0; // ss leaves out uid 0
    }

    /**
     * netSockets' queues, inode and uid for a connection holding 1234 unread bytes, and the
     * listener's accept backlog, as ss shows them.
     */
    @Test
    void socketDetailsMatchSs() throws Exception {
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                var client = new java.net.Socket("127.0.0.1", server.getLocalPort())) {
            var accepted = server.accept();
            try (accepted; var pending = new java.net.Socket("127.0.0.1", server.getLocalPort())) {
                client.getOutputStream().write(new byte[1234]);
                client.getOutputStream().flush();
                int sport = server.getLocalPort();
                int cport = client.getLocalPort();
                Predicate<NetSocket> acceptedSide = x -> isLoopback(x.laddr(), sport) && isLoopback(x.raddr(), cport);
                NetSocket a = null;
                for (int i = 0; i < 200; i++) {
                    a = Psutil.netSockets("tcp", true).sockets().stream().filter(acceptedSide).findFirst().orElseThrow();
                    if (a.recvQueue().orElse(0) == 1234) {
                        break;
                    }
                    Thread.sleep(10);
                }
                assertEquals(java.util.OptionalLong.of(1234), a.recvQueue());
                assertEquals(ConnectionStatus.ESTABLISHED, a.status());
                assertEquals(1, a.state());
                assertTrue(a.pids().contains(SELF), a.toString());
                String[] ss = ssTcp(sport, cport);
                assertTrue(ss != null, "ss has the connection");
                assertEquals("1234", ss[1], "ss Recv-Q");
                assertEquals(Long.parseLong(ss[2]), a.sendQueue().orElseThrow(), "ss Send-Q");
                assertEquals(ssField(ss, "ino"), a.inode(), "ss ino");
                assertEquals(ssField(ss, "uid"), a.uid().orElseThrow(), "ss uid");
                assertTrue(a.refCount() > 0);

                // the second client waits in the accept queue: the listener's Recv-Q is 1
                assertTrue(pending.isConnected());
                NetSocket l = Psutil.netSockets("tcp", false).sockets().stream()
                        .filter(x -> isLoopback(x.laddr(), sport) && x.status() == ConnectionStatus.LISTEN)
                        .findFirst().orElseThrow();
                assertEquals(java.util.OptionalLong.of(1), l.recvQueue(), "accept backlog");
                assertEquals(List.of(), l.pids(), "owners not asked for");
                assertTrue(l.flags().isEmpty());
            }
        }
    }

    /** A listening UNIX socket: inode, state and the ACC flag as ss -xl shows them, held by us. */
    @Test
    void unixSocketDetailsMatchSs(@TempDir Path tmp) throws IOException {
        Path sockPath = tmp.resolve("d.sock");
        try (var unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            unix.bind(UnixDomainSocketAddress.of(sockPath));
            NetSockets all = Psutil.netSockets("unix", true);
            NetSocket x = all.sockets().stream()
                    .filter(s -> s.laddr().equals(Optional.of(new Addr.Unix(sockPath.toString())))).findFirst().orElseThrow();
            assertEquals(java.util.OptionalLong.of(NetSocket.SO_ACCEPTCON), x.flags());
            assertEquals(1, x.state(), "SS_UNCONNECTED while listening");
            assertEquals(List.of(SELF), x.pids());
            assertTrue(x.uid().isEmpty() && x.recvQueue().isEmpty());
            String line = Cmd.run("ss", "-xlH").lines().filter(l -> l.contains(" " + sockPath + " ")).findFirst()
                    .orElseThrow();
            String[] f = line.trim().split("\\s+");
            assertEquals("LISTEN", f[1]);
            assertEquals(Long.toString(x.inode()), f[5], line);
        } finally {
            Files.deleteIfExists(sockPath);
        }
    }

    @Test
    void unknownKind() {
        var e = assertThrows(IllegalArgumentException.class, () -> Psutil.netConnections("ipx"));
        assertTrue(e.getMessage().contains("valid ones are"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Psutil.netConnections(null));
    }

    @Test
    void forPidOfMissingProcess() {
        assertThrows(NoSuchProcessException.class, () -> LinuxNetConnections.forPid(Integer.MAX_VALUE - 1, "all"));
    }
}
