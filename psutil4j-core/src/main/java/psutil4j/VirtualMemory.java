package psutil4j;

/**
 * System memory usage in bytes, psutil's {@code svmem} on Linux, from /proc/meminfo. Values
 * match {@code free -b} and {@code vmstat -s}.
 *
 * @param total physical RAM ({@code MemTotal})
 * @param available memory that can be given to processes without swapping ({@code MemAvailable},
 *     or psutil's estimate from /proc/zoneinfo on kernels before 3.14 or when it reads 0)
 * @param percent {@code (total - available) / total * 100}, rounded to one decimal as psutil
 * @param used {@code total - available}, as psutil 6 and later (older psutil computed
 *     {@code total - free - buffers - cached})
 * @param free memory not used at all ({@code MemFree})
 * @param active memory recently used ({@code Active}); 0 if the kernel lacks it, as psutil
 * @param inactive memory not recently used ({@code Inactive}, or
 *     {@code Inact_dirty + Inact_clean + Inact_laundry} on 2.4 kernels); 0 if absent, as psutil
 * @param buffers cache for file system metadata ({@code Buffers}); 0 if absent, as psutil
 * @param cached page cache plus reclaimable slab ({@code Cached + SReclaimable}), as
 *     {@code free}; 0 if absent, as psutil
 * @param shared shared memory and tmpfs ({@code Shmem}, since 2.6.32, or {@code MemShared} on
 *     2.4); 0 if absent, as psutil
 * @param slab kernel data structures cache ({@code Slab}); 0 if absent, as psutil
 */
public record VirtualMemory(long total, long available, double percent, long used, long free,
        long active, long inactive, long buffers, long cached, long shared, long slab) {
}
