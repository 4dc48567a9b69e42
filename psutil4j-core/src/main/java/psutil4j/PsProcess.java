package psutil4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import psutil4j.internal.ffi.DirList;
import psutil4j.internal.ffi.FileIo;
import psutil4j.internal.ffi.Native;
import psutil4j.internal.linux.Roots;
import psutil4j.internal.linux.SystemConstants;
import psutil4j.internal.linux.Terminals;
import psutil4j.internal.linux.proc.MemTotal;
import psutil4j.internal.linux.proc.PidCmdline;
import psutil4j.internal.linux.proc.PidEnviron;
import psutil4j.internal.linux.proc.PidFdLink;
import psutil4j.internal.linux.proc.PidFdinfo;
import psutil4j.internal.linux.proc.PidIo;
import psutil4j.internal.linux.proc.PidSmaps;
import psutil4j.internal.linux.proc.PidStat;
import psutil4j.internal.linux.proc.PidStatm;
import psutil4j.internal.linux.proc.PidStatus;
import psutil4j.internal.linux.proc.PidWchan;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * A process, psutil's {@code psutil.Process}: a handle bound to a pid and its start time.
 *
 * <p>Get one with {@link #of(int)}, {@link #current()}, {@link Psutil#process(int)} or
 * {@link Psutil#processIter}. Reading methods read /proc each time they are called; as in psutil
 * they do not check that the pid still belongs to the same process (call {@link #isRunning()}),
 * while every method that changes or signals the process first checks the identity
 * (pid + start time) and throws {@link NoSuchProcessException} if the pid was reused.
 *
 * <p>Errors follow psutil's {@code wrap_exceptions}: EPERM/EACCES become
 * {@link AccessDeniedException}; ENOENT/ESRCH become {@link ZombieProcessException} when the
 * process is a zombie, else {@link NoSuchProcessException} when /proc/[pid]/stat is gone;
 * a file missing for a process that still exists is reported as an
 * {@link UncheckedIOException} (psutil re-raises the OSError). Kernel facts the running kernel
 * lacks raise {@link UnsupportedOperationException} (psutil's NotImplementedError).
 *
 * <p>Thread-safety: a handle may be used from several threads. {@link #oneshot()} caches per
 * thread: values are shared only by calls made on the thread that opened the scope.
 */
public final class PsProcess {

    private static final byte[] SLASH = ByteCursor.ascii("/");
    private static final byte[] STAT = ByteCursor.ascii("/stat");
    private static final byte[] STATUS = ByteCursor.ascii("/status");
    private static final byte[] STATM = ByteCursor.ascii("/statm");
    private static final byte[] CMDLINE = ByteCursor.ascii("/cmdline");
    private static final byte[] ENVIRON = ByteCursor.ascii("/environ");
    private static final byte[] EXE = ByteCursor.ascii("/exe");
    private static final byte[] CWD = ByteCursor.ascii("/cwd");
    private static final byte[] ROOT = ByteCursor.ascii("/root");
    private static final byte[] IO = ByteCursor.ascii("/io");
    private static final byte[] FD = ByteCursor.ascii("/fd");
    private static final byte[] FD_SLASH = ByteCursor.ascii("/fd/");
    private static final byte[] FDINFO_SLASH = ByteCursor.ascii("/fdinfo/");
    private static final byte[] TASK = ByteCursor.ascii("/task");
    private static final byte[] TASK_SLASH = ByteCursor.ascii("/task/");
    private static final byte[] SMAPS = ByteCursor.ascii("/smaps");
    private static final byte[] SMAPS_ROLLUP = ByteCursor.ascii("/smaps_rollup");
    private static final byte[] WCHAN = ByteCursor.ascii("/wchan");
    private static final byte[] NONE = new byte[0];

    private static final int ENAMETOOLONG = 36;
    /** psutil's conn_tmap keys. */
    private static final List<String> CONN_KINDS = List.of("all", "inet", "inet4", "inet6", "tcp", "tcp4", "tcp6",
            "udp", "udp4", "udp6", "unix");
    private static final AtomicLong GENERATION = new AtomicLong();
    /** psutil's cpu_count() (online logical CPUs), the scale of cpu_percent. */
    static final int NUM_CPUS = Math.max(1, (int) psutil4j.internal.ffi.Sysconf.cpusOnline());
    /** Configured CPUs: the valid CPU numbers for affinity (psutil uses len(per-CPU times)). */
    static final int NUM_CPUS_CONFIGURED = Math.max(1, (int) psutil4j.internal.ffi.Sysconf.cpusConfigured());

    /** Per-thread holders of the parsed stat, status and statm (no per-handle allocation). */
    private static final class Scratch {
        final PidStat stat = new PidStat();
        long statGen = -1;
        final PidStatus status = new PidStatus();
        long statusGen = -1;
        final PidStatm statm = new PidStatm();
        long statmGen = -1;
        List<String> cmdline;
        long cmdlineGen = -1;
        final PidStat threadStat = new PidStat();
        final DirList.Ints ints = new DirList.Ints();
    }

    private static final Double ZERO = 0.0;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final int pid;
    /** starttime of /proc/[pid]/stat: the identity with the pid; -1 if unknown. */
    private final long startTicks;
    private final double createTime;
    private final Double createTimeBoxed;
    private final Integer pidBoxed;
    private volatile String knownName;
    private volatile String exeCache;
    private volatile boolean gone;
    private volatile boolean pidReused;

    // oneshot(): the scope's generation while open on the owning thread.
    private volatile Thread oneshotThread;
    private int oneshotDepth;
    private volatile long oneshotGen = -1;

    // name reuse across calls: the stat name, and the cmdline-extended one for that cmdline List
    private volatile String lastStatName;
    private volatile List<String> lastExtCmdline;
    private volatile String lastExtName;
    // memory_info reuse when unchanged, and cpu_percent's last boxed value
    private volatile MemoryInfo lastMemoryInfo;
    private volatile Double lastCpuPercentBoxed;

    // cmdline reuse across calls: same content -> same List, so sweeps do not re-allocate it
    private volatile List<String> lastCmdline;

    // cpuPercent(null): the previous call's timer and process CPU seconds
    private double lastSysTime = Double.NaN;
    private double lastProcTime;

    // processIter(attrs) prefetch (psutil's _prefetch): prefetch[i] is attribute prefetchIdx[i]
    // (the sweep's shared index array, in the caller's order); only as many slots as attributes
    private Object[] prefetch;
    private int[] prefetchIdx;
    private Object prefetchAdValue;
    private boolean prefetched;

    private volatile Integer returncode;
    private volatile boolean returncodeKnown;

    private PsProcess(int pid, boolean ignoreMissing) {
        if (pid < 0) {
            throw new IllegalArgumentException("pid must be a positive integer (got " + pid + ")");
        }
        this.pid = pid;
        this.pidBoxed = pid;
        long ticks = -1;
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(SLASH).append(pid).append(STAT).read();
        PidStat st = SCRATCH.get().threadStat;
        if (n > 0 && st.parse(b.cursor())) {
            ticks = st.starttime;
        } else if (n == -Native.EACCES || n == -Native.EPERM) {
            ticks = -1; // identity unknown, as psutil on AccessDenied
        } else if (!ignoreMissing) {
            throw new NoSuchProcessException(pid, null, "process PID not found");
        } else {
            gone = true;
        }
        this.startTicks = ticks;
        this.createTime = ticks < 0 ? Double.NaN : SystemConstants.bootTime() + (double) ticks / SystemConstants.CLOCK_TICKS;
        this.createTimeBoxed = createTime;
    }

    /**
     * The process with this pid. Throws {@link NoSuchProcessException} if there is none (pid 0
     * has no /proc entry on Linux, so it is absent too) and IllegalArgumentException if negative.
     */
    public static PsProcess of(int pid) {
        return new PsProcess(pid, false);
    }

    /** This JVM's process. */
    public static PsProcess current() {
        return of((int) ProcessHandle.current().pid());
    }

    /** For processIter: a handle, or null if the pid vanished. */
    static PsProcess tryOf(int pid) {
        var p = new PsProcess(pid, true);
        return p.gone ? null : p;
    }

    // ------------------------------------------------------------------ identity

    /** The process id. */
    public int pid() {
        return pid;
    }

    /**
     * When the process started, in seconds since the epoch: boot time + starttime / USER_HZ
     * (psutil's {@code create_time()}); cached at construction. NaN if it could not be read.
     */
    public double createTime() {
        return createTime;
    }

    /** starttime in clock ticks since boot, the identity used with the pid (-1 if unknown). */
    long startTicks() {
        return startTicks;
    }

    /**
     * Whether the process still runs and its pid was not reused (same pid and start time).
     * A zombie is running, as in psutil.
     */
    public boolean isRunning() {
        if (gone || pidReused) {
            return false;
        }
        long now = readStartTicks();
        if (now == -2) {
            gone = true;
            return false;
        }
        if (now >= 0 && startTicks >= 0 && now != startTicks) {
            pidReused = true;
            ProcessTable.pidReused(pid);
            return false;
        }
        return true;
    }

    /** Fresh starttime of the pid: -2 if absent, -1 if unreadable. */
    private long readStartTicks() {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(SLASH).append(pid).append(STAT).read();
        if (n < 0) {
            return n == -Native.EACCES || n == -Native.EPERM ? -1 : -2;
        }
        PidStat st = SCRATCH.get().threadStat;
        return st.parse(b.cursor()) ? st.starttime : -2;
    }

    private void raiseIfPidReused() {
        if (pidReused || (!isRunning() && pidReused)) {
            throw new NoSuchProcessException(pid, knownName, "process no longer exists and its PID has been reused");
        }
    }

    private void refusePid0(String what) {
        if (pid == 0) {
            throw new IllegalArgumentException("preventing " + what + " on PID 0: it would act on the caller's process group");
        }
    }

    /** Equal when pid and start time are equal (psutil's {@code __eq__}); unknown start times compare equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PsProcess p && p.pid == pid
                && (p.startTicks < 0 || startTicks < 0 || p.startTicks == startTicks);
    }

    /** The pid: equal handles always have the same pid. */
    @Override
    public int hashCode() {
        return Integer.hashCode(pid);
    }

    @Override
    public String toString() {
        var sb = new StringBuilder("psutil4j.PsProcess(pid=").append(pid);
        if (pidReused) {
            sb.append(", status='terminated + PID reused'");
        } else {
            try (var s = oneshot()) {
                String n = name();
                String st = status();
                sb.append(", name='").append(n).append("', status='").append(st).append('\'');
            } catch (ZombieProcessException e) {
                sb.append(", status='zombie'");
            } catch (NoSuchProcessException e) {
                sb.append(", status='terminated'");
            } catch (AccessDeniedException | UncheckedIOException e) {
                // leave out
            }
        }
        if (returncodeKnown && returncode != null) {
            sb.append(", exitcode=").append(returncode);
        }
        return sb.append(')').toString();
    }

    // ------------------------------------------------------------------ oneshot

    /**
     * psutil's {@code oneshot()}: until the scope is closed, /proc/[pid]/stat, status, statm and
     * cmdline are each read at most once and shared by every accessor called <em>on this
     * thread</em> (name, ppid, status, cpu times, memory info, uids, ...). Nested scopes are
     * no-ops. Use it whenever reading several attributes:
     * <pre>{@code try (var s = p.oneshot()) { p.name(); p.cpuTimes(); p.memoryInfo(); }}</pre>
     */
    public Oneshot oneshot() {
        Thread me = Thread.currentThread();
        synchronized (this) {
            if (oneshotDepth > 0 && oneshotThread == me) {
                oneshotDepth++;
                return new Oneshot(this);
            }
            if (oneshotDepth > 0) {
                // another thread has a scope open: this one reads uncached
                return new Oneshot(null);
            }
            oneshotThread = me;
            oneshotDepth = 1;
            oneshotGen = GENERATION.incrementAndGet();
            return new Oneshot(this);
        }
    }

    /** oneshot() without the scope object, for prefetch: true if this call opened a level. */
    private boolean enterOneshot() {
        Thread me = Thread.currentThread();
        synchronized (this) {
            if (oneshotDepth > 0 && oneshotThread != me) {
                return false;
            }
            if (oneshotDepth++ == 0) {
                oneshotThread = me;
                oneshotGen = GENERATION.incrementAndGet();
            }
            return true;
        }
    }

    private void exitOneshot(boolean entered) {
        if (entered) {
            synchronized (this) {
                if (--oneshotDepth == 0) {
                    oneshotThread = null;
                    oneshotGen = -1;
                }
            }
        }
    }

    /** The scope of {@link #oneshot()}; closing it drops the cached file contents. */
    public static final class Oneshot implements AutoCloseable {
        private PsProcess owner;

        private Oneshot(PsProcess owner) {
            this.owner = owner;
        }

        @Override
        public void close() {
            PsProcess p = owner;
            if (p != null) {
                owner = null;
                synchronized (p) {
                    if (--p.oneshotDepth == 0) {
                        p.oneshotThread = null;
                        p.oneshotGen = -1;
                    }
                }
            }
        }
    }

    /** The cache generation usable by the calling thread, or -1 outside a oneshot scope. */
    private long cacheGen() {
        long g = oneshotGen;
        return g >= 0 && oneshotThread == Thread.currentThread() ? g : -1;
    }

    // ------------------------------------------------------------------ file access + errors

    private ProcBuffer pathTo(byte[] file) {
        return ProcBuffer.get().path(Roots.procBytes()).append(SLASH).append(pid).append(file);
    }

    /** Reads /proc/[pid]/file whole into the thread's ProcBuffer, translating errors. */
    private ProcBuffer readFile(byte[] file) {
        ProcBuffer b = pathTo(file);
        int n = b.read();
        if (n < 0) {
            throw translate(-n, b.pathString());
        }
        return b;
    }

    /** psutil's wrap_exceptions for an errno from a file under /proc/[pid]. */
    private RuntimeException translate(int errno, String path) {
        if (errno == Native.EACCES || errno == Native.EPERM) {
            return new AccessDeniedException(pid, knownName, path);
        }
        if (errno == Native.ESRCH) {
            // psutil: ProcessLookupError -> ZombieProcess or NoSuchProcess. A kernel thread's
            // environ gives ESRCH while it lives: NoSuchProcess too, so process_iter(['environ'])
            // skips kernel threads as psutil's does.
            raiseIfZombie();
            if (!exists(STAT)) {
                gone = true;
            }
            return new NoSuchProcessException(pid, knownName, null);
        }
        if (errno == Native.ENOENT) {
            raiseIfZombie();
            // /proc/[pid] may still exist while its files are gone: the process is exiting (psutil #2418)
            if (!exists(STAT)) {
                gone = true;
                return new NoSuchProcessException(pid, knownName, null);
            }
            return new UncheckedIOException(new NoSuchFileException(path));
        }
        return new UncheckedIOException(new IOException(path + ": " + Native.errnoName(errno)));
    }

    private boolean exists(byte[] file) {
        ProcBuffer b = pathTo(file);
        int fd = FileIo.open(b.pathArray(), b.pathLength());
        if (fd >= 0) {
            FileIo.close(fd);
            return true;
        }
        return fd == -Native.EACCES || fd == -Native.EPERM;
    }

    /** psutil's _is_zombie: a fresh stat read shows state Z (fills the thread's spare holder). */
    private boolean isZombie() {
        Scratch sc = SCRATCH.get();
        long gen = cacheGen();
        if (gen >= 0 && sc.statGen == gen) {
            // inside oneshot the stat just read answers (kernel threads' empty cmdline asks this)
            sc.threadStat.ppid = sc.stat.ppid;
            return sc.stat.state == 'Z';
        }
        ProcBuffer b = pathTo(STAT);
        if (b.read() <= 0) {
            return false;
        }
        PidStat st = SCRATCH.get().threadStat;
        return st.parse(b.cursor()) && st.state == 'Z';
    }

    private void raiseIfZombie() {
        if (isZombie()) {
            throw new ZombieProcessException(pid, knownName, SCRATCH.get().threadStat.ppid, null);
        }
    }

    /** psutil's raise_if_not_alive: NoSuchProcess if /proc/[pid] is gone. */
    private void raiseIfNotAlive() {
        ProcBuffer b = pathTo(NONE);
        int fd = FileIo.openDirectory(b.pathArray(), b.pathLength());
        if (fd < 0) {
            if (fd == -Native.ENOENT || fd == -Native.ESRCH) {
                gone = true;
                throw new NoSuchProcessException(pid, knownName, null);
            }
            return;
        }
        FileIo.close(fd);
    }

    private PidStat stat() {
        Scratch s = SCRATCH.get();
        long gen = cacheGen();
        if (gen >= 0 && s.statGen == gen) {
            return s.stat;
        }
        ProcBuffer b = readFile(STAT);
        if (!s.stat.parse(b.cursor())) {
            s.statGen = -1;
            raiseIfNotAlive();
            gone = true;
            throw new NoSuchProcessException(pid, knownName, "empty " + b.pathString());
        }
        s.statGen = gen;
        return s.stat;
    }

    private PidStatus statusFile() {
        Scratch s = SCRATCH.get();
        long gen = cacheGen();
        if (gen >= 0 && s.statusGen == gen) {
            return s.status;
        }
        ProcBuffer b = readFile(STATUS);
        s.status.parse(b.cursor());
        s.statusGen = gen;
        return s.status;
    }

    private PidStatm statm() {
        Scratch s = SCRATCH.get();
        long gen = cacheGen();
        if (gen >= 0 && s.statmGen == gen) {
            return s.statm;
        }
        ProcBuffer b = readFile(STATM);
        if (!s.statm.parse(b.cursor(), SystemConstants.PAGE_SIZE)) {
            raiseIfZombie();
            raiseIfNotAlive();
            throw new UncheckedIOException(new IOException("empty " + b.pathString()));
        }
        s.statmGen = gen;
        return s.statm;
    }

    /**
     * readlink of /proc/[pid]/name as psutil's {@code _readlink}: ENOENT/ESRCH while /proc/[pid]
     * exists means a zombie (raised) or a kernel thread (the fallback); the part after a NUL is
     * garbage (issue #717); " (deleted)" is stripped when no file exists at that path.
     */
    private String readlink(byte[] file, String fallback) {
        ProcBuffer b = pathTo(file);
        int n = b.readlink();
        if (n < 0) {
            int errno = -n;
            String path = b.pathString();
            if ((errno == Native.ENOENT || errno == Native.ESRCH) && fallback != null) {
                ProcBuffer d = pathTo(NONE);
                int fd = FileIo.openDirectory(d.pathArray(), d.pathLength());
                if (fd >= 0) {
                    FileIo.close(fd);
                    raiseIfZombie();
                    return fallback;
                }
            }
            throw translate(errno, path);
        }
        return cleanLink(b.data(), n);
    }

    private static String cleanLink(byte[] data, int n) {
        int len = n;
        for (int i = 0; i < n; i++) {
            if (data[i] == 0) {
                len = i;
                break;
            }
        }
        String s = new String(data, 0, len, StandardCharsets.UTF_8);
        if (s.endsWith(" (deleted)") && !pathExists(s)) {
            s = s.substring(0, s.length() - 10);
        }
        return s;
    }

    /** psutil's path_exists_strict: false only when stat fails for a reason other than EACCES/EPERM. */
    private static boolean pathExists(String s) {
        try {
            Files.readAttributes(Path.of(s), BasicFileAttributes.class);
            return true;
        } catch (java.nio.file.AccessDeniedException e) {
            return true;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ prefetch (processIter)

    private Object pre(int attr) {
        if (prefetched) {
            int[] idx = prefetchIdx;
            for (int i = 0; i < idx.length; i++) {
                if (idx[i] == attr) {
                    Object v = prefetch[i];
                    return v == null || v == ProcessAttrs.AD || v == ProcessAttrs.SKIPPED ? null : v;
                }
            }
        }
        return null;
    }

    /** The prefetch slot of {@code attr}, or null (not prefetched / skipped). */
    private Object slotOf(int attr) {
        if (!prefetched) {
            return null;
        }
        int[] idx = prefetchIdx;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] == attr) {
                Object v = prefetch[i];
                return v == ProcessAttrs.SKIPPED ? null : v;
            }
        }
        return null;
    }

    /**
     * Fills the prefetch with {@code attrs} (indexes into ProcessAttrs.NAMES); AccessDenied and
     * zombie attributes get a marker. Returns false when the stat read on the way shows another
     * start time: the pid now belongs to another process (the caller makes a new handle).
     */
    boolean prefetch(int[] attrs, Object adValue, boolean explicit) {
        prefetched = false;
        if (prefetch == null || prefetch.length != attrs.length) {
            prefetch = new Object[attrs.length];
        }
        prefetchIdx = attrs;
        prefetchAdValue = adValue;
        Object[] out = prefetch;
        boolean same = true;
        boolean entered = enterOneshot();
        try {
            for (int i = 0; i < attrs.length; i++) {
                Object v;
                try {
                    v = ProcessAttrs.get(this, attrs[i]);
                } catch (AccessDeniedException | ZombieProcessException e) {
                    v = ProcessAttrs.AD;
                } catch (UnsupportedOperationException e) {
                    if (explicit) {
                        throw e;
                    }
                    v = ProcessAttrs.SKIPPED;
                }
                out[i] = v == null ? ProcessAttrs.NULL : v;
            }
            long gen = cacheGen();
            Scratch sc = SCRATCH.get();
            if (gen >= 0 && sc.statGen == gen && startTicks >= 0 && sc.stat.starttime != startTicks) {
                same = false;
                pidReused = true;
            }
        } finally {
            exitOneshot(entered);
        }
        prefetched = same;
        return same;
    }

    void clearPrefetch() {
        prefetched = false;
    }

    /**
     * The attributes prefetched by the last {@link Psutil#processIter(Collection, Object)} sweep
     * that yielded this handle, under psutil's as_dict names (psutil's {@code p.info}):
     * AccessDenied/zombie attributes hold that sweep's adValue, an absent terminal is null.
     * Empty when the sweep asked for no attributes. Getters such as {@link #name()} return these
     * values too, without reading /proc, until the next sweep.
     *
     * <p>The map is an unmodifiable <em>view</em> that the next sweep refills (so reading it
     * allocates nothing); copy it ({@code new HashMap<>(p.info())}) to keep a snapshot.
     */
    public Map<String, Object> info() {
        PrefetchView v = infoView;
        if (v == null) {
            v = new PrefetchView();
            infoView = v;
        }
        return v;
    }

    private volatile PrefetchView infoView;

    /** {@link #info()}: a read-only map over the prefetch slots. */
    private final class PrefetchView extends java.util.AbstractMap<String, Object> {

        private Object slot(Object key) {
            if (!(key instanceof String k)) {
                return null;
            }
            int i = ProcessAttrs.index(k);
            return i < 0 ? null : slotOf(i);
        }

        @Override
        public Object get(Object key) {
            Object v = slot(key);
            return v == null ? null : ProcessAttrs.external(v, prefetchAdValue);
        }

        @Override
        public boolean containsKey(Object key) {
            return slot(key) != null;
        }

        @Override
        public int size() {
            if (!prefetched) {
                return 0;
            }
            int n = 0;
            for (Object o : prefetch) {
                n += o == null || o == ProcessAttrs.SKIPPED ? 0 : 1;
            }
            return n;
        }

        @Override
        public boolean isEmpty() {
            return size() == 0;
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public int size() {
                    return PrefetchView.this.size();
                }

                @Override
                public java.util.Iterator<Map.Entry<String, Object>> iterator() {
                    Object[] slots = prefetched ? prefetch : new Object[0];
                    int[] names = prefetchIdx;
                    Object ad = prefetchAdValue;
                    return new java.util.Iterator<>() {
                        int i = advance(0);

                        private int advance(int from) {
                            int k = from;
                            while (k < slots.length && (slots[k] == null || slots[k] == ProcessAttrs.SKIPPED)) {
                                k++;
                            }
                            return k;
                        }

                        @Override
                        public boolean hasNext() {
                            return i < slots.length;
                        }

                        @Override
                        public Map.Entry<String, Object> next() {
                            if (i >= slots.length) {
                                throw new java.util.NoSuchElementException();
                            }
                            var e = new java.util.AbstractMap.SimpleImmutableEntry<>(ProcessAttrs.name(names[i]),
                                    ProcessAttrs.external(slots[i], ad));
                            i = advance(i + 1);
                            return e;
                        }
                    };
                }
            };
        }
    }

    /**
     * psutil's {@code as_dict}: the named attributes (psutil's snake_case names, see
     * {@link Psutil#PROCESS_ATTRS}, and psutil4j's {@link Psutil#EXTRA_PROCESS_ATTRS}; null or
     * empty = all of psutil's) read inside one {@link #oneshot()}.
     * An attribute raising AccessDenied or ZombieProcess is {@code adValue}; Optional results are
     * unwrapped (null when empty). Unknown names throw IllegalArgumentException;
     * NoSuchProcessException propagates.
     */
    public Map<String, Object> asDict(Collection<String> attrs, Object adValue) {
        int[] idx = ProcessAttrs.indexes(attrs);
        boolean explicit = attrs != null && !attrs.isEmpty();
        var m = new LinkedHashMap<String, Object>();
        try (var s = oneshot()) {
            for (int a : idx) {
                Object v;
                try {
                    v = ProcessAttrs.external(ProcessAttrs.get(this, a), adValue);
                } catch (AccessDeniedException | ZombieProcessException e) {
                    v = adValue;
                } catch (UnsupportedOperationException e) {
                    if (explicit) {
                        throw e;
                    }
                    continue;
                }
                m.put(ProcessAttrs.name(a), v);
            }
        }
        return m;
    }

    /** {@link #asDict(Collection, Object)} of all attributes with adValue null. */
    public Map<String, Object> asDict() {
        return asDict(null, null);
    }

    // ------------------------------------------------------------------ basic reads

    /** The parent's pid (0 for pid 1 and kernel threads' parent kthreadd). Not cached: it becomes 1 when the parent dies. */
    public int ppid() {
        Object v = pre(ProcessAttrs.PPID);
        if (v != null) {
            return (Integer) v;
        }
        return stat().ppid;
    }

    /**
     * The process name. The kernel keeps 15 bytes; when the name is that long and the basename
     * of cmdline[0] starts with it, that basename is returned instead ("gnome-keyring-daemon",
     * not "gnome-keyring-d"), as psutil. Not cached: a process may rename itself.
     */
    public String name() {
        Object v = pre(ProcessAttrs.NAME);
        if (v != null) {
            return (String) v;
        }
        PidStat st = stat();
        // keep the previous Strings while the bytes are the same: sweeps then allocate nothing here
        String name = lastStatName;
        if (!st.nameEquals(name)) {
            name = st.name();
            lastStatName = name;
            lastExtCmdline = null;
        }
        if (st.nameLength() >= 15) {
            try {
                List<String> cmd = cmdlineCached();
                if (cmd == lastExtCmdline) {
                    name = lastExtName;
                } else {
                    String full = PidCmdline.extendName(name, cmd);
                    lastExtCmdline = cmd;
                    lastExtName = full;
                    name = full;
                }
            } catch (AccessDeniedException | ZombieProcessException e) {
                // the truncated name is better than nothing (psutil #2239)
            }
        }
        knownName = name;
        return name;
    }

    /**
     * The executable's absolute path (readlink of /proc/[pid]/exe); "" for kernel threads.
     * When the link cannot be read (AccessDenied) or is empty, an absolute, executable
     * cmdline[0] is used instead, as psutil. " (deleted)" is stripped if the file is gone.
     * Cached after the first success.
     */
    public String exe() {
        Object v = pre(ProcessAttrs.EXE);
        if (v != null) {
            return (String) v;
        }
        String e = exeCache;
        if (e != null) {
            return e;
        }
        try {
            e = readlink(EXE, "");
        } catch (AccessDeniedException ad) {
            String guess = guessExe();
            if (guess == null) {
                throw ad;
            }
            return guess;
        }
        if (e.isEmpty()) {
            try {
                String guess = guessExe();
                if (guess != null) {
                    e = guess;
                }
            } catch (AccessDeniedException ignored) {
                // keep ""
            }
        }
        exeCache = e;
        return e;
    }

    private String guessExe() {
        List<String> cmd = cmdline();
        if (!cmd.isEmpty()) {
            String c0 = cmd.get(0);
            if (c0.startsWith("/")) {
                try {
                    Path p = Path.of(c0);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return c0;
                    }
                } catch (java.nio.file.InvalidPathException ignored) {
                    // not a path
                }
            }
        }
        return null;
    }

    /**
     * The command line (psutil's splitting rules, see PidCmdline): [] for kernel threads;
     * ZombieProcessException for a zombie, whose cmdline is empty.
     */
    public List<String> cmdline() {
        Object v = pre(ProcessAttrs.CMDLINE);
        if (v != null) {
            @SuppressWarnings("unchecked")
            List<String> l = (List<String>) v;
            return l;
        }
        return cmdlineCached();
    }

    private List<String> cmdlineCached() {
        Scratch s = SCRATCH.get();
        long gen = cacheGen();
        if (gen >= 0 && s.cmdlineGen == gen) {
            return s.cmdline;
        }
        ProcBuffer b = readFile(CMDLINE);
        int n = b.length();
        List<String> ret;
        if (n == 0) {
            raiseIfZombie();
            ret = List.of();
        } else {
            byte[] d = b.data();
            List<String> last = lastCmdline;
            if (last != null && PidCmdline.matches(d, n, last)) {
                ret = last;
            } else {
                ret = java.util.Collections.unmodifiableList(PidCmdline.parse(d, n));
                lastCmdline = ret;
            }
        }
        s.cmdline = ret;
        s.cmdlineGen = gen;
        return ret;
    }

    /** The environment the process started with (/proc/[pid]/environ), psutil's parse rules. */
    public Map<String, String> environ() {
        Object v = pre(ProcessAttrs.ENVIRON);
        if (v != null) {
            @SuppressWarnings("unchecked")
            Map<String, String> m = (Map<String, String>) v;
            return m;
        }
        ProcBuffer b = readFile(ENVIRON);
        return java.util.Collections.unmodifiableMap(PidEnviron.parse(b.data(), b.length()));
    }

    /**
     * psutil's status string: "running", "sleeping", "disk-sleep", "stopped", "tracing-stop",
     * "zombie", "dead", "wake-kill", "waking", "idle", "parked" ("locked" and "waiting" exist
     * in psutil for BSD only); "?" for a letter psutil does not know.
     */
    public String status() {
        Object v = pre(ProcessAttrs.STATUS);
        if (v != null) {
            return (String) v;
        }
        try {
            return PidStat.statusName(stat().state);
        } catch (ZombieProcessException e) {
            return "zombie";
        }
    }

    /** The current working directory; "" for kernel threads (psutil's fallback). */
    public String cwd() {
        Object v = pre(ProcessAttrs.CWD);
        if (v != null) {
            return (String) v;
        }
        return readlink(CWD, "");
    }

    /**
     * The root directory (/proc/[pid]/root), beyond psutil: "/" unless the process is chrooted
     * or in another mount namespace; what lsof lists as "rtd". Empty for a zombie, as
     * {@link #cwd()}.
     */
    public String root() {
        Object v = pre(ProcessAttrs.ROOT);
        if (v != null) {
            return (String) v;
        }
        return readlink(ROOT, "");
    }

    /**
     * stat(2) of /proc/[pid]/cwd, root or exe, beyond psutil: the directory or program itself
     * (the link is followed by the kernel, so a deleted program or a directory of another mount
     * namespace is still found), as lsof's cwd, rtd and txt lines show it. Empty when the link
     * cannot be followed (a kernel thread has no exe; a zombie none at all).
     *
     * @throws AccessDeniedException when the process belongs to another user
     */
    public Optional<FileStat> linkStat(ProcessLink link) {
        ProcBuffer b = pathTo(switch (link) {
            case CWD -> CWD;
            case ROOT -> ROOT;
            case EXE -> EXE;
        });
        int[] errno = new int[1];
        FileStat st = psutil4j.internal.linux.LinuxFiles.stat(b.pathArray(), b.pathLength(), errno);
        if (st != null) {
            return Optional.of(st);
        }
        if (errno[0] == Native.EACCES || errno[0] == Native.EPERM) {
            throw translate(errno[0], b.pathString());
        }
        if (errno[0] == Native.ENOENT || errno[0] == Native.ESRCH) {
            raiseIfNotAlive();
        }
        return Optional.empty();
    }

    /** The name of the real user (Uid line), or the uid as a string when it has no name. */
    public String username() {
        Object v = pre(ProcessAttrs.USERNAME);
        if (v != null) {
            return (String) v;
        }
        long uid = statusFile().uids[0];
        return ProcessNative.userName(uid);
    }

    /** Real, effective and saved user ids (status "Uid:"). */
    public Uids uids() {
        Object v = pre(ProcessAttrs.UIDS);
        if (v != null) {
            return (Uids) v;
        }
        long[] u = statusFile().uids;
        return new Uids(u[0], u[1], u[2]);
    }

    /** Real, effective and saved group ids (status "Gid:"). */
    public Gids gids() {
        Object v = pre(ProcessAttrs.GIDS);
        if (v != null) {
            return (Gids) v;
        }
        long[] g = statusFile().gids;
        return new Gids(g[0], g[1], g[2]);
    }

    /** The controlling terminal's /dev path, or empty when there is none (or it has no /dev entry). */
    public Optional<String> terminal() {
        Object v = pre(ProcessAttrs.TERMINAL);
        if (v != null) {
            @SuppressWarnings("unchecked")
            Optional<String> o = v == ProcessAttrs.NULL ? Optional.empty() : (Optional<String>) v;
            return o;
        }
        long tty = stat().ttyNr;
        if (tty == 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(Terminals.path(tty));
    }

    /** I/O counters from /proc/[pid]/io (root or the owner only: AccessDenied otherwise). */
    public IoCounters ioCounters() {
        Object v = pre(ProcessAttrs.IO_COUNTERS);
        if (v != null) {
            return (IoCounters) v;
        }
        ProcBuffer b = readFile(IO);
        long[] f = PidIo.parse(b.cursor());
        if (f == null) {
            throw new IllegalStateException(b.pathString() + " file was empty");
        }
        for (long x : f) {
            if (x < 0) {
                throw new IllegalStateException("a field was not found in " + b.pathString());
            }
        }
        return new IoCounters(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    /** Voluntary and involuntary context switches (status, since Linux 2.6.23). */
    public CtxSwitches numCtxSwitches() {
        Object v = pre(ProcessAttrs.NUM_CTX_SWITCHES);
        if (v != null) {
            return (CtxSwitches) v;
        }
        PidStatus s = statusFile();
        if (s.voluntaryCtxtSwitches < 0 || s.nonvoluntaryCtxtSwitches < 0) {
            throw new UnsupportedOperationException("'voluntary_ctxt_switches' and 'nonvoluntary_ctxt_switches' "
                    + "lines were not found in /proc/" + pid + "/status; the kernel is probably older than 2.6.23");
        }
        return new CtxSwitches(s.voluntaryCtxtSwitches, s.nonvoluntaryCtxtSwitches);
    }

    /** The number of open file descriptors (entries of /proc/[pid]/fd). */
    public int numFds() {
        Object v = pre(ProcessAttrs.NUM_FDS);
        if (v != null) {
            return (Integer) v;
        }
        DirList.Ints ints = SCRATCH.get().ints;
        ints.clear();
        ProcBuffer b = pathTo(FD);
        int n = DirList.numericEntries(b.pathArray(), b.pathLength(), ints);
        if (n < 0) {
            throw translate(-n, b.pathString());
        }
        return n;
    }

    /** The number of threads (status "Threads:"). */
    public int numThreads() {
        Object v = pre(ProcessAttrs.NUM_THREADS);
        if (v != null) {
            return (Integer) v;
        }
        return (int) statusFile().threads;
    }

    /** The threads, sorted by id, with their CPU times (/proc/[pid]/task/[tid]/stat). */
    public List<ThreadInfo> threads() {
        Object v = pre(ProcessAttrs.THREADS);
        if (v != null) {
            @SuppressWarnings("unchecked")
            List<ThreadInfo> l = (List<ThreadInfo>) v;
            return l;
        }
        Scratch s = SCRATCH.get();
        DirList.Ints ints = s.ints;
        ints.clear();
        ProcBuffer b = pathTo(TASK);
        int n = DirList.numericEntries(b.pathArray(), b.pathLength(), ints);
        if (n < 0) {
            throw translate(-n, b.pathString());
        }
        int[] tids = ints.toArray();
        Arrays.sort(tids);
        var ret = new ArrayList<ThreadInfo>(tids.length);
        boolean hitEnoent = false;
        double ct = SystemConstants.CLOCK_TICKS;
        for (int tid : tids) {
            ProcBuffer t = ProcBuffer.get().path(Roots.procBytes()).append(SLASH).append(pid).append(TASK_SLASH)
                    .append(tid).append(STAT);
            int r = t.read();
            if (r < 0) {
                if (r == -Native.ENOENT || r == -Native.ESRCH) {
                    hitEnoent = true; // the thread ended meanwhile
                    continue;
                }
                throw translate(-r, t.pathString());
            }
            if (!s.threadStat.parse(t.cursor())) {
                hitEnoent = true;
                continue;
            }
            ret.add(new ThreadInfo(tid, s.threadStat.utime / ct, s.threadStat.stime / ct));
        }
        if (hitEnoent) {
            raiseIfNotAlive();
        }
        return List.copyOf(ret);
    }

    /** CPU times in seconds (stat fields 14-17 and 42). */
    public ProcessCpuTimes cpuTimes() {
        Object v = pre(ProcessAttrs.CPU_TIMES);
        if (v != null) {
            return (ProcessCpuTimes) v;
        }
        PidStat st = stat();
        double ct = SystemConstants.CLOCK_TICKS;
        // field 42 is missing on some kernels: psutil then reports iowait 0 (issue #2455)
        double iowait = st.delayacctBlkioTicks < 0 ? 0 : st.delayacctBlkioTicks / ct;
        return new ProcessCpuTimes(st.utime / ct, st.stime / ct, st.cutime / ct, st.cstime / ct, iowait);
    }

    /**
     * psutil's {@code cpu_percent}: CPU use as a percentage of one CPU (may exceed 100 on
     * several cores). With {@code interval} null or zero, compares with the previous call on this
     * handle and returns immediately (the first call returns 0.0); otherwise blocks for
     * {@code interval}. Rounded to one decimal as psutil.
     */
    public double cpuPercent(Duration interval) {
        if (interval != null && interval.isNegative()) {
            throw new IllegalArgumentException("interval is not positive (got " + interval + ")");
        }
        if (interval == null || interval.isZero()) {
            Object v = pre(ProcessAttrs.CPU_PERCENT);
            if (v != null) {
                return (Double) v;
            }
        }
        boolean blocking = interval != null && !interval.isZero();
        double st1 = Double.NaN;
        double pt1 = 0;
        double st2;
        double pt2;
        if (blocking) {
            // fresh reads on both sides, even inside oneshot (a cached stat would give 0)
            st1 = timer();
            pt1 = procCpuSecondsFresh();
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            st2 = timer();
            pt2 = procCpuSecondsFresh();
        } else {
            pt2 = procCpuSeconds();
            st2 = timer();
        }
        synchronized (this) {
            if (!blocking) {
                st1 = lastSysTime;
                pt1 = lastProcTime;
            }
            lastSysTime = st2;
            lastProcTime = pt2;
        }
        if (Double.isNaN(st1)) {
            return 0.0;
        }
        double deltaTime = st2 - st1;
        if (deltaTime <= 0) {
            return 0.0;
        }
        double overall = (pt2 - pt1) / deltaTime * 100;
        return Math.round(overall * NUM_CPUS * 10) / 10.0;
    }

    private static double timer() {
        return System.nanoTime() / 1e9 * NUM_CPUS;
    }

    private double procCpuSecondsFresh() {
        ProcBuffer b = readFile(STAT);
        PidStat st = SCRATCH.get().threadStat;
        if (!st.parse(b.cursor())) {
            raiseIfNotAlive();
            throw new NoSuchProcessException(pid, knownName, "empty " + b.pathString());
        }
        return (st.utime + st.stime) / (double) SystemConstants.CLOCK_TICKS;
    }

    private double procCpuSeconds() {
        PidStat st = stat();
        return (st.utime + st.stime) / (double) SystemConstants.CLOCK_TICKS;
    }

    /** The CPU the process last ran on (stat field 39). */
    public int cpuNum() {
        Object v = pre(ProcessAttrs.CPU_NUM);
        if (v != null) {
            return (Integer) v;
        }
        return stat().processor;
    }

    // ------------------------------------------------------------------ beyond psutil: job control, scheduling

    /**
     * The process group id (stat field 5), as {@code os.getpgid(pid)} and ps's PGID. Beyond
     * psutil. 0 when the group lies outside this process's pid namespace.
     */
    public int pgid() {
        Object v = pre(ProcessAttrs.PGID);
        if (v != null) {
            return (Integer) v;
        }
        return stat().pgrp;
    }

    /**
     * The session id (stat field 6), as {@code os.getsid(pid)} and ps's SID: a session leader's
     * sid is its own pid (ps's 's' in STAT). Beyond psutil. 0 when the session lies outside
     * this process's pid namespace.
     */
    public int sid() {
        Object v = pre(ProcessAttrs.SID);
        if (v != null) {
            return (Integer) v;
        }
        return stat().session;
    }

    /**
     * The foreground process group of the process's controlling terminal (stat field 8), as
     * ps's TPGID; empty when it has no controlling terminal. The process runs in the
     * foreground of its terminal (ps's '+' in STAT) when this equals {@link #pgid()}. Beyond
     * psutil.
     */
    public OptionalInt tpgid() {
        Object v = pre(ProcessAttrs.TPGID);
        if (v != null) {
            return (OptionalInt) v;
        }
        int t = stat().tpgid;
        return t == -1 ? OptionalInt.empty() : OptionalInt.of(t);
    }

    /**
     * The kernel's flags of the process (stat field 9): the PF_* bits of include/linux/sched.h,
     * such as PF_KTHREAD (0x00200000) for a kernel thread, PF_FORKNOEXEC (0x40) for a child that
     * has not called exec, PF_SUPERPRIV (0x100) for one that used super-user privileges (ps's
     * F column is {@code (flags >> 6) & 7}). Kernel internals: bits may change between kernel
     * versions. Beyond psutil.
     */
    public long flags() {
        Object v = pre(ProcessAttrs.FLAGS);
        if (v != null) {
            return (Long) v;
        }
        return stat().flags;
    }

    /**
     * The scheduling policy (stat field 41, since Linux 2.5.19), as
     * {@code os.sched_getscheduler(pid)}: 0 SCHED_OTHER, 1 SCHED_FIFO, 2 SCHED_RR, 3 SCHED_BATCH,
     * 5 SCHED_IDLE, 6 SCHED_DEADLINE, 7 SCHED_EXT (6.12+). Beyond psutil.
     */
    public int schedPolicy() {
        Object v = pre(ProcessAttrs.SCHED_POLICY);
        if (v != null) {
            return (Integer) v;
        }
        return stat().policy;
    }

    /**
     * The real-time priority (stat field 40, since Linux 2.5.19): 1 to 99 under SCHED_FIFO and
     * SCHED_RR, 0 under the other policies. Beyond psutil.
     */
    public int rtPriority() {
        Object v = pre(ProcessAttrs.RT_PRIORITY);
        if (v != null) {
            return (Integer) v;
        }
        return stat().rtPriority;
    }

    /**
     * Memory locked in RAM with mlock(2) or mlockall(2) (status "VmLck"), in bytes; 0 for kernel
     * threads and zombies, which have no user memory. ps shows 'L' in STAT when it is not 0.
     * Beyond psutil.
     */
    public long lockedMemory() {
        Object v = pre(ProcessAttrs.LOCKED_MEMORY);
        if (v != null) {
            return (Long) v;
        }
        return Math.max(0, statusFile().vmLck);
    }

    /**
     * The kernel function the process sleeps in (/proc/[pid]/wchan), as ps's WCHAN
     * ("hrtimer_nanosleep", "do_epoll_wait"...). Empty when it is not sleeping, when the kernel
     * hides it from this user (the file then reads "0"), or when the kernel has no such file
     * (built without CONFIG_KALLSYMS). Beyond psutil.
     */
    public Optional<String> wchan() {
        Object v = pre(ProcessAttrs.WCHAN);
        if (v != null) {
            @SuppressWarnings("unchecked")
            Optional<String> o = (Optional<String>) v;
            return o;
        }
        ProcBuffer b = pathTo(WCHAN);
        int n = b.read();
        if (n < 0) {
            if (n == -Native.ENOENT && exists(STAT)) {
                return Optional.empty(); // no CONFIG_KALLSYMS
            }
            throw translate(-n, b.pathString());
        }
        return Optional.ofNullable(PidWchan.parse(b.cursor()));
    }

    /** Memory from /proc/[pid]/statm, bytes. */
    public MemoryInfo memoryInfo() {
        Object v = pre(ProcessAttrs.MEMORY_INFO);
        if (v != null) {
            return (MemoryInfo) v;
        }
        PidStatm m = statm();
        MemoryInfo last = lastMemoryInfo;
        if (last != null && last.rss() == m.resident && last.vms() == m.size && last.shared() == m.shared
                && last.text() == m.text && last.data() == m.data) {
            return last; // a record is immutable: the same values may share one instance
        }
        last = new MemoryInfo(m.resident, m.size, m.shared, m.text, m.data);
        lastMemoryInfo = last;
        return last;
    }

    /** {@link #memoryInfo()} plus peaks and the RSS split of /proc/[pid]/status (newest psutil's memory_info_ex). */
    public MemoryInfoEx memoryInfoEx() {
        Object v = pre(ProcessAttrs.MEMORY_INFO_EX);
        if (v != null) {
            return (MemoryInfoEx) v;
        }
        PidStatm m = statm();
        long rss = m.resident;
        long vms = m.size;
        long shared = m.shared;
        long text = m.text;
        long data = m.data;
        PidStatus s = statusFile();
        return new MemoryInfoEx(rss, vms, shared, text, data, PidStatus.orZero(s.vmHwm), PidStatus.orZero(s.vmPeak),
                PidStatus.orZero(s.rssAnon), PidStatus.orZero(s.rssFile), PidStatus.orZero(s.rssShmem),
                PidStatus.orZero(s.vmSwap), PidStatus.orZero(s.hugetlbPages));
    }

    /**
     * USS, PSS and swap from /proc/[pid]/smaps_rollup (Linux 4.14), falling back to summing
     * /proc/[pid]/smaps when rollup is missing or refuses (it gives ESRCH/ENOENT for some live
     * processes, psutil notes). Slower than memoryInfo and usually needs root.
     */
    public MemoryFootprint memoryFootprint() {
        Object v = pre(ProcessAttrs.MEMORY_FOOTPRINT);
        if (v != null) {
            return (MemoryFootprint) v;
        }
        ProcBuffer b = pathTo(SMAPS_ROLLUP);
        int n = b.read();
        if (n < 0 && n != -Native.ENOENT && n != -Native.ESRCH) {
            throw translate(-n, b.pathString());
        }
        if (n < 0) {
            b = readFile(SMAPS);
        }
        long[] f = PidSmaps.footprint(b.cursor());
        return new MemoryFootprint(f[0], f[1], f[2]);
    }

    /**
     * Process memory as a percentage of total RAM, for a memtype among memory_info's
     * (rss, vms, shared, text, data), memory_info_ex's (peak_rss, peak_vms, rss_anon, rss_file,
     * rss_shmem, swap, hugetlb) and memory_footprint's (uss, pss, swap; "swap" is read from
     * memory_footprint, as psutil's lookup order does).
     */
    public double memoryPercent(String memtype) {
        if (memtype == null || memtype.equals("rss")) {
            Object v = pre(ProcessAttrs.MEMORY_PERCENT);
            if (v != null) {
                return (Double) v;
            }
        }
        String t = memtype == null ? "rss" : memtype;
        long value = switch (t) {
            case "rss" -> memoryInfo().rss();
            case "vms" -> memoryInfo().vms();
            case "shared" -> memoryInfo().shared();
            case "text" -> memoryInfo().text();
            case "data" -> memoryInfo().data();
            case "peak_rss" -> memoryInfoEx().peakRss();
            case "peak_vms" -> memoryInfoEx().peakVms();
            case "rss_anon" -> memoryInfoEx().rssAnon();
            case "rss_file" -> memoryInfoEx().rssFile();
            case "rss_shmem" -> memoryInfoEx().rssShmem();
            case "swap" -> memoryFootprint().swap(); // psutil looks in pfootprint before pmem_ex
            case "hugetlb" -> memoryInfoEx().hugetlb();
            case "uss" -> memoryFootprint().uss();
            case "pss" -> memoryFootprint().pss();
            default -> throw new IllegalArgumentException("invalid memtype '" + t + "'; valid types are (rss, vms, shared, "
                    + "text, data, peak_rss, peak_vms, rss_anon, rss_file, rss_shmem, swap, hugetlb, uss, pss)");
        };
        return value / (double) MemTotal.bytes() * 100;
    }

    /** {@link #memoryPercent(String)} of "rss". */
    public double memoryPercent() {
        return memoryPercent("rss");
    }

    private List<PidSmaps.Block> smapsBlocks() {
        ProcBuffer b = readFile(SMAPS);
        if (b.length() == 0) {
            raiseIfZombie();
            return List.of();
        }
        return PidSmaps.blocks(b.cursor());
    }

    private static String mapPath(String path) {
        if (path.endsWith(" (deleted)") && !pathExists(path)) {
            return path.substring(0, path.length() - 10);
        }
        return path;
    }

    /** Mapped regions grouped by path with their sizes summed: psutil's {@code memory_maps(grouped=True)}. */
    public List<MemoryMap> memoryMaps() {
        Object v = pre(ProcessAttrs.MEMORY_MAPS);
        if (v != null) {
            @SuppressWarnings("unchecked")
            List<MemoryMap> l = (List<MemoryMap>) v;
            return l;
        }
        var groups = new LinkedHashMap<String, long[]>();
        for (PidSmaps.Block blk : smapsBlocks()) {
            long[] sum = groups.computeIfAbsent(mapPath(blk.path()), k -> new long[PidSmaps.FIELDS.length]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += blk.values()[i];
            }
        }
        var out = new ArrayList<MemoryMap>(groups.size());
        groups.forEach((p, s) -> out.add(new MemoryMap(p, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9])));
        return List.copyOf(out);
    }

    /**
     * psutil's {@code memory_maps(grouped)}: {@link #memoryMaps()} ({@link MemoryMap} elements)
     * when grouped, else {@link #memoryMapsExt()} ({@link MemoryMapExt} elements).
     */
    public List<? extends MemoryRegion> memoryMaps(boolean grouped) {
        return grouped ? memoryMaps() : memoryMapsExt();
    }

    /** Every mapped region with its address and permissions: psutil's {@code memory_maps(grouped=False)}. */
    public List<MemoryMapExt> memoryMapsExt() {
        var out = new ArrayList<MemoryMapExt>();
        for (PidSmaps.Block blk : smapsBlocks()) {
            long[] s = blk.values();
            out.add(new MemoryMapExt(blk.addr(), blk.perms(), mapPath(blk.path()),
                    s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]));
        }
        return List.copyOf(out);
    }

    /** Minor and major page faults (stat fields 10 and 12), newest psutil's {@code page_faults()}. */
    public PageFaults pageFaults() {
        Object v = pre(ProcessAttrs.PAGE_FAULTS);
        if (v != null) {
            return (PageFaults) v;
        }
        PidStat st = stat();
        return new PageFaults(st.minflt, st.majflt);
    }

    /**
     * Regular files the process has open, psutil's algorithm: each /proc/[pid]/fd link whose
     * target is an absolute path to a regular file, with position and flags from
     * /proc/[pid]/fdinfo; fds closed meanwhile are skipped. Sorted by fd.
     */
    public List<OpenFile> openFiles() {
        Object v = pre(ProcessAttrs.OPEN_FILES);
        if (v != null) {
            @SuppressWarnings("unchecked")
            List<OpenFile> l = (List<OpenFile>) v;
            return l;
        }
        DirList.Ints ints = SCRATCH.get().ints;
        ints.clear();
        ProcBuffer b = pathTo(FD);
        int n = DirList.numericEntries(b.pathArray(), b.pathLength(), ints);
        if (n < 0) {
            throw translate(-n, b.pathString());
        }
        int[] fds = ints.toArray();
        Arrays.sort(fds);
        var ret = new ArrayList<OpenFile>();
        boolean hitEnoent = false;
        for (int fd : fds) {
            ProcBuffer l = ProcBuffer.get().path(Roots.procBytes()).append(SLASH).append(pid).append(FD_SLASH).append(fd);
            int r = l.readlink();
            if (r < 0) {
                int errno = -r;
                if (errno == Native.ENOENT || errno == Native.ESRCH) {
                    hitEnoent = true;
                    continue;
                }
                if (errno == Native.EINVAL || errno == ENAMETOOLONG) {
                    continue;
                }
                throw translate(errno, l.pathString());
            }
            String path = cleanLink(l.data(), r);
            if (!path.startsWith("/") || !isFileStrict(path)) {
                continue;
            }
            ProcBuffer fi = ProcBuffer.get().path(Roots.procBytes()).append(SLASH).append(pid).append(FDINFO_SLASH).append(fd);
            int fr = fi.read();
            if (fr < 0) {
                if (fr == -Native.ENOENT || fr == -Native.ESRCH) {
                    hitEnoent = true;
                    continue;
                }
                throw translate(-fr, fi.pathString());
            }
            long[] pf = PidFdinfo.parse(fi.cursor());
            ret.add(new OpenFile(path, fd, pf[0], PidFdinfo.mode(pf[1]), (int) pf[1]));
        }
        if (hitEnoent) {
            raiseIfNotAlive();
        }
        return List.copyOf(ret);
    }

    /**
     * Every open descriptor, beyond psutil (whose {@link #openFiles()} keeps regular files
     * only), sorted by number: the /proc/[pid]/fd/N link, lsof's type, position and flags from
     * /proc/[pid]/fdinfo/N, and stat(2) of the link (see {@link ProcessFd}). Descriptors closed
     * while listing are left out.
     *
     * @throws AccessDeniedException when the process belongs to another user
     */
    public List<ProcessFd> fds() {
        Object v = pre(ProcessAttrs.FDS);
        if (v != null) {
            @SuppressWarnings("unchecked")
            List<ProcessFd> l = (List<ProcessFd>) v;
            return l;
        }
        DirList.Ints ints = SCRATCH.get().ints;
        ints.clear();
        ProcBuffer b = pathTo(FD);
        int n = DirList.numericEntries(b.pathArray(), b.pathLength(), ints);
        if (n < 0) {
            throw translate(-n, b.pathString());
        }
        int[] fds = ints.toArray();
        Arrays.sort(fds);
        var ret = new ArrayList<ProcessFd>(fds.length);
        boolean hitEnoent = false;
        int[] errno = new int[1];
        for (int fd : fds) {
            ProcBuffer l = ProcBuffer.get().path(Roots.procBytes()).append(SLASH).append(pid).append(FD_SLASH).append(fd);
            FileStat st = psutil4j.internal.linux.LinuxFiles.stat(l.pathArray(), l.pathLength(), errno);
            int r = l.readlink();
            if (r < 0) {
                int e = -r;
                if (e == Native.ENOENT || e == Native.ESRCH) {
                    hitEnoent = true;
                    continue;
                }
                if (e == Native.EINVAL || e == ENAMETOOLONG) {
                    continue;
                }
                throw translate(e, l.pathString());
            }
            String target = new String(l.data(), 0, r, StandardCharsets.UTF_8);
            FileType type = PidFdLink.type(l.cursor(), st == null ? FileType.UNKNOWN : st.type());
            ProcBuffer fi = ProcBuffer.get().path(Roots.procBytes()).append(SLASH).append(pid).append(FDINFO_SLASH).append(fd);
            OptionalLong pos = OptionalLong.empty();
            OptionalInt flags = OptionalInt.empty();
            if (fi.read() >= 0) {
                long[] pf = PidFdinfo.parse(fi.cursor());
                pos = pf[0] < 0 ? OptionalLong.empty() : OptionalLong.of(pf[0]);
                flags = pf[1] < 0 ? OptionalInt.empty() : OptionalInt.of((int) pf[1]);
            }
            ret.add(new ProcessFd(fd, target, type, pos, flags, Optional.ofNullable(st)));
        }
        if (hitEnoent) {
            raiseIfNotAlive();
        }
        return List.copyOf(ret);
    }

    /** psutil's isfile_strict: EACCES/EPERM on stat raise AccessDenied. */
    private boolean isFileStrict(String path) {
        try {
            return Files.readAttributes(Path.of(path), BasicFileAttributes.class).isRegularFile();
        } catch (java.nio.file.AccessDeniedException e) {
            throw new AccessDeniedException(pid, knownName, "stat " + path);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * Sockets of this process, psutil's {@code net_connections(kind)}: kind is one of inet, inet4,
     * inet6, tcp, tcp4, tcp6, udp, udp4, udp6, unix, all. Element type is the network API's
     * connection record.
     */
    @SuppressWarnings("unchecked")
    public List<ProcessConnection> netConnections(String kind) {
        String k = kind == null ? "inet" : kind;
        if (!CONN_KINDS.contains(k)) {
            throw new IllegalArgumentException("invalid kind argument '" + k + "'; valid ones are: " + CONN_KINDS);
        }
        Object v = pre(ProcessAttrs.NET_CONNECTIONS);
        if (v != null && "inet".equals(k)) {
            return (List<ProcessConnection>) v;
        }
        List<ProcessConnection> ret;
        try {
            ret = ProcessNative.netConnections(pid, k);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(pid, knownName, "net_connections");
        } catch (NoSuchProcessException e) {
            raiseIfNotAlive();
            throw e;
        }
        raiseIfNotAlive();
        return ret;
    }

    /**
     * This process's cgroup (beyond psutil): its path in each hierarchy and, for cgroup v2 or
     * the v1 controllers, the CPU limit, CPU usage and throttling, memory usage and limits,
     * pids and the cgroup's own pressure. See {@link Psutil#cgroup(int)}.
     */
    public CgroupInfo cgroup() {
        try {
            return Psutil.cgroup(pid);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(pid, knownName, "cgroup");
        }
    }

    // ------------------------------------------------------------------ tree

    /**
     * The parent process, checking that it started before this one (else its pid was reused
     * and there is no parent). Empty for the lowest pid (1) and when the parent is gone.
     */
    public Optional<PsProcess> parent() {
        if (pid == ProcessTable.lowestPid()) {
            return Optional.empty();
        }
        int ppid = ppid();
        long myTicks = PsProcess.of(pid).startTicks;
        try {
            PsProcess parent = PsProcess.of(ppid);
            if (parent.startTicks <= myTicks) {
                return Optional.of(parent);
            }
        } catch (NoSuchProcessException e) {
            // gone
        }
        return Optional.empty();
    }

    /** The parents up to the root (nearest first); empty if none. */
    public List<PsProcess> parents() {
        var out = new ArrayList<PsProcess>();
        Optional<PsProcess> p = parent();
        while (p.isPresent()) {
            out.add(p.get());
            p = p.get().parent();
        }
        return out;
    }

    /**
     * The children (all descendants when {@code recursive}), psutil's algorithm over a
     * pid -&gt; ppid map of every process: a child older than this process has a reused pid and
     * is left out; a descendant whose parent vanished is not reached.
     */
    public List<PsProcess> children(boolean recursive) {
        raiseIfPidReused();
        Map<Integer, List<Integer>> byParent = ProcessTable.childrenMap();
        long myTicks = PsProcess.of(pid).startTicks;
        var ret = new ArrayList<PsProcess>();
        if (!recursive) {
            for (int c : byParent.getOrDefault(pid, List.of())) {
                try {
                    PsProcess child = PsProcess.of(c);
                    if (myTicks <= child.startTicks) {
                        ret.add(child);
                    }
                } catch (NoSuchProcessException e) {
                    // gone
                }
            }
            return ret;
        }
        var seen = new java.util.HashSet<Integer>();
        var stack = new java.util.ArrayDeque<Integer>();
        stack.push(pid);
        while (!stack.isEmpty()) {
            int p = stack.pop();
            if (!seen.add(p)) {
                continue; // pids reused while the map was built can make a cycle
            }
            for (int c : byParent.getOrDefault(p, List.of())) {
                try {
                    PsProcess child = PsProcess.of(c);
                    if (myTicks <= child.startTicks) {
                        ret.add(child);
                        stack.push(c);
                    }
                } catch (NoSuchProcessException e) {
                    // gone
                }
            }
        }
        return ret;
    }

    // ------------------------------------------------------------------ priorities and limits (reads)

    /** The nice value, -20 (highest priority) to 19 (getpriority(2)). */
    public int nice() {
        Object v = pre(ProcessAttrs.NICE);
        if (v != null) {
            return (Integer) v;
        }
        return ProcessNative.getNice(this);
    }

    /** The I/O scheduling class and priority (ioprio_get(2)). */
    public IoNice ionice() {
        Object v = pre(ProcessAttrs.IONICE);
        if (v != null) {
            return (IoNice) v;
        }
        return ProcessNative.getIonice(this);
    }

    /** A resource limit (prlimit(2)); {@link RLimit#RLIM_INFINITY} means none. */
    public RLimit rlimit(RLimitResource resource) {
        refusePid0("prlimit()");
        return ProcessNative.getRlimit(this, resource);
    }

    /** The CPUs the process may run on, sorted (sched_getaffinity(2)). */
    public int[] cpuAffinity() {
        Object v = pre(ProcessAttrs.CPU_AFFINITY);
        if (v != null) {
            return ((int[]) v).clone();
        }
        return ProcessNative.getAffinity(this);
    }

    // ------------------------------------------------------------------ control

    /** Sets the nice value (setpriority(2)); lowering it needs CAP_SYS_NICE. Checks the pid was not reused. */
    public void nice(int value) {
        raiseIfPidReused();
        ProcessNative.setNice(this, value);
    }

    /**
     * Sets the I/O class and priority (ioprio_set(2)): value 0..7 for RT and BE, none (0) for
     * NONE and IDLE, as psutil. Checks the pid was not reused.
     */
    public void ionice(IoPrioClass ioclass, int value) {
        if (ioclass == null) {
            throw new IllegalArgumentException("'ioclass' argument must be specified");
        }
        if (value != 0 && (ioclass == IoPrioClass.IDLE || ioclass == IoPrioClass.NONE)) {
            throw new IllegalArgumentException(ioclass + " ioclass accepts no value");
        }
        if (value < 0 || value > 7) {
            throw new IllegalArgumentException("value not in 0-7 range");
        }
        raiseIfPidReused();
        ProcessNative.setIonice(this, ioclass, value);
    }

    /** Sets a resource limit (prlimit(2)); raising the hard limit needs CAP_SYS_RESOURCE. */
    public void rlimit(RLimitResource resource, long soft, long hard) {
        raiseIfPidReused();
        refusePid0("prlimit()");
        ProcessNative.setRlimit(this, resource, soft, hard);
    }

    /**
     * Restricts the process to these CPUs (sched_setaffinity(2)). An empty array means all CPUs:
     * psutil takes the process's own status "Cpus_allowed_list", which after a restriction is
     * that restriction, so [] could not undo it; we set every configured CPU (the kernel keeps
     * the cpuset's limits). An invalid CPU number throws IllegalArgumentException naming the
     * eligible ones, as psutil.
     */
    public void cpuAffinity(int[] cpus) {
        raiseIfPidReused();
        ProcessNative.setAffinity(this, cpus);
    }

    /** Sends signal {@code sig} (kill(2)), after checking the pid was not reused. */
    public void sendSignal(int sig) {
        raiseIfPidReused();
        refusePid0("sending a signal");
        ProcessNative.kill(this, sig);
    }

    /** SIGSTOP. */
    public void suspend() {
        sendSignal(19);
    }

    /** SIGCONT. */
    public void resume() {
        sendSignal(18);
    }

    /** SIGTERM. */
    public void terminate() {
        sendSignal(15);
    }

    /** SIGKILL. */
    public void kill() {
        sendSignal(9);
    }

    /**
     * psutil's {@code wait(timeout)}: waits for the process to end. For a child of this JVM the
     * exit code is returned (minus the signal number when a signal killed it); for another
     * process, or one already gone, empty. {@code timeout} null waits forever; on expiry
     * TimeoutExpiredException. The result is kept as {@link #returncode()}.
     */
    public OptionalInt wait(Duration timeout) {
        if (pid == 0) {
            throw new IllegalArgumentException("can't wait for PID 0");
        }
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive or zero (got " + timeout + ")");
        }
        if (returncodeKnown) {
            return returncode == null ? OptionalInt.empty() : OptionalInt.of(returncode);
        }
        OptionalInt r = ProcessNative.waitFor(this, timeout);
        returncode = r.isPresent() ? r.getAsInt() : null;
        returncodeKnown = true;
        return r;
    }

    /**
     * The exit code found by {@link #wait(Duration)} or {@link Psutil#waitProcs}; empty before,
     * or when it could not be known (not a child of this JVM).
     */
    public OptionalInt returncode() {
        Integer r = returncode;
        return returncodeKnown && r != null ? OptionalInt.of(r) : OptionalInt.empty();
    }

    // package-private for ProcessNative
    String knownName() {
        return knownName;
    }

    boolean isZombieNow() {
        return isZombie();
    }

    void markGone() {
        gone = true;
    }

    /** status "Cpus_allowed_list" (for cpuAffinity(int[]) with an empty array). */
    String cpusAllowedList() {
        ProcBuffer b = readFile(STATUS);
        PidStatus s = new PidStatus();
        s.parse(b.cursor(), true);
        return s.cpusAllowedList;
    }

    Integer boxedPid() {
        return pidBoxed;
    }

    /** cpuPercent(null) boxed, reusing the previous box when the value repeats (often 0.0). */
    Double boxedCpuPercent() {
        double v = cpuPercent(null);
        Double last = lastCpuPercentBoxed;
        if (last == null || last != v) {
            last = v == 0.0 ? ZERO : Double.valueOf(v);
            lastCpuPercentBoxed = last;
        }
        return last;
    }

    Double boxedCreateTime() {
        return createTimeBoxed;
    }
}
