package psutil4j.internal.linux;

import java.util.function.LongSupplier;

import psutil4j.SwapMemory;
import psutil4j.VirtualMemory;
import psutil4j.internal.ffi.SysinfoCalls;
import psutil4j.internal.linux.proc.ProcMeminfo;
import psutil4j.internal.linux.proc.ProcVmstat;
import psutil4j.internal.linux.proc.ProcZoneinfo;

/** psutil's {@code virtual_memory()} and {@code swap_memory()} on Linux. */
public final class LinuxMemory {

    private static final long MISSING = ProcMeminfo.MISSING;
    /** psutil multiplies pswpin/pswpout by 4 KiB whatever the page size. */
    private static final long SWAP_PAGE = 4 * 1024;

    private LinuxMemory() {
    }

    public static VirtualMemory virtualMemory() {
        return virtualMemory(ProcMeminfo.read(), LinuxMemory::liveWatermarkLowBytes);
    }

    private static long liveWatermarkLowBytes() {
        long pages = ProcZoneinfo.readLowWatermarkPages();
        return pages < 0 ? -1 : pages * SystemConstants.PAGE_SIZE;
    }

    /**
     * psutil's computation, mimicking procps' {@code free}. {@code watermarkLowBytes} gives the
     * summed zone low watermarks in bytes, or -1 if /proc/zoneinfo is unreadable; it is asked
     * only when MemAvailable is missing or 0.
     */
    public static VirtualMemory virtualMemory(ProcMeminfo m, LongSupplier watermarkLowBytes) {
        long total = m.memTotal();
        long free = m.memFree();
        long buffers = orZero(m.buffers()); // missing on some kernels (psutil #1010)
        // free sums reclaimable slab into cached (procps commit 05d751c4f)
        long cached = m.cached() == MISSING ? 0 : m.cached() + orZero(m.sReclaimable());
        long shared = m.shmem() != MISSING ? m.shmem() : orZero(m.memShared());
        long active = orZero(m.active());
        long inactive;
        if (m.inactive() != MISSING) {
            inactive = m.inactive();
        } else if (m.inactDirty() != MISSING && m.inactClean() != MISSING
                && m.inactLaundry() != MISSING) {
            inactive = m.inactDirty() + m.inactClean() + m.inactLaundry();
        } else {
            inactive = 0;
        }
        long slab = orZero(m.slab());

        // MemAvailable appeared in 3.14; it may also read 0 (a kernel bug, psutil #1915), where
        // free makes the same estimate as below.
        long avail = m.memAvailable();
        if (avail == MISSING || avail == 0) {
            avail = estimateAvailable(m, watermarkLowBytes);
        }
        if (avail < 0) {
            avail = 0;
        } else if (avail > total) {
            // inside an LXC container the values are distorted; procps falls back to free
            avail = free;
        }
        long used = total - avail;
        double percent = UsagePercent.of(total - avail, total);
        return new VirtualMemory(total, avail, percent, used, free, active, inactive, buffers,
                cached, shared, slab);
    }

    /**
     * psutil's {@code calculate_avail_vmem}, the kernel's MemAvailable algorithm (commit
     * 34e431b0ae39): free minus the low watermarks, plus the page cache and reclaimable slab
     * each minus min(half of it, the low watermark). Falls back to free + Cached when the LRU
     * file counters (2.6.28), SReclaimable (2.6.19) or /proc/zoneinfo (2.6.13) are missing.
     */
    static long estimateAvailable(ProcMeminfo m, LongSupplier watermarkLowBytes) {
        long free = m.memFree();
        long fallback = free + orZero(m.cached());
        if (m.activeFile() == MISSING || m.inactiveFile() == MISSING
                || m.sReclaimable() == MISSING) {
            return fallback;
        }
        long wmLow = watermarkLowBytes.getAsLong();
        if (wmLow < 0) {
            return fallback;
        }
        double avail = free - wmLow;
        double pagecache = m.activeFile() + m.inactiveFile();
        pagecache -= Math.min(pagecache / 2, wmLow);
        avail += pagecache;
        double slabReclaimable = m.sReclaimable();
        avail += slabReclaimable - Math.min(slabReclaimable / 2.0, wmLow);
        return (long) avail; // Python's int() truncates toward zero, as this cast
    }

    public static SwapMemory swapMemory() {
        ProcMeminfo m = ProcMeminfo.read();
        ProcVmstat vmstat = ProcVmstat.read();
        if ((m.swapTotal() == MISSING || m.swapFree() == MISSING) && Roots.isLive()) {
            // psutil falls back to sysinfo(2); it describes this machine, so only when live
            long[] si = new long[SysinfoCalls.FIELDS];
            if (SysinfoCalls.sysinfo(si) == 0) {
                long unit = si[SysinfoCalls.MEM_UNIT];
                return swapMemory(si[SysinfoCalls.TOTALSWAP] * unit,
                        si[SysinfoCalls.FREESWAP] * unit, vmstat);
            }
        }
        return swapMemory(m, vmstat);
    }

    /**
     * psutil's computation. {@code vmstat} null means /proc/vmstat was unreadable (psutil
     * #722); sin and sout are then 0, as they are when the counters are absent (psutil #313).
     */
    public static SwapMemory swapMemory(ProcMeminfo m, ProcVmstat vmstat) {
        // SwapTotal/SwapFree have been in meminfo since 2.4; when they are absent from
        // another system's /proc (sysinfo(2) would describe this machine) we report no swap.
        return swapMemory(orZero(m.swapTotal()), orZero(m.swapFree()), vmstat);
    }

    private static SwapMemory swapMemory(long total, long free, ProcVmstat vmstat) {
        long used = total - free;
        double percent = UsagePercent.of(used, total);
        long sin = 0;
        long sout = 0;
        if (vmstat != null && vmstat.pswpin() >= 0 && vmstat.pswpout() >= 0) {
            sin = vmstat.pswpin() * SWAP_PAGE;
            sout = vmstat.pswpout() * SWAP_PAGE;
        }
        return new SwapMemory(total, used, free, percent, sin, sout);
    }

    private static long orZero(long v) {
        return v == MISSING ? 0 : v;
    }
}
