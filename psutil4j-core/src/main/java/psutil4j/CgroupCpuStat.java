package psutil4j;

import java.util.OptionalLong;

/**
 * CPU accounting of a cgroup, in microseconds. From v2 {@code cpu.stat}, or from v1
 * {@code cpuacct.usage}/{@code cpuacct.stat} and the cpu controller's {@code cpu.stat}. A field
 * is empty when the file or line does not exist (e.g. the throttling lines of v2 appear only
 * when the cpu controller is enabled for the cgroup).
 *
 * @param usageUsec     total CPU time used ({@code usage_usec}; v1 {@code cpuacct.usage} / 1000)
 * @param userUsec      user CPU time ({@code user_usec}; v1 {@code cpuacct.stat user} ticks)
 * @param systemUsec    system CPU time ({@code system_usec}; v1 {@code cpuacct.stat system})
 * @param nrPeriods     enforcement periods elapsed ({@code nr_periods})
 * @param nrThrottled   periods in which the cgroup was throttled ({@code nr_throttled})
 * @param throttledUsec total time throttled ({@code throttled_usec}; v1 {@code throttled_time}
 *                      nanoseconds / 1000)
 */
public record CgroupCpuStat(OptionalLong usageUsec, OptionalLong userUsec, OptionalLong systemUsec,
        OptionalLong nrPeriods, OptionalLong nrThrottled, OptionalLong throttledUsec) {
}
