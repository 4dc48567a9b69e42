package psutil4j.internal.linux.proc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * /proc/cpuinfo, "key : value" lines in one blank-line-separated section per logical CPU; keys
 * differ by architecture. Used for CPU frequencies and as psutil's fallback CPU counts. Not a hot
 * path, but parsed from bytes all the same.
 */
public final class ProcCpuinfo {

    private static final byte[] CPUINFO = ByteCursor.ascii("/cpuinfo");
    // Lower case: psutil compares keys lowercased and stripped.
    private static final byte[] CPU_MHZ = ByteCursor.ascii("cpu mhz"); // x86
    private static final byte[] CLOCK = ByteCursor.ascii("clock"); // ppc, "1234.000000MHz"
    private static final byte[] CPU_MHZ_DYNAMIC = ByteCursor.ascii("cpu mhz dynamic"); // s390x
    private static final byte[] PROCESSOR = ByteCursor.ascii("processor");
    private static final byte[] PHYSICAL_ID = ByteCursor.ascii("physical id");
    private static final byte[] CPU_CORES = ByteCursor.ascii("cpu cores");

    private ProcCpuinfo() {
    }

    /** Reads {procfs}/cpuinfo into the thread's buffer; null if it cannot be read. */
    public static ByteCursor read() {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(CPUINFO).read();
        return n < 0 ? null : b.cursor();
    }

    /** Every CPU's current frequency in MHz, in file order (psutil's _cpu_get_cpuinfo_freq). */
    public static double[] parseFreqsMhz(ByteCursor c) {
        double[] out = new double[8];
        int n = 0;
        while (c.hasMore()) {
            int lineEnd = c.lineEnd();
            int colon = c.indexOf((byte) ':', c.pos());
            if (colon >= 0 && colon < lineEnd) {
                int keyEnd = trimEnd(c.array(), c.pos(), colon);
                if (keyIs(c.array(), c.pos(), keyEnd, CPU_MHZ)
                        || keyIs(c.array(), c.pos(), keyEnd, CLOCK)
                        || keyIs(c.array(), c.pos(), keyEnd, CPU_MHZ_DYNAMIC)) {
                    c.pos(colon + 1);
                    double v = c.nextDouble(); // stops before a "MHz" suffix
                    if (!Double.isNaN(v)) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = v;
                    }
                }
            }
            c.pos(lineEnd);
            c.nextLine();
        }
        return Arrays.copyOf(out, n);
    }

    /** The number of "processor" lines (psutil's first fallback for the logical count). */
    public static int parseProcessorCount(ByteCursor c) {
        int n = 0;
        while (c.hasMore()) {
            int lineEnd = c.lineEnd();
            if (keyStarts(c.array(), c.pos(), lineEnd, PROCESSOR)) {
                n++;
            }
            c.pos(lineEnd);
            c.nextLine();
        }
        return n;
    }

    /**
     * Physical cores as psutil's fallback: the sum over distinct "physical id" values of their
     * "cpu cores"; 0 if the file has neither key (e.g. ARM). A section counts only when a blank
     * line ends it, as psutil's parser.
     */
    public static int parseCoreCount(ByteCursor c) {
        Map<Long, Long> coresByPackage = new HashMap<>();
        long physId = -1;
        long cores = -1;
        while (c.hasMore()) {
            c.skipBlanks();
            int lineEnd = c.lineEnd();
            if (c.pos() >= lineEnd) {
                if (physId >= 0 && cores >= 0) {
                    coresByPackage.put(physId, cores);
                }
                physId = -1;
                cores = -1;
            } else if (keyStarts(c.array(), c.pos(), lineEnd, PHYSICAL_ID)
                    || keyStarts(c.array(), c.pos(), lineEnd, CPU_CORES)) {
                boolean isPhys = keyStarts(c.array(), c.pos(), lineEnd, PHYSICAL_ID);
                int colon = c.indexOf((byte) ':', c.pos());
                if (colon >= 0 && colon < lineEnd) {
                    c.pos(colon + 1);
                    long v = c.nextLong();
                    if (isPhys) {
                        physId = v;
                    } else {
                        cores = v;
                    }
                }
            }
            c.pos(lineEnd);
            c.nextLine();
        }
        long sum = 0;
        for (long v : coresByPackage.values()) {
            sum += v;
        }
        return (int) sum;
    }

    private static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    /** Case-insensitive equality of b[from, to) with a lower-case key. */
    private static boolean keyIs(byte[] b, int from, int to, byte[] lowerKey) {
        return to - from == lowerKey.length && keyStarts(b, from, to, lowerKey);
    }

    private static boolean keyStarts(byte[] b, int from, int to, byte[] lowerKey) {
        if (to - from < lowerKey.length) {
            return false;
        }
        for (int i = 0; i < lowerKey.length; i++) {
            byte x = b[from + i];
            if (x >= 'A' && x <= 'Z') {
                x += 'a' - 'A';
            }
            if (x != lowerKey[i]) {
                return false;
            }
        }
        return true;
    }
}
