package psutil4j;

/**
 * The system load averages, psutil's {@code getloadavg()} tuple: the mean number of runnable
 * and uninterruptible tasks. Compare them with the number of logical CPUs.
 *
 * @param load1 over the last minute
 * @param load5 over the last 5 minutes
 * @param load15 over the last 15 minutes
 */
public record LoadAvg(double load1, double load5, double load15) {
}
