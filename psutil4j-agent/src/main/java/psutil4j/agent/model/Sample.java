package psutil4j.agent.model;

import java.util.Map;

/**
 * One value of one series at collection time, named and labelled as Prometheus would see it
 * ({@code node_cpu_seconds_total{cpu="0",mode="idle"}}). The collector produces a batch of these
 * every interval; /metrics, the history store and the rule engine all consume the same batch.
 *
 * @param name   the metric name, node_exporter's where node_exporter has the metric
 * @param labels label names to values (an unmodifiable, ordered map)
 * @param value  the value
 */
public record Sample(String name, Map<String, String> labels, double value) {

    public Sample {
        labels = Map.copyOf(labels);
    }

    /** A sample without labels. */
    public static Sample of(String name, double value) {
        return new Sample(name, Map.of(), value);
    }
}
