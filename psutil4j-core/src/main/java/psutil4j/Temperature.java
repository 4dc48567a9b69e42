package psutil4j;

import java.util.OptionalDouble;

/**
 * One hardware temperature sensor, psutil's {@code shwtemp}, an element of
 * {@link Psutil#sensorsTemperatures()}.
 *
 * @param label    the sensor's label ({@code temp*_label}), {@code ""} when it has none
 * @param current  the current temperature, in Celsius (or Fahrenheit when asked)
 * @param high     the "high" threshold ({@code temp*_max}); empty when unknown (psutil's None)
 * @param critical the critical threshold ({@code temp*_crit}); empty when unknown
 */
public record Temperature(String label, double current, OptionalDouble high, OptionalDouble critical) {
}
