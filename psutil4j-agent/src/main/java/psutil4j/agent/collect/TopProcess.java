package psutil4j.agent.collect;

import psutil4j.PsProcess;

/**
 * One process of a collector sweep, as the dashboard's process table shows it: what the sweep
 * read anyway (/proc/[pid]/stat and statm), nothing more.
 *
 * @param process    the handle (for what the sweep does not read, e.g. the user name, on demand)
 * @param name       the process name
 * @param status     psutil's status ("running", "sleeping", ...), or null when unreadable
 * @param cpuPercent user + system CPU time since the previous sweep over the wall time between
 *                   the two sweeps, in percent of one CPU (psutil's cpu_percent: may exceed 100);
 *                   NaN for a process the previous sweep did not see
 * @param rss        resident set size in bytes, -1 when unreadable
 * @param vms        virtual memory size in bytes, -1 when unreadable
 */
public record TopProcess(PsProcess process, String name, String status, double cpuPercent, long rss, long vms) {

    /** The process id. */
    public int pid() {
        return process.pid();
    }
}
