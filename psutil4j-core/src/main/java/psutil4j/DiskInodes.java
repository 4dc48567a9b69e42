package psutil4j;

/**
 * Inodes on the file system holding a path, from statvfs(3), as {@code df -i} shows them.
 * psutil has no such function; the figures follow {@link DiskUsage}'s pattern.
 *
 * <p>Some file systems have no fixed inode table (btrfs, vfat, many FUSE ones) and report 0
 * for all figures.
 *
 * @param total   inodes on the file system ({@code f_files})
 * @param used    inodes in use ({@code f_files - f_ffree})
 * @param free    free inodes ({@code f_ffree}; Linux has no separate count for unprivileged
 *                users: glibc sets {@code f_favail} to the same value)
 * @param percent {@code used / (used + free) * 100}, rounded to one decimal; 0 when both are 0
 *                ({@code df -i} rounds up to a whole percent instead)
 */
public record DiskInodes(long total, long used, long free, double percent) {
}
