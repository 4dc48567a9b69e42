package psutil4j;

/**
 * One thread of a process, psutil's {@code pthread}.
 *
 * @param id the thread id (tid)
 * @param userTime seconds spent in user mode
 * @param systemTime seconds spent in kernel mode
 */
public record ThreadInfo(int id, double userTime, double systemTime) {
}
