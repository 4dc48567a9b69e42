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
    // ==== end region: disks ====

    // ==== region: network ====
    // ==== end region: network ====

    // ==== region: sensors, users, pressure, cgroups, containers ====
    // ==== end region: sensors, users, pressure, cgroups, containers ====

    // ==== region: processes ====
    // ==== end region: processes ====
}
