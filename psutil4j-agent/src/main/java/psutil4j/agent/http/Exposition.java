package psutil4j.agent.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;

/**
 * Turns a {@link SampleBatch} into Prometheus client_java snapshots: a name ending in
 * {@code _total} is a counter (client_java wants it without the suffix and writes it back), any
 * other a gauge; each family gets its HELP text from {@link MetricHelp}.
 */
public final class Exposition {

    private Exposition() {
    }

    /** The snapshots of one batch, families in first-seen order, series sorted by labels by the writer. */
    public static MetricSnapshots snapshots(SampleBatch batch) {
        Map<String, List<Sample>> byName = new LinkedHashMap<>();
        for (Sample s : batch.samples()) {
            byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
        List<MetricSnapshot> out = new ArrayList<>(byName.size());
        for (var e : byName.entrySet()) {
            String name = e.getKey();
            String help = MetricHelp.of(name);
            if (name.endsWith("_total")) {
                var b = CounterSnapshot.builder().name(name.substring(0, name.length() - "_total".length())).help(help);
                for (Sample s : e.getValue()) {
                    b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(labels(s.labels())).value(s.value()).build());
                }
                out.add(b.build());
            } else {
                var b = GaugeSnapshot.builder().name(name).help(help);
                for (Sample s : e.getValue()) {
                    b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                            .labels(labels(s.labels())).value(s.value()).build());
                }
                out.add(b.build());
            }
        }
        return new MetricSnapshots(out);
    }

    /**
     * The client's Labels of each label set seen lately: building them validates every name and
     * sorts them, the same work for the same few hundred sets every scrape. Bounded: cleared when
     * it outgrows {@link #MAX_CACHED} (process group names come and go).
     */
    private static final Map<Map<String, String>, Labels> CACHE = new HashMap<>();
    static final int MAX_CACHED = 8192;

    private static Labels labels(Map<String, String> m) {
        if (m.isEmpty()) {
            return Labels.EMPTY;
        }
        synchronized (CACHE) {
            Labels l = CACHE.get(m);
            if (l == null) {
                if (CACHE.size() >= MAX_CACHED) {
                    CACHE.clear();
                }
                var b = Labels.builder();
                for (var e : m.entrySet()) {
                    b.label(e.getKey(), e.getValue());
                }
                l = b.build();
                CACHE.put(Map.copyOf(m), l);
            }
            return l;
        }
    }
}
