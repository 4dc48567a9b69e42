package psutil4j.agent.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;

/**
 * Turns each collection's samples into the values of the charts: gauges as they are, counters
 * as rates over the time since the previous collection (CPU as percent of all CPUs' time, PSI
 * stall time as percent). A counter that went down (a reset, a CPU going offline) or a series
 * seen for the first time gives an unknown (NaN) value for that collection.
 */
final class ChartFeed {

    /**
     * One chart's values from one collection.
     *
     * @param weight how much the device matters when the cap leaves room for only some: bytes
     *               moved so far for disks and interfaces, size for file systems (tmpfs last),
     *               resident memory for process groups
     */
    record Update(ChartKind.Key key, double[] values, double weight) {
    }

    /** The counters of the previous collection, per chart; the last slot of CPU's is the CPU count. */
    private final Map<ChartKind.Key, double[]> previous = new HashMap<>();
    private long previousMillis;

    private static final List<String> PSI = ChartKind.PRESSURE.lines();

    /** The charts' values from {@code batch}, in no particular order. */
    List<Update> read(SampleBatch batch) {
        var raw = new LinkedHashMap<ChartKind.Key, double[]>();
        var weights = new HashMap<ChartKind.Key, Double>();
        double memTotal = Double.NaN;
        double swapTotal = Double.NaN;
        double swapFree = Double.NaN;
        double memAvailable = Double.NaN;
        var fsSize = new HashMap<String, Double>();
        int cpus = 0;
        for (Sample s : batch.samples()) {
            Map<String, String> l = s.labels();
            double v = s.value();
            switch (s.name()) {
                case "node_cpu_seconds_total" -> {
                    int i = ChartKind.CPU.lines().indexOf(l.get("mode"));
                    if (i >= 0) {
                        add(raw, system(ChartKind.CPU), i, v);
                        if (i == 0) {
                            cpus++;
                        }
                    }
                }
                case "node_load1" -> set(raw, system(ChartKind.LOAD), 0, v);
                case "node_load5" -> set(raw, system(ChartKind.LOAD), 1, v);
                case "node_load15" -> set(raw, system(ChartKind.LOAD), 2, v);
                case "node_memory_MemTotal_bytes" -> memTotal = v;
                case "node_memory_MemAvailable_bytes" -> memAvailable = v;
                case "node_memory_Cached_bytes" -> set(raw, system(ChartKind.MEMORY), 2, v);
                case "node_memory_Buffers_bytes" -> set(raw, system(ChartKind.MEMORY), 3, v);
                case "node_memory_SwapTotal_bytes" -> swapTotal = v;
                case "node_memory_SwapFree_bytes" -> swapFree = v;
                case "node_pressure_cpu_waiting_seconds_total" -> set(raw, system(ChartKind.PRESSURE), PSI.indexOf("cpu_some"), v);
                case "node_pressure_cpu_stalled_seconds_total" -> set(raw, system(ChartKind.PRESSURE), PSI.indexOf("cpu_full"), v);
                case "node_pressure_memory_waiting_seconds_total" ->
                        set(raw, system(ChartKind.PRESSURE), PSI.indexOf("memory_some"), v);
                case "node_pressure_memory_stalled_seconds_total" ->
                        set(raw, system(ChartKind.PRESSURE), PSI.indexOf("memory_full"), v);
                case "node_pressure_io_waiting_seconds_total" -> set(raw, system(ChartKind.PRESSURE), PSI.indexOf("io_some"), v);
                case "node_pressure_io_stalled_seconds_total" -> set(raw, system(ChartKind.PRESSURE), PSI.indexOf("io_full"), v);
                case "node_pressure_irq_stalled_seconds_total" -> set(raw, system(ChartKind.PRESSURE), PSI.indexOf("irq_full"), v);
                case "node_disk_read_bytes_total" -> device(raw, weights, ChartKind.DISK, l.get("device"), 0, v);
                case "node_disk_written_bytes_total" -> device(raw, weights, ChartKind.DISK, l.get("device"), 1, v);
                case "node_disk_reads_completed_total" -> set(raw, new ChartKind.Key(ChartKind.DISK_OPS, l.get("device")), 0, v);
                case "node_disk_writes_completed_total" -> set(raw, new ChartKind.Key(ChartKind.DISK_OPS, l.get("device")), 1, v);
                case "node_network_receive_bytes_total" -> device(raw, weights, ChartKind.NET, l.get("device"), 0, v);
                case "node_network_transmit_bytes_total" -> device(raw, weights, ChartKind.NET, l.get("device"), 1, v);
                case "node_filesystem_size_bytes" -> {
                    fsSize.put(l.get("mountpoint"), v);
                    // Real file systems before tmpfs and the like when the cap leaves room for only some.
                    boolean memoryBacked = "tmpfs".equals(l.get("fstype")) || "ramfs".equals(l.get("fstype"));
                    weights.put(new ChartKind.Key(ChartKind.FS, l.get("mountpoint")), memoryBacked ? v : 1e18 + v);
                }
                case "node_filesystem_free_bytes" -> set(raw, new ChartKind.Key(ChartKind.FS, l.get("mountpoint")), 0, v);
                case "node_filesystem_avail_bytes" -> set(raw, new ChartKind.Key(ChartKind.FS, l.get("mountpoint")), 1, v);
                case "namedprocess_namegroup_cpu_seconds_total" -> {
                    int i = ChartKind.GROUP_CPU.lines().indexOf(l.get("mode"));
                    if (i >= 0) {
                        set(raw, new ChartKind.Key(ChartKind.GROUP_CPU, l.get("groupname")), i, v);
                    }
                }
                case "namedprocess_namegroup_memory_bytes" -> {
                    if ("resident".equals(l.get("memtype"))) {
                        set(raw, new ChartKind.Key(ChartKind.GROUP_RSS, l.get("groupname")), 0, v);
                        weights.put(new ChartKind.Key(ChartKind.GROUP_CPU, l.get("groupname")), v);
                    }
                }
                default -> {
                }
            }
        }
        if (!Double.isNaN(memTotal)) {
            set(raw, system(ChartKind.MEMORY), 0, memTotal - memAvailable);
            set(raw, system(ChartKind.MEMORY), 1, memAvailable);
        }
        if (!Double.isNaN(swapTotal)) {
            set(raw, system(ChartKind.SWAP), 0, swapTotal - swapFree);
        }
        for (var e : raw.entrySet()) {
            if (e.getKey().kind() == ChartKind.FS) {
                // used = size - free, as df and node_exporter's dashboards
                double size = fsSize.getOrDefault(e.getKey().name(), Double.NaN);
                e.getValue()[0] = size - e.getValue()[0];
            }
        }
        double[] cpu = raw.get(system(ChartKind.CPU));
        if (cpu != null) {
            cpu = Arrays.copyOf(cpu, cpu.length + 1);
            cpu[cpu.length - 1] = cpus;
            raw.put(system(ChartKind.CPU), cpu);
        }

        long now = batch.timeMillis();
        double dt = (now - previousMillis) / 1000.0;
        var out = new ArrayList<Update>(raw.size());
        var before = new HashMap<>(previous);
        previous.clear();
        for (var e : raw.entrySet()) {
            ChartKind.Key key = e.getKey();
            double[] r = e.getValue();
            double[] values = switch (key.kind()) {
                case CPU, PRESSURE, DISK, DISK_OPS, NET, GROUP_CPU -> {
                    previous.put(key, r);
                    yield rates(key.kind(), before.get(key), r, dt);
                }
                default -> r;
            };
            double w = weights.getOrDefault(key.kind() == ChartKind.DISK_OPS ? new ChartKind.Key(ChartKind.DISK, key.name())
                    : key.kind() == ChartKind.GROUP_RSS ? new ChartKind.Key(ChartKind.GROUP_CPU, key.name()) : key, 0.0);
            out.add(new Update(key, values, w));
        }
        previousMillis = now;
        return out;
    }

