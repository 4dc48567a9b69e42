package psutil4j.internal.linux.proc;

import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * MemTotal of /proc/meminfo, cached as psutil's {@code _TOTAL_PHYMEM} for memory_percent()
 * (total RAM does not change, barring memory hotplug, which psutil also ignores).
 */
public final class MemTotal {

    private static final byte[] MEMINFO = ByteCursor.ascii("/meminfo");
    private static final byte[] KEY = ByteCursor.ascii("MemTotal:");
    private static volatile long total = -1;

    private MemTotal() {
    }

    /** Total RAM in bytes. */
    public static long bytes() {
        long t = total;
        if (t <= 0) {
            ProcBuffer b = ProcBuffer.get();
            int n = b.path(Roots.procBytes()).append(MEMINFO).read();
            if (n < 0) {
                throw new IllegalStateException("cannot read " + b.pathString() + ": errno " + -n);
            }
            t = parse(b.cursor());
            total = t;
        }
        return t;
    }

    /** MemTotal in bytes from meminfo content. */
    public static long parse(ByteCursor c) {
        while (c.hasMore()) {
            if (c.consume(KEY)) {
                return c.nextLong() * 1024;
            }
            c.nextLine();
        }
        throw new IllegalStateException("MemTotal not found in /proc/meminfo");
    }
}
