package psutil4j;

/**
 * One fan, psutil's {@code sfan}, an element of {@link Psutil#sensorsFans()}.
 *
 * @param label   the fan's label ({@code fan*_label}), {@code ""} when it has none
 * @param current the current speed in RPM ({@code fan*_input})
 */
public record Fan(String label, long current) {
}
