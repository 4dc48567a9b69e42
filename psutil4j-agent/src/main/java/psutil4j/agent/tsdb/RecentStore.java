package psutil4j.agent.tsdb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;
import psutil4j.agent.model.SampleSink;

/**
 * The recent samples the rule engine queries: every series of the last {@link #retention()}, in
 * memory.
 *
 * <p>Memory is bounded twice: points older than the retention are dropped on every append (and a
 * series without a point in the retention window is forgotten), and at most {@code maxSeries}
 * series are kept (new series beyond that are counted in {@link #droppedSeries()} and ignored).
 * Each point costs 16 bytes (a long and a double in growable ring arrays), so the store needs
 * about {@code series × retention / interval × 16} bytes: 2,000 series at a 15 s interval for one
 * hour is 2000 × 240 × 16 ≈ 7.7 MB.
 *
 * <p>Thread-safe: the collector appends while the rule engine or a CLI reads.
 */
public final class RecentStore implements SampleSink {

    /** The default retention: one hour. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
    /** The default cap on the number of series. */
    public static final int DEFAULT_MAX_SERIES = 100_000;

    private final long retentionMillis;
    private final int maxSeries;
    private final Map<SortedMap<String, String>, Ring> series = new HashMap<>();
    private long droppedSeries;
    /** The series the last collection had: one missing from the next gets a staleness marker. */
    private java.util.Set<SortedMap<String, String>> lastCollected = new java.util.HashSet<>();

    /**
     * Prometheus's staleness marker (a NaN with its own bit pattern): written when a series the
     * previous collection had is missing from this one (a process group that ended, a disk that
     * went away). An instant selector whose newest point is the marker finds no value, so an
     * alert over it resolves at once instead of 5 minutes later; range selectors skip markers.
     */
    public static final double STALE = Double.longBitsToDouble(0x7ff0000000000002L);

    /** Whether {@code v} is the {@link #STALE} marker (not just any NaN). */
    public static boolean isStale(double v) {
        return Double.doubleToRawLongBits(v) == 0x7ff0000000000002L;
    }

    /** A store with the default retention and series cap. */
    public RecentStore() {
        this(DEFAULT_RETENTION, DEFAULT_MAX_SERIES);
    }

