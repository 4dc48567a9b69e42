package psutil4j;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * psutil's {@code Process.attrs}: the attribute names accepted by as_dict() and
 * process_iter(attrs=...), and how each is read from a {@link PsProcess}; plus the names of
 * psutil4j's additions ({@link #EXTRA_NAMES}), accepted when asked for by name but never part of
 * the default (all-attributes) set, so as_dict() keeps psutil's keys.
 */
final class ProcessAttrs {

    /** Sorted, as psutil's as_dict() iterates them when no attrs are given. */
    static final String[] NAMES = {
        "cmdline", "cpu_affinity", "cpu_num", "cpu_percent", "cpu_times", "create_time", "cwd", "environ", "exe",
        "gids", "io_counters", "ionice", "memory_footprint", "memory_info", "memory_info_ex", "memory_maps",
        "memory_percent", "name", "net_connections", "nice", "num_ctx_switches", "num_fds", "num_threads",
        "open_files", "page_faults", "pid", "ppid", "status", "terminal", "threads", "uids", "username",
    };

    static final int CMDLINE = 0;
    static final int CPU_AFFINITY = 1;
    static final int CPU_NUM = 2;
    static final int CPU_PERCENT = 3;
    static final int CPU_TIMES = 4;
    static final int CREATE_TIME = 5;
    static final int CWD = 6;
    static final int ENVIRON = 7;
    static final int EXE = 8;
    static final int GIDS = 9;
    static final int IO_COUNTERS = 10;
    static final int IONICE = 11;
    static final int MEMORY_FOOTPRINT = 12;
    static final int MEMORY_INFO = 13;
    static final int MEMORY_INFO_EX = 14;
    static final int MEMORY_MAPS = 15;
    static final int MEMORY_PERCENT = 16;
    static final int NAME = 17;
    static final int NET_CONNECTIONS = 18;
    static final int NICE = 19;
    static final int NUM_CTX_SWITCHES = 20;
    static final int NUM_FDS = 21;
    static final int NUM_THREADS = 22;
    static final int OPEN_FILES = 23;
    static final int PAGE_FAULTS = 24;
    static final int PID = 25;
    static final int PPID = 26;
    static final int STATUS = 27;
    static final int TERMINAL = 28;
    static final int THREADS = 29;
    static final int UIDS = 30;
    static final int USERNAME = 31;

    /** Beyond psutil, sorted; their indexes follow {@link #NAMES}'. */
    static final String[] EXTRA_NAMES = {
        "fds", "flags", "locked_memory", "pgid", "root", "rt_priority", "sched_policy", "sid", "tpgid", "wchan",
    };

    static final int FDS = 32;
    static final int FLAGS = 33;
    static final int LOCKED_MEMORY = 34;
    static final int PGID = 35;
    static final int ROOT = 36;
    static final int RT_PRIORITY = 37;
    static final int SCHED_POLICY = 38;
    static final int SID = 39;
    static final int TPGID = 40;
    static final int WCHAN = 41;

    private static final int[] ALL;

    static {
        ALL = new int[NAMES.length];
        for (int i = 0; i < ALL.length; i++) {
            ALL[i] = i;
        }
    }

    /** Marks an attribute that raised AccessDenied/ZombieProcess in a prefetch. */
    static final Object AD = new Object();
    /** Marks an attribute left out of a prefetch of all attributes (not implemented here). */
    static final Object SKIPPED = new Object();
    /** Marks a prefetched null (psutil's None: no terminal). */
    static final Object NULL = new Object();

    private ProcessAttrs() {
    }

    /** The index of a psutil or extra attribute name, or a negative number if unknown. */
    static int index(String name) {
        int i = Arrays.binarySearch(NAMES, name);
        if (i >= 0) {
            return i;
        }
        int e = Arrays.binarySearch(EXTRA_NAMES, name);
        return e >= 0 ? NAMES.length + e : -1;
    }

