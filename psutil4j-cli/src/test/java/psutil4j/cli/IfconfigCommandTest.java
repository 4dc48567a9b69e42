package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import psutil4j.AddressFamily;
import psutil4j.NetIfAddr;
import psutil4j.NetIfStats;
import psutil4j.NetIoCounters;
import psutil4j.NicDuplex;
import psutil4j.testing.Cmd;

/** {@code ifconfig}: a golden block on fixed data, and the same facts as net-tools ifconfig. */
class IfconfigCommandTest {

    @Test
    void goldenBlock() {
        var addrs = List.of(
                new NetIfAddr(AddressFamily.AF_INET, Optional.of("192.0.2.2"), Optional.of("255.255.255.0"),
                        Optional.of("192.0.2.255"), Optional.empty()),
                new NetIfAddr(AddressFamily.AF_INET6, Optional.of("fd00::2"), Optional.of("ffff:ffff:ffff:ffff::"),
                        Optional.empty(), Optional.empty()),
                new NetIfAddr(AddressFamily.AF_INET6, Optional.of("fe80::fc:ff:fe00:1%eth0"),
                        Optional.of("ffff:ffff:ffff:ffff::"), Optional.empty(), Optional.empty()),
                new NetIfAddr(AddressFamily.AF_LINK, Optional.of("02:fc:00:00:00:01"), Optional.empty(),
                        Optional.of("ff:ff:ff:ff:ff:ff"), Optional.empty()));
        var f = new IfconfigCommand.Iface("eth0",
                new NetIfStats(true, NicDuplex.UNKNOWN, 0, 1400, "up,broadcast,running,multicast"), addrs,
                new NetIoCounters(196168, 31889229, 1233, 1295, 0, 0, 0, 0),
                new IfconfigCommand.DevExtras(1, 2, 3, 4, 5), OptionalLong.of(1000));
        assertEquals("""
                eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1400
                        inet 192.0.2.2  netmask 255.255.255.0  broadcast 192.0.2.255
                        inet6 fd00::2  prefixlen 64  scopeid 0x0<global>
                        inet6 fe80::fc:ff:fe00:1  prefixlen 64  scopeid 0x20<link>
                        ether 02:fc:00:00:00:01  txqueuelen 1000  (Ethernet)
                        RX packets 1295  bytes 31889229 (30.4 MiB)
                        RX errors 0  dropped 0  overruns 1  frame 2
                        TX packets 1233  bytes 196168 (191.5 KiB)
                        TX errors 0  dropped 0 overruns 3  carrier 5  collisions 4

                """, IfconfigCommand.render(f));
        var lo = new IfconfigCommand.Iface("lo",
                new NetIfStats(true, NicDuplex.UNKNOWN, 0, 65536, "up,loopback,running"),
                List.of(new NetIfAddr(AddressFamily.AF_INET6, Optional.of("::1"),
                        Optional.of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), Optional.empty(), Optional.empty())),
                new NetIoCounters(0, 0, 0, 0, 0, 0, 0, 0), IfconfigCommand.DevExtras.NONE, OptionalLong.empty());
        assertEquals("""
                lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536
                        inet6 ::1  prefixlen 128  scopeid 0x10<host>
                        loop  (Local Loopback)
                        RX packets 0  bytes 0 (0.0 B)
                        RX errors 0  dropped 0  overruns 0  frame 0
                        TX packets 0  bytes 0 (0.0 B)
                        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

                """, IfconfigCommand.render(lo));
    }

    @Test
    void helpers() {
        assertEquals("0.0 B", IfconfigCommand.scaled(0));
        assertEquals("1023.0 B", IfconfigCommand.scaled(1023));
        assertEquals("1.0 KiB", IfconfigCommand.scaled(1024));
        assertEquals("1.0 MiB", IfconfigCommand.scaled(1116397)); // truncated, not rounded
        assertEquals(130, IfconfigCommand.flagBits("broadcast,noarp"));
        assertEquals(64, IfconfigCommand.prefixLen("ffff:ffff:ffff:ffff::"));
        assertEquals(0x40, IfconfigCommand.scope("fec0::1"));
        var names = new ArrayList<>(List.of("eth10", "lo", "eth2", "br0", "eth"));
        names.sort(IfconfigCommand::natural);
        assertEquals(List.of("br0", "eth", "eth2", "eth10", "lo"), names);
        // the extra /proc/net/dev columns are parsed by the library (Psutil.netIoCountersEx)
        assertEquals(new IfconfigCommand.DevExtras(7, 8, 9, 10, 11), IfconfigCommand.DevExtras.of(
                new psutil4j.NetIoCountersEx(0, 0, 0, 0, 0, 0, 0, 0, 7, 8, 0, 0, 9, 10, 11, 0, OptionalLong.of(1000))));
    }

    /** Each interface's lines without the counters (which move): flags/mtu, inet, inet6, ether/loop. */
    static Map<String, List<String>> facts(String out) {
        var m = new LinkedHashMap<String, List<String>>();
        List<String> cur = null;
        for (String l : out.split("\n")) {
            if (!l.isEmpty() && !l.startsWith(" ")) {
                cur = new ArrayList<>();
                cur.add(l);
                m.put(l.substring(0, l.indexOf(':')), cur);
            } else if (cur != null && (l.startsWith("        inet") || l.startsWith("        ether")
                    || l.startsWith("        loop"))) {
                cur.add(l);
            }
        }
        for (List<String> v : m.values()) {
            v.subList(1, v.size()).sort(null); // address order may differ (getifaddrs vs ioctl/proc)
        }
        return m;
    }

    @Test
    void sameInterfacesAddressesAndMtuAsNetTools() {
        assertEquals(facts(Cmd.run("ifconfig", "-a")), facts(SysCli.run("ifconfig", "-a").out()));
        assertEquals(facts(Cmd.run("ifconfig")), facts(SysCli.run("ifconfig").out()));
        assertEquals(facts(Cmd.run("ifconfig", "lo")), facts(SysCli.run("ifconfig", "lo").out()));
    }

    @Test
    void countersWithinTolerance() {
        String theirs = Cmd.run("ifconfig", "lo");
        String ours = SysCli.run("ifconfig", "lo").out();
        long t = rxPackets(theirs);
        long o = rxPackets(ours);
        assertTrue(o >= t && o - t < 100_000, t + " vs " + o);
    }

    private static long rxPackets(String out) {
        String l = out.lines().filter(x -> x.startsWith("        RX packets")).findFirst().orElseThrow();
        return Long.parseLong(l.trim().split("\\s+")[2]);
    }

    @Test
    void unknownInterfaceAndFlag() {
        SysCli.Result r = SysCli.run("ifconfig", "nosuch0");
        assertEquals(1, r.rc());
        assertEquals("nosuch0: error fetching interface information: Device not found\n", r.err());
        assertEquals(2, SysCli.run("ifconfig", "--bogus").rc());
    }

    @Test
    void jsonHasPsutilsFields() throws Exception {
        SysCli.Result r = SysCli.run("ifconfig", "lo", "--json");
        assertEquals(0, r.rc(), r.err());
        JsonNode lo = new ObjectMapper().readTree(r.out()).get("lo");
        var stats = new ArrayList<String>();
        lo.get("stats").fieldNames().forEachRemaining(stats::add);
        assertEquals(List.of("isup", "duplex", "speed", "mtu", "flags"), stats);
        assertEquals("127.0.0.1", lo.get("addrs").get(0).get("address").asText());
        assertTrue(lo.get("io_counters").has("bytes_recv"));
    }
}
