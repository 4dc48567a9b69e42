package psutil4j;

/** Which cgroup hierarchies a process belongs to, from {@code /proc/<pid>/cgroup}. */
public enum CgroupVersion {
    /** Only cgroup v1 hierarchies (no {@code 0::} line). */
    V1,
    /** Only the cgroup v2 unified hierarchy (a single {@code 0::/path} line). */
    V2,
    /** Both: v1 hierarchies (usually holding the controllers) and the v2 unified hierarchy. */
    HYBRID
}
