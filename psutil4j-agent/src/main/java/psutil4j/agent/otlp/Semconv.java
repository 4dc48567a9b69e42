package psutil4j.agent.otlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;

/**
 * The agent's samples under OpenTelemetry's semantic-convention names (semconv's system and
 * process metrics, development status as of semantic-conventions 1.3x; the load averages, which
 * semconv lacks, under the OpenTelemetry Collector hostmetrics receiver's names). One collection
 * ({@link SampleBatch}, node_exporter's names) becomes a list of {@link Point}s:
 *
 * <table>
 * <caption>From node_exporter's names to semconv's</caption>
 * <tr><th>instrument</th><th>attributes</th><th>from</th></tr>
 * <tr><td>system.cpu.time</td><td>cpu.logical_number, cpu.mode</td><td>node_cpu_seconds_total (irq is {@code interrupt})</td></tr>
 * <tr><td>system.memory.usage, .utilization</td><td>system.memory.state used|free|buffers|cached</td><td>used = MemTotal - MemAvailable</td></tr>
 * <tr><td>system.memory.limit</td><td></td><td>MemTotal</td></tr>
 * <tr><td>system.paging.usage</td><td>system.paging.state used|free</td><td>swap</td></tr>
 * <tr><td>system.cpu.load_average.1m/5m/15m</td><td></td><td>node_load1/5/15</td></tr>
 * <tr><td>system.disk.io, .operations</td><td>system.device, disk.io.direction</td><td>node_disk_*</td></tr>
 * <tr><td>system.disk.io_time</td><td>system.device</td><td>node_disk_io_time_seconds_total</td></tr>
 * <tr><td>system.network.io, .errors, .packet.dropped</td><td>network.interface.name, network.io.direction</td><td>node_network_*</td></tr>
 * <tr><td>system.network.packet.count</td><td>system.device, network.io.direction</td><td>node_network_*_packets_total</td></tr>
 * <tr><td>system.filesystem.usage</td><td>system.device, .mountpoint, .type, system.filesystem.state used|free|reserved</td><td>node_filesystem_*</td></tr>
 * <tr><td>system.filesystem.limit</td><td>system.device, .mountpoint, .type</td><td>node_filesystem_size_bytes</td></tr>
 * <tr><td>system.uptime</td><td></td><td>node_time_seconds - node_boot_time_seconds</td></tr>
 * <tr><td>process.cpu.time</td><td>process.executable.name, cpu.mode user|system</td><td>process groups</td></tr>
 * <tr><td>process.memory.usage, .virtual</td><td>process.executable.name</td><td>process groups</td></tr>
 * <tr><td>process.disk.io</td><td>process.executable.name, disk.io.direction</td><td>process groups</td></tr>
 * </table>
 */
public final class Semconv {

    private Semconv() {
    }

    /** How an instrument aggregates: a monotonic sum, a sum that goes up and down, or a gauge. */
    public enum Kind { COUNTER, UP_DOWN_COUNTER, GAUGE }

