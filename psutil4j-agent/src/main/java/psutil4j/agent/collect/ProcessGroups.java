package psutil4j.agent.collect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import psutil4j.ProcessSampler;
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

    private final int limit;
    /** Reads I/O counters every this many sweeps (1 = every sweep). */
    private final int ioEvery;
    private int sweeps;
    private final ProcessSampler sampler;
    /** Fed every process of a sweep, for the dashboard's process table. */
    private final TopProcessesBuilder top;
    /** Per process (pid + create time) the last values seen. */
    private Map<Long, Last> lastByPid = new HashMap<>();
    /** Per group name the accumulated counters. */
    private final Map<String, Totals> totals = new HashMap<>();
    private final Totals otherTotals = new Totals();

    ProcessGroups(int limit) {
        this(limit, 1, new TopProcessesBuilder(1));
    }

    /**
     * @param ioEvery read /proc/[pid]/io every this many sweeps (the collector passes what makes
     *                it about every 5 s); in between each process keeps its last I/O counters
     * @param top     fed every process of a sweep, for the dashboard's process table
     */
    ProcessGroups(int limit, int ioEvery, TopProcessesBuilder top) {
        this.limit = limit;
        this.ioEvery = Math.max(1, ioEvery);
        this.top = top;
        // an idle process's stat is re-read as often as the I/O counters: about every 5 s
        this.sampler = ProcessSampler.create(true).idleRereadEvery(this.ioEvery);
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
        boolean withIo = ioEvery <= 1 || sweeps++ % ioEvery == 0;
        top.begin();
        sampler.sweep(p -> {
            Group g = groups.get(p.name());
            if (g == null) {
                g = new Group(p.name());
                groups.put(p.name(), g);
            }
            g.procs++;
            g.rss += p.rss();
            g.vms += p.vms();
            double user = p.userTime();
            double system = p.systemTime();
            long key = ((long) p.pid() << 32) ^ Double.hashCode(p.createTime());
            Last prev = lastByPid.get(key);
            // between I/O reads a process keeps its last I/O counters
            long read = p.hasIoCounters() ? p.readBytes() : prev != null && !withIo ? prev.read : -1;
            long write = p.hasIoCounters() ? p.writeBytes() : prev != null && !withIo ? prev.write : -1;
            if (read >= 0) {
                g.io = true;
            }
            seen.put(key, new Last(user, system, read, write));
            top.add(new TopProcess(p.pid(), p.createTime(), p.name(), p.status(), p.cpuPercent(), p.rss(), p.vms(),
                    p.numThreads()));
            g.dUser += prev == null ? user : Math.max(0, user - prev.user);
            g.dSystem += prev == null ? system : Math.max(0, system - prev.system);
            if (read >= 0) {
                g.dRead += prev == null || prev.read < 0 ? read : Math.max(0, read - prev.read);
                g.dWrite += prev == null || prev.write < 0 ? write : Math.max(0, write - prev.write);
            }
        }, withIo);
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

    /** Releases the files the sampler keeps open between sweeps (a later sweep reopens them). */
    void close() {
        sampler.close();
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
