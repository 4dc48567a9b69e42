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

    /**
     * System-wide CPU times in seconds since boot, as psutil's {@code cpu_times()}: the
     * {@code cpu} line of /proc/stat.
     */
    public static CpuTimes cpuTimes() {
        return psutil4j.internal.linux.LinuxCpu.cpuTimes();
    }

    /**
     * CPU times of every online logical CPU, as psutil's {@code cpu_times(percpu=True)}: one
     * element per {@code cpuN} line of /proc/stat, ordered by CPU number.
     */
    public static java.util.List<CpuTimes> cpuTimesPercpu() {
        return psutil4j.internal.linux.LinuxCpu.cpuTimesPercpu();
    }

    /**
     * System-wide CPU utilization in percent since this thread's previous call to this method,
     * as psutil's {@code cpu_percent(interval=None)}: non-blocking; the first call on a thread
     * returns a meaningless 0.0. Call at least 0.1 s apart for accuracy.
     */
    public static double cpuPercent() {
        return psutil4j.internal.linux.LinuxCpu.cpuPercent(null);
    }

    /**
     * System-wide CPU utilization in percent (0..100, one decimal), as psutil's
     * {@code cpu_percent(interval)}: busy time (all but idle and iowait; guest times are not
     * counted twice) over total time. A positive interval blocks for it and compares times
     * before and after; null or zero compares with this thread's previous call (see
     * {@link #cpuPercent()}). If the sleeping thread is interrupted, the interrupt flag is kept
     * and the shorter interval is measured.
     *
     * @param interval how long to measure, blocking; null or zero for "since the last call"
     * @throws IllegalArgumentException if interval is negative
     */
    public static double cpuPercent(java.time.Duration interval) {
        return psutil4j.internal.linux.LinuxCpu.cpuPercent(interval);
    }

    /** Per-CPU utilization since this thread's previous call, as {@code cpu_percent(percpu=True)}. */
    public static java.util.List<Double> cpuPercentPercpu() {
        return psutil4j.internal.linux.LinuxCpu.cpuPercentPercpu(null);
    }

    /**
     * Per-CPU utilization in percent, as psutil's {@code cpu_percent(interval, percpu=True)};
     * interval as in {@link #cpuPercent(java.time.Duration)}, with its own per-thread previous sample.
     *
     * @param interval how long to measure, blocking; null or zero for "since the last call"
     * @throws IllegalArgumentException if interval is negative
     */
    public static java.util.List<Double> cpuPercentPercpu(java.time.Duration interval) {
        return psutil4j.internal.linux.LinuxCpu.cpuPercentPercpu(interval);
    }

    /**
     * System-wide percentages per CPU time field since this thread's previous call, as psutil's
     * {@code cpu_times_percent()}: non-blocking, the first call on a thread returns zeros.
     */
    public static CpuTimes cpuTimesPercent() {
        return psutil4j.internal.linux.LinuxCpu.cpuTimesPercent(null);
    }

    /**
     * Percentages (0..100, one decimal) of each CPU time field, as psutil's
     * {@code cpu_times_percent(interval)}; the result has {@link CpuTimes}' shape, as psutil's.
     * guest and guest_nice are not counted in the total (they are within user and nice).
     * Unlike psutil (its issue #1586), percentages sum to 100 also over less than a second of
     * CPU time.
     * interval as in {@link #cpuPercent(java.time.Duration)}; the previous sample is kept apart from
     * cpuPercent's, as psutil.
     *
     * @param interval how long to measure, blocking; null or zero for "since the last call"
     * @throws IllegalArgumentException if interval is negative
     */
    public static CpuTimes cpuTimesPercent(java.time.Duration interval) {
        return psutil4j.internal.linux.LinuxCpu.cpuTimesPercent(interval);
    }

    /** Per-CPU field percentages since this thread's previous call, non-blocking. */
    public static java.util.List<CpuTimes> cpuTimesPercentPercpu() {
        return psutil4j.internal.linux.LinuxCpu.cpuTimesPercentPercpu(null);
    }

    /**
     * Per-CPU field percentages, as psutil's {@code cpu_times_percent(interval, percpu=True)}.
     *
     * @param interval how long to measure, blocking; null or zero for "since the last call"
     * @throws IllegalArgumentException if interval is negative
     */
    public static java.util.List<CpuTimes> cpuTimesPercentPercpu(java.time.Duration interval) {
        return psutil4j.internal.linux.LinuxCpu.cpuTimesPercentPercpu(interval);
    }

    /**
     * The number of logical CPUs (online), as psutil's {@code cpu_count()}; empty if unknown.
     */
    public static java.util.OptionalInt cpuCount() {
        return cpuCount(true);
    }

    /**
     * The number of logical CPUs, or with {@code logical=false} of physical cores (hyper-threads
     * of one core counted once, from sysfs topology, else /proc/cpuinfo), as psutil's
     * {@code cpu_count(logical)}; empty where psutil returns None.
     *
     * @param logical true for logical CPUs, false for physical cores
     */
    public static java.util.OptionalInt cpuCount(boolean logical) {
        return logical ? psutil4j.internal.linux.LinuxCpu.cpuCountLogical() : psutil4j.internal.linux.LinuxCpu.cpuCountCores();
    }

    /** Context switches, interrupts and soft interrupts since boot, as psutil's {@code cpu_stats()}. */
    public static CpuStats cpuStats() {
        return psutil4j.internal.linux.LinuxCpu.cpuStats();
    }

    /**
     * The CPU frequency in MHz averaged over CPUs, as psutil's {@code cpu_freq()}: from sysfs
     * cpufreq, else /proc/cpuinfo (min and max 0.0); empty when neither reports one (some VMs
     * and containers).
     *
     * @throws UnsupportedOperationException if cpufreq exists but no current-frequency file
     *     does, as psutil's NotImplementedError
     */
    public static java.util.Optional<CpuFreq> cpuFreq() {
        return psutil4j.internal.linux.LinuxCpu.cpuFreq();
    }

    /**
     * The frequency of each CPU, as psutil's {@code cpu_freq(percpu=True)}; empty when unknown.
     * Offline CPUs are left out.
     *
     * @throws UnsupportedOperationException as {@link #cpuFreq()}
     */
    public static java.util.List<CpuFreq> cpuFreqPercpu() {
        return psutil4j.internal.linux.LinuxCpu.cpuFreqPercpu();
    }

    /**
     * The 1, 5 and 15 minute load averages, as psutil's {@code getloadavg()}: from sysinfo(2) as
     * glibc's getloadavg(3), or from {procfs}/loadavg (two decimals) when the /proc root was
     * changed with {@link #setRoots}.
     */
    public static LoadAvg getloadavg() {
        return psutil4j.internal.linux.LinuxCpu.loadAvg();
    }

    /**
     * System memory statistics from /proc/meminfo, as psutil's {@code virtual_memory()};
     * {@code used} is {@code total - available} (psutil 6+). On kernels without MemAvailable,
     * available is estimated from /proc/zoneinfo as psutil and free do.
     */
    public static VirtualMemory virtualMemory() {
        return psutil4j.internal.linux.LinuxMemory.virtualMemory();
    }

    /** Swap statistics from /proc/meminfo and /proc/vmstat, as psutil's {@code swap_memory()}. */
    public static SwapMemory swapMemory() {
        return psutil4j.internal.linux.LinuxMemory.swapMemory();
    }

    /** The system boot time in seconds since the epoch (/proc/stat btime), as psutil's {@code boot_time()}. */
    public static double bootTime() {
        return psutil4j.internal.linux.SystemConstants.bootTime();
    }

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
