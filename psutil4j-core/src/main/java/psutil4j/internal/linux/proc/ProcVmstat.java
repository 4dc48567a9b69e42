package psutil4j.internal.linux.proc;

import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * The swap counters of /proc/vmstat: {@code pswpin} and {@code pswpout}, pages swapped in and
 * out since boot.
 *
 * @param pswpin pages swapped in, or -1 if absent (some exotic kernels, psutil #313)
 * @param pswpout pages swapped out, or -1 if absent
 */
public record ProcVmstat(long pswpin, long pswpout) {

    private static final byte[] VMSTAT = ByteCursor.ascii("/vmstat");
    private static final byte[] PSWPIN = ByteCursor.ascii("pswpin ");
    private static final byte[] PSWPOUT = ByteCursor.ascii("pswpout ");
    private static final byte[][] RECLAIM = {ByteCursor.ascii("pgscan_"), ByteCursor.ascii("pgsteal_"), PSWPOUT,
            ByteCursor.ascii("zswpout "), ByteCursor.ascii("thp_collapse_alloc ")};

    /** Reads {procfs}/vmstat; null when it cannot be read (psutil #722 warns and uses 0). */
    public static ProcVmstat read() {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(VMSTAT).read();
        return n < 0 ? null : parse(b.cursor());
    }

    public static ProcVmstat parse(ByteCursor c) {
        long in = -1;
        long out = -1;
        while (c.hasMore() && (in < 0 || out < 0)) {
            if (c.peek() == 'p') {
                if (c.consume(PSWPIN)) {
                    in = c.nextLong();
                } else if (c.consume(PSWPOUT)) {
                    out = c.nextLong();
                }
            }
            c.nextLine();
        }
        return new ProcVmstat(in, out);
    }

    /**
     * The sum of {procfs}/vmstat's counters of pages taken from processes without them running
     * (reclaim scanning and taking pages: pgscan_*, pgsteal_*; swap-out: pswpout, zswpout;
     * khugepaged's collapses): a change detector for ProcessSampler; -1 when unreadable or absent.
     */
    public static long readReclaimed() {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(VMSTAT).read();
        return n < 0 ? -1 : reclaimed(b.cursor());
    }

    public static long reclaimed(ByteCursor c) {
        long sum = -1;
        for (; c.hasMore(); c.nextLine()) {
            for (byte[] key : RECLAIM) {
                if (c.startsWith(key)) {
                    c.skipField();
                    sum = Math.max(sum, 0) + Math.max(0, c.nextLong());
                    break;
                }
            }
        }
        return sum;
    }
}
