package psutil4j;

import java.util.Optional;

/**
 * Battery status, psutil's {@code sbattery}, from {@link Psutil#sensorsBattery()}.
 *
 * @param percent      charge left, 0..100 (a fraction when computed from energy/charge counters)
 * @param secsleft     approximate seconds until the battery is empty, or
 *                     {@link #POWER_TIME_UNLIMITED} when on AC power, or
 *                     {@link #POWER_TIME_UNKNOWN} when it cannot be estimated (psutil's values)
 * @param powerPlugged true when on AC power, false when discharging, empty when unknown
 */
public record Battery(double percent, long secsleft, Optional<Boolean> powerPlugged) {

    /** {@link #secsleft()} when the time left cannot be estimated: psutil's POWER_TIME_UNKNOWN. */
    public static final long POWER_TIME_UNKNOWN = -1;
    /** {@link #secsleft()} when the AC cable is plugged in: psutil's POWER_TIME_UNLIMITED. */
    public static final long POWER_TIME_UNLIMITED = -2;

    /** True when {@link #secsleft()} is a real estimate rather than one of the two constants. */
    public boolean secsleftKnown() {
        return secsleft >= 0;
    }
}
