package psutil4j;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The cgroups a process belongs to and the limits and usage read from them, from
 * {@link Psutil#cgroup(int)}. Each resource is read from the hierarchy its controller is bound
 * to: a v1 hierarchy naming the controller when there is one, else the v2 unified hierarchy.
 * A value is empty when its file does not exist or is not reachable through this mount
 * namespace's cgroup mounts, and limits are empty when unlimited ({@code max}, or v1's huge
 * "no limit" numbers). Values are the cgroup's own files, not the minimum over its ancestors.
 *
 * @param version       v1, v2 or hybrid, from {@code /proc/<pid>/cgroup}
 * @param unifiedPath   the v2 path (the {@code 0::/path} line), relative to the cgroup
 *                      namespace root; empty when the process has no v2 line
 * @param v1Paths       v1 controller (or {@code name=xyz} for named hierarchies) to path;
 *                      empty for pure v2
 * @param cpuMax        the CPU bandwidth limit in cores: quota / period from v2 {@code cpu.max}
 *                      ({@code "50000 100000"} = 0.5) or v1 {@code cpu.cfs_quota_us} /
 *                      {@code cpu.cfs_period_us}; empty when unlimited
 * @param cpuStat       CPU accounting; empty when no cpu accounting file is reachable
 * @param memoryCurrent memory in use, bytes (v2 {@code memory.current}, v1
 *                      {@code memory.usage_in_bytes})
 * @param memoryMax     hard memory limit, bytes (v2 {@code memory.max}, v1
 *                      {@code memory.limit_in_bytes})
 * @param memoryHigh    v2 throttling threshold {@code memory.high}, bytes (v1: empty)
 * @param swapCurrent   v2 swap in use {@code memory.swap.current}, bytes (v1: empty)
 * @param swapMax       v2 swap limit {@code memory.swap.max}, bytes (v1: empty)
 * @param memswCurrent  v1 memory + swap in use {@code memory.memsw.usage_in_bytes} (v2: empty)
 * @param memswMax      v1 memory + swap limit {@code memory.memsw.limit_in_bytes} (v2: empty)
 * @param pidsCurrent   number of tasks ({@code pids.current})
 * @param pidsMax       task limit ({@code pids.max})
 * @param pressure      the cgroup's pressure stall information ({@code cpu.pressure},
 *                      {@code memory.pressure}, {@code io.pressure}, {@code irq.pressure});
 *                      v2 only, empty when not reachable or PSI is off
 */
public record CgroupInfo(CgroupVersion version, Optional<String> unifiedPath, Map<String, String> v1Paths,
        OptionalDouble cpuMax, Optional<CgroupCpuStat> cpuStat,
        OptionalLong memoryCurrent, OptionalLong memoryMax, OptionalLong memoryHigh,
        OptionalLong swapCurrent, OptionalLong swapMax, OptionalLong memswCurrent, OptionalLong memswMax,
        OptionalLong pidsCurrent, OptionalLong pidsMax, Optional<Pressure> pressure) {
}
