package psutil4j.agent.history;

import java.util.List;
import java.util.Optional;

import psutil4j.agent.model.HistorySource;

/**
 * The kinds of chart the history keeps: five system-wide ones, and per disk, network interface,
 * file system and process group. A chart's id is the kind's prefix, plus {@code .NAME} for the
 * per-device kinds: {@code cpu}, {@code disk.sda}, {@code diskops.sda}, {@code net.eth0},
 * {@code fs./home}, {@code proccpu.java}, {@code procrss.java}.
 */
public enum ChartKind {

    /** CPU time by mode, percent of all CPUs' time (the modes add up to 100). */
    CPU("cpu", null, "CPU", "percent", List.of("user", "nice", "system", "iowait", "irq", "softirq", "steal", "idle")),
    /** Load averages. */
    LOAD("load", null, "Load average", "load", List.of("load1", "load5", "load15")),
    /**
     * Pressure stall information: the share of time some (or all) runnable tasks were stalled, in
     * percent, from the kernel's stall-time counters (what PSI's avg10 is a moving average of).
     */
    PRESSURE("pressure", null, "Pressure stall (PSI)", "percent",
            List.of("cpu_some", "cpu_full", "memory_some", "memory_full", "io_some", "io_full", "irq_full")),
    /** Memory: used (total - available), available, page cache, buffers. */
    MEMORY("memory", null, "Memory", "bytes", List.of("used", "available", "cached", "buffers")),
    /** Swap used. */
    SWAP("swap", null, "Swap", "bytes", List.of("used")),
    /** One disk's throughput. */
    DISK("disk", Family.DISK, "Disk %s throughput", "bytes/s", List.of("read", "write")),
    /** One disk's completed operations. */
    DISK_OPS("diskops", Family.DISK, "Disk %s operations", "ops/s", List.of("reads", "writes")),
    /** One network interface's traffic. */
    NET("net", Family.NIC, "Network %s", "bytes/s", List.of("rx", "tx")),
    /** One file system's space: used (size - free) and available to users. */
    FS("fs", Family.FS, "File system %s", "bytes", List.of("used", "avail")),
    /** One process group's CPU use, in CPU seconds per second (1 = one core busy). */
    GROUP_CPU("proccpu", Family.GROUP, "Processes %s: CPU", "seconds/s", List.of("user", "system")),
    /** One process group's resident memory. */
    GROUP_RSS("procrss", Family.GROUP, "Processes %s: memory", "bytes", List.of("rss"));

    /** The per-device families, each capped on its own in the config's {@code history:} section. */
    public enum Family {
        DISK, NIC, FS, GROUP
    }

    private final String prefix;
    private final Family family;
    private final String title;
    private final String unit;
    private final List<String> lines;

    ChartKind(String prefix, Family family, String title, String unit, List<String> lines) {
        this.prefix = prefix;
        this.family = family;
        this.title = title;
        this.unit = unit;
        this.lines = lines;
    }

    /** The id's first part: {@code cpu}, {@code disk}, ... */
    public String prefix() {
        return prefix;
    }

    /** The per-device family, null for the system-wide kinds. */
    public Family family() {
        return family;
    }

    /** The line names (at most 20 characters each: rrd4j's data source names). */
    public List<String> lines() {
        return lines;
    }

    /** The chart of this kind for {@code name} (a device, mount point or group; null for system-wide kinds). */
    public HistorySource.Chart chart(String name) {
        if (family == null) {
            return new HistorySource.Chart(prefix, title, unit, lines);
        }
        return new HistorySource.Chart(prefix + "." + name, title.formatted(name), unit, lines);
    }

    /** The kind and name of a chart id: {@code fs./home} is FS and {@code /home}. */
    public static Optional<Key> parse(String id) {
        int dot = id.indexOf('.');
        String prefix = dot < 0 ? id : id.substring(0, dot);
        for (ChartKind k : values()) {
            if (k.prefix.equals(prefix) && (k.family == null) == (dot < 0)) {
                String name = dot < 0 ? null : id.substring(dot + 1);
                if (name != null && name.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Key(k, name));
            }
        }
        return Optional.empty();
    }

    /** A chart: its kind and, for per-device kinds, the device, mount point or group name. */
    public record Key(ChartKind kind, String name) implements Comparable<Key> {

        public String id() {
            return kind.family == null ? kind.prefix : kind.prefix + "." + name;
        }

        public HistorySource.Chart chart() {
            return kind.chart(name);
        }

        /** Display order: system charts first, then per family by name, a device's kinds together. */
        @Override
        public int compareTo(Key o) {
            int fa = kind.family == null ? -1 : kind.family.ordinal();
            int fb = o.kind.family == null ? -1 : o.kind.family.ordinal();
            if (fa != fb) {
                return Integer.compare(fa, fb);
            }
            if (fa >= 0) {
                int c = name.compareTo(o.name);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(kind.ordinal(), o.kind.ordinal());
        }
    }
}
