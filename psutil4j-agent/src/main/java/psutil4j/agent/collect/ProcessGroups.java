package psutil4j.agent.collect;

import java.util.ArrayList;
import java.util.Arrays;
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
    /** Per process of the last sweep, by pid, the values seen then; and the arrays the next sweep fills. */
    private Lasts last = new Lasts();
    private Lasts next = new Lasts();
    /** During a sweep: the groups, whether it reads I/O, and where in {@link #last} the merge is. */
    private Map<String, Group> groups;
    private boolean withIo;
    private int cursor;
    /** Per group name the accumulated counters. */
    private final Map<String, Totals> totals = new HashMap<>();
    private final Totals otherTotals = new Totals();

    ProcessGroups(int limit) {
        this(limit, 1, 1, new TopProcessesBuilder(1));
    }

    /**
     * @param ioEvery read /proc/[pid]/io every this many sweeps (the collector passes what makes
     *                it about every 5 s); in between each process keeps its last I/O counters
     * @param idleEvery re-read a sleeping process's stat at least every this many sweeps
     *                  ({@link ProcessSampler#idleRereadEvery}; 1: every sweep)
     * @param top     fed every process of a sweep, for the dashboard's process table
     */
    ProcessGroups(int limit, int ioEvery, int idleEvery, TopProcessesBuilder top) {
        this.limit = limit;
        this.ioEvery = Math.max(1, ioEvery);
        this.top = top;
        this.sampler = ProcessSampler.create(true).idleRereadEvery(Math.max(1, idleEvery));
    }

    /**
     * Processes of one sweep in the sampler's pid order, aligned arrays: a sweep finds each
     * process's previous values by merging with the last sweep's, no map or object per process.
     */
    private static final class Lasts {
        int n;
        int[] pid = new int[1024];
        double[] createTime = new double[1024];
        double[] user = new double[1024];
        double[] system = new double[1024];
        long[] read = new long[1024];
        long[] write = new long[1024];

        void add(int p, double c, double u, double s, long r, long w) {
            if (n == pid.length) {
                int cap = 2 * n;
                pid = Arrays.copyOf(pid, cap);
                createTime = Arrays.copyOf(createTime, cap);
                user = Arrays.copyOf(user, cap);
                system = Arrays.copyOf(system, cap);
                read = Arrays.copyOf(read, cap);
                write = Arrays.copyOf(write, cap);
            }
            pid[n] = p;
            createTime[n] = c;
            user[n] = u;
            system[n] = s;
            read[n] = r;
            write[n] = w;
            n++;
        }
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
        groups = new HashMap<>();
        withIo = ioEvery <= 1 || sweeps++ % ioEvery == 0;
        cursor = 0;
        next.n = 0;
        top.begin();
        sampler.sweep(this::visit, withIo);
        // only after a whole sweep: a failed one must not make every process look new next time
        Lasts swap = last;
        last = next;
        next = swap;
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

    /** One process of the sweep: into its group, the top processes, and the values for the next sweep. */
    private void visit(ProcessSampler.Sample p) {
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
        int pid = p.pid();
        Lasts l = last;
        if (cursor > 0 && cursor <= l.n && l.pid[cursor - 1] >= pid) {
            cursor = 0; // not in pid order after all: search from the start
        }
        while (cursor < l.n && l.pid[cursor] < pid) {
            cursor++;
        }
        int j = cursor < l.n && l.pid[cursor] == pid && l.createTime[cursor] == p.createTime() ? cursor : -1;
        // between I/O reads a process keeps its last I/O counters
        long read = p.hasIoCounters() ? p.readBytes() : j >= 0 && !withIo ? l.read[j] : -1;
        long write = p.hasIoCounters() ? p.writeBytes() : j >= 0 && !withIo ? l.write[j] : -1;
        if (read >= 0) {
            g.io = true;
        }
        next.add(pid, p.createTime(), user, system, read, write);
        top.add(pid, p.createTime(), p.name(), p.status(), p.cpuPercent(), p.rss(), p.vms(), p.numThreads());
        g.dUser += j < 0 ? user : Math.max(0, user - l.user[j]);
        g.dSystem += j < 0 ? system : Math.max(0, system - l.system[j]);
        if (read >= 0) {
            g.dRead += j < 0 || l.read[j] < 0 ? read : Math.max(0, read - l.read[j]);
            g.dWrite += j < 0 || l.write[j] < 0 ? write : Math.max(0, write - l.write[j]);
        }
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
