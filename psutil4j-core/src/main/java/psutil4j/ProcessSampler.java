package psutil4j;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

import psutil4j.internal.ffi.DirList;
import psutil4j.internal.ffi.FileIo;
import psutil4j.internal.ffi.KeptFiles;
import psutil4j.internal.ffi.Native;
import psutil4j.internal.linux.Roots;
import psutil4j.internal.linux.SystemConstants;
import psutil4j.internal.linux.proc.PidCmdline;
import psutil4j.internal.linux.proc.PidIo;
import psutil4j.internal.linux.proc.PidStat;
import psutil4j.internal.linux.proc.ProcLoadavg;
import psutil4j.internal.linux.proc.ProcVmstat;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * A lean sweep over every process, for loops that poll the whole process table every second
 * (monitoring agents, top-like views). Beyond psutil: {@link Psutil#processIter} builds a handle
 * and a map per process and reads one file per attribute group; a sampler reads one file per
 * process, {@code /proc/[pid]/stat} (plus {@code /proc/[pid]/io} when asked), keeps nothing per
 * process but a few numbers, and hands each process to the visitor as a reused view.
 *
 * <pre>{@code
 * ProcessSampler sampler = ProcessSampler.create(true);
 * sampler.sweep(s -> table.add(s.pid(), s.name(), s.cpuPercent(), s.rss()));
 * }</pre>
 *
 * <p>What a view holds, with psutil's meaning and units: {@code name} (psutil's name(): the
 * kernel's 15-byte name, extended from cmdline[0] when truncated — cmdline is read once per
 * process and name, not every sweep), {@code ppid}, {@code status}, {@code create_time},
 * {@code cpu_times} user and system (seconds), {@code cpu_percent} since the previous sweep of
 * this sampler (as psutil's, 100 = one CPU busy; NaN at a process's first sweep),
 * {@code memory_info} rss and vms (bytes, from stat, as process-exporter reads them: the kernel's
 * per-CPU-batched counter there may lag statm's exact sum, which psutil reads, by up to 64 pages
 * per CPU — 28 pages for a sleeping {@code sleep} on this project's 2-CPU test machine), num_threads,
 * and with I/O, {@code io_counters} read/write counts and bytes (-1 when the kernel refuses them:
 * another user's process without CAP_SYS_PTRACE).
 *
 * <p>Between sweeps the sampler keeps each process's stat (and io) file open and re-reads it with
 * pread(2) at offset 0: one system call per file instead of four, about 2.5x less kernel time.
 * A kept file can only ever read its own process (after exit it answers ESRCH, even if the pid is
 * reused), so PID reuse is safe. It keeps at most {@link #DEFAULT_MAX_KEPT_FILES} descriptors and
 * a quarter of the open-file limit (none once the process runs out of them: it then opens and
 * closes as psutil does); {@link #close()} releases them, as does the garbage collector for a
 * sampler dropped without close().
 *
 * <p>Idle processes, optionally ({@link #idleRereadEvery(int)}): most processes of a machine
 * sleep through most sweeps, and {@code stat} is the costly file of the kernel's (it sums the
 * threads' times, takes locks, formats 52 fields). With an idle re-read period of N sweeps, a
 * single-threaded process whose run time in {@code /proc/[pid]/schedstat} (read first, a line
 * of three numbers) has not changed since its {@code stat} was read keeps the values of that
 * read, for at most N - 1 sweeps: its cpu times and cpu_percent are exact (it has not run), as
 * are its state, threads, vms and name as the process itself would change them, and its I/O
 * counters are those read when it last ran (not read again while it has not). What others can
 * change meanwhile is watched for: its stat is read again in the sweep that finds its parent
 * gone or a zombie (a new ppid) or pages taken from processes (rss: /proc/vmstat's reclaim-scan,
 * reclaim, swap-out and khugepaged counters, read once a sweep, moved; when they cannot be read,
 * every sweep). What is left is at most N - 1 sweeps old: rss changed by another process without
 * those counters (a mapped file truncated, MADV_PAGEOUT through process_madvise or DAMON, and
 * before Linux 5.8 reclaim inside a memory cgroup's limit, which the global counters did not
 * count). The gate also lists /proc only when a task was created since (the last pid allocated,
 * in {@code /proc/loadavg}, moved: every fork and clone but CRIU's clone3 with a chosen pid) or
 * N sweeps after the last listing: without a new pid, the processes are those of the last sweep
 * less those that exited (their reads fail), so this leaves nothing stale. A listing taken just
 * after the last pid moved is taken again the next sweep (a fork in flight has its pid before it
 * shows in /proc), one that failed to read a process for another reason than its exit too; and
 * it applies only to a /proc of the sampler's own pid namespace.
 *
 * <p>A process that exits during the sweep is skipped. Not thread-safe: one sampler per polling
 * thread. The view is only valid during the visitor's call.
 */
public final class ProcessSampler implements AutoCloseable {

    /** The most descriptors a sampler keeps open. */
    public static final int DEFAULT_MAX_KEPT_FILES = 16_384;
    private static final int EMFILE = 24;
    private static final int ENFILE = 23;
    /** An I/O file the kernel refused for this process: not retried while the process lives. */
    private static final int DENIED = -2;

    private static final byte[] SLASH = ByteCursor.ascii("/");
    private static final byte[] STAT = ByteCursor.ascii("/stat");
    private static final byte[] IO = ByteCursor.ascii("/io");
    private static final byte[] SCHEDSTAT = ByteCursor.ascii("/schedstat");
    private static final byte[] CMDLINE = ByteCursor.ascii("/cmdline");
    private static final byte[] SELF = ByteCursor.ascii("/self");
    private static final byte[] SELF_STATUS = ByteCursor.ascii("/self/status");

    private final boolean io;
    private final int maxKept;
    /** The kept descriptors, released by close() or, for a sampler dropped unclosed, by the cleaner. */
    private final Held held = new Held();
    private boolean outOfFds;
    private final KeptFiles reader = new KeptFiles(4096);
    private final byte[] data = new byte[4096];
    private final ByteCursor cursor = new ByteCursor();
    private final DirList.Ints ints = new DirList.Ints();
    private final PidStat stat = new PidStat();
    private final long[] ioValues = new long[6];
    private final Sample view = new Sample();
    /** Re-read a single-threaded process that has not run only every this many sweeps (1: always). */
    private int idleEvery = 1;

    private long prevNanos;
    /** /proc/loadavg's last pid read before the previous sweep's pids were known; -1: list afresh. */
    private long lastPid = -1;
    /** Sweeps since /proc was last listed. */
    private int unlisted;
    /**
     * Whether the last listing was taken with loadavg's last pid as the sweep before saw it: a
     * listing right after it moved can miss a fork still in flight (its pid allocated, not yet in
     * /proc), so the pids are reused only after a listing one sweep later.
     */
    private boolean listedWhileStill;
    /** The /proc root last checked for being of this process's pid namespace, and the answer. */
    private byte[] nsRoot;
    private boolean nsOurs;
    /** The sum of /proc/vmstat's reclaim counters at the last sweep (-1: unknown), and whether it moved since. */
    private long reclaimed = -1;
    private boolean reclaimMoved;
    private static final Cleaner CLEANER = Cleaner.create();

    /**
     * The previous sweep, sorted by pid, and the arrays the current one is built in (swapped at
     * the end of each sweep); refers to nothing else, so a Cleaner can close it.
     */
    private static final class Held implements Runnable {
        Known prev = new Known(0);
        Known next = new Known(0);
        int kept;

        @Override
        public void run() {
            closeAll(prev);
            closeAll(next);
            prev.n = 0;
            next.n = 0;
        }

        void closeAll(Known k) {
            for (int i = 0; i < k.n; i++) {
                release(k.statFd, i);
                release(k.ioFd, i);
                release(k.schedFd, i);
            }
        }

        private void release(int[] fds, int i) {
            if (fds[i] >= 0) {
                FileIo.close(fds[i]);
                kept--;
            }
            fds[i] = -1;
        }
    }

    /**
     * Per process of one sweep, aligned arrays: identity, cpu ticks, the names, the kept files,
     * and for the idle gate the run time and what stat said (a skipped process's view comes from them).
     */
    private static final class Known {
        int n;
        int[] pid;
        long[] start;
        long[] ticks;
        /** When {@code ticks} was read (System.nanoTime of that sweep): cpu_percent's interval. */
        long[] ticksAt;
        String[] comm;
        String[] name;
        int[] statFd;
        int[] ioFd;
        int[] schedFd;
        /** schedstat's run time (ns) read just before stat; -1 when not known. */
        long[] runtime;
        /** Sweeps since stat was read (0: read in that sweep). */
        int[] age;
        int[] ppid;
        byte[] state;
        long[] utime;
        long[] stime;
        long[] rss;
        long[] vsize;
        int[] threads;
        /** The I/O counters last read (read/write counts and bytes), and the run time read before them (-1: none). */
        long[] io;
        long[] ioRuntime;

        Known(int cap) {
            pid = new int[cap];
            start = new long[cap];
            ticks = new long[cap];
            ticksAt = new long[cap];
            comm = new String[cap];
            name = new String[cap];
            statFd = new int[cap];
            ioFd = new int[cap];
            schedFd = new int[cap];
            runtime = new long[cap];
            age = new int[cap];
            ppid = new int[cap];
            state = new byte[cap];
            utime = new long[cap];
            stime = new long[cap];
            rss = new long[cap];
            vsize = new long[cap];
            threads = new int[cap];
            io = new long[4 * cap];
            ioRuntime = new long[cap];
        }

        void ensure(int cap) {
            if (pid.length < cap) {
                int c = Math.max(cap, pid.length * 2);
                pid = Arrays.copyOf(pid, c);
                start = Arrays.copyOf(start, c);
                ticks = Arrays.copyOf(ticks, c);
                ticksAt = Arrays.copyOf(ticksAt, c);
                comm = Arrays.copyOf(comm, c);
                name = Arrays.copyOf(name, c);
                statFd = Arrays.copyOf(statFd, c);
                ioFd = Arrays.copyOf(ioFd, c);
                schedFd = Arrays.copyOf(schedFd, c);
                runtime = Arrays.copyOf(runtime, c);
                age = Arrays.copyOf(age, c);
                ppid = Arrays.copyOf(ppid, c);
                state = Arrays.copyOf(state, c);
                utime = Arrays.copyOf(utime, c);
                stime = Arrays.copyOf(stime, c);
                rss = Arrays.copyOf(rss, c);
                vsize = Arrays.copyOf(vsize, c);
                threads = Arrays.copyOf(threads, c);
                io = Arrays.copyOf(io, 4 * c);
                ioRuntime = Arrays.copyOf(ioRuntime, c);
            }
        }
    }

    private ProcessSampler(boolean io, int maxKept) {
        this.io = io;
        this.maxKept = maxKept;
        if (maxKept > 0) {
            CLEANER.register(this, held);
        }
    }

    /**
     * A sampler that keeps up to {@link #DEFAULT_MAX_KEPT_FILES} files open between sweeps, and
     * never more than a quarter of this process's open-file limit (RLIMIT_NOFILE).
     *
     * @param ioCounters whether each sweep also reads /proc/[pid]/io (one more file per process)
     */
    public static ProcessSampler create(boolean ioCounters) {
        return new ProcessSampler(ioCounters, (int) Math.min(DEFAULT_MAX_KEPT_FILES, openFileLimit() / 4));
    }

    /** The soft RLIMIT_NOFILE of this process (1024 when it cannot be read). */
    private static long openFileLimit() {
        try {
            long soft = PsProcess.current().rlimit(RLimitResource.RLIMIT_NOFILE).soft();
            return soft == RLimit.RLIM_INFINITY ? Integer.MAX_VALUE : soft;
        } catch (PsutilException e) {
            return 1024;
        }
    }

    /**
     * A sampler that keeps at most {@code maxKeptFiles} files open between sweeps (0: opens and
     * closes every file every sweep, as psutil does).
     */
    public static ProcessSampler create(boolean ioCounters, int maxKeptFiles) {
        if (maxKeptFiles < 0) {
            throw new IllegalArgumentException("maxKeptFiles must be >= 0, got " + maxKeptFiles);
        }
        return new ProcessSampler(ioCounters, maxKeptFiles);
    }

    /** How many descriptors the sampler holds now. */
    public int keptFiles() {
        return held.kept;
    }

    /** Closes the kept files; a later sweep works again, opening afresh. */
    @Override
    public void close() {
        try {
            held.run();
        } finally {
            Reference.reachabilityFence(this); // the Cleaner must not close the same files meanwhile
        }
    }

    /**
     * Re-reads a single-threaded process that has not run since its stat was read only every
     * {@code sweeps} sweeps (see the class description for what that leaves up to
     * {@code sweeps - 1} sweeps old); 1, the default, reads every process's stat every sweep.
     * Costs one more kept file per process, {@code /proc/[pid]/schedstat}. With it on, a sweep
     * lists /proc only when a pid was allocated since the last sweep, and every N sweeps.
     *
     * @return this sampler
     */
    public ProcessSampler idleRereadEvery(int sweeps) {
        if (sweeps < 1) {
            throw new IllegalArgumentException("sweeps must be >= 1, got " + sweeps);
        }
        this.idleEvery = sweeps;
        return this;
    }

    /** Whether sweeps read I/O counters. */
    public boolean readsIoCounters() {
        return io;
    }

    /**
     * Visits every process once, in pid order.
     *
     * @return how many processes were visited
     * @throws IllegalStateException when /proc cannot be listed
     */
    public int sweep(Consumer<? super Sample> visitor) {
        return sweep(visitor, io);
    }

    /**
     * Visits every process once, in pid order, reading I/O counters only when {@code withIo}
     * (an agent can read them every few sweeps); without, the view's I/O fields are -1.
     */
    public int sweep(Consumer<? super Sample> visitor, boolean withIo) {
        byte[] root = Roots.procBytes();
        ProcBuffer b = ProcBuffer.get();
        Known p = held.prev;
        if (!sameProcessesAsLastSweep(b, root, p)) {
            ints.clear();
            int listed = DirList.numericEntries(root, root.length, ints);
            if (listed < 0) {
                lastPid = -1;
                throw new IllegalStateException("cannot list " + Roots.proc() + ": " + Native.errnoName(-listed));
            }
            ints.sort();
        }
        if (idleEvery > 1) {
            long r = ProcVmstat.readReclaimed();
            reclaimMoved = r < 0 || r != reclaimed;
            reclaimed = r;
        }
        long now = System.nanoTime();
        double elapsed = prevNanos == 0 ? Double.NaN : (now - prevNanos) / 1e9;
        prevNanos = now;
        Known q = held.next;
        q.n = 0;
        q.ensure(ints.size());
        double boot = SystemConstants.bootTime();
        double hz = SystemConstants.CLOCK_TICKS;
        long page = SystemConstants.PAGE_SIZE;
        int j = 0;
        int visited = 0;
        boolean done = false;
        try {
            for (int i = 0; i < ints.size(); i++) {
                int pid = ints.get(i);
                while (j < p.n && p.pid[j] < pid) {
                    j++;
                }
                boolean samePid = j < p.n && p.pid[j] == pid;
                int statFd = samePid ? take(p.statFd, j) : -1;
                int ioFd = samePid ? take(p.ioFd, j) : -1;
                int schedFd = samePid ? take(p.schedFd, j) : -1;
                // The idle gate: schedstat first; a kept one reads only its own process (ESRCH after exit).
                long runtime = -1;
                if (idleEvery > 1) {
                    if (schedFd >= 0) {
                        runtime = readRuntime(schedFd);
                        if (runtime < 0) { // exited, perhaps replaced: everything afresh
                            schedFd = drop(schedFd);
                            statFd = drop(statFd);
                            ioFd = drop(ioFd);
                            samePid = false;
                        } else if (p.runtime[j] == runtime && p.threads[j] == 1 && p.age[j] + 1 < idleEvery
                                && statFd >= 0 && !reclaimMoved && parentSeen(p, q, p.ppid[j], pid, p.start[j])) {
                            int k = q.n++;
                            copyKnown(p, j, q, k);
                            q.runtime[k] = runtime;
                            q.age[k] = p.age[j] + 1;
                            q.statFd[k] = statFd; // still kept: they were counted as such
                            q.schedFd[k] = schedFd;
                            Sample s = view;
                            fill(s, q, k, boot, hz, page);
                            s.cpuPercent = elapsed > 0 ? 0.0 : Double.NaN;
                            if (!reuseIo(s, withIo, ioFd, p, j, q, k, runtime)) {
                                ioFd = readIo(s, withIo, ioFd, b, root, pid);
                                remember(s, p, j, q, k, runtime);
                            }
                            q.ioFd[k] = ioFd == DENIED ? DENIED : keep(ioFd);
                            visitor.accept(s);
                            visited++;
                            continue;
                        }
                    } else if (statFd < 0 || !samePid || p.threads[j] == 1) {
                        b.path(root).append(SLASH).append(pid).append(SCHEDSTAT);
                        schedFd = openKept(b);
                        runtime = schedFd < 0 ? -1 : readRuntime(schedFd);
                        if (runtime < 0) {
                            schedFd = drop(schedFd);
                        }
                    }
                }
                int r = -1;
                if (statFd >= 0) {
                    r = reader.readAtStart(statFd, data);
                    if (r <= 0) { // exited (ESRCH), perhaps replaced by a new process with this pid
                        statFd = drop(statFd);
                        ioFd = drop(ioFd);
                    }
                }
                if (statFd < 0) {
                    b.path(root).append(SLASH).append(pid).append(STAT);
                    statFd = openKept(b);
                    r = statFd < 0 ? statFd : reader.readAtStart(statFd, data);
                }
                if (r <= 0 || !stat.parse(cursor.reset(data, 0, r))) {
                    statFd = drop(statFd);
                    drop(ioFd);
                    drop(schedFd);
                    if (r != -Native.ENOENT && r != -Native.ESRCH) {
                        lastPid = -1; // not known to be gone (out of descriptors, say): list /proc next sweep
                    }
                    continue; // gone (or not a process any more)
                }
                boolean same = samePid && p.start[j] == stat.starttime;
                if (!same && ioFd != -1) {
                    ioFd = drop(ioFd); // a kept io of a process that is not this one
                }
                long ticks = stat.utime + stat.stime;
                String comm;
                String name;
                if (same && stat.nameEquals(p.comm[j])) {
                    comm = p.comm[j];
                    name = p.name[j];
                } else {
                    comm = stat.name();
                    name = stat.nameLength() >= 15 ? extendedName(b, root, pid, comm) : comm;
                }
                int k = q.n++;
                q.pid[k] = pid;
                q.start[k] = stat.starttime;
                q.ticks[k] = ticks;
                q.ticksAt[k] = now;
                q.comm[k] = comm;
                q.name[k] = name;
                q.ppid[k] = stat.ppid;
                q.state[k] = stat.state;
                q.utime[k] = stat.utime;
                q.stime[k] = stat.stime;
                q.rss[k] = stat.rss;
                q.vsize[k] = stat.vsize;
                q.threads[k] = (int) stat.numThreads;
                q.age[k] = 0;
                // a process with threads is read every sweep: the schedstat of its first thread says too little
                q.runtime[k] = stat.numThreads == 1 ? runtime : -1;
                if (stat.numThreads != 1) {
                    schedFd = drop(schedFd);
                }
                q.schedFd[k] = keep(schedFd);

                Sample s = view;
                fill(s, q, k, boot, hz, page);
                // over the time since this process's times were last read (more than a sweep when the gate kept them)
                double since = same ? (now - p.ticksAt[j]) / 1e9 : Double.NaN;
                s.cpuPercent = elapsed > 0 && since > 0 ? Math.max(0, (ticks - p.ticks[j]) / hz / since * 100) : Double.NaN;
                if (!same || !reuseIo(s, withIo, ioFd, p, j, q, k, q.runtime[k])) {
                    ioFd = readIo(s, withIo, ioFd, b, root, pid);
                    remember(s, same ? p : null, j, q, k, q.runtime[k]);
                }
                q.statFd[k] = keep(statFd);
                q.ioFd[k] = ioFd == DENIED ? DENIED : keep(ioFd);
                visitor.accept(s);
                visited++;
            }
            done = true;
        } finally {
            if (!done) {
                // the visitor threw (or a read failed): no file of this sweep or the last may leak
                held.closeAll(q);
                q.n = 0;
                prevNanos = 0;
                lastPid = -1;
            }
            // close the files of processes gone, drop their names, then swap
            held.closeAll(p);
            Arrays.fill(p.comm, 0, p.n, null);
            Arrays.fill(p.name, 0, p.n, null);
            held.prev = q;
            held.next = p;
            Reference.reachabilityFence(this); // the Cleaner must not close these files mid-sweep
        }
        return visited;
    }

    /**
     * With the idle gate on, whether this sweep may visit the previous sweep's pids instead of
     * listing /proc (then they are in {@link #ints}): true when no task was created since, that
     * is /proc/loadavg's last pid (the last pid allocated in the reader's pid namespace, by an
     * ordinary fork or clone) has not moved since the last listing, which was itself taken with
     * it still, and the /proc mounted is of this process's pid namespace.
     * A process that exited meanwhile fails its read and is skipped, as after a listing. /proc is
     * listed anyway every idle re-read period, and whenever loadavg cannot be read.
     */
    private boolean sameProcessesAsLastSweep(ProcBuffer b, byte[] root, Known p) {
        if (idleEvery <= 1) {
            return false;
        }
        long before = lastPid;
        // read before listing: a pid allocated between this read and the listing moves it next time
        lastPid = ProcLoadavg.readLastPid();
        boolean still = before >= 0 && lastPid == before;
        if (!still || !listedWhileStill || p.n == 0 || ++unlisted >= idleEvery || !procOfOurNamespace(b, root)) {
            unlisted = 0;
            listedWhileStill = still;
            return false;
        }
        ints.copyFrom(p.pid, p.n);
        return true;
    }

    /**
     * Whether the /proc at {@code root} is of this process's pid namespace (else loadavg's last
     * pid speaks of another): its {@code self/status} has one pid on the NSpid line (one per
     * namespace level from the mount's down to the process's), and {@code self} names this
     * process; without an NSpid line (Linux before 4.1), the latter alone.
     */
    private boolean procOfOurNamespace(ProcBuffer b, byte[] root) {
        if (!Arrays.equals(root, nsRoot)) {
            int r = b.path(root).append(SELF).readlink();
            String self = r > 0 ? new String(b.data(), 0, r, StandardCharsets.US_ASCII) : "";
            nsOurs = self.equals(Long.toString(ProcessHandle.current().pid()));
            if (nsOurs) {
                r = b.path(root).append(SELF_STATUS).read();
                String status = r > 0 ? new String(b.data(), 0, r, StandardCharsets.US_ASCII) : "";
                for (String line : status.split("\n")) {
                    if (line.startsWith("NSpid:")) {
                        nsOurs = line.substring(6).strip().split("\\s+").length == 1;
                    }
                }
            }
            nsRoot = root.clone();
        }
        return nsOurs;
    }

    /**
     * Whether the parent {@code ppid} of idle process {@code pid} (started at {@code start}) is
     * still there and alive: in this sweep so far when its pid is lower (as a parent's usually
     * is), else in the last sweep; neither a zombie nor younger than its child (a reused pid). A
     * process whose parent exited was given a new one without running: its stat is re-read.
     */
    private static boolean parentSeen(Known p, Known q, int ppid, int pid, long start) {
        if (ppid <= 0) {
            return true;
        }
        Known in = ppid < pid ? q : p;
        int i = Arrays.binarySearch(in.pid, 0, in.n, ppid);
        // an exited parent stays in /proc as a zombie until reaped: its children have a new one already
        return i >= 0 && in.state[i] != 'Z' && in.state[i] != 'X' && in.start[i] <= start;
    }

    /**
     * With I/O asked, gives the view the counters of process {@code j} of {@code p} when it has not
     * run since they were read (they cannot have moved) and keeps them for {@code k} of {@code q};
     * false when they must be read.
     */
    private static boolean reuseIo(Sample s, boolean withIo, int ioFd, Known p, int j, Known q, int k, long runtime) {
        if (!withIo || ioFd == DENIED || runtime < 0 || p.ioRuntime[j] != runtime) {
            return false;
        }
        System.arraycopy(p.io, 4 * j, q.io, 4 * k, 4);
        q.ioRuntime[k] = runtime;
        s.readCount = q.io[4 * k];
        s.writeCount = q.io[4 * k + 1];
        s.readBytes = q.io[4 * k + 2];
        s.writeBytes = q.io[4 * k + 3];
        return true;
    }

    /** The view of process {@code k} of {@code q} (all but cpu_percent and the I/O counters). */
    private static void fill(Sample s, Known q, int k, double boot, double hz, long page) {
        s.pid = q.pid[k];
        s.ppid = q.ppid[k];
        s.name = q.name[k];
        s.state = q.state[k];
        s.createTime = boot + q.start[k] / hz;
        s.user = q.utime[k] / hz;
        s.system = q.stime[k] / hz;
        s.rss = q.rss[k] * page;
        s.vms = q.vsize[k];
        s.numThreads = q.threads[k];
    }

    /**
     * Keeps the I/O counters the view got (with the run time read before them), or carries over
     * those of the same process in {@code p} when none were read this sweep.
     */
    private static void remember(Sample s, Known p, int j, Known q, int k, long runtime) {
        if (s.readBytes >= 0) {
            q.io[4 * k] = s.readCount;
            q.io[4 * k + 1] = s.writeCount;
            q.io[4 * k + 2] = s.readBytes;
            q.io[4 * k + 3] = s.writeBytes;
            q.ioRuntime[k] = runtime;
        } else if (p != null && p.ioRuntime[j] >= 0) {
            System.arraycopy(p.io, 4 * j, q.io, 4 * k, 4);
            q.ioRuntime[k] = p.ioRuntime[j];
        } else {
            q.ioRuntime[k] = -1;
        }
    }

    /** Copies what stat said of process {@code j} of {@code p} to {@code k} of {@code q}. */
    private static void copyKnown(Known p, int j, Known q, int k) {
        q.pid[k] = p.pid[j];
        q.start[k] = p.start[j];
        q.ticks[k] = p.ticks[j];
        q.ticksAt[k] = p.ticksAt[j];
        q.comm[k] = p.comm[j];
        q.name[k] = p.name[j];
        q.ppid[k] = p.ppid[j];
        q.state[k] = p.state[j];
        q.utime[k] = p.utime[j];
        q.stime[k] = p.stime[j];
        q.rss[k] = p.rss[j];
        q.vsize[k] = p.vsize[j];
        q.threads[k] = p.threads[j];
    }

    /**
     * Reads the I/O counters into the view when {@code withIo} (else leaves them -1), through the
     * kept {@code ioFd} or a new one; returns the descriptor to keep, -1, or DENIED.
     */
    private int readIo(Sample s, boolean withIo, int ioFd, ProcBuffer b, byte[] root, int pid) {
        s.readCount = -1;
        s.writeCount = -1;
        s.readBytes = -1;
        s.writeBytes = -1;
        if (!withIo || ioFd == DENIED) {
            return ioFd;
        }
        int ri = -1;
        if (ioFd >= 0) {
            ri = reader.readAtStart(ioFd, data);
            if (ri <= 0) {
                ioFd = drop(ioFd);
            }
        }
        if (ioFd == -1) {
            b.path(root).append(SLASH).append(pid).append(IO);
            ioFd = openKept(b);
            if (ioFd == -Native.EACCES || ioFd == -Native.EPERM) {
                ioFd = DENIED;
            } else if (ioFd < 0) {
                ioFd = -1;
            } else {
                ri = reader.readAtStart(ioFd, data);
                if (ri <= 0) {
                    ioFd = ri == -Native.EACCES || ri == -Native.EPERM ? denied(ioFd) : drop(ioFd);
                }
            }
        }
        if (ri > 0 && PidIo.parseInto(cursor.reset(data, 0, ri), ioValues)) {
            s.readCount = ioValues[0];
            s.writeCount = ioValues[1];
            s.readBytes = ioValues[2];
            s.writeBytes = ioValues[3];
        }
        return ioFd;
    }

    /** The run time (ns, schedstat's first number) read through a kept descriptor; -1 when gone or unreadable. */
    private long readRuntime(int fd) {
        int r = reader.readAtStart(fd, data);
        if (r <= 0) {
            return -1;
        }
        long v = 0;
        int i = 0;
        for (; i < r && data[i] >= '0' && data[i] <= '9'; i++) {
            v = v * 10 + (data[i] - '0');
        }
        return i == 0 || i == r || data[i] != ' ' ? -1 : v;
    }

    /** Takes a kept descriptor out of the previous sweep's arrays (so the end of the sweep does not close it). */
    private static int take(int[] fds, int i) {
        int fd = fds[i];
        fds[i] = -1;
        return fd;
    }

    /** Closes a descriptor taken or opened in this sweep; returns -1. */
    private int drop(int fd) {
        if (fd >= 0) {
            FileIo.close(fd);
            held.kept--;
        }
        return -1;
    }

    private int denied(int fd) {
        drop(fd);
        return DENIED;
    }

    /** Opens the path built in {@code b}; the descriptor counts as kept until dropped or not kept. */
    private int openKept(ProcBuffer b) {
        int fd = FileIo.open(b.pathArray(), b.pathLength());
        if (fd == -EMFILE || fd == -ENFILE) {
            outOfFds = true; // out of descriptors: stop keeping files (those kept are released at exit)
        }
        if (fd >= 0) {
            held.kept++;
        }
        return fd;
    }

    /** Keeps {@code fd} for the next sweep when allowed, else closes it; returns what to store. */
    private int keep(int fd) {
        if (fd < 0) {
            return -1;
        }
        if (outOfFds || held.kept > maxKept) {
            return drop(fd);
        }
        return fd;
    }

    /** psutil's fix for the kernel's 15-byte names: the basename of cmdline[0] when it extends the name. */
    private static String extendedName(ProcBuffer b, byte[] root, int pid, String comm) {
        int r = b.path(root).append(SLASH).append(pid).append(CMDLINE).read();
        if (r <= 0) {
            return comm; // kernel thread, zombie, refused: the truncated name (psutil #2239)
        }
        return PidCmdline.extendName(comm, PidCmdline.parse(b.data(), r));
    }

    /** One process of a sweep; valid only during the visitor's call (the object is reused). */
    public static final class Sample {
        int pid;
        int ppid;
        String name;
        byte state;
        double createTime;
        double user;
        double system;
        long rss;
        long vms;
        int numThreads;
        double cpuPercent;
        long readCount;
        long writeCount;
        long readBytes;
        long writeBytes;

        Sample() {
        }

        public int pid() {
            return pid;
        }

        public int ppid() {
            return ppid;
        }

        /** psutil's name(). */
        public String name() {
            return name;
        }

        /** psutil's status() string ("running", "sleeping", ...). */
        public String status() {
            return PidStat.statusName(state);
        }

        /** Seconds since the epoch, as psutil's create_time(). */
        public double createTime() {
            return createTime;
        }

        /** cpu_times().user, seconds. */
        public double userTime() {
            return user;
        }

        /** cpu_times().system, seconds. */
        public double systemTime() {
            return system;
        }

        /** CPU use since this sampler's previous sweep, 100 = one CPU; NaN at the first sight of a process. */
        public double cpuPercent() {
            return cpuPercent;
        }

        /** memory_info().rss, bytes. */
        public long rss() {
            return rss;
        }

        /** memory_info().vms, bytes. */
        public long vms() {
            return vms;
        }

        public int numThreads() {
            return numThreads;
        }

        /** Whether the I/O counters were read (asked for, and allowed). */
        public boolean hasIoCounters() {
            return readBytes >= 0;
        }

        /** io_counters().read_count, or -1. */
        public long readCount() {
            return readCount;
        }

        /** io_counters().write_count, or -1. */
        public long writeCount() {
            return writeCount;
        }

        /** io_counters().read_bytes, or -1. */
        public long readBytes() {
            return readBytes;
        }

        /** io_counters().write_bytes, or -1. */
        public long writeBytes() {
            return writeBytes;
        }

        @Override
        public String toString() {
            return "Sample[pid=" + pid + ", name=" + name + ", status=" + status() + ", cpu_percent=" + cpuPercent
                    + ", rss=" + rss + "]";
        }
    }
}
