package psutil4j.agent.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rrd4j.ConsolFun;
import org.rrd4j.DsType;
import org.rrd4j.core.RrdDef;

/**
 * How every history file is laid out: the primary step (the collection interval, in whole
 * seconds) and the tiers kept: the step for 2 days, 1 minute for 30 days, 1 hour for 2 years.
 * Tiers of more than one step keep AVERAGE, MIN and MAX; the first keeps AVERAGE only, as the
 * three are equal there. Each line is a GAUGE data source whose heartbeat is two steps: one
 * missed collection is bridged, a longer gap (the agent stopped) is unknown.
 *
 * <p>rrd4j files have a fixed size, known from the layout and the number of lines; the store
 * creates a file in full when a chart first appears and never grows it.
 *
 * @param step  the primary step, in seconds
 * @param tiers finest first
 */
public record Layout(long step, List<Tier> tiers) {

    /** The tiers asked for: resolution and how long it is kept. */
    private static final List<Duration[]> TARGETS = List.of(
            new Duration[] {null, Duration.ofDays(2)},
            new Duration[] {Duration.ofMinutes(1), Duration.ofDays(30)},
            new Duration[] {Duration.ofHours(1), Duration.ofDays(2 * 365)});

    /** The x-files factor: a consolidated step is known when at least half its steps are. */
    static final double XFF = 0.5;

    /**
     * One resolution.
     *
     * @param steps how many primary steps one row consolidates
     * @param rows  how many rows are kept
     */
    public record Tier(int steps, int rows) {
    }

    public Layout {
        tiers = List.copyOf(tiers);
    }

    /**
     * The layout for a collection interval: the step is the interval rounded to whole seconds
     * (rrd4j's time unit), and each tier's resolution is the nearest multiple of the step.
     */
    public static Layout forInterval(Duration interval) {
        long step = Math.max(1, Math.round(interval.toMillis() / 1000.0));
        var tiers = new ArrayList<Tier>();
        for (Duration[] t : TARGETS) {
            int steps = t[0] == null ? 1 : (int) Math.max(1, Math.round(t[0].toSeconds() / (double) step));
            int rows = (int) -Math.floorDiv(-t[1].toSeconds(), steps * step);
            if (!tiers.isEmpty() && tiers.getLast().steps() >= steps) {
                // an interval of a minute or more: this tier is the previous one, kept longer
                Tier last = tiers.removeLast();
                steps = last.steps();
                rows = Math.max(last.rows(), (int) -Math.floorDiv(-t[1].toSeconds(), steps * step));
            }
            tiers.add(new Tier(steps, rows));
        }
        return new Layout(step, tiers);
    }

    /** The heartbeat of every data source: two steps. */
    public long heartbeat() {
        return 2 * step;
    }

    /** The definition of a file for a chart of {@code kind} whose first update comes after {@code start}. */
    public RrdDef def(String path, ChartKind kind, long start) {
        var def = new RrdDef(path, start, step);
        for (String line : kind.lines()) {
            def.addDatasource(line, DsType.GAUGE, heartbeat(), Double.NaN, Double.NaN);
        }
        for (Tier t : tiers) {
            def.addArchive(ConsolFun.AVERAGE, XFF, t.steps(), t.rows());
            if (t.steps() > 1) {
                def.addArchive(ConsolFun.MIN, XFF, t.steps(), t.rows());
                def.addArchive(ConsolFun.MAX, XFF, t.steps(), t.rows());
            }
        }
        return def;
    }

    /** The size in bytes of a file for a chart of {@code kind}. */
    public long fileBytes(ChartKind kind) {
        return def("/dev/null", kind, 0).getEstimatedSize();
    }

    /**
     * The largest footprint: the system charts plus, per family, its cap times the files of one
     * device (a disk has two charts, a process group two); each file with its journal at its largest.
     *
     * @param caps how many devices of each family may have charts
     */
    public long maxBytes(Map<ChartKind.Family, Integer> caps) {
        long total = 0;
        for (ChartKind k : ChartKind.values()) {
            total += (fileBytes(k) + PagedBackendFactory.MAX_JOURNAL_BYTES)
                    * (k.family() == null ? 1 : caps.getOrDefault(k.family(), 0));
        }
        return total;
    }

    /** How many charts at most, for those caps. */
    public static int maxCharts(Map<ChartKind.Family, Integer> caps) {
        int n = 0;
        for (ChartKind k : ChartKind.values()) {
            n += k.family() == null ? 1 : caps.getOrDefault(k.family(), 0);
        }
        return n;
    }

    /** E.g. "5s for 2d, 1m for 30d, 1h for 2y". */
    public String describe() {
        var parts = new ArrayList<String>();
        for (Tier t : tiers) {
            parts.add(span(t.steps() * step) + " for " + span(t.steps() * step * t.rows()));
        }
        return String.join(", ", parts);
    }

    /** Seconds in the largest unit that divides them: 5s, 1m, 1h, 2d, 2y (365 days). */
    static String span(long seconds) {
        long[] units = {365 * 86400, 86400, 3600, 60};
        String[] names = {"y", "d", "h", "m"};
        for (int i = 0; i < units.length; i++) {
            if (seconds % units[i] == 0) {
                return seconds / units[i] + names[i];
            }
        }
        return seconds + "s";
    }
}
