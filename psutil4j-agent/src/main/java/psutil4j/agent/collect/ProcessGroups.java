package psutil4j.agent.collect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import psutil4j.IoCounters;
import psutil4j.MemoryInfo;
import psutil4j.ProcessCpuTimes;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.agent.model.Sample;

/**
 * Processes grouped by name, in process-exporter's form ({@code namedprocess_namegroup_*}).
 *
 * <p>Bound: the {@code limit} groups with the largest total RSS are exported under their name,
 * all other processes are summed into the group {@value #OTHER}; so at most limit + 1 groups.
 *
 * <p>Counters stay monotonic as process-exporter's do: each group's cpu and I/O totals are
 * accumulated from per-process deltas between sweeps (a process seen for the first time adds
 * all it has used so far, one that exits adds nothing more), rather than summed afresh, which
 * would drop when a member exits. The {@value #OTHER} group accumulates the deltas of whichever
 * processes were in it during each sweep. A name's counters are forgotten once it has no process.
 */
final class ProcessGroups {

    /** The group of everything outside the top groups. */
    static final String OTHER = "other";

    // status comes from the /proc/<pid>/stat that cpu_times reads anyway (for the process table).
    private static final List<String> ATTRS = List.of("name", "cpu_times", "memory_info", "io_counters", "status");

    private final int limit;
    /** Fed every process of a sweep, for the dashboard's process table. */
    private final TopProcessesBuilder top;
    /** Per process (pid + create time) the last values seen. */
    private Map<Long, Last> lastByPid = new HashMap<>();
    /** Per group name the accumulated counters. */
    private final Map<String, Totals> totals = new HashMap<>();
    private final Totals otherTotals = new Totals();

    ProcessGroups(int limit, TopProcessesBuilder top) {
        this.limit = limit;
        this.top = top;
    }

    private record Last(double user, double system, long read, long write) {
    }

    private static final class Totals {
        double user;
        double system;
        long read;
        long write;
        boolean ioSeen;
    }

    private static final class Group {
        final String name;
        int procs;
        long rss;
        long vms;
        double dUser;
        double dSystem;
        long dRead;
        long dWrite;
        boolean io;

        Group(String name) {
            this.name = name;
        }
    }

    void collect(Consumer<Sample> out) {
        Map<String, Group> groups = new HashMap<>();
        Map<Long, Last> seen = new HashMap<>(lastByPid.size() * 2 + 16);
        Map<String, Object> info;
        top.begin();
        for (PsProcess p : (Iterable<PsProcess>) Psutil.processIter(ATTRS, null)::iterator) {
            info = p.info();
            if (!(info.get("name") instanceof String name)) {
                continue;
            }
            Group g = groups.computeIfAbsent(name, Group::new);
            g.procs++;
            double user = 0;
            double system = 0;
            boolean cpuRead = false;
            if (info.get("cpu_times") instanceof ProcessCpuTimes t) {
                user = t.user();
                system = t.system();
                cpuRead = true;
            }
            long rss = -1;
            long vms = -1;
            if (info.get("memory_info") instanceof MemoryInfo m) {
                rss = m.rss();
                vms = m.vms();
                g.rss += rss;
                g.vms += vms;
            }
            long read = -1;
            long write = -1;
            if (info.get("io_counters") instanceof IoCounters io) {
                read = io.readBytes();
                write = io.writeBytes();
                g.io = true;
            }
            long key = ((long) p.pid() << 32) ^ Double.hashCode(p.createTime());
            Last prev = lastByPid.get(key);
            Last now = new Last(user, system, read, write);
            seen.put(key, now);
            top.add(p, name, info.get("status") instanceof String st ? st : null,
                    prev == null || !cpuRead ? Double.NaN : Math.max(0, user + system - prev.user - prev.system), rss, vms);
            g.dUser += prev == null ? user : Math.max(0, user - prev.user);
            g.dSystem += prev == null ? system : Math.max(0, system - prev.system);
            if (read >= 0) {
                g.dRead += prev == null || prev.read < 0 ? read : Math.max(0, read - prev.read);
                g.dWrite += prev == null || prev.write < 0 ? write : Math.max(0, write - prev.write);
            }
        }
        lastByPid = seen;
        top.finish();

        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort((a, b) -> a.rss != b.rss ? Long.compare(b.rss, a.rss) : a.name.compareTo(b.name));
        Group other = new Group(OTHER);
        Set<String> alive = new HashSet<>();
        for (int i = 0; i < sorted.size(); i++) {
            Group g = sorted.get(i);
            alive.add(g.name);
            Totals t = totals.computeIfAbsent(g.name, k -> new Totals());
            add(t, g);
            if (i < limit && !OTHER.equals(g.name)) {
                emit(out, g, t);
            } else {
                other.procs += g.procs;
                other.rss += g.rss;
                other.vms += g.vms;
                other.dUser += g.dUser;
                other.dSystem += g.dSystem;
                other.dRead += g.dRead;
                other.dWrite += g.dWrite;
                other.io |= g.io;
            }
        }
        totals.keySet().retainAll(alive);
        add(otherTotals, other);
        emit(out, other, otherTotals);
    }

    private static void add(Totals t, Group g) {
        t.user += g.dUser;
        t.system += g.dSystem;
        t.read += g.dRead;
        t.write += g.dWrite;
        t.ioSeen |= g.io;
    }

    private static void emit(Consumer<Sample> out, Group g, Totals t) {
        String n = g.name;
        out.accept(new Sample("namedprocess_namegroup_num_procs", Map.of("groupname", n), g.procs));
        out.accept(new Sample("namedprocess_namegroup_cpu_seconds_total", Map.of("groupname", n, "mode", "user"), t.user));
        out.accept(new Sample("namedprocess_namegroup_cpu_seconds_total", Map.of("groupname", n, "mode", "system"), t.system));
        out.accept(new Sample("namedprocess_namegroup_memory_bytes", Map.of("groupname", n, "memtype", "resident"), g.rss));
        out.accept(new Sample("namedprocess_namegroup_memory_bytes", Map.of("groupname", n, "memtype", "virtual"), g.vms));
        if (t.ioSeen) {
            out.accept(new Sample("namedprocess_namegroup_read_bytes_total", Map.of("groupname", n), t.read));
            out.accept(new Sample("namedprocess_namegroup_write_bytes_total", Map.of("groupname", n), t.write));
        }
    }
}