    /**
     * A store keeping {@code retention} of history for at most {@code maxSeries} series.
     *
     * @throws IllegalArgumentException if retention is not positive or maxSeries &lt; 1
     */
    public RecentStore(Duration retention, int maxSeries) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        if (maxSeries < 1) {
            throw new IllegalArgumentException("maxSeries must be at least 1: " + maxSeries);
        }
        this.retentionMillis = retention.toMillis();
        this.maxSeries = maxSeries;
    }

    /** How far back the store keeps points. */
    public Duration retention() {
        return Duration.ofMillis(retentionMillis);
    }

    /** The number of new series ignored because the store held {@code maxSeries} already. */
    public synchronized long droppedSeries() {
        return droppedSeries;
    }

    /** The number of series held. */
    public synchronized int seriesCount() {
        return series.size();
    }

    @Override
    public void accept(SampleBatch batch) {
        synchronized (this) {
            var collected = new java.util.HashSet<SortedMap<String, String>>(batch.samples().size() * 2);
            for (Sample s : batch.samples()) {
                SortedMap<String, String> labels = Labels.withName(s.name(), s.labels());
                collected.add(labels);
                add(labels, batch.timeMillis(), s.value());
            }
            for (SortedMap<String, String> gone : lastCollected) {
                if (!collected.contains(gone)) {
                    add(gone, batch.timeMillis(), STALE);
                }
            }
            lastCollected = collected;
            expire(batch.timeMillis() - retentionMillis);
        }
    }

    /**
     * Appends one point; a point not newer than the series' last one is ignored (as Prometheus
     * rejects out-of-order samples).
     *
     * @param labels the series' labels, {@code __name__} included
     */
    public synchronized void append(Map<String, String> labels, long timeMillis, double value) {
        add(Labels.sorted(labels), timeMillis, value);
    }

    private void add(SortedMap<String, String> labels, long t, double v) {
        Ring r = series.get(labels);
        if (r == null) {
            if (series.size() >= maxSeries) {
                droppedSeries++;
                return;
            }
            r = new Ring();
            series.put(labels, r);
        }
        r.add(t, v);
    }

    /** Drops points older than {@code cutoff}, and series left empty. */
    private void expire(long cutoff) {
        series.values().removeIf(r -> {
            r.dropBefore(cutoff);
            return r.size == 0 || r.onlyStale();
        });
    }

    /**
     * The points in {@code [fromMillis, toMillis]} of every series all matchers match; series
     * without a point in the range are left out.
     */
    public synchronized List<Series> select(List<Matcher> matchers, long fromMillis, long toMillis) {
        return select(matchers, fromMillis, toMillis, false);
    }

    /**
     * As {@link #select(List, long, long)}, for an instant selector: a series whose newest point
     * in the range is a staleness marker is left out (it has ended).
     */
    public synchronized List<Series> selectInstant(List<Matcher> matchers, long fromMillis, long toMillis) {
        return select(matchers, fromMillis, toMillis, true);
    }

    private List<Series> select(List<Matcher> matchers, long fromMillis, long toMillis, boolean instant) {
        var out = new ArrayList<Series>();
        outer:
        for (var e : series.entrySet()) {
            for (Matcher m : matchers) {
                if (!m.matches(e.getKey())) {
                    continue outer;
                }
            }
            Series s = e.getValue().slice(e.getKey(), fromMillis, toMillis, instant);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** A growable ring of (time, value) points, oldest first. */
    private static final class Ring {
        long[] ts = new long[16];
        double[] vs = new double[16];
        int head;
        int size;

        void add(long t, double v) {
            if (size > 0 && t <= ts[(head + size - 1) % ts.length]) {
                return;
            }
            if (size == ts.length) {
                long[] nt = new long[size * 2];
                double[] nv = new double[size * 2];
                for (int i = 0; i < size; i++) {
                    nt[i] = ts[(head + i) % ts.length];
                    nv[i] = vs[(head + i) % ts.length];
                }
                ts = nt;
                vs = nv;
                head = 0;
            }
            int i = (head + size) % ts.length;
            ts[i] = t;
            vs[i] = v;
            size++;
        }

        /** True when every point left is a staleness marker: the series has ended. */
        boolean onlyStale() {
            for (int i = 0; i < size; i++) {
                if (!isStale(vs[(head + i) % ts.length])) {
                    return false;
                }
            }
            return true;
        }

        void dropBefore(long cutoff) {
            while (size > 0 && ts[head] < cutoff) {
                head = (head + 1) % ts.length;
                size--;
            }
            // Give memory back when a burst of points has expired.
            if (ts.length > 64 && size < ts.length / 4) {
                long[] nt = new long[ts.length / 2];
                double[] nv = new double[ts.length / 2];
                for (int i = 0; i < size; i++) {
                    nt[i] = ts[(head + i) % ts.length];
                    nv[i] = vs[(head + i) % ts.length];
                }
                ts = nt;
                vs = nv;
                head = 0;
            }
        }

        /**
         * The points in [from, to] without staleness markers; null when none is left, or when
         * {@code endsStale} and the newest point in the range is a marker (for instant selectors).
         */
        Series slice(SortedMap<String, String> labels, long from, long to, boolean nullIfEndsStale) {
            int lo = -1;
            int n = 0;
            int stale = 0;
            boolean lastStale = false;
            for (int i = 0; i < size; i++) {
                long t = ts[(head + i) % ts.length];
                if (t >= from && t <= to) {
                    if (lo < 0) {
                        lo = i;
                    }
                    n++;
                    lastStale = isStale(vs[(head + i) % ts.length]);
                    if (lastStale) {
                        stale++;
                    }
                } else if (t > to) {
                    break;
                }
            }
            if (n - stale == 0 || (nullIfEndsStale && lastStale)) {
                return null;
            }
            long[] t = new long[n - stale];
            double[] v = new double[n - stale];
            int k = 0;
            for (int i = 0; i < n; i++) {
                double x = vs[(head + lo + i) % ts.length];
                if (!isStale(x)) {
                    t[k] = ts[(head + lo + i) % ts.length];
                    v[k++] = x;
                }
            }
            return new Series(labels, t, v);
        }

        @Override
        public String toString() {
            return Arrays.toString(Arrays.copyOf(ts, size));
        }
    }
}
