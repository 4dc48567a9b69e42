package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import psutil4j.testing.PythonPsutil;

/**
 * {@code ./psutil4j snapshot --json} against real psutil: the same keys (psutil's function
 * names) and, for each function, the same field names; static values equal.
 */
class SnapshotCommandTest {

    static JsonNode ours;
    static JsonNode theirs;

    /** psutil's view of the same functions, with psutil's default arguments. */
    private static final String PSUTIL_SNAPSHOT = String.join("\n",
            "d = {}",
            "d['cpu_times'] = nt(psutil.cpu_times())",
            "d['cpu_times_percpu'] = nt(psutil.cpu_times(percpu=True))",
            "d['cpu_count'] = psutil.cpu_count()",
            "d['cpu_count_physical'] = psutil.cpu_count(logical=False)",
            "d['cpu_stats'] = nt(psutil.cpu_stats())",
            "d['cpu_freq'] = nt(psutil.cpu_freq())",
            "d['getloadavg'] = list(psutil.getloadavg())",
            "d['virtual_memory'] = nt(psutil.virtual_memory())",
            "d['swap_memory'] = nt(psutil.swap_memory())",
            "d['disk_partitions'] = nt(psutil.disk_partitions())",
            "d['disk_usage'] = {p.mountpoint: nt(psutil.disk_usage(p.mountpoint)) for p in psutil.disk_partitions()}",
            "d['disk_io_counters'] = nt(psutil.disk_io_counters(perdisk=True))",
            "d['net_io_counters'] = nt(psutil.net_io_counters(pernic=True))",
            "d['net_if_addrs'] = nt(psutil.net_if_addrs())",
            "d['net_if_stats'] = nt(psutil.net_if_stats())",
            "d['net_connections'] = nt(psutil.net_connections())",
            "d['sensors_temperatures'] = nt(psutil.sensors_temperatures())",
            "d['sensors_fans'] = nt(psutil.sensors_fans())",
            "d['sensors_battery'] = nt(psutil.sensors_battery())",
            "d['boot_time'] = psutil.boot_time()",
            "d['users'] = nt(psutil.users())",
            "d['pids'] = psutil.pids()",
            "print(json.dumps(d))");

    @BeforeAll
    static void run() throws Exception {
        var out = new StringWriter();
        var err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("snapshot", "--json");
        assertEquals(0, rc, err.toString());
        ours = new ObjectMapper().readTree(out.toString());
        theirs = PythonPsutil.exec(PSUTIL_SNAPSHOT);
    }

