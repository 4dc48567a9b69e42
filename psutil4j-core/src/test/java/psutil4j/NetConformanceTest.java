package psutil4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import psutil4j.internal.linux.NetParserTestAccess;
import psutil4j.internal.linux.Roots;
import psutil4j.testing.PythonPsutil;

/**
 * net_io_counters, net_if_addrs, net_if_stats and net_connections against real psutil 5.9.4,
 * live and on the fixture trees (psutil's PROCFS_PATH pointed at them).
 *
 * <p>Where psutil 5.9.4 differs from newest psutil, we keep newest's semantics and adjust the
 * comparison, as noted in each test:
 * <ul>
 * <li>net_if_addrs: 7.x lists a NIC without a usable address as one AF_UNSPEC entry (5.9.4
 *     leaves it out); 7.x drops the broadcast of an IPv4 /32 (5.9.4 shows the local address);
 *     7.x names family 17 AF_LINK (5.9.4 AF_PACKET; both print 17).
 * <li>net_if_stats: 5.9.4 already has the flags field and isup = IFF_RUNNING, as newest.
 * <li>net_connections: a UNIX path containing whitespace is '' in psutil (it splits the line);
 *     we keep the path. A malformed /proc/net/tcp line makes psutil raise; we skip the line.
 * </ul>
 */
@org.junit.jupiter.api.parallel.Isolated("changes the global /proc and /sys roots")
class NetConformanceTest {

    private final Path origProc = Roots.proc();
    private final Path origSys = Roots.sys();
    private final Path origUtmp = Roots.utmp();

    @BeforeAll
    static void psutilIsThere() {
        assertEquals("5.9.4", PythonPsutil.version());
    }

    @AfterEach
    void restore() {
        Roots.set(origProc, origSys, origUtmp);
    }

    // ---- net_io_counters

    static Map<String, NetIoCounters> psutilIo(String procfs) {
        String set = procfs == null ? "" : "psutil.PROCFS_PATH = " + pyStr(procfs) + "\n";
        JsonNode j = PythonPsutil.exec(set + "print(json.dumps(nt(psutil.net_io_counters(pernic=True, nowrap=False))))");
        var m = new java.util.LinkedHashMap<String, NetIoCounters>();
        for (Map.Entry<String, JsonNode> e : j.properties()) {
            JsonNode v = e.getValue();
            m.put(e.getKey(), new NetIoCounters(u64(v, "bytes_sent"), u64(v, "bytes_recv"), u64(v, "packets_sent"),
                    u64(v, "packets_recv"), u64(v, "errin"), u64(v, "errout"), u64(v, "dropin"), u64(v, "dropout")));
        }
        return m;
    }

    static long u64(JsonNode v, String f) {
        return Long.parseUnsignedLong(v.get(f).bigIntegerValue().toString());
    }

