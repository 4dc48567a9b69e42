package psutil4j;

/**
 * A process's page faults since it started, newest psutil's {@code ppagefaults}.
 *
 * @param minor faults served without I/O (page already in RAM)
 * @param major faults that read the page from disk
 */
public record PageFaults(long minor, long major) {
}
