package psutil4j.agent.tsdb;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Label-set helpers: label sets are unmodifiable maps sorted by label name. */
public final class Labels {

    /** The label holding the metric name. */
    public static final String NAME = "__name__";

    private Labels() {
    }

    /** An unmodifiable copy sorted by name. */
    public static SortedMap<String, String> sorted(Map<String, String> labels) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** The labels of a sample: its labels plus {@code __name__}. */
    public static SortedMap<String, String> withName(String name, Map<String, String> labels) {
        var m = new TreeMap<>(labels);
        m.put(NAME, name);
        return Collections.unmodifiableSortedMap(m);
    }

    /** PromQL notation: {@code name{a="b",c="d"}}. */
    public static String format(Map<String, String> labels) {
        var sb = new StringBuilder();
        String name = labels.get(NAME);
        if (name != null) {
            sb.append(name);
        }
        var sorted = labels instanceof SortedMap<String, String> s ? s : new TreeMap<>(labels);
        boolean any = false;
        for (var e : sorted.entrySet()) {
            if (e.getKey().equals(NAME)) {
                continue;
            }
            sb.append(any ? ", " : "{");
            any = true;
            sb.append(e.getKey()).append("=\"")
                    .append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"');
        }
        if (any) {
            sb.append('}');
        } else if (name == null) {
            sb.append("{}");
        }
        return sb.toString();
    }
}