    @Test
    void keysAreTheIssuedFunctionNames() {
        List<String> keys = new ArrayList<>();
        ours.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("cpu_times", "cpu_times_percpu", "cpu_count", "cpu_count_physical", "cpu_stats",
                "cpu_freq", "getloadavg", "virtual_memory", "swap_memory", "disk_partitions", "disk_usage",
                "disk_io_counters", "net_io_counters", "net_if_addrs", "net_if_stats", "net_connections",
                "sensors_temperatures", "sensors_fans", "sensors_battery", "boot_time", "users", "pids",
                "pressure", "cgroup", "container"), keys);
        for (String k : keys) {
            if (!k.startsWith("sensors_battery") && !k.equals("cpu_freq")) {
                assertTrue(!ours.get(k).isNull(), k + " is null: it failed");
            }
        }
    }

    @Test
    void fieldNamesArePsutils() {
        for (String f : List.of("cpu_times", "cpu_stats", "virtual_memory", "swap_memory", "cpu_freq")) {
            if (theirs.get(f).isNull()) {
                continue;
            }
            assertEquals(names(theirs.get(f)), names(ours.get(f)), f);
        }
        assertEquals(names(theirs.get("cpu_times_percpu").get(0)), names(ours.get("cpu_times_percpu").get(0)));
        // psutil 6.0 removed maxfile and maxpath from disk_partitions; 5.9.4 still has them.
        Set<String> part = names(theirs.get("disk_partitions").get(0));
        part.removeAll(Set.of("maxfile", "maxpath"));
        assertEquals(part, names(ours.get("disk_partitions").get(0)));
        assertEquals(names(first(theirs.get("disk_usage"))), names(first(ours.get("disk_usage"))));
        assertEquals(names(first(theirs.get("disk_io_counters"))), names(first(ours.get("disk_io_counters"))));
        assertEquals(names(first(theirs.get("net_io_counters"))), names(first(ours.get("net_io_counters"))));
        assertEquals(names(first(theirs.get("net_if_stats"))), names(first(ours.get("net_if_stats"))));
        assertEquals(names(first(theirs.get("net_if_addrs")).get(0)), names(first(ours.get("net_if_addrs")).get(0)));
        if (theirs.get("net_connections").size() > 0 && ours.get("net_connections").size() > 0) {
            assertEquals(names(theirs.get("net_connections").get(0)), names(ours.get("net_connections").get(0)));
        }
    }

    @Test
    void staticValuesAgreeWithPsutil() {
        assertEquals(theirs.get("cpu_count").asInt(), ours.get("cpu_count").asInt());
        assertEquals(theirs.get("cpu_count_physical").asInt(), ours.get("cpu_count_physical").asInt());
        assertEquals(theirs.get("virtual_memory").get("total").asLong(), ours.get("virtual_memory").get("total").asLong());
        assertEquals(theirs.get("swap_memory").get("total").asLong(), ours.get("swap_memory").get("total").asLong());
        assertEquals(theirs.get("boot_time").asDouble(), ours.get("boot_time").asDouble(), 1.0);
        assertEquals(mounts(theirs.get("disk_partitions")), mounts(ours.get("disk_partitions")));
        assertEquals(keys(theirs.get("disk_usage")), keys(ours.get("disk_usage")));
        for (String m : keys(ours.get("disk_usage"))) {
            assertEquals(theirs.get("disk_usage").get(m).get("total").asLong(),
                    ours.get("disk_usage").get(m).get("total").asLong(), m);
        }
        assertEquals(keys(theirs.get("net_if_addrs")), keys(ours.get("net_if_addrs")));
        assertEquals(keys(theirs.get("net_if_stats")), keys(ours.get("net_if_stats")));
        assertEquals(keys(theirs.get("disk_io_counters")), keys(ours.get("disk_io_counters")));
        assertEquals(theirs.get("users").size(), ours.get("users").size());
        assertEquals(keys(theirs.get("sensors_temperatures")), keys(ours.get("sensors_temperatures")));
        assertEquals(theirs.get("sensors_battery").isNull(), ours.get("sensors_battery").isNull());
        assertEquals(3, ours.get("getloadavg").size());
        // pids move; the long-lived ones (pid 1 and the low pids) must be in both.
        Set<Integer> a = ints(theirs.get("pids"));
        Set<Integer> b = ints(ours.get("pids"));
        assertTrue(b.contains(1));
        Set<Integer> common = new HashSet<>(a);
        common.retainAll(b);
        assertTrue(common.size() >= Math.min(a.size(), b.size()) * 0.8, "pids mostly agree: " + a.size() + " vs " + b.size());
    }

    @Test
    void readableSummaryNamesEverySection() {
        var out = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("snapshot"));
        String text = out.toString();
        for (String s : List.of("CPU", "Memory", "Swap", "Filesystem", "Interface", "Sensors", "Users", "Pids",
                "Pressure", "Cgroup")) {
            assertTrue(text.contains(s), s + " missing in\n" + text);
        }
    }

    @Test
    void unknownFlagIsAUsageError() {
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cl.execute("snapshot", "--no-such-flag"));
    }

    private static JsonNode first(JsonNode obj) {
        return obj.elements().next();
    }

    private static Set<String> names(JsonNode obj) {
        Set<String> s = new TreeSet<>();
        obj.fieldNames().forEachRemaining(s::add);
        return s;
    }

    private static Set<String> keys(JsonNode obj) {
        return names(obj);
    }

    private static Set<String> mounts(JsonNode parts) {
        Set<String> s = new TreeSet<>();
        for (Iterator<JsonNode> it = parts.elements(); it.hasNext();) {
            JsonNode p = it.next();
            s.add(p.get("device").asText() + " " + p.get("mountpoint").asText() + " " + p.get("fstype").asText());
        }
        return s;
    }

    private static Set<Integer> ints(JsonNode arr) {
        Set<Integer> s = new HashSet<>();
        arr.forEach(n -> s.add(n.asInt()));
        return s;
    }
}
