package psutil4j.internal.linux.proc;

import java.util.ArrayList;
import java.util.List;

import psutil4j.CpuStats;
import psutil4j.CpuTimes;
import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * /proc/stat: the {@code cpu}/{@code cpuN} time lines, {@code ctxt}, {@code intr},
 * {@code softirq} (see man 5 proc). {@code btime} is read by {@code SystemConstants.bootTime()}.
 *
 * <p>A cpu line holds ticks of {@code USER_HZ}: user nice system idle iowait(2.5.41) irq(2.6.0)
 * softirq(2.6.0) steal(2.6.11) guest(2.6.24) guest_nice(2.6.33). Fields an old kernel does not
 * print are 0, as psutil's {@code cpu_times()}.
 */
public final class ProcStat {

    private static final byte[] STAT = ByteCursor.ascii("/stat");
    private static final byte[] CPU = ByteCursor.ascii("cpu");
    private static final byte[] CTXT = ByteCursor.ascii("ctxt ");
    private static final byte[] INTR = ByteCursor.ascii("intr ");
    private static final byte[] SOFTIRQ = ByteCursor.ascii("softirq ");

    private ProcStat() {
    }

    /** Reads /proc/stat into the thread's buffer and returns a cursor over it. */
    public static ByteCursor read() {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(STAT).read();
        if (n < 0) {
            throw new IllegalStateException("cannot read " + b.pathString() + ": errno " + -n);
        }
        return b.cursor();
    }

    /** The system-wide times: the first line ({@code cpu ...}). */
    public static CpuTimes parseCpuTotal(ByteCursor c, long ticks) {
        if (!c.consume(CPU)) {
            throw new IllegalStateException("/proc/stat does not start with a 'cpu' line");
        }
        return parseCpuLine(c, ticks);
    }

    /** One {@code cpuN} line per logical CPU, in the kernel's order (online CPUs only). */
    public static List<CpuTimes> parseCpuPercpu(ByteCursor c, long ticks) {
        var out = new ArrayList<CpuTimes>();
        c.nextLine(); // the system-wide line
        while (c.hasMore()) {
            if (c.consume(CPU)) {
                out.add(parseCpuLine(c, ticks));
            } else {
                c.nextLine();
            }
        }
        return out;
    }

    /** Counts {@code cpuN} lines (psutil's last-resort logical CPU count). */
    public static int parseCpuLineCount(ByteCursor c) {
        int n = 0;
        while (c.hasMore()) {
            if (c.consume(CPU) && c.hasMore() && c.peek() >= '0' && c.peek() <= '9') {
                n++;
            }
            c.nextLine();
        }
        return n;
    }

    /** Parses the numbers after "cpu" or "cpuN" (the cursor is just past "cpu"). */
    private static CpuTimes parseCpuLine(ByteCursor c, long ticks) {
        // the CPU number, or nothing for the total line ("cpu  3370 0 ...")
        while (c.hasMore() && c.peek() >= '0' && c.peek() <= '9') {
            c.pos(c.pos() + 1);
        }
        double hz = ticks;
        double user = c.nextLong(0) / hz;
        double nice = c.nextLong(0) / hz;
        double system = c.nextLong(0) / hz;
        double idle = c.nextLong(0) / hz;
        // nextLong stops at the newline, so missing trailing fields read as 0
        double iowait = c.nextLong(0) / hz;
        double irq = c.nextLong(0) / hz;
        double softirq = c.nextLong(0) / hz;
        double steal = c.nextLong(0) / hz;
        double guest = c.nextLong(0) / hz;
        double guestNice = c.nextLong(0) / hz;
        c.nextLine();
        return new CpuTimes(user, system, idle, nice, iowait, irq, softirq, steal, guest, guestNice);
    }

    /** The ctxt, intr (total) and softirq (total) counters; syscalls is 0 as psutil on Linux. */
    public static CpuStats parseCpuStats(ByteCursor c) {
        long ctxt = -1;
        long intr = -1;
        long softirq = -1;
        while (c.hasMore() && (ctxt < 0 || intr < 0 || softirq < 0)) {
            switch (c.peek()) {
                case 'c' -> {
                    if (c.consume(CTXT)) {
                        ctxt = c.nextLong();
                    }
                }
                case 'i' -> {
                    if (c.consume(INTR)) {
                        intr = c.nextLong();
                    }
                }
                case 's' -> {
                    if (c.consume(SOFTIRQ)) {
                        softirq = c.nextLong();
                    }
                }
                default -> {
                }
            }
            c.nextLine();
        }
        // ctxt and intr exist since 2.4, softirq since 2.6.0: all kernels psutil supports
        if (ctxt < 0 || intr < 0 || softirq < 0) {
            throw new IllegalStateException("/proc/stat lacks a ctxt, intr or softirq line");
        }
        return new CpuStats(ctxt, intr, softirq, 0);
    }
}
