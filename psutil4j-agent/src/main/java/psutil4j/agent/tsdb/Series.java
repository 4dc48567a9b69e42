package psutil4j.agent.tsdb;

import java.util.Map;

/**
 * The points of one series in a time range, oldest first.
 *
 * @param labels     the labels, {@code __name__} included, sorted by name
 * @param timestamps epoch milliseconds, strictly increasing
 * @param values     the values, one per timestamp
 */
public record Series(Map<String, String> labels, long[] timestamps, double[] values) {

    /** The number of points. */
    public int size() {
        return timestamps.length;
    }
}
