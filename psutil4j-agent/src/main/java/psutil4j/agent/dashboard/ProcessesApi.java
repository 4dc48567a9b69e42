package psutil4j.agent.dashboard;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import psutil4j.AccessDeniedException;
import psutil4j.NoSuchProcessException;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.ZombieProcessException;
import psutil4j.agent.collect.TopProcess;
import psutil4j.agent.collect.TopProcesses;
import psutil4j.agent.rules.Json;

/**
 * {@code GET /api/v1/processes}: the top processes of the collector's latest sweep,
 * <pre>{@code {"time_millis":T,"total":N,"memory_total":B,"processes":[{"pid","name","username","status",
 *   "cpu_percent","memory_percent","rss","vms","num_threads"}]}}</pre>
 * by CPU percent, descending; null where a value is unknown (cpu_percent of a process the
 * previous sweep did not see, fields of a process that denies access).
 *
 * <p>The sweep reads only /proc/[pid]/stat (and io now and then), which has the thread count. The
 * user name needs a handle and the owner's uid: it is read here instead, for the rows answered only (at most 2 x {@value psutil4j.agent.collect.Collector#TOP_PROCESSES}), when a
 * page asks. A process that exited since the sweep is left out.
 */
final class ProcessesApi {

    /** psutil caches the total physical memory for memory_percent() (its _TOTAL_PHYMEM); so do we. */
    private static volatile long memTotal;

    private ProcessesApi() {
    }

    static String answer(TopProcesses top) {
        long total = memoryTotal();
        var rows = new ArrayList<Map<String, Object>>(top.processes().size());
        for (TopProcess t : top.processes()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("pid", t.pid());
            m.put("name", t.name());
            String user = null;
            try {
                PsProcess p = PsProcess.of(t.pid());
                if (p.createTime() != t.createTime()) {
                    continue; // exited, and the pid was reused
                }
                user = p.username();
            } catch (ZombieProcessException | AccessDeniedException | UncheckedIOException e) {
                // keep the row with what the sweep read
            } catch (NoSuchProcessException e) {
                continue;
            }
            m.put("username", user);
            m.put("status", t.status());
            m.put("cpu_percent", Double.isNaN(t.cpuPercent()) ? null : round(t.cpuPercent()));
            m.put("memory_percent", t.rss() < 0 ? null : round(100.0 * t.rss() / total));
            m.put("rss", t.rss() < 0 ? null : t.rss());
            m.put("vms", t.vms() < 0 ? null : t.vms());
            m.put("num_threads", t.numThreads());
            rows.add(m);
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("time_millis", top.timeMillis());
        out.put("total", top.total());
        out.put("memory_total", total);
        out.put("processes", rows);
        return Json.write(out) + "\n";
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static long memoryTotal() {
        long t = memTotal;
        if (t <= 0) {
            t = Psutil.virtualMemory().total();
            memTotal = t;
        }
        return t;
    }
}
