package psutil4j;

import java.nio.file.Path;

import psutil4j.internal.linux.Roots;

/**
 * psutil's module-level API: system-wide CPU, memory, disks, network, sensors, users and pids.
 *
 * <p>Names are psutil's in camelCase ({@code psutil.virtual_memory()} is
 * {@link #virtualMemory()}); results are records whose components carry psutil's field names
 * and units (bytes, seconds, percent as 0..100). Functions are thread-safe. Values the kernel
 * does not provide are {@code Optional}/{@code OptionalDouble} or documented, never a fake 0.
 */
public final class Psutil {

    private Psutil() {
    }

    /**
     * Reads /proc, /sys and the utmp file from other places, like psutil's {@code PROCFS_PATH}:
     * for an agent in a container watching its host ({@code /host/proc}), or for fixture trees.
     * Calls that use libc (disk usage, users' names, process control) still act on this system.
     */
    public static void setRoots(Path procfs, Path sysfs, Path utmp) {
        Roots.set(procfs, sysfs, utmp);
    }

    /** The /proc root in use (default {@code /proc}). */
    public static Path procfsPath() {
        return Roots.proc();
    }

    // ==== region: cpu, memory, boot time, pids ====
    // ==== end region: cpu, memory, boot time, pids ====

    // ==== region: disks ====

    /**
     * Mounted physical file systems, as psutil's {@code disk_partitions()} ({@code all=false}).
     *
     * @see #diskPartitions(boolean)
     */
    public static java.util.List<DiskPartition> diskPartitions() {
        return psutil4j.internal.linux.LinuxDisks.partitions(false);
    }

    /**
     * Mounted file systems, as psutil's {@code disk_partitions(all)}, in mount-table order.
     *
     * <p>Read from /etc/mtab when the /proc root is {@code /proc} and that file exists, else
     * from {@code <procfs>/self/mounts}; octal escapes ({@code \040} for a space...) are
     * decoded. With {@code all=false} only mounts with a device and whose type is not
     * {@code nodev} in /proc/filesystems (plus {@code zfs}) are kept: disks, not /proc, tmpfs,
     * cgroups... A root device shown as {@code /dev/root} or {@code rootfs} is replaced by the
     * real one when it can be found.
     *
     * @param all include pseudo, memory, duplicate and inaccessible file systems
     * @return an unmodifiable list
     * @throws java.io.UncheckedIOException if the mount table cannot be read
     */
    public static java.util.List<DiskPartition> diskPartitions(boolean all) {
        return psutil4j.internal.linux.LinuxDisks.partitions(all);
    }

    /**
     * Space on the file system holding {@code path}, as psutil's {@code disk_usage(path)}
     * (statvfs(3); describes this system whatever {@link #setRoots} says).
     *
     * @param path any path on the file system (a mount point, a file...)
     * @throws java.io.UncheckedIOException wrapping {@link java.nio.file.NoSuchFileException}
     *         if the path does not exist (psutil raises FileNotFoundError),
     *         {@link java.nio.file.NotDirectoryException}, {@link java.nio.file.AccessDeniedException}
     *         or {@link java.nio.file.FileSystemException} for other errors
     * @throws IllegalArgumentException if the path contains a NUL character
     */
    public static DiskUsage diskUsage(String path) {
        return psutil4j.internal.linux.LinuxDisks.usage(path);
    }

    /**
     * Inodes on the file system holding {@code path}, as {@code df -i} shows them (statvfs(3)).
     * psutil has no such function.
     *
     * @param path any path on the file system
     * @throws java.io.UncheckedIOException as {@link #diskUsage(String)}
     * @throws IllegalArgumentException if the path contains a NUL character
     */
    public static DiskInodes diskInodes(String path) {
        return psutil4j.internal.linux.LinuxDisks.inodes(path);
    }

    /**
     * System-wide disk I/O, as psutil's {@code disk_io_counters()}: the sum over whole disks
     * (partitions are left out so they are not counted twice), with counters that wrapped
     * adjusted ({@code nowrap=true}).
     *
     * @return empty when the system has no disks (psutil returns None)
     * @throws UnsupportedOperationException if neither /proc/diskstats nor /sys/block exist
     */
    public static java.util.Optional<DiskIoCounters> diskIoCounters() {
        return psutil4j.internal.linux.LinuxDisks.total(true);
    }

    /**
     * System-wide disk I/O, as psutil's {@code disk_io_counters(perdisk=False, nowrap)}.
     *
     * @param nowrap adjust counters that went down (wrapped) since the previous call so they
     *               keep growing; the state is shared with {@link #diskIoCountersPerdisk} as
     *               psutil's is, and {@link #diskIoCountersCacheClear()} resets it
     * @return empty when the system has no disks (psutil returns None)
     * @throws UnsupportedOperationException if neither /proc/diskstats nor /sys/block exist
     */
    public static java.util.Optional<DiskIoCounters> diskIoCounters(boolean nowrap) {
        return psutil4j.internal.linux.LinuxDisks.total(nowrap);
    }

    /**
     * Disk I/O per device, as psutil's {@code disk_io_counters(perdisk=True)} with
     * {@code nowrap=true}.
     *
     * @see #diskIoCountersPerdisk(boolean)
     */
    public static java.util.Map<String, DiskIoCounters> diskIoCountersPerdisk() {
        return psutil4j.internal.linux.LinuxDisks.perDisk(true);
    }

    /**
     * Disk I/O per device, as psutil's {@code disk_io_counters(perdisk=True, nowrap)}: every
     * line of /proc/diskstats, disks and partitions, keyed by kernel name ({@code sda},
     * {@code sda1}, {@code nvme0n1p2}, {@code dm-0}...) in file order.
     *
     * @param nowrap adjust counters that wrapped (see {@link #diskIoCounters(boolean)})
     * @return an unmodifiable map, empty when there are no devices
     * @throws UnsupportedOperationException if neither /proc/diskstats nor /sys/block exist
     */
    public static java.util.Map<String, DiskIoCounters> diskIoCountersPerdisk(boolean nowrap) {
        return psutil4j.internal.linux.LinuxDisks.perDisk(nowrap);
    }

    /** Forgets the nowrap state of the disk I/O functions, as psutil's {@code disk_io_counters.cache_clear()}. */
    public static void diskIoCountersCacheClear() {
        psutil4j.internal.linux.LinuxDisks.clearWrapState();
    }

    // ==== end region: disks ====

    // ==== region: network ====
    // ==== end region: network ====

    // ==== region: sensors, users, pressure, cgroups, containers ====
    // ==== end region: sensors, users, pressure, cgroups, containers ====

    // ==== region: processes ====
    // ==== end region: processes ====
}
