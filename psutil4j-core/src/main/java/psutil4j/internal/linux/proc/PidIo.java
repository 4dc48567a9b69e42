package psutil4j.internal.linux.proc;

import java.util.Arrays;

import psutil4j.internal.parse.ByteCursor;

/** /proc/[pid]/io (since 2.6.20, CONFIG_TASK_IO_ACCOUNTING). */
public final class PidIo {

    private static final byte[] SYSCR = ByteCursor.ascii("syscr: ");
    private static final byte[] SYSCW = ByteCursor.ascii("syscw: ");
    private static final byte[] READ_BYTES = ByteCursor.ascii("read_bytes: ");
    private static final byte[] WRITE_BYTES = ByteCursor.ascii("write_bytes: ");
    private static final byte[] RCHAR = ByteCursor.ascii("rchar: ");
    private static final byte[] WCHAR = ByteCursor.ascii("wchar: ");

    private PidIo() {
    }

    /**
     * Returns {syscr, syscw, read_bytes, write_bytes, rchar, wchar}; a missing field is -1
     * (the caller raises, as psutil); null when the content has no field at all.
     * Blank and malformed lines are skipped (psutil issue #1004).
     */
    public static long[] parse(ByteCursor c) {
        long[] v = new long[6];
        return parseInto(c, v) ? v : null;
    }

    /**
     * As {@link #parse}, into {@code v} (at least 6 long): false when the content has no field
     * at all. Allocates nothing, for sweeps.
     */
    public static boolean parseInto(ByteCursor c, long[] v) {
        Arrays.fill(v, 0, 6, -1);
        boolean any = false;
        while (c.hasMore()) {
            c.skipBlanks();
            int i = c.consume(SYSCR) ? 0 : c.consume(SYSCW) ? 1 : c.consume(READ_BYTES) ? 2
                    : c.consume(WRITE_BYTES) ? 3 : c.consume(RCHAR) ? 4 : c.consume(WCHAR) ? 5 : -1;
            if (i >= 0) {
                v[i] = c.nextLong();
                any = true;
            } else if (c.hasMore() && c.peek() != '\n') {
                any = true; // a field we do not use (cancelled_write_bytes)
            }
            c.nextLine();
        }
        return any;
    }
}
