package psutil4j;

/**
 * A process's I/O scheduling class and priority, psutil's {@code pionice}.
 *
 * @param ioclass the I/O scheduling class
 * @param value the priority within the class, 0 (highest) to 7; 0 for NONE and IDLE
 */
public record IoNice(IoPrioClass ioclass, int value) {
}
