package psutil4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import psutil4j.internal.linux.LinuxNetConnections;
import psutil4j.internal.linux.LinuxNetwork;
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

    /**
     * The host name, as {@code uname -n} and gethostname(2) give it, read from
     * {@code <procfs>/sys/kernel/hostname} without any DNS lookup (which
     * {@code InetAddress.getLocalHost()} makes). Beyond psutil (Python's
     * {@code socket.gethostname()}). The kernel answers for the calling process's UTS namespace,
     * whatever the /proc root.
     *
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static String hostname() {
        return psutil4j.internal.linux.proc.ProcHostname.read();
    }

    /** The system boot time in seconds since the epoch (/proc/stat btime), as psutil's {@code boot_time()}. */
    public static double bootTime() {
        return psutil4j.internal.linux.SystemConstants.bootTime();
    }

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

    /**
     * Every field of /proc/diskstats per device, beyond psutil: psutil's per-disk counters plus
     * I/Os in flight, weighted time, discards (Linux 4.18+) and flushes (5.5+), and whether the
     * device is a whole disk; what sysstat's {@code iostat -x} shows. Raw kernel values, without
     * nowrap (psutil's wrap state is not touched). Falls back to /sys/block/&#42;/stat as
     * {@link #diskIoCountersPerdisk(boolean)}.
     *
     * @return an unmodifiable map keyed by kernel name in file order, empty when there are no devices
     * @throws UnsupportedOperationException if neither /proc/diskstats nor /sys/block exist
     */
    public static java.util.Map<String, DiskIoCountersEx> diskIoCountersEx() {
        return psutil4j.internal.linux.LinuxDisks.perDiskEx();
    }

    // ==== end region: disks ====

    // ==== region: network ====

    /**
     * psutil's {@code net_io_counters()}: network I/O summed over all NICs, from /proc/net/dev,
     * with {@code nowrap=true} (counters never decrease between calls).
     */
    public static NetIoCounters netIoCounters() {
        return netIoCounters(true);
    }

    /**
     * psutil's {@code net_io_counters(nowrap=...)}: network I/O summed over all NICs. Where
     * psutil returns None (no NIC at all), this returns all zeros.
     *
     * @param nowrap adjust counters that wrapped since an earlier call so they keep growing
     *               (state shared by all calls; see {@link #netIoCountersCacheClear()})
     */
    public static NetIoCounters netIoCounters(boolean nowrap) {
        return LinuxNetwork.ioCounters(nowrap);
    }

    /**
     * psutil's {@code net_io_counters(pernic=True)}: network I/O per NIC, in /proc/net/dev's
     * order, with {@code nowrap=true}.
     */
    public static Map<String, NetIoCounters> netIoCountersPernic() {
        return netIoCountersPernic(true);
    }

    /**
     * psutil's {@code net_io_counters(pernic=True, nowrap=...)}: network I/O per NIC.
     *
     * @param nowrap adjust counters that wrapped since an earlier call so they keep growing
     */
    public static Map<String, NetIoCounters> netIoCountersPernic(boolean nowrap) {
        return LinuxNetwork.ioCountersPernic(nowrap);
    }

    /**
     * Every column of /proc/net/dev per NIC and its transmit queue length, beyond psutil:
     * psutil's per-NIC counters plus the receive fifo, frame, compressed and multicast columns,
     * the transmit fifo, collisions, carrier and compressed ones, and
     * /sys/class/net/NIC/tx_queue_len; what net-tools' {@code ifconfig} shows. Raw kernel values,
     * without nowrap (psutil's wrap state is not touched).
     *
     * @return an unmodifiable map in /proc/net/dev's order
     */
    public static Map<String, NetIoCountersEx> netIoCountersEx() {
        return LinuxNetwork.ioCountersEx();
    }

    /** psutil's {@code net_io_counters.cache_clear()}: forgets the {@code nowrap} state. */
    public static void netIoCountersCacheClear() {
        LinuxNetwork.clearIoCountersCache();
    }

    /**
     * psutil's {@code net_connections()}: system-wide TCP and UDP sockets, IPv4 and IPv6
     * (kind "inet").
     */
    public static List<NetConnection> netConnections() {
        return netConnections("inet");
    }

    /**
     * psutil's {@code net_connections(kind)}: system-wide sockets from /proc/net, with the pid
     * and fd owning each when this process may read the owner's /proc/pid/fd (else pid empty,
     * fd -1). Order is unspecified (psutil returns a set's order).
     *
     * @param kind one of "inet", "inet4", "inet6", "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6",
     *             "unix", "all"
     * @throws IllegalArgumentException for another kind (the message lists the valid ones)
     */
    public static List<NetConnection> netConnections(String kind) {
        return LinuxNetConnections.all(kind);
    }

    /**
     * Beyond psutil: every socket of the kind once, with what netstat and ss show and psutil's
     * {@code net_connections} drops: receive and send queues, owner uid, inode, the kernel's
     * state number, UNIX flags and reference counts (see {@link NetSocket}). With
     * {@code owners}, every process holding each socket, found as psutil finds them (all
     * /proc/PID/fd links, so slower); without, {@code pids} are empty and nothing but /proc/net
     * is read.
     *
     * @param kind   psutil's kinds, as {@link #netConnections(String)}
     * @param owners look up the processes holding each socket
     * @throws IllegalArgumentException for an unknown kind
     */
    public static NetSockets netSockets(String kind, boolean owners) {
        return LinuxNetConnections.sockets(kind, owners);
    }

    /**
     * psutil's {@code net_if_addrs()}: the addresses of each NIC (IPv4, IPv6, MAC as
     * {@link AddressFamily#AF_LINK}, or one {@link AddressFamily#AF_UNSPEC} entry for a NIC
     * without a usable address), from getifaddrs(3), grouped and ordered as psutil does.
     */
    public static Map<String, List<NetIfAddr>> netIfAddrs() {
        return LinuxNetwork.ifAddrs();
    }

    /**
     * psutil's {@code net_if_stats()}: up/running state, duplex, speed, MTU and flags of each
     * NIC listed in /proc/net/dev, from /sys/class/net (no ioctl, no fork).
     */
    public static Map<String, NetIfStats> netIfStats() {
        return LinuxNetwork.ifStats();
    }

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

    // ==== region: files and terminals (beyond psutil) ====

    /**
     * stat(2) of a file, beyond psutil: its type, device, inode and size as lsof shows them
     * (symbolic links are followed).
     *
     * @return empty when the path does not exist (ENOENT, ENOTDIR)
     * @throws java.io.UncheckedIOException for another failure (wrapping a
     *                                      {@link java.nio.file.AccessDeniedException} for EACCES)
     * @throws IllegalArgumentException     if the path contains a NUL character
     */
    public static Optional<FileStat> fileStat(String path) {
        return psutil4j.internal.linux.LinuxFiles.stat(path);
    }

    /**
     * The terminal open on this process's file descriptor {@code fd}, as ttyname(3) and
     * coreutils' {@code tty} (fd 0): the /proc/self/fd/N link when it is a terminal's /dev path
     * (/dev/pts/N, /dev/ttyN, /dev/ttySN, /dev/console, ...), beyond psutil.
     *
     * @return empty when the descriptor is not open or not a terminal
     */
    public static Optional<String> ttyname(int fd) {
        return psutil4j.internal.linux.LinuxFiles.ttyname(fd);
    }

    // ==== end region: files and terminals ====

    // ==== region: processes ====

    /**
     * psutil's {@code Process.attrs}: the attribute names accepted by
     * {@link PsProcess#asDict(java.util.Collection, Object)} and
     * {@link #processIter(java.util.Collection, Object)}.
     */
    public static final java.util.Set<String> PROCESS_ATTRS =
            java.util.Set.copyOf(java.util.Arrays.asList(ProcessAttrs.NAMES));

    /**
     * Attribute names beyond psutil's, for {@link PsProcess}'s additions: "pgid", "sid", "tpgid",
     * "flags", "sched_policy", "rt_priority", "locked_memory", "wchan". {@link PsProcess#asDict}
     * and {@link #processIter(java.util.Collection, Object)} accept them when named, reading only
     * the file each needs (stat; status for locked_memory; wchan for wchan); they are never part
     * of the default, all-attributes set, which stays psutil's.
     */
    public static final java.util.Set<String> EXTRA_PROCESS_ATTRS =
            java.util.Set.copyOf(java.util.Arrays.asList(ProcessAttrs.EXTRA_NAMES));

    /** The process with this pid, psutil's {@code Process(pid)}; NoSuchProcessException if none. */
    public static PsProcess process(int pid) {
        return PsProcess.of(pid);
    }

    /**
     * The pids of all processes, sorted (psutil's {@code pids()}): the numeric entries of /proc,
     * listed with getdents64 without making a String per entry.
     */
    public static int[] pids() {
        return ProcessTable.pids();
    }

    /**
     * Whether a process with this pid exists (psutil's {@code pid_exists}): a thread id is not a
     * process and gives false; negative pids give false.
     */
    public static boolean pidExists(int pid) {
        return ProcessTable.pidExists(pid);
    }

    /** {@link #processIter(java.util.Collection, Object)} without prefetching. */
    public static java.util.stream.Stream<PsProcess> processIter() {
        return ProcessTable.iter(null, null);
    }

    /**
     * psutil's {@code process_iter(attrs, ad_value)}: a lazy stream of every process in pid order.
     * Handles are cached across calls (so {@code cpuPercent(null)} measures between sweeps); a
     * handle whose pid was reused is replaced; processes that end during the sweep are skipped;
     * zombies are included. With {@code attrs} (names from {@link #PROCESS_ATTRS} or
     * {@link #EXTRA_PROCESS_ATTRS}; empty = all of psutil's, null = none),
     * each process is read once in a {@link PsProcess#oneshot()} before it is yielded: its
     * {@link PsProcess#info()} holds the values ({@code adValue} for AccessDenied/zombie ones) and
     * its getters return them until the next sweep. Only the files those attributes need are read.
     * Handles are shared by concurrent sweeps; prefer one sweeping thread.
     */
    public static java.util.stream.Stream<PsProcess> processIter(java.util.Collection<String> attrs, Object adValue) {
        return ProcessTable.iter(attrs, adValue);
    }

    /** {@link #processIter(java.util.Collection, Object)} with adValue null. */
    public static java.util.stream.Stream<PsProcess> processIter(java.util.Collection<String> attrs) {
        return processIter(attrs, null);
    }

    /** Forgets the handles cached by processIter (psutil's {@code process_iter.cache_clear()}). */
    public static void processIterCacheClear() {
        ProcessTable.clear();
    }

    /**
     * psutil's {@code wait_procs}: waits until the processes end or {@code timeout} (null = no
     * limit) passes, calling {@code callback} (may be null) for each as it ends. Never throws
     * TimeoutExpiredException; each gone process has its {@link PsProcess#returncode()} set
     * (empty for non-children).
     */
    public static WaitResult waitProcs(java.util.Collection<PsProcess> procs, java.time.Duration timeout,
            java.util.function.Consumer<PsProcess> callback) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be a positive duration, got " + timeout);
        }
        var gone = new java.util.LinkedHashSet<PsProcess>();
        var alive = new java.util.LinkedHashSet<PsProcess>(procs);
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        while (!alive.isEmpty()) {
            if (timeout != null && deadline - System.nanoTime() <= 0) {
                break;
            }
            for (PsProcess p : java.util.List.copyOf(alive)) {
                // each round over all processes lasts at most ~1 s, so a late one does not hide the others
                long max = 1_000_000_000L / alive.size();
                long t = max;
                if (timeout != null) {
                    t = Math.min(deadline - System.nanoTime(), max);
                    if (t <= 0) {
                        break;
                    }
                }
                checkGone(p, java.time.Duration.ofNanos(t), gone, callback);
            }
            alive.removeAll(gone);
        }
        if (!alive.isEmpty()) {
            for (PsProcess p : java.util.List.copyOf(alive)) {
                checkGone(p, java.time.Duration.ZERO, gone, callback);
            }
            alive.removeAll(gone);
        }
        return new WaitResult(java.util.List.copyOf(gone), java.util.List.copyOf(alive));
    }

    private static void checkGone(PsProcess p, java.time.Duration t, java.util.Set<PsProcess> gone,
            java.util.function.Consumer<PsProcess> callback) {
        java.util.OptionalInt rc;
        try {
            rc = p.wait(t);
        } catch (TimeoutExpiredException e) {
            return;
        }
        if (rc.isPresent() || !p.isRunning()) {
            if (gone.add(p) && callback != null) {
                callback.accept(p);
            }
        }
    }

    // ==== end region: processes ====
}
