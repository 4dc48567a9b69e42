package psutil4j;

/**
 * Space on the file system holding a path, as psutil's {@code sdiskusage}, from statvfs(3).
 *
 * <p>{@code total} and {@code used} count all blocks, those reserved for root included, while
 * {@code free} and {@code percent} are what an unprivileged user sees; so
 * {@code used + free} may be less than {@code total} (ext4 reserves 5% by default), and
 * {@code percent} is higher than {@code used / total} (psutil issue #829). {@code df} shows the
 * same figures.
 *
 * @param total   size of the file system in bytes ({@code f_blocks * f_frsize})
 * @param used    bytes in use ({@code (f_blocks - f_bfree) * f_frsize})
 * @param free    bytes available to unprivileged users ({@code f_bavail * f_frsize})
 * @param percent {@code used / (used + free) * 100}, rounded to one decimal; 0 when both are 0
 */
public record DiskUsage(long total, long used, long free, double percent) {
}