    /** The instruments the agent exports, with semconv's units and value types. */
    public enum Instrument {
        SYSTEM_CPU_TIME("system.cpu.time", "s", Kind.COUNTER, false, "Seconds each logical CPU spent on each mode."),
        SYSTEM_CPU_LOAD_1M("system.cpu.load_average.1m", "{thread}", Kind.GAUGE, false, "Average CPU load over 1 minute."),
        SYSTEM_CPU_LOAD_5M("system.cpu.load_average.5m", "{thread}", Kind.GAUGE, false, "Average CPU load over 5 minutes."),
        SYSTEM_CPU_LOAD_15M("system.cpu.load_average.15m", "{thread}", Kind.GAUGE, false, "Average CPU load over 15 minutes."),
        SYSTEM_MEMORY_USAGE("system.memory.usage", "By", Kind.UP_DOWN_COUNTER, true, "Reports memory in use by state."),
        SYSTEM_MEMORY_UTILIZATION("system.memory.utilization", "1", Kind.GAUGE, false, "Percentage of memory bytes in use."),
        SYSTEM_MEMORY_LIMIT("system.memory.limit", "By", Kind.UP_DOWN_COUNTER, true, "Total memory available in the system."),
        SYSTEM_PAGING_USAGE("system.paging.usage", "By", Kind.UP_DOWN_COUNTER, true, "Unix swap usage."),
        SYSTEM_DISK_IO("system.disk.io", "By", Kind.COUNTER, true, "Disk bytes transferred."),
        SYSTEM_DISK_OPERATIONS("system.disk.operations", "{operation}", Kind.COUNTER, true, "Disk operations count."),
        SYSTEM_DISK_IO_TIME("system.disk.io_time", "s", Kind.COUNTER, false, "Time disk spent activated."),
        SYSTEM_NETWORK_IO("system.network.io", "By", Kind.COUNTER, true, "The number of bytes transmitted and received."),
        SYSTEM_NETWORK_PACKET_COUNT("system.network.packet.count", "{packet}", Kind.COUNTER, true,
                "The number of packets transferred."),
        SYSTEM_NETWORK_ERRORS("system.network.errors", "{error}", Kind.COUNTER, true, "Count of network errors detected."),
        SYSTEM_NETWORK_PACKET_DROPPED("system.network.packet.dropped", "{packet}", Kind.COUNTER, true,
                "Count of packets that are dropped or discarded even though there was no error."),
        SYSTEM_FILESYSTEM_USAGE("system.filesystem.usage", "By", Kind.UP_DOWN_COUNTER, true,
                "Reports a filesystem's space usage across different states."),
        SYSTEM_FILESYSTEM_LIMIT("system.filesystem.limit", "By", Kind.UP_DOWN_COUNTER, true,
                "The total storage capacity of the filesystem."),
        SYSTEM_UPTIME("system.uptime", "s", Kind.GAUGE, false, "The time the system has been running."),
        PROCESS_CPU_TIME("process.cpu.time", "s", Kind.COUNTER, false, "Total CPU seconds broken down by different CPU modes."),
        PROCESS_MEMORY_USAGE("process.memory.usage", "By", Kind.UP_DOWN_COUNTER, true,
                "The amount of physical memory in use."),
        PROCESS_MEMORY_VIRTUAL("process.memory.virtual", "By", Kind.UP_DOWN_COUNTER, true,
                "The amount of committed virtual memory."),
        PROCESS_DISK_IO("process.disk.io", "By", Kind.COUNTER, true, "Disk bytes transferred.");

        /** The metric name. */
        public final String metricName;
        /** The UCUM unit. */
        public final String unit;
        /** Sum or gauge. */
        public final Kind kind;
        /** Whether semconv has it as an integer ({@code By}, counts) rather than a double. */
        public final boolean integer;
        /** The description. */
        public final String description;

        Instrument(String metricName, String unit, Kind kind, boolean integer, String description) {
            this.metricName = metricName;
            this.unit = unit;
            this.kind = kind;
            this.integer = integer;
            this.description = description;
        }
    }

    /** One data point: an instrument, its attributes, its value. */
    public record Point(Instrument instrument, Attributes attributes, double value) {
    }

    static final AttributeKey<Long> CPU_LOGICAL_NUMBER = AttributeKey.longKey("cpu.logical_number");
    static final AttributeKey<String> CPU_MODE = AttributeKey.stringKey("cpu.mode");
    static final AttributeKey<String> MEMORY_STATE = AttributeKey.stringKey("system.memory.state");
    static final AttributeKey<String> PAGING_STATE = AttributeKey.stringKey("system.paging.state");
    static final AttributeKey<String> DEVICE = AttributeKey.stringKey("system.device");
    static final AttributeKey<String> DISK_DIRECTION = AttributeKey.stringKey("disk.io.direction");
    static final AttributeKey<String> INTERFACE = AttributeKey.stringKey("network.interface.name");
    static final AttributeKey<String> NETWORK_DIRECTION = AttributeKey.stringKey("network.io.direction");
    static final AttributeKey<String> FS_MOUNTPOINT = AttributeKey.stringKey("system.filesystem.mountpoint");
    static final AttributeKey<String> FS_TYPE = AttributeKey.stringKey("system.filesystem.type");
    static final AttributeKey<String> FS_STATE = AttributeKey.stringKey("system.filesystem.state");
    static final AttributeKey<String> EXECUTABLE = AttributeKey.stringKey("process.executable.name");

