package psutil4j.internal.linux.proc;

import psutil4j.LoadAvg;
import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/** /proc/loadavg: "0.02 0.12 0.08 4/116 5980"; the first three fields are the load averages. */
public final class ProcLoadavg {

    private static final byte[] LOADAVG = ByteCursor.ascii("/loadavg");

    private ProcLoadavg() {
    }

    /** Reads {procfs}/loadavg (what glibc's getloadavg(3), used by psutil, reads too). */
    public static LoadAvg read() {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(LOADAVG).read();
        if (n < 0) {
            throw new IllegalStateException("cannot read " + b.pathString() + ": errno " + -n);
        }
        return parse(b.cursor());
    }

    public static LoadAvg parse(ByteCursor c) {
        double l1 = c.nextDouble();
        double l5 = c.nextDouble();
        double l15 = c.nextDouble();
        if (Double.isNaN(l1) || Double.isNaN(l5) || Double.isNaN(l15)) {
            throw new IllegalStateException("/proc/loadavg: cannot parse the load averages");
        }
        return new LoadAvg(l1, l5, l15);
    }

    /**
     * The fifth field, the last pid allocated in the reader's pid namespace ("... 4/116 5980"), or
     * -1 when unreadable: ProcessSampler lists /proc again only once it moves.
     */
    public static long readLastPid() {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(LOADAVG).read();
        return n < 0 ? -1 : lastPid(b.cursor());
    }

    public static long lastPid(ByteCursor c) {
        long v = c.skipFields(4).nextLong();
        return c.hasMore() && !ByteCursor.isSpace(c.peek()) ? -1 : v;
    }
}
