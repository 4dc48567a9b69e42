package psutil4j;

/**
 * CPU frequency in MHz, psutil's {@code scpufreq}.
 *
 * @param current the current frequency (real time on Linux)
 * @param min the minimum frequency the governor may choose ({@code scaling_min_freq}); 0.0 when
 *     unknown, e.g. when only /proc/cpuinfo reports a frequency, as psutil
 * @param max the maximum frequency the governor may choose ({@code scaling_max_freq}); 0.0 when
 *     unknown, as psutil
 */
public record CpuFreq(double current, double min, double max) {
}
