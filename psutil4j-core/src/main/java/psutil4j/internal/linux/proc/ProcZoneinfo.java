package psutil4j.internal.linux.proc;

import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * /proc/zoneinfo (since 2.6.13): the sum of every zone's {@code low} watermark, in pages, which
 * psutil's {@code calculate_avail_vmem} uses to estimate available memory on kernels without
 * MemAvailable (before 3.14).
 */
public final class ProcZoneinfo {

    private static final byte[] ZONEINFO = ByteCursor.ascii("/zoneinfo");
    private static final byte[] LOW = ByteCursor.ascii("low");

    private ProcZoneinfo() {
    }

    /** The summed low watermarks in pages, or -1 when the file cannot be read. */
    public static long readLowWatermarkPages() {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(ZONEINFO).read();
        return n < 0 ? -1 : parseLowWatermarkPages(b.cursor());
    }

    /** Sums the second field of every line that starts with "low" once stripped, as psutil. */
    public static long parseLowWatermarkPages(ByteCursor c) {
        long sum = 0;
        while (c.hasMore()) {
            c.skipBlanks();
            if (c.consume(LOW)) {
                // the rest of the first word, if any ("low" alone in practice)
                while (c.hasMore() && !ByteCursor.isSpace(c.peek())) {
                    c.pos(c.pos() + 1);
                }
                long v = c.nextLong(0);
                sum += v;
            }
            c.nextLine();
        }
        return sum;
    }
}