    /** The attribute name of an index. */
    static String name(int i) {
        return i < NAMES.length ? NAMES[i] : EXTRA_NAMES[i - NAMES.length];
    }

    /** Indexes of the names (all when null or empty); IllegalArgumentException for unknown ones. */
    static int[] indexes(Collection<String> attrs) {
        if (attrs == null || attrs.isEmpty()) {
            return ALL;
        }
        int[] out = new int[attrs.size()];
        int n = 0;
        StringBuilder bad = null;
        for (String a : attrs) {
            int i = a == null ? -1 : index(a);
            if (i < 0) {
                bad = (bad == null ? new StringBuilder() : bad.append(", ")).append('\'').append(a).append('\'');
                continue;
            }
            boolean dup = false;
            for (int k = 0; k < n; k++) {
                dup |= out[k] == i;
            }
            if (!dup) {
                out[n++] = i;
            }
        }
        if (bad != null) {
            throw new IllegalArgumentException("invalid attr name(s) " + bad + "; valid ones are " + Arrays.toString(NAMES)
                    + " and, beyond psutil, " + Arrays.toString(EXTRA_NAMES));
        }
        return Arrays.copyOf(out, n);
    }

    /** Reads attribute {@code a} (its getter's result, before Optional unwrapping). */
    static Object get(PsProcess p, int a) {
        return switch (a) {
            case CMDLINE -> p.cmdline();
            case CPU_AFFINITY -> p.cpuAffinity();
            case CPU_NUM -> p.cpuNum();
            case CPU_PERCENT -> p.boxedCpuPercent();
            case CPU_TIMES -> p.cpuTimes();
            case CREATE_TIME -> p.boxedCreateTime();
            case CWD -> p.cwd();
            case ENVIRON -> p.environ();
            case EXE -> p.exe();
            case GIDS -> p.gids();
            case IO_COUNTERS -> p.ioCounters();
            case IONICE -> p.ionice();
            case MEMORY_FOOTPRINT -> p.memoryFootprint();
            case MEMORY_INFO -> p.memoryInfo();
            case MEMORY_INFO_EX -> p.memoryInfoEx();
            case MEMORY_MAPS -> p.memoryMaps();
            case MEMORY_PERCENT -> p.memoryPercent("rss");
            case NAME -> p.name();
            case NET_CONNECTIONS -> p.netConnections("inet");
            case NICE -> p.nice();
            case NUM_CTX_SWITCHES -> p.numCtxSwitches();
            case NUM_FDS -> p.numFds();
            case NUM_THREADS -> p.numThreads();
            case OPEN_FILES -> p.openFiles();
            case PAGE_FAULTS -> p.pageFaults();
            case PID -> p.boxedPid();
            case PPID -> p.ppid();
            case STATUS -> p.status();
            case TERMINAL -> p.terminal();
            case THREADS -> p.threads();
            case UIDS -> p.uids();
            case USERNAME -> p.username();
            case FDS -> p.fds();
            case FLAGS -> p.flags();
            case LOCKED_MEMORY -> p.lockedMemory();
            case PGID -> p.pgid();
            case ROOT -> p.root();
            case RT_PRIORITY -> p.rtPriority();
            case SCHED_POLICY -> p.schedPolicy();
            case SID -> p.sid();
            case TPGID -> p.tpgid();
            case WCHAN -> p.wchan();
            default -> throw new IllegalArgumentException("attr " + a);
        };
    }

    /** The value as as_dict shows it: markers resolved, Optionals unwrapped (empty -> null). */
    static Object external(Object v, Object adValue) {
        if (v == AD) {
            return adValue;
        }
        if (v == NULL) {
            return null;
        }
        if (v instanceof Optional<?> o) {
            return o.orElse(null);
        }
        if (v instanceof OptionalInt o) {
            return o.isPresent() ? o.getAsInt() : null;
        }
        return v;
    }
}
