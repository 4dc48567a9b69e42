package psutil4j;

import java.util.Optional;

/**
 * Pressure stall information (PSI, kernel 4.20+) of the whole system ({@code /proc/pressure/*},
 * {@link Psutil#pressure()}) or of one cgroup v2 ({@code cpu.pressure} etc.,
 * {@link CgroupInfo#pressure()}). A resource is empty when its file is missing: a kernel
 * without PSI or booted with {@code psi=0}, or irq without CONFIG_IRQ_TIME_ACCOUNTING or
 * before kernel 6.1.
 *
 * @param cpu    cpu pressure
 * @param memory memory pressure
 * @param io     io pressure
 * @param irq    irq/softirq pressure (kernel 6.1+, only {@code full})
 */
public record Pressure(Optional<PressureResource> cpu, Optional<PressureResource> memory,
        Optional<PressureResource> io, Optional<PressureResource> irq) {

    /** A value with no resource at all (PSI unsupported or disabled). */
    public static final Pressure NONE =
            new Pressure(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** True when no resource is reported. */
    public boolean isEmpty() {
        return cpu.isEmpty() && memory.isEmpty() && io.isEmpty() && irq.isEmpty();
    }
}
