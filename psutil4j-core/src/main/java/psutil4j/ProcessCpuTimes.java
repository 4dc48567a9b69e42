package psutil4j;

/**
 * CPU times of a process in seconds, psutil's {@code pcputimes}.
 *
 * @param user time in user mode
 * @param system time in kernel mode
 * @param childrenUser user time of waited-for children
 * @param childrenSystem system time of waited-for children
 * @param iowait time waiting for block I/O (delayacct_blkio_ticks; 0 when the kernel does not report it)
 */
public record ProcessCpuTimes(double user, double system, double childrenUser, double childrenSystem, double iowait) {
}
