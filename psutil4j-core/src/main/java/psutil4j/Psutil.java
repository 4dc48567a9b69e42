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

    /**
     * Hardware temperatures in Celsius, psutil's {@code sensors_temperatures()}: sensor unit name
     * (hwmon {@code name}, e.g. {@code "coretemp"}, {@code "nvme"}) to its sensors, from
     * /sys/class/hwmon, or from /sys/class/thermal/thermal_zone* when hwmon has none.
     * Empty when the system has no sensors (virtual machines, containers).
     */
    public static java.util.Map<String, java.util.List<Temperature>> sensorsTemperatures() {
        return sensorsTemperatures(false);
    }

    /**
     * Hardware temperatures, as {@link #sensorsTemperatures()}, in Fahrenheit when asked.
     *
     * @param fahrenheit true for degrees Fahrenheit instead of Celsius
     */
    public static java.util.Map<String, java.util.List<Temperature>> sensorsTemperatures(boolean fahrenheit) {
        return psutil4j.internal.linux.LinuxSensors.temperatures(fahrenheit);
    }

    /**
     * Fan speeds in RPM, psutil's {@code sensors_fans()}: hwmon unit name to its fans, from
     * /sys/class/hwmon/hwmon*&#47;fan*_input. Empty when there are none.
     */
    public static java.util.Map<String, java.util.List<Fan>> sensorsFans() {
        return psutil4j.internal.linux.LinuxSensors.fans();
    }

    /**
     * Battery status, psutil's {@code sensors_battery()}, from /sys/class/power_supply; empty
     * when there is no battery (psutil's None).
     */
    public static java.util.Optional<Battery> sensorsBattery() {
        return psutil4j.internal.linux.LinuxSensors.battery();
    }

    /**
     * Users logged in, psutil's {@code users()}: the USER_PROCESS entries of the utmp file
     * (default /var/run/utmp, see {@link #setRoots}). Empty when the file does not exist or
     * cannot be read, as with psutil.
     */
    public static java.util.List<User> users() {
        return psutil4j.internal.linux.Utmp.users();
    }

    /**
     * System-wide pressure stall information from /proc/pressure (kernel 4.20+). Resources whose
     * file is missing are empty; without PSI every resource is empty.
     */
    public static Pressure pressure() {
        return psutil4j.internal.linux.proc.ProcPressure.read();
    }

    /**
     * The cgroups of the calling process and their limits, usage and pressure.
     *
     * @see #cgroup(int)
     */
    public static CgroupInfo cgroup() {
        return psutil4j.internal.linux.LinuxCgroups.cgroup(-1);
    }

    /**
     * The cgroups of a process (from /proc/&lt;pid&gt;/cgroup, located through this process's
     * cgroup mounts) and their CPU/memory/pids limits, usage and pressure. Works for cgroup v1,
     * v2 and hybrid layouts; values that do not exist are empty.
     *
     * @param pid a process id (&gt; 0)
     * @throws IllegalArgumentException when pid is not positive
     * @throws NoSuchProcessException   when the process does not exist
     * @throws AccessDeniedException    when its cgroup file cannot be read
     */
    public static CgroupInfo cgroup(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, got " + pid);
        }
        return psutil4j.internal.linux.LinuxCgroups.cgroup(pid);
    }

    /**
     * Whether this system runs in a container, and which runtime, detected from marker files,
     * pid 1's environment and cgroup paths (see {@link ContainerInfo}).
     */
    public static ContainerInfo container() {
        return psutil4j.internal.linux.LinuxContainer.detect();
    }

    // ==== end region: sensors, users, pressure, cgroups, containers ====

    // ==== region: processes ====
    // ==== end region: processes ====
}
