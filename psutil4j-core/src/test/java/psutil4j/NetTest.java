package psutil4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import psutil4j.internal.linux.proc.ProcNetTcp;
import psutil4j.testing.Cmd;

/** Live cross-checks of net_io_counters, net_if_addrs and net_if_stats against iproute2. */
class NetTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode ip(String... args) {
        var argv = new java.util.ArrayList<String>(List.of("ip", "-j"));
        argv.addAll(List.of(args));
        try {
            return JSON.readTree(Cmd.run(argv));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Netmask text of a prefix length, as inet_ntop writes it (what psutil shows). */
    static String netmask(int prefix, boolean v6) {
        byte[] b = new byte[v6 ? 16 : 4];
        for (int i = 0; i < prefix; i++) {
            b[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return v6 ? ProcNetTcp.ipv6(b) : ProcNetTcp.ipv4(b);
    }

    @Test
    void everyIpAddressIsInNetIfAddrs() {
        Map<String, List<NetIfAddr>> ours = Psutil.netIfAddrs();
        int checked = 0;
        for (JsonNode link : ip("addr")) {
            String nic = link.get("ifname").asText();
            for (JsonNode a : link.path("addr_info")) {
                String fam = a.get("family").asText();
                if (!fam.equals("inet") && !fam.equals("inet6")) {
                    continue;
                }
                boolean v6 = fam.equals("inet6");
                String local = a.get("local").asText();
                String mask = netmask(a.get("prefixlen").asInt(), v6);
                List<NetIfAddr> list = ours.getOrDefault(nic, List.of());
                boolean found = list.stream().anyMatch(x ->
                        x.family() == (v6 ? AddressFamily.AF_INET6 : AddressFamily.AF_INET)
                        && x.address().map(s -> s.replaceFirst("%.*$", "")).equals(Optional.of(local))
                        && x.netmask().equals(Optional.of(mask)));
                assertTrue(found, nic + " " + local + "/" + mask + " not in " + list);
                if (!v6 && a.has("broadcast")) {
                    assertTrue(list.stream().anyMatch(x -> x.broadcast().equals(Optional.of(a.get("broadcast").asText()))),
                            nic + " broadcast " + a.get("broadcast"));
                }
                checked++;
            }
            // the MAC, lowercase colon hex
            if (link.has("address") && link.get("address").asText().length() == 17) {
                String mac = link.get("address").asText();
                assertTrue(ours.getOrDefault(nic, List.of()).stream().anyMatch(x ->
                        x.family() == AddressFamily.AF_LINK && x.address().equals(Optional.of(mac))), nic + " " + mac);
            }
        }
        assertTrue(checked > 0, "ip showed no address at all");
        assertTrue(ours.get("lo").stream().anyMatch(x -> x.address().equals(Optional.of("127.0.0.1"))));
    }

    @Test
    void statsAgreeWithIpLink() {
        Map<String, NetIfStats> ours = Psutil.netIfStats();
        // flags iproute2 prints (it hides RUNNING); PROMISC differs by design (see SysClassNet)
        Set<String> shown = Set.of("UP", "BROADCAST", "LOOPBACK", "POINTOPOINT", "MULTICAST", "NOARP",
                "ALLMULTI", "MASTER", "SLAVE", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS");
        for (JsonNode link : ip("link")) {
            String nic = link.get("ifname").asText();
            NetIfStats s = ours.get(nic);
            if (s == null) {
                continue; // created after our read
            }
            assertEquals(link.get("mtu").asInt(), s.mtu(), nic);
            var theirs = new TreeSet<String>();
            link.get("flags").forEach(f -> {
                if (shown.contains(f.asText())) {
                    theirs.add(f.asText().toLowerCase());
                }
            });
            var mine = new TreeSet<String>(List.of(s.flags().split(",")));
            mine.retainAll(shown.stream().map(String::toLowerCase).toList());
            assertEquals(theirs, mine, nic);
            String oper = link.get("operstate").asText();
            boolean up = theirs.contains("up");
            assertEquals(up && (oper.equals("UP") || oper.equals("UNKNOWN")), s.isup(), nic + " " + oper);
            assertTrue(s.speed() >= 0);
        }
        assertEquals(Psutil.netIoCountersPernic().keySet(), ours.keySet());
    }

    /**
     * ifconfig prints SIOCGIFFLAGS as a number and names ("flags=4163&lt;UP,BROADCAST,RUNNING,
     * MULTICAST&gt;"), what psutil reads: our /sys-derived flags (RUNNING from operstate) must match,
     * as must isup (psutil's test_against_ifconfig). PROMISC may differ by design (SysClassNet).
     */
    @Test
    void flagsAndIsupAgreeWithIfconfig() {
        Map<String, NetIfStats> ours = Psutil.netIfStats();
        int matched = 0;
        for (var e : ours.entrySet()) {
            String out;
            try {
                out = Cmd.run("ifconfig", e.getKey());
            } catch (AssertionError gone) {
                continue; // the NIC went away
            }
            var m = java.util.regex.Pattern.compile("flags=\\d+<([^>]*)>").matcher(out);
            assertTrue(m.find(), out);
            var theirs = new TreeSet<String>();
            for (String f : m.group(1).toLowerCase().split(",")) {
                if (!f.isEmpty() && !f.equals("promisc")) {
                    theirs.add(f);
                }
            }
            var mine = new TreeSet<String>();
            for (String f : e.getValue().flags().split(",")) {
                if (!f.isEmpty() && !f.equals("promisc")) {
                    mine.add(f);
                }
            }
            assertEquals(theirs, mine, e.getKey());
            assertEquals(theirs.contains("running"), e.getValue().isup(), e.getKey());
            var mtu = java.util.regex.Pattern.compile("mtu (\\d+)").matcher(out);
            assertTrue(mtu.find(), out);
            assertEquals(Integer.parseInt(mtu.group(1)), e.getValue().mtu(), e.getKey());
            matched++;
        }
        assertTrue(matched > 0);
    }

    /** Ours before, ip's, ours after: the kernel's counters only grow (nowrap=false: raw). */
    @Test
    void ioCountersBracketIpStatistics() {
        Map<String, NetIoCounters> before = Psutil.netIoCountersPernic(false);
        JsonNode links = ip("-s", "link");
        Map<String, NetIoCounters> after = Psutil.netIoCountersPernic(false);
        int checked = 0;
        for (JsonNode link : links) {
            String nic = link.get("ifname").asText();
            NetIoCounters b = before.get(nic);
            NetIoCounters a = after.get(nic);
            if (b == null || a == null) {
                continue;
            }
            JsonNode rx = link.at("/stats64/rx");
            JsonNode tx = link.at("/stats64/tx");
            between(b.bytesRecv(), rx.get("bytes").asLong(), a.bytesRecv(), nic + " rx bytes");
            between(b.packetsRecv(), rx.get("packets").asLong(), a.packetsRecv(), nic + " rx packets");
            between(b.bytesSent(), tx.get("bytes").asLong(), a.bytesSent(), nic + " tx bytes");
            between(b.packetsSent(), tx.get("packets").asLong(), a.packetsSent(), nic + " tx packets");
            between(b.errin(), rx.get("errors").asLong(), a.errin(), nic + " errin");
            between(b.errout(), tx.get("errors").asLong(), a.errout(), nic + " errout");
            checked++;
        }
        assertTrue(checked > 0);
    }

    static void between(long lo, long v, long hi, String what) {
        assertTrue(lo <= v && v <= hi, what + ": " + lo + " <= " + v + " <= " + hi);
    }

    @Test
    void totalIsTheSumOfNics() {
        Map<String, NetIoCounters> b = Psutil.netIoCountersPernic();
        NetIoCounters t = Psutil.netIoCounters();
        Map<String, NetIoCounters> a = Psutil.netIoCountersPernic();
        between(b.values().stream().mapToLong(NetIoCounters::bytesRecv).sum(), t.bytesRecv(),
                a.values().stream().mapToLong(NetIoCounters::bytesRecv).sum(), "bytes_recv");
        between(b.values().stream().mapToLong(NetIoCounters::packetsSent).sum(), t.packetsSent(),
                a.values().stream().mapToLong(NetIoCounters::packetsSent).sum(), "packets_sent");
        assertTrue(b.containsKey("lo"));
        assertFalse(b.isEmpty());
    }

    /** Threads racing on nowrap never see a bogus wrap (an older snapshot adjusted after a newer one). */
    @Test
    void nowrapIsConsistentAcrossThreads() throws InterruptedException {
        Psutil.netIoCountersCacheClear();
        var threads = new java.util.ArrayList<Thread>();
        var failures = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                long prev = 0;
                for (int i = 0; i < 2000; i++) {
                    long v = Psutil.netIoCounters().bytesRecv();
                    if (v < prev) {
                        failures.add(prev + " -> " + v);
                    }
                    prev = v;
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), List.copyOf(failures));
        // no counter really wrapped meanwhile, so nowrap adds nothing to the raw values
        long before = Psutil.netIoCounters(false).bytesRecv();
        long adjusted = Psutil.netIoCounters(true).bytesRecv();
        long after = Psutil.netIoCounters(false).bytesRecv();
        between(before, adjusted, after, "nowrap total vs raw");
    }

    /**
     * {@link Psutil#netIoCountersEx()} against {@code ip -s -s -j link}: the error columns and
     * the queue length (traffic counters move between the two reads; errors on a test machine do
     * not), and psutil's fields within what lo could have moved meanwhile.
     */
    @Test
    void netIoCountersExMatchesIpLink() throws Exception {
        Map<String, NetIoCountersEx> ours = Psutil.netIoCountersEx();
        JsonNode links = new ObjectMapper().readTree(Cmd.run("ip", "-s", "-s", "-j", "link"));
        int checked = 0;
        for (JsonNode l : links) {
            String name = l.get("ifname").asText();
            NetIoCountersEx x = ours.get(name);
            if (x == null || !l.has("stats64")) {
                continue; // created or removed meanwhile
            }
            JsonNode rx = l.get("stats64").get("rx");
            JsonNode tx = l.get("stats64").get("tx");
            assertEquals(rx.get("fifo_errors").asLong(), x.rxFifo(), name);
            assertEquals(rx.get("length_errors").asLong() + rx.get("over_errors").asLong()
                    + rx.get("crc_errors").asLong() + rx.get("frame_errors").asLong(), x.rxFrame(), name);
            assertEquals(tx.get("fifo_errors").asLong(), x.txFifo(), name);
            assertEquals(tx.get("collisions").asLong(), x.collisions(), name);
            assertEquals(tx.get("carrier_errors").asLong() + tx.get("aborted_errors").asLong()
                    + tx.get("window_errors").asLong() + tx.get("heartbeat_errors").asLong(), x.txCarrier(), name);
            assertEquals(rx.get("errors").asLong(), x.errin(), name);
            assertTrue(rx.get("bytes").asLong() >= x.bytesRecv(), name + " counters only grow");
            if (l.has("txqlen")) {
                assertEquals(Optional.of(l.get("txqlen").asLong()), x.txQueueLen().isPresent()
                        ? Optional.of(x.txQueueLen().getAsLong()) : Optional.empty(), name);
            }
            checked++;
        }
        assertTrue(checked > 0, "no NIC compared: " + ours.keySet());
    }
}