    /** Rates from two readings of counters; NaN where unknown or where a counter went down. */
    private static double[] rates(ChartKind kind, double[] before, double[] now, double dt) {
        int n = kind.lines().size();
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        if (before == null || dt <= 0) {
            return out;
        }
        if (kind == ChartKind.CPU) {
            // Percent of the time all CPUs had; unknown when the set of CPUs changed.
            if (before[n] != now[n]) {
                return out;
            }
            double total = 0;
            for (int i = 0; i < n; i++) {
                double d = now[i] - before[i];
                if (!(d >= 0)) {
                    return out;
                }
                total += d;
            }
            if (total > 0) {
                for (int i = 0; i < n; i++) {
                    out[i] = 100 * (now[i] - before[i]) / total;
                }
            }
            return out;
        }
        double scale = kind == ChartKind.PRESSURE ? 100 / dt : 1 / dt;
        for (int i = 0; i < n; i++) {
            double d = now[i] - before[i];
            out[i] = d >= 0 ? d * scale : Double.NaN;
        }
        return out;
    }

    private static ChartKind.Key system(ChartKind kind) {
        return new ChartKind.Key(kind, null);
    }

    private static double[] values(Map<ChartKind.Key, double[]> raw, ChartKind.Key key) {
        return raw.computeIfAbsent(key, k -> {
            double[] a = new double[k.kind().lines().size()];
            Arrays.fill(a, Double.NaN);
            return a;
        });
    }

    private static void set(Map<ChartKind.Key, double[]> raw, ChartKind.Key key, int i, double v) {
        if (key.kind().family() != null && (key.name() == null || key.name().isEmpty())) {
            return; // a per-device sample without its device label
        }
        values(raw, key)[i] = v;
    }

    private static void add(Map<ChartKind.Key, double[]> raw, ChartKind.Key key, int i, double v) {
        double[] a = values(raw, key);
        a[i] = Double.isNaN(a[i]) ? v : a[i] + v;
    }

    /** A disk's or interface's byte counter; their sum so far is the device's weight. */
    private static void device(Map<ChartKind.Key, double[]> raw, Map<ChartKind.Key, Double> weights, ChartKind kind,
                               String name, int i, double v) {
        var key = new ChartKind.Key(kind, name);
        set(raw, key, i, v);
        weights.merge(key, v, Double::sum);
    }
}
