package psutil4j.bench;

import java.util.List;

/**
 * The kernel files each system-wide psutil call reads: what the floors read for the same row.
 *
 * <p>Kept in one place so the Java floor, the C floor (run-benchmarks.sh passes the same lists)
 * and the report agree. psutil 5.9.4 and 7.x read exactly these for the calls benchmarked:
 * {@code swap_memory()} reads /proc/meminfo for SwapTotal/SwapFree and /proc/vmstat for
 * pswpin/pswpout; {@code disk_io_counters(perdisk=True)} reads only /proc/diskstats (sector size
 * fixed at 512); {@code net_io_counters(pernic=True)} reads only /proc/net/dev.
 */
final class SystemFiles {

    static final String STAT = "/proc/stat";
    static final String MEMINFO = "/proc/meminfo";
    static final String VMSTAT = "/proc/vmstat";
    static final String DISKSTATS = "/proc/diskstats";
    static final String NET_DEV = "/proc/net/dev";

    static final List<String> CPU_TIMES = List.of(STAT);
    static final List<String> VIRTUAL_MEMORY = List.of(MEMINFO);
    static final List<String> SWAP_MEMORY = List.of(MEMINFO, VMSTAT);
    static final List<String> DISK_IO_COUNTERS = List.of(DISKSTATS);
    static final List<String> NET_IO_COUNTERS = List.of(NET_DEV);
    /** The "five": one read of each file the five calls above need. */
    static final List<String> FIVE = List.of(STAT, MEMINFO, VMSTAT, DISKSTATS, NET_DEV);

    private SystemFiles() {
    }
}
