package psutil4j;

/**
 * One line of a pressure stall information (PSI) file: the share of wall time in which some
 * (or all) non-idle tasks were stalled on a resource.
 *
 * @param avg10  percent of time stalled over the last 10 seconds (0..100)
 * @param avg60  percent of time stalled over the last 60 seconds
 * @param avg300 percent of time stalled over the last 300 seconds
 * @param total  total stall time since boot (or since the cgroup was created), in microseconds
 */
public record PressureLine(double avg10, double avg60, double avg300, long total) {
}
