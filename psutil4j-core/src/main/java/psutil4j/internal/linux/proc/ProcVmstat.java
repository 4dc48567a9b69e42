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
}
