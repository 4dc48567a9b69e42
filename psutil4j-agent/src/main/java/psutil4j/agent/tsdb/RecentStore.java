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
            for (Sample s : batch.samples()) {
                add(Labels.withName(s.name(), s.labels()), batch.timeMillis(), s.value());
            }
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
            return r.size == 0;
        });
    }

    /**
     * The points in {@code [fromMillis, toMillis]} of every series all matchers match; series
     * without a point in the range are left out.
     */
    public synchronized List<Series> select(List<Matcher> matchers, long fromMillis, long toMillis) {
        var out = new ArrayList<Series>();
        outer:
        for (var e : series.entrySet()) {
            for (Matcher m : matchers) {
                if (!m.matches(e.getKey())) {
                    continue outer;
                }
            }
            Series s = e.getValue().slice(e.getKey(), fromMillis, toMillis);
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

        Series slice(SortedMap<String, String> labels, long from, long to) {
            int lo = -1;
            int n = 0;
            for (int i = 0; i < size; i++) {
                long t = ts[(head + i) % ts.length];
                if (t >= from && t <= to) {
                    if (lo < 0) {
                        lo = i;
                    }
                    n++;
                } else if (t > to) {
                    break;
                }
            }
            if (n == 0) {
                return null;
            }
            long[] t = new long[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = ts[(head + lo + i) % ts.length];
                v[i] = vs[(head + lo + i) % ts.length];
            }
            return new Series(labels, t, v);
        }

        @Override
        public String toString() {
            return Arrays.toString(Arrays.copyOf(ts, size));
        }
    }
}
