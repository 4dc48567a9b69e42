package psutil4j;

import java.util.OptionalLong;

/**
 * A disk's or partition's I/O counters with every field of /proc/diskstats, beyond psutil (see
 * the kernel's Documentation/admin-guide/iostats.rst), from {@link Psutil#diskIoCountersEx()}:
 * psutil's {@link DiskIoCounters} fields, with the same names and units, then what sysstat's
 * {@code iostat -x} also needs. Values are the kernel's, not adjusted for wrapping (psutil's
 * {@code nowrap}); subtract two samples to get rates.
 *
 * <p>On Linux 2.6.x, partition lines had only reads, sectors read, writes and sectors written:
 * the other counters of those lines are 0, as in {@link DiskIoCounters}.
 *
 * @param readCount          reads completed
 * @param writeCount         writes completed
 * @param readBytes          bytes read (the kernel's 512-byte sectors times 512)
 * @param writeBytes         bytes written
 * @param readTime           milliseconds spent reading
 * @param writeTime          milliseconds spent writing
 * @param readMergedCount    reads merged with adjacent ones
 * @param writeMergedCount   writes merged likewise
 * @param busyTime           milliseconds the device had I/O in flight (iostat's %util)
 * @param inFlight           I/Os in flight now: a gauge, not a counter
 * @param weightedTime       milliseconds spent by all I/Os, queued or in flight, added up
 *                           (iostat's aqu-sz is its rate)
 * @param discardCount       discards completed (Linux 4.18+; empty before)
 * @param discardMergedCount discards merged (4.18+)
 * @param discardBytes       bytes discarded (4.18+)
 * @param discardTime        milliseconds spent discarding (4.18+)
 * @param flushCount         flush requests completed (Linux 5.5+; empty before)
 * @param flushTime          milliseconds spent flushing (5.5+)
 * @param wholeDisk          true for a whole disk (it has a /sys/block entry: {@code sda},
 *                           {@code nvme0n1}, {@code loop0}, {@code dm-0}), false for a partition
 *                           ({@code sda1}): the devices iostat lists by default and psutil's
 *                           {@code disk_io_counters()} sums
 */
public record DiskIoCountersEx(long readCount, long writeCount, long readBytes, long writeBytes,
                               long readTime, long writeTime, long readMergedCount,
                               long writeMergedCount, long busyTime, long inFlight,
                               long weightedTime, OptionalLong discardCount,
                               OptionalLong discardMergedCount, OptionalLong discardBytes,
                               OptionalLong discardTime, OptionalLong flushCount,
                               OptionalLong flushTime, boolean wholeDisk) {
}
