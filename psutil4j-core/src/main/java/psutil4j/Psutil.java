package psutil4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    // ==== end region: cpu, memory, boot time, pids ====

    // ==== region: disks ====
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
    // ==== end region: sensors, users, pressure, cgroups, containers ====

    // ==== region: processes ====
    // ==== end region: processes ====
}
