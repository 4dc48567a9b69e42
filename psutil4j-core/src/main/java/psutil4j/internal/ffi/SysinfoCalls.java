package psutil4j.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * sysinfo(2): the load averages as glibc's getloadavg(3) (hence psutil's {@code getloadavg()})
 * computes them, and swap totals (psutil's fallback when /proc/meminfo lacks them).
 */
public final class SysinfoCalls {

    /**
     * <pre>
     * struct sysinfo {              // x86_64 / aarch64 (LP64)
     *     long uptime;              //   0
     *     unsigned long loads[3];   //   8  fixed point, 1 << SI_LOAD_SHIFT (16)
     *     unsigned long totalram;   //  32
     *     unsigned long freeram;    //  40
     *     unsigned long sharedram;  //  48
     *     unsigned long bufferram;  //  56
     *     unsigned long totalswap;  //  64
     *     unsigned long freeswap;   //  72
     *     unsigned short procs;     //  80
     *     unsigned short pad;       //  82
     *     unsigned long totalhigh;  //  88
     *     unsigned long freehigh;   //  96
     *     unsigned int mem_unit;    // 104  the unit of the *ram/*swap/*high fields, in bytes
     *     char _f[20 - 2 * sizeof(long) - sizeof(int)];  // empty on LP64
     * };                            // 112
     * </pre>
     */
    public static final StructLayout SYSINFO = MemoryLayout.structLayout(
            JAVA_LONG.withName("uptime"),
            MemoryLayout.sequenceLayout(3, JAVA_LONG).withName("loads"),
            JAVA_LONG.withName("totalram"),
            JAVA_LONG.withName("freeram"),
            JAVA_LONG.withName("sharedram"),
            JAVA_LONG.withName("bufferram"),
            JAVA_LONG.withName("totalswap"),
            JAVA_LONG.withName("freeswap"),
            JAVA_SHORT.withName("procs"),
            JAVA_SHORT.withName("pad"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("totalhigh"),
            JAVA_LONG.withName("freehigh"),
            JAVA_INT.withName("mem_unit"),
            MemoryLayout.paddingLayout(4)).withName("sysinfo");

    /** SI_LOAD_SHIFT: loads[] are fixed point with 16 fraction bits. */
    public static final double LOAD_SCALE = 1 << 16;

    // Indices into the array filled by sysinfo(long[]).
    public static final int UPTIME = 0;
    public static final int LOAD1 = 1;
    public static final int LOAD5 = 2;
    public static final int LOAD15 = 3;
    public static final int TOTALSWAP = 4;
    public static final int FREESWAP = 5;
    public static final int MEM_UNIT = 6;
    public static final int FIELDS = 7;

    // int sysinfo(struct sysinfo *info)
    private static final MethodHandle SYSINFO_CALL = Native.downcallErrno("sysinfo",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));

    private static final ThreadLocal<MemorySegment> BUF =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(SYSINFO));

    private SysinfoCalls() {
    }

    static long offset(String field) {
        return SYSINFO.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    private static final long OFF_UPTIME = offset("uptime");
    private static final long OFF_LOADS = offset("loads");
    private static final long OFF_TOTALSWAP = offset("totalswap");
    private static final long OFF_FREESWAP = offset("freeswap");
    private static final long OFF_MEM_UNIT = offset("mem_unit");

    /**
     * Calls sysinfo(2) and fills {@code out} (length at least {@link #FIELDS}) at the indices
     * above: raw loads (divide by {@link #LOAD_SCALE}), swap in mem_unit units. Returns 0 or
     * -errno.
     */
    public static int sysinfo(long[] out) {
        MemorySegment buf = BUF.get();
        MemorySegment st = Native.callState();
        int rc;
        try {
            rc = (int) SYSINFO_CALL.invokeExact(st, buf);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (rc != 0) {
            return -Native.errno(st);
        }
        out[UPTIME] = buf.get(JAVA_LONG, OFF_UPTIME);
        out[LOAD1] = buf.get(JAVA_LONG, OFF_LOADS);
        out[LOAD5] = buf.get(JAVA_LONG, OFF_LOADS + 8);
        out[LOAD15] = buf.get(JAVA_LONG, OFF_LOADS + 16);
        out[TOTALSWAP] = buf.get(JAVA_LONG, OFF_TOTALSWAP);
        out[FREESWAP] = buf.get(JAVA_LONG, OFF_FREESWAP);
        out[MEM_UNIT] = Integer.toUnsignedLong(buf.get(JAVA_INT, OFF_MEM_UNIT));
        return 0;
    }
}
