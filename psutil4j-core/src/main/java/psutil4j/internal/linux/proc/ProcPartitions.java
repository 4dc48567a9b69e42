package psutil4j.internal.linux.proc;

import psutil4j.internal.parse.ByteCursor;

/**
 * /proc/partitions: {@code major minor #blocks name} after a header line and a blank line.
 * Used by psutil's {@code RootFsDeviceFinder.ask_proc_partitions()} to name the root device.
 */
public final class ProcPartitions {

    private ProcPartitions() {
    }

    /**
     * The name of the block device numbered (major, minor), or null. As psutil, the first two
     * lines are skipped and lines with fewer than four fields ignored.
     */
    public static String nameOf(ByteCursor c, int major, int minor) {
        c.nextLine();
        c.nextLine();
        int fileEnd = c.end();
        while (c.hasMore()) {
            int lineEnd = c.lineEnd();
            c.end(lineEnd);
            int start = c.pos();
            long ma = c.nextLong(-1);
            boolean maOk = ma >= 0 && atFieldEnd(c);
            long mi = c.nextLong(-1);
            boolean miOk = mi >= 0 && atFieldEnd(c);
            c.pos(start);
            c.skipFields(3);
            String name = c.token();
            c.end(fileEnd);
            if (name != null && maOk && miOk && ma == major && mi == minor) {
                return name;
            }
            c.pos(lineEnd);
            c.nextLine();
        }
        return null;
    }

    /** True when a number just read is a whole field (psutil checks {@code isdigit()}). */
    private static boolean atFieldEnd(ByteCursor c) {
        return !c.hasMore() || ByteCursor.isSpace(c.peek());
    }
}
