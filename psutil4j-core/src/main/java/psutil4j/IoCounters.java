package psutil4j;

/**
 * A process's I/O counters from /proc/[pid]/io, psutil's {@code pio}.
 *
 * @param readCount read syscalls (syscr)
 * @param writeCount write syscalls (syscw)
 * @param readBytes bytes fetched from the storage layer (read_bytes)
 * @param writeBytes bytes sent to the storage layer (write_bytes)
 * @param readChars bytes passed to read-like syscalls, cache hits and pipes included (rchar)
 * @param writeChars bytes passed to write-like syscalls (wchar)
 */
public record IoCounters(long readCount, long writeCount, long readBytes, long writeBytes, long readChars, long writeChars) {
}