    /** The points of one collection, in the batch's order (memory, swap, file systems and uptime last). */
    public static List<Point> points(SampleBatch batch) {
        var out = new ArrayList<Point>(batch.samples().size());
        var memory = new LinkedHashMap<String, Double>();
        var filesystems = new LinkedHashMap<Map<String, String>, double[]>();
        for (Sample s : batch.samples()) {
            Map<String, String> l = s.labels();
            double v = s.value();
            switch (s.name()) {
                case "node_cpu_seconds_total" -> {
                    long cpu;
                    try {
                        cpu = Long.parseLong(l.getOrDefault("cpu", ""));
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    String mode = l.get("mode");
                    out.add(new Point(Instrument.SYSTEM_CPU_TIME, Attributes.of(CPU_LOGICAL_NUMBER, cpu, CPU_MODE,
                            mode.equals("irq") ? "interrupt" : mode), v));
                }
                case "node_load1" -> out.add(new Point(Instrument.SYSTEM_CPU_LOAD_1M, Attributes.empty(), v));
                case "node_load5" -> out.add(new Point(Instrument.SYSTEM_CPU_LOAD_5M, Attributes.empty(), v));
                case "node_load15" -> out.add(new Point(Instrument.SYSTEM_CPU_LOAD_15M, Attributes.empty(), v));
                case "node_memory_MemTotal_bytes", "node_memory_MemAvailable_bytes", "node_memory_MemFree_bytes",
                     "node_memory_Buffers_bytes", "node_memory_Cached_bytes", "node_memory_SwapTotal_bytes",
                     "node_memory_SwapFree_bytes", "node_time_seconds", "node_boot_time_seconds" -> memory.put(s.name(), v);
                case "node_disk_read_bytes_total" -> out.add(disk(Instrument.SYSTEM_DISK_IO, l, "read", v));
                case "node_disk_written_bytes_total" -> out.add(disk(Instrument.SYSTEM_DISK_IO, l, "write", v));
                case "node_disk_reads_completed_total" -> out.add(disk(Instrument.SYSTEM_DISK_OPERATIONS, l, "read", v));
                case "node_disk_writes_completed_total" -> out.add(disk(Instrument.SYSTEM_DISK_OPERATIONS, l, "write", v));
                case "node_disk_io_time_seconds_total" -> out.add(new Point(Instrument.SYSTEM_DISK_IO_TIME,
                        Attributes.of(DEVICE, l.get("device")), v));
                case "node_network_receive_bytes_total" -> out.add(net(Instrument.SYSTEM_NETWORK_IO, INTERFACE, l, "receive", v));
                case "node_network_transmit_bytes_total" -> out.add(net(Instrument.SYSTEM_NETWORK_IO, INTERFACE, l, "transmit", v));
                case "node_network_receive_packets_total" ->
                        out.add(net(Instrument.SYSTEM_NETWORK_PACKET_COUNT, DEVICE, l, "receive", v));
                case "node_network_transmit_packets_total" ->
                        out.add(net(Instrument.SYSTEM_NETWORK_PACKET_COUNT, DEVICE, l, "transmit", v));
                case "node_network_receive_errs_total" -> out.add(net(Instrument.SYSTEM_NETWORK_ERRORS, INTERFACE, l, "receive", v));
                case "node_network_transmit_errs_total" ->
                        out.add(net(Instrument.SYSTEM_NETWORK_ERRORS, INTERFACE, l, "transmit", v));
                case "node_network_receive_drop_total" ->
                        out.add(net(Instrument.SYSTEM_NETWORK_PACKET_DROPPED, INTERFACE, l, "receive", v));
                case "node_network_transmit_drop_total" ->
                        out.add(net(Instrument.SYSTEM_NETWORK_PACKET_DROPPED, INTERFACE, l, "transmit", v));
                case "node_filesystem_size_bytes" -> filesystems.computeIfAbsent(l, k -> nans())[0] = v;
                case "node_filesystem_free_bytes" -> filesystems.computeIfAbsent(l, k -> nans())[1] = v;
                case "node_filesystem_avail_bytes" -> filesystems.computeIfAbsent(l, k -> nans())[2] = v;
                case "namedprocess_namegroup_cpu_seconds_total" -> out.add(new Point(Instrument.PROCESS_CPU_TIME,
                        Attributes.of(EXECUTABLE, l.get("groupname"), CPU_MODE, l.get("mode")), v));
                case "namedprocess_namegroup_memory_bytes" -> out.add(new Point(
                        "virtual".equals(l.get("memtype")) ? Instrument.PROCESS_MEMORY_VIRTUAL : Instrument.PROCESS_MEMORY_USAGE,
                        Attributes.of(EXECUTABLE, l.get("groupname")), v));
                case "namedprocess_namegroup_read_bytes_total" -> out.add(new Point(Instrument.PROCESS_DISK_IO,
                        Attributes.of(EXECUTABLE, l.get("groupname"), DISK_DIRECTION, "read"), v));
                case "namedprocess_namegroup_write_bytes_total" -> out.add(new Point(Instrument.PROCESS_DISK_IO,
                        Attributes.of(EXECUTABLE, l.get("groupname"), DISK_DIRECTION, "write"), v));
                default -> {
                    // not (yet) mapped: guest time, pressure, context switches, process counts ...
                }
            }
        }
        memory(memory, out);
        for (var e : filesystems.entrySet()) {
            double[] f = e.getValue(); // size, free (to root), avail (to users)
            Map<String, String> l = e.getKey();
            if (Double.isNaN(f[0])) {
                continue;
            }
            Attributes fs = Attributes.of(DEVICE, l.get("device"), FS_MOUNTPOINT, l.get("mountpoint"),
                    FS_TYPE, l.get("fstype"));
            out.add(new Point(Instrument.SYSTEM_FILESYSTEM_LIMIT, fs, f[0]));
            if (!Double.isNaN(f[1]) && !Double.isNaN(f[2])) {
                // The three states add up to the size, as semconv asks.
                out.add(new Point(Instrument.SYSTEM_FILESYSTEM_USAGE, fs.toBuilder().put(FS_STATE, "used").build(), f[0] - f[1]));
                out.add(new Point(Instrument.SYSTEM_FILESYSTEM_USAGE, fs.toBuilder().put(FS_STATE, "free").build(), f[2]));
                out.add(new Point(Instrument.SYSTEM_FILESYSTEM_USAGE, fs.toBuilder().put(FS_STATE, "reserved").build(),
                        f[1] - f[2]));
            }
        }
        return out;
    }

    private static void memory(Map<String, Double> m, List<Point> out) {
        Double total = m.get("node_memory_MemTotal_bytes");
        if (total != null) {
            out.add(new Point(Instrument.SYSTEM_MEMORY_LIMIT, Attributes.empty(), total));
            // semconv: the states sum to system.memory.limit; its newest values are used and available
            // (free, buffers and cached were removed: they overlap used = MemTotal - MemAvailable).
            Double avail = m.get("node_memory_MemAvailable_bytes");
            var states = new LinkedHashMap<String, Double>();
            states.put("used", avail == null ? null : total - avail);
            states.put("available", avail);
            for (var e : states.entrySet()) {
                if (e.getValue() != null) {
                    Attributes a = Attributes.of(MEMORY_STATE, e.getKey());
                    out.add(new Point(Instrument.SYSTEM_MEMORY_USAGE, a, e.getValue()));
                    if (total > 0) {
                        out.add(new Point(Instrument.SYSTEM_MEMORY_UTILIZATION, a, e.getValue() / total));
                    }
                }
            }
        }
        Double swapTotal = m.get("node_memory_SwapTotal_bytes");
        Double swapFree = m.get("node_memory_SwapFree_bytes");
        if (swapTotal != null && swapFree != null) {
            out.add(new Point(Instrument.SYSTEM_PAGING_USAGE, Attributes.of(PAGING_STATE, "used"), swapTotal - swapFree));
            out.add(new Point(Instrument.SYSTEM_PAGING_USAGE, Attributes.of(PAGING_STATE, "free"), swapFree));
        }
        Double now = m.get("node_time_seconds");
        Double boot = m.get("node_boot_time_seconds");
        if (now != null && boot != null) {
            out.add(new Point(Instrument.SYSTEM_UPTIME, Attributes.empty(), now - boot));
        }
    }

    private static Point disk(Instrument i, Map<String, String> l, String direction, double v) {
        return new Point(i, Attributes.of(DEVICE, l.get("device"), DISK_DIRECTION, direction), v);
    }

    private static Point net(Instrument i, AttributeKey<String> deviceKey, Map<String, String> l, String direction,
                             double v) {
        return new Point(i, Attributes.of(deviceKey, l.get("device"), NETWORK_DIRECTION, direction), v);
    }

    private static double[] nans() {
        return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
}
