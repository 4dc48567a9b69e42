package psutil4j;

/**
 * Cumulative I/O statistics of a disk, or of all disks, as psutil's {@code sdiskio}, from
 * /proc/diskstats (see the kernel's Documentation/admin-guide/iostats.rst).
 *
 * <p>Counters grow from boot; with {@code nowrap} (the default) values that went down because a
 * kernel counter wrapped are adjusted so they never decrease, as psutil does.
 *
 * <p>On Linux 2.6.x, partition lines of /proc/diskstats had only reads, sectors read, writes
 * and sectors written; psutil reports the times and merge counts of those lines as 0, and so
 * does psutil4j.
 *
 * @param readCount        reads completed
 * @param writeCount       writes completed
 * @param readBytes        bytes read: the kernel's sectors times 512, whatever the device's
 *                         real sector size (the kernel always counts 512-byte units)
 * @param writeBytes       bytes written, likewise
 * @param readTime         milliseconds spent reading
 * @param writeTime        milliseconds spent writing
 * @param readMergedCount  reads merged with adjacent ones before being issued
 * @param writeMergedCount writes merged likewise
 * @param busyTime         milliseconds the device had I/O in flight ("io_ticks", what
 *                         {@code iostat} uses for %util)
 */
public record DiskIoCounters(long readCount, long writeCount, long readBytes, long writeBytes,
                             long readTime, long writeTime, long readMergedCount,
                             long writeMergedCount, long busyTime) {
}
