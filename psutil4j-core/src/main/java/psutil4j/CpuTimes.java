package psutil4j;

/**
 * System-wide (or one CPU's) times, psutil's {@code scputimes} on Linux, in seconds since boot
 * (the ticks of /proc/stat divided by {@code USER_HZ}).
 *
 * <p>Components are in psutil 8's order (user, system, idle first; psutil before 8.0 had
 * user, nice, system, idle). {@link Psutil#cpuTimesPercent()} returns the same shape with
 * percentages 0..100 instead of seconds, as psutil does.
 *
 * <p>Kernels older than the version noted on a component do not report it; it is then 0, as
 * psutil's {@code cpu_times()} does.
 *
 * @param user time spent by normal processes in user mode, guest time included
 * @param system time spent by processes in kernel mode
 * @param idle time spent doing nothing
 * @param nice time spent by niced (prioritized) processes in user mode, guest_nice included
 * @param iowait time spent waiting for I/O to complete (not counted in idle; Linux 2.5.41)
 * @param irq time spent servicing hardware interrupts (Linux 2.6.0)
 * @param softirq time spent servicing software interrupts (Linux 2.6.0)
 * @param steal time spent by other operating systems in a virtualized environment (2.6.11)
 * @param guest time spent running a virtual CPU for guests; already in {@code user} (2.6.24)
 * @param guestNice time spent running a niced guest; already in {@code nice} (2.6.33)
 */
public record CpuTimes(double user, double system, double idle, double nice, double iowait,
        double irq, double softirq, double steal, double guest, double guestNice) {
}
