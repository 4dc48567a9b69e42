package psutil4j.cli.top;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The columns of top's and iotop's process tables: header, width, how a row is sorted and
 * formatted. Numeric columns sort highest first (as top and htop do); text columns and PID
 * sort ascending; {@code R} reverses either.
 */
public enum Column {
    PID(Mode.BOTH, "PID", 7, true, Comparator.comparingInt(ProcRow::pid), false, r -> Integer.toString(r.pid())),
    PRIO(Mode.IOTOP, "PRIO", 5, false, Comparator.comparing(r -> nz(r.ioPrio())), false, r -> r.ioPrio() == null ? "?" : r.ioPrio()),
    USER(Mode.BOTH, "USER", 9, false, Comparator.comparing(r -> nz(r.user())), false, r -> r.user() == null ? "?" : r.user()),
    PR(Mode.TOP, "PR", 3, true, Comparator.comparingInt(ProcRow::nice), true, ProcRow::priority),
    NI(Mode.TOP, "NI", 3, true, Comparator.comparingInt(ProcRow::nice), true,
            r -> r.nice() == Integer.MIN_VALUE ? "?" : Integer.toString(r.nice())),
    VIRT(Mode.TOP, "VIRT", 8, true, Comparator.comparingLong(ProcRow::virt), true, r -> kib(r.virt())),
    RES(Mode.TOP, "RES", 7, true, Comparator.comparingLong(ProcRow::res), true, r -> kib(r.res())),
    SHR(Mode.TOP, "SHR", 7, true, Comparator.comparingLong(ProcRow::shr), true, r -> kib(r.shr())),
    S(Mode.TOP, "S", 1, false, Comparator.comparingInt(ProcRow::state), false, r -> String.valueOf(r.state())),
    CPU(Mode.TOP, "%CPU", 5, true, Comparator.comparingDouble(r -> low(r.cpuPercent())), true, r -> pct(r.cpuPercent())),
    MEM(Mode.TOP, "%MEM", 5, true, Comparator.comparingDouble(r -> low(r.memPercent())), true, r -> pct(r.memPercent())),
    TIME(Mode.TOP, "TIME+", 9, true, Comparator.comparingDouble(r -> low(r.cpuTime())), true, r -> time(r.cpuTime())),
    DISK_READ(Mode.IOTOP, "DISK READ", 11, true, Comparator.comparingDouble(r -> low(r.readRate())), true, r -> rate(r.readRate())),
    DISK_WRITE(Mode.IOTOP, "DISK WRITE", 11, true, Comparator.comparingDouble(r -> low(r.writeRate())), true, r -> rate(r.writeRate())),
    IO(Mode.IOTOP, "IO>", 7, true, Comparator.comparingDouble(r -> low(r.ioWaitPercent())), true,
            r -> Double.isNaN(r.ioWaitPercent()) ? "?" : String.format(Locale.ROOT, "%.2f %%", r.ioWaitPercent())),
    COMMAND(Mode.BOTH, "COMMAND", 0, false, Comparator.comparing(ProcRow::command), false, ProcRow::command);

    /** Which tool shows a column. */
    public enum Mode { TOP, IOTOP, BOTH }

    final Mode mode;
    /** The header text. */
    public final String header;
    /** Minimum width; 0 for the last, free-width column. */
    public final int width;
    /** Right-aligned (numbers). */
    public final boolean right;
    private final Comparator<ProcRow> ascending;
    /** Whether the natural order is highest first. */
    public final boolean descending;
    private final Function<ProcRow, String> format;

    Column(Mode mode, String header, int width, boolean right, Comparator<ProcRow> ascending,
            boolean descending, Function<ProcRow, String> format) {
        this.mode = mode;
        this.header = header;
        this.width = width;
        this.right = right;
        this.ascending = ascending;
        this.descending = descending;
        this.format = format;
    }

    /** The columns top ({@code iotop=false}) or iotop shows, in order. */
    public static List<Column> of(boolean iotop) {
        Mode m = iotop ? Mode.IOTOP : Mode.TOP;
        return java.util.Arrays.stream(values()).filter(c -> c.mode == m || c.mode == Mode.BOTH).toList();
    }

    /**
     * The column named by procps top's {@code -o} field names ("%CPU", "%MEM", "PID", "TIME+",
     * "RES", ...) or this enum's names, case-insensitively; IllegalArgumentException otherwise.
     */
    public static Column byName(String name, boolean iotop) {
        for (Column c : of(iotop)) {
            if (c.header.equalsIgnoreCase(name) || c.name().equalsIgnoreCase(name)
                    || c.header.replace(' ', '_').equalsIgnoreCase(name)
                    || (c == TIME && name.equalsIgnoreCase("TIME"))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown sort field '" + name + "'; valid ones are "
                + of(iotop).stream().map(c -> c.header).toList());
    }

    /** The order rows take when sorted by this column (pid breaks ties). */
    public Comparator<ProcRow> order(boolean reverse) {
        Comparator<ProcRow> c = descending ? ascending.reversed() : ascending;
        if (reverse) {
            c = c.reversed();
        }
        return c.thenComparingInt(ProcRow::pid);
    }

    /** The cell text for a row. */
    public String format(ProcRow r) {
        return format.apply(r);
    }

    /** Unknown (NaN, shown as "?") sorts as the lowest value, so it never tops a "highest first" list. */
    private static double low(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Bytes as top prints them: KiB, or with a suffix (m, g, t) when too wide for 7 digits. */
    static String kib(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        long k = bytes / 1024;
        if (k < 10_000_000) {
            return Long.toString(k);
        }
        double v = k / 1024.0;
        String[] suf = {"m", "g", "t", "p"};
        int i = 0;
        while (v >= 10_000 && i < suf.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f%s", v, suf[i]);
    }

    static String pct(double p) {
        return Double.isNaN(p) ? "?" : String.format(Locale.ROOT, "%.1f", p);
    }

    /** top's TIME+: minutes:seconds.hundredths. */
    static String time(double secs) {
        if (Double.isNaN(secs) || secs < 0) {
            return "?";
        }
        long hs = Math.round(secs * 100);
        return String.format(Locale.ROOT, "%d:%02d.%02d", hs / 6000, (hs / 100) % 60, hs % 100);
    }

    /** iotop's rates: "0.00 B/s", "12.34 K/s", powers of 1024. */
    static String rate(double bps) {
        if (Double.isNaN(bps)) {
            return "?";
        }
        String[] suf = {"B", "K", "M", "G", "T"};
        int i = 0;
        while (bps >= 1024 && i < suf.length - 1) {
            bps /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.2f %s/s", bps, suf[i]);
    }
}