    static String pyStr(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void ioCountersLive() {
        Map<String, NetIoCounters> before = Psutil.netIoCountersPernic(false);
        Map<String, NetIoCounters> theirs = psutilIo(null);
        Map<String, NetIoCounters> after = Psutil.netIoCountersPernic(false);
        assertEquals(List.copyOf(before.keySet()), List.copyOf(theirs.keySet()));
        for (var e : theirs.entrySet()) {
            NetIoCounters b = before.get(e.getKey());
            NetIoCounters a = after.get(e.getKey());
            NetIoCounters t = e.getValue();
            long[] bv = values(b);
            long[] tv = values(t);
            long[] av = values(a);
            for (int i = 0; i < bv.length; i++) {
                assertTrue(bv[i] <= tv[i] && tv[i] <= av[i], e.getKey() + " field " + i + ": " + b + " " + t + " " + a);
            }
        }
    }

    static long[] values(NetIoCounters c) {
        return new long[] {c.bytesSent(), c.bytesRecv(), c.packetsSent(), c.packetsRecv(), c.errin(), c.errout(),
            c.dropin(), c.dropout()};
    }

    @Test
    void ioCountersOnFixture() {
        Path proc = fixture("net-odd").resolve("proc");
        Roots.set(proc, origSys, origUtmp);
        assertEquals(psutilIo(proc.toString()), Psutil.netIoCountersPernic(false));
    }

    static Path fixture(String name) {
        try {
            return Path.of(NetConformanceTest.class.getResource("/linux/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    // ---- net_if_addrs

    static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    @Test
    void ifAddrs() {
        Map<String, List<NetIfAddr>> ours = Psutil.netIfAddrs();
        JsonNode theirs = PythonPsutil.eval("nt(psutil.net_if_addrs())");
        var expected = new java.util.LinkedHashMap<String, List<String>>();
        for (Map.Entry<String, JsonNode> e : theirs.properties()) {
            var list = new ArrayList<String>();
            for (JsonNode a : e.getValue()) {
                int fam = a.get("family").asInt();
                String broadcast = text(a.get("broadcast"));
                if (fam == 2 && "255.255.255.255".equals(text(a.get("netmask")))) {
                    broadcast = null; // newest psutil: a /32 has no broadcast
                }
                list.add(fam + " " + text(a.get("address")) + " " + text(a.get("netmask")) + " " + broadcast
                        + " " + text(a.get("ptp")));
            }
            expected.put(e.getKey(), list);
        }
        var actual = new java.util.LinkedHashMap<String, List<String>>();
        boolean unspec = false;
        for (var e : ours.entrySet()) {
            var list = new ArrayList<String>();
            for (NetIfAddr a : e.getValue()) {
                if (a.family() == AddressFamily.AF_UNSPEC) {
                    unspec = true; // newest psutil only
                    continue;
                }
                list.add(a.family().value() + " " + a.address().orElse(null) + " " + a.netmask().orElse(null) + " "
                        + a.broadcast().orElse(null) + " " + a.ptp().orElse(null));
            }
            if (!list.isEmpty()) {
                actual.put(e.getKey(), list);
            }
        }
        assertEquals(expected, actual);
        if (!unspec) {
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        }
    }

    // ---- net_if_stats

    @Test
    void ifStats() {
        Map<String, NetIfStats> ours = Psutil.netIfStats();
        JsonNode theirs = PythonPsutil.eval("nt(psutil.net_if_stats())");
        var names = new ArrayList<String>();
        theirs.fieldNames().forEachRemaining(names::add);
        assertEquals(names, List.copyOf(ours.keySet()));
        for (String nic : names) {
            JsonNode t = theirs.get(nic);
            NetIfStats o = ours.get(nic);
            assertEquals(t.get("isup").asBoolean(), o.isup(), nic);
            assertEquals(t.get("duplex").asInt(), o.duplex().value(), nic);
            assertEquals(t.get("speed").asInt(), o.speed(), nic);
            assertEquals(t.get("mtu").asInt(), o.mtu(), nic);
            // "promisc" may differ for kernel-made promiscuity (bridge ports): see SysClassNet
            assertEquals(withoutPromisc(t.get("flags").asText()), withoutPromisc(o.flags()), nic);
        }
    }

    static String withoutPromisc(String flags) {
        return String.join(",", List.of(flags.split(",")).stream().filter(f -> !f.equals("promisc")).toList());
    }

    // ---- net_connections

    static String addr(Optional<Addr> a) {
        if (a.isEmpty()) {
            return "-";
        }
        return switch (a.get()) {
            case Addr.Inet i -> i.ip() + ":" + i.port();
            case Addr.Unix u -> u.path();
        };
    }

    static String addr(JsonNode a) {
        if (a.isTextual()) {
            return a.asText().isEmpty() ? "-" : a.asText();
        }
        if (a.isArray()) {
            return "-"; // ()
        }
        return a.get("ip").asText() + ":" + a.get("port").asInt();
    }

    static String key(NetConnection c, boolean withFd) {
        return c.family().value() + " " + c.type().value() + " " + addr(c.laddr()) + " " + addr(c.raddr()) + " "
                + c.status() + " " + (c.pid().isPresent() ? c.pid().getAsInt() : "None") + (withFd ? " " + c.fd() : "");
    }

    static Set<String> psutilConns(String procfs, boolean listenOnly, boolean withFd) {
        String set = procfs == null ? "" : "psutil.PROCFS_PATH = " + pyStr(procfs) + "\n";
        JsonNode j = PythonPsutil.exec(set + "print(json.dumps(nt(psutil.net_connections('all'))))");
        var out = new TreeSet<String>();
        for (JsonNode c : j) {
            if (listenOnly && !c.get("status").asText().equals("LISTEN")) {
                continue;
            }
            out.add(c.get("family").asInt() + " " + c.get("type").asInt() + " " + addr(c.get("laddr")) + " "
                    + addr(c.get("raddr")) + " " + c.get("status").asText() + " "
                    + (c.get("pid").isNull() ? "None" : c.get("pid").asInt()) + (withFd ? " " + c.get("fd").asInt() : ""));
        }
        return out;
    }

    static Set<String> ourListening() {
        var out = new TreeSet<String>();
        for (NetConnection c : Psutil.netConnections("all")) {
            if (c.status() == ConnectionStatus.LISTEN) {
                out.add(key(c, false));
            }
        }
        return out;
    }

    /** LISTEN sockets, with pids (psutil runs as root too); read ours before and after psutil. */
    @Test
    void listeningConnections() throws IOException {
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Set<String> before = ourListening();
            Set<String> theirs = psutilConns(null, true, false);
            Set<String> after = ourListening();
            var stable = new HashSet<>(before);
            stable.retainAll(after);
            var seen = new HashSet<>(before);
            seen.addAll(after);
            assertTrue(theirs.containsAll(stable), "ours, not psutil's: " + NetConnectionsTest.minus(stable, theirs));
            assertTrue(seen.containsAll(theirs), "psutil's, not ours: " + NetConnectionsTest.minus(theirs, seen));
            assertTrue(stable.stream().anyMatch(s -> s.contains(":" + server.getLocalPort() + " ")
                    && s.endsWith(" " + ProcessHandle.current().pid())), stable.toString());
        }
    }

    static Set<String> ourAll() {
        var out = new TreeSet<String>();
        for (NetConnection c : Psutil.netConnections("all")) {
            String k = key(c, true);
            if (c.laddr().orElse(null) instanceof Addr.Unix u && u.path().matches(".*\\s.*")) {
                k = key(new NetConnection(c.fd(), c.family(), c.type(), Optional.empty(), c.raddr(), c.status(),
                        c.pid()), true); // psutil: '' for a path with whitespace
            }
            out.add(k);
        }
        return out;
    }

    /**
     * Every socket of every kind, with pid and fd. Other sessions open and close sockets all
     * the time: ours are read before and after psutil, and a few attempts are allowed.
     */
    @Test
    void allConnectionsLive() {
        String last = "";
        for (int attempt = 0; attempt < 4; attempt++) {
            Set<String> before = ourAll();
            Set<String> theirs = psutilConns(null, false, true);
            Set<String> after = ourAll();
            var stable = new HashSet<>(before);
            stable.retainAll(after);
            var seen = new HashSet<>(before);
            seen.addAll(after);
            if (theirs.containsAll(stable) && seen.containsAll(theirs)) {
                assertFalse(theirs.isEmpty());
                return;
            }
            last = "ours, not psutil's: " + NetConnectionsTest.minus(stable, theirs)
                    + "\npsutil's, not ours: " + NetConnectionsTest.minus(theirs, seen);
        }
        throw new AssertionError(last);
    }

    /** The whole table, fds included, on the fixture procfs with fake /proc/pid/fd links. */
    @Test
    void connectionsOnFixture(@TempDir Path tmp) throws IOException {
        Path proc = NetParserTestAccess.fakeProc(tmp);
        // psutil raises RuntimeError on a malformed tcp line; we skip it: leave it out here
        Path tcp = proc.resolve("net/tcp");
        java.nio.file.Files.write(tcp, java.nio.file.Files.readAllLines(tcp).stream()
                .filter(l -> !l.contains("garbage")).toList());
        Roots.set(proc, origSys, origUtmp);
        var ours = new TreeSet<String>();
        for (NetConnection c : Psutil.netConnections("all")) {
            // psutil splits the line on whitespace: a path with a space becomes ''
            String k = key(c, true).replace(" /tmp/my sock ", " - ");
            ours.add(k);
        }
        Set<String> theirs = psutilConns(proc.toString(), false, true);
        assertFalse(theirs.isEmpty());
        assertEquals(theirs, ours);
    }
}
