package psutil4j.internal.linux;

import java.util.HashMap;
import java.util.Map;

/**
 * psutil's {@code _WrapNumbers}: makes kernel counters monotonic for {@code nowrap=true}.
 *
 * <p>The kernel's disk and network counters may wrap (32-bit fields on old kernels and some
 * drivers). When a value goes down between two calls, the previous value is added to an offset
 * kept for that (key, field), so the sum keeps growing; psutil does the same, not knowing the
 * counter's width. Keys that disappear are forgotten. One instance per function; thread-safe.
 */
public final class WrapNumbers {

    private final Map<String, long[]> last = new HashMap<>();
    private final Map<String, long[]> offset = new HashMap<>();

    /**
     * Returns {@code values} adjusted for wraps, updating the state for {@code key}.
     * The array is adjusted in place and returned.
     */
    public synchronized long[] adjust(String key, long[] values) {
        long[] prev = last.get(key);
        long[] off = offset.get(key);
        if (prev == null || prev.length != values.length) {
            last.put(key, values.clone());
            offset.put(key, new long[values.length]);
            return values;
        }
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            if (Long.compareUnsigned(v, prev[i]) < 0) {
                off[i] += prev[i];
            }
            prev[i] = v;
            values[i] = v + off[i];
        }
        return values;
    }

    /** Forgets keys not in {@code present} (a disk or NIC that went away). */
    public synchronized void retain(java.util.Set<String> present) {
        last.keySet().retainAll(present);
        offset.keySet().retainAll(present);
    }

    /** Clears all state, like psutil's {@code cache_clear()}. */
    public synchronized void clear() {
        last.clear();
        offset.clear();
    }
}
