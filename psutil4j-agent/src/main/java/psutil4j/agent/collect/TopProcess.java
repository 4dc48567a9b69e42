package psutil4j.agent.collect;

/**
 * One process of a collector sweep, as the dashboard's process table shows it: what the sweep
 * read anyway (/proc/[pid]/stat), nothing more.
 *
 * @param pid        the process id
 * @param createTime psutil's create_time, with pid the process's identity (for a handle on demand,
 *                   e.g. for the user name, that must not be another process that reused the pid)
 * @param name       the process name
 * @param status     psutil's status ("running", "sleeping", ...), or null when unreadable
 * @param cpuPercent user + system CPU time since the previous sweep over the wall time between
 *                   the two sweeps, in percent of one CPU (psutil's cpu_percent: may exceed 100);
 *                   NaN for a process the previous sweep did not see
 * @param rss        resident set size in bytes, -1 when unreadable
 * @param vms        virtual memory size in bytes, -1 when unreadable
 * @param numThreads the number of threads
 */
public record TopProcess(int pid, double createTime, String name, String status, double cpuPercent, long rss, long vms,
                         int numThreads) {
}
