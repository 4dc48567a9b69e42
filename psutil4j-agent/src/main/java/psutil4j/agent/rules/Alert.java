package psutil4j.agent.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A snapshot of one alert: one label set returned by an alerting rule.
 *
 * @param state        the state after the evaluation that produced the snapshot
 * @param labels       the series' labels without {@code __name__}, plus the rule's labels, plus
 *                     {@code alertname}; sorted by name
 * @param annotations  the rule's annotations, expanded
 * @param value        the expression's value at the last evaluation that returned the series
 * @param activeAt     when the expression first returned this label set (the start of pending)
 * @param firedAt      when the alert started firing, if it did
 * @param resolvedAt   when a firing alert was resolved, if it was
 * @param generatorURL a link to the expression, {@code externalURL/graph?g0.expr=...}
 */
public record Alert(AlertState state, Map<String, String> labels, Map<String, String> annotations, double value,
                    Instant activeAt, Optional<Instant> firedAt, Optional<Instant> resolvedAt, String generatorURL) {

    public Alert {
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }

    /** The {@code alertname} label. */
    public String name() {
        return labels.getOrDefault("alertname", "");
    }

    /**
     * Alertmanager's fingerprint of the label set: 64-bit FNV-1a over the sorted names and values,
     * each followed by the byte 0xff, as 16 hex digits.
     */
    public String fingerprint() {
        return fingerprint(labels);
    }

    static String fingerprint(Map<String, String> labels) {
        long h = 0xcbf29ce484222325L;
        for (var e : new TreeMap<>(labels).entrySet()) {
            for (String s : new String[] {e.getKey(), e.getValue()}) {
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                    h ^= b & 0xff;
                    h *= 0x100000001b3L;
                }
                h ^= 0xff;
                h *= 0x100000001b3L;
            }
        }
        return String.format("%016x", h);
    }
}
