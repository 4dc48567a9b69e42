package psutil4j;

import java.util.Optional;

/**
 * Pressure stall information for one resource (cpu, memory, io or irq).
 *
 * @param some the {@code some} line: time in which at least one task was stalled; empty where
 *             the kernel has no such line (the irq file only has {@code full})
 * @param full the {@code full} line: time in which all non-idle tasks were stalled at once;
 *             empty where the kernel has no such line (system-wide cpu before kernel 5.13)
 */
public record PressureResource(Optional<PressureLine> some, Optional<PressureLine> full) {
}
