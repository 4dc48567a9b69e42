package psutil4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import psutil4j.internal.ffi.DirList;
import psutil4j.internal.ffi.Native;
import psutil4j.internal.linux.Roots;
import psutil4j.internal.linux.proc.PidStat;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * The process table: pids from /proc, psutil's process_iter() handle cache ({@code _pmap}) and
 * the pid -&gt; ppid map used by children().
 */
final class ProcessTable {

    private static final byte[] SLASH = ByteCursor.ascii("/");
    private static final byte[] STAT = ByteCursor.ascii("/stat");
    private static final byte[] STATUS = ByteCursor.ascii("/status");
    private static final byte[] TGID = ByteCursor.ascii("Tgid:");
    private static final ThreadLocal<DirList.Ints> INTS = ThreadLocal.withInitial(DirList.Ints::new);
    private static final ThreadLocal<PidStat> STAT_HOLDER = ThreadLocal.withInitial(PidStat::new);

    /** Handles from the last sweep, sorted by pid (slots of vanished processes are null). */
    private static volatile PsProcess[] pmap = new PsProcess[0];
    /** The /proc root pmap was built from: a Psutil.setRoots() to another tree starts afresh. */
    private static volatile Object pmapRoot;
    private static final Set<Integer> PIDS_REUSED = ConcurrentHashMap.newKeySet();

    private ProcessTable() {
    }

    /** The pids in /proc (numeric entries; threads are not listed there), sorted. */
    static int[] pids() {
        DirList.Ints ints = INTS.get();
        ints.clear();
        byte[] root = Roots.procBytes();
        int n = DirList.numericEntries(root, root.length, ints);
        if (n < 0) {
            throw new IllegalStateException("cannot list " + Roots.proc() + ": " + Native.errnoName(-n));
        }
        ints.sort();
        int[] ret = ints.toArray();
        if (ret.length > 0) {
            lowestPid = ret[0];
        }
        return ret;
    }

    /** psutil's _LOWEST_PID: the smallest pid seen by pids() (1 on Linux), for parent(). */
    private static volatile int lowestPid = -1;

    static int lowestPid() {
        int l = lowestPid;
        if (l < 0) {
            int[] all = pids();
            l = all.length > 0 ? all[0] : 1;
        }
        return l;
    }

    /**
     * psutil's pid_exists on Linux: /proc/[pid]/status exists and its Tgid is the pid (a thread
     * id also has a /proc entry, but is not a process, psutil #687).
     */
    static boolean pidExists(int pid) {
        if (pid < 0) {
            return false;
        }
        if (pid == 0) {
            // kill(0, 0) would signal our own process group; psutil answers "pid in pids()"
            for (int p : pids()) {
                if (p == 0) {
                    return true;
                }
            }
            return false;
        }
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(SLASH).append(pid).append(STATUS).read();
        if (n < 0) {
            if (n == -Native.EACCES || n == -Native.EPERM) {
                return true;
            }
            return false;
        }
        ByteCursor c = b.cursor();
        while (c.hasMore()) {
            if (c.consume(TGID)) {
                return c.nextLong() == pid;
            }
            c.nextLine();
        }
        for (int p : pids()) {
            if (p == pid) {
                return true;
            }
        }
        return false;
    }

    static void pidReused(int pid) {
        PIDS_REUSED.add(pid);
    }

    /** Clears the process_iter() cache (psutil's {@code process_iter.cache_clear()}). */
    static void clear() {
        pmap = new PsProcess[0];
        PIDS_REUSED.clear();
    }

    /** parent pid -&gt; child pids, from every /proc/[pid]/stat (psutil's ppid_map, inverted). */
    static Map<Integer, List<Integer>> childrenMap() {
        var ret = new HashMap<Integer, List<Integer>>();
        PidStat st = STAT_HOLDER.get();
        for (int pid : pids()) {
            ProcBuffer b = ProcBuffer.get();
            int n = b.path(Roots.procBytes()).append(SLASH).append(pid).append(STAT).read();
            if (n < 0) {
                if (n == -Native.EACCES || n == -Native.EPERM) {
                    throw new AccessDeniedException(pid, null, "reading " + b.pathString());
                }
                continue; // gone
            }
            if (st.parse(b.cursor())) {
                ret.computeIfAbsent(st.ppid, k -> new ArrayList<>()).add(pid);
            }
        }
        return ret;
    }

    /**
     * psutil's process_iter: a lazy, pid-ordered stream of handles, reusing the previous sweep's
     * handle for a pid whose process is the same (so cpuPercent works across sweeps); processes
     * that vanish are skipped; zombies are yielded. With {@code attrs}, each handle is
     * prefetched (one oneshot) before it is yielded.
     */
    static Stream<PsProcess> iter(Collection<String> attrs, Object adValue) {
        int[] idx = attrs == null ? null : ProcessAttrs.indexes(attrs);
        boolean explicit = attrs != null && !attrs.isEmpty();
        int[] pids = pids();
        Object root = Roots.proc();
        PsProcess[] old = pmapRoot == root ? pmap : new PsProcess[0];
        pmapRoot = root;
        PsProcess[] cur = new PsProcess[pids.length];
        Set<Integer> reused = PIDS_REUSED;
        boolean anyReused = !reused.isEmpty();
        int j = 0;
        for (int i = 0; i < pids.length; i++) {
            int pid = pids[i];
            while (j < old.length && (old[j] == null || old[j].pid() < pid)) {
                j++;
            }
            if (j < old.length && old[j].pid() == pid) {
                if (!(anyReused && reused.remove(pid))) {
                    cur[i] = old[j];
                }
                j++;
            }
        }
        pmap = cur;
        var split = new Spliterators.AbstractSpliterator<PsProcess>(pids.length,
                Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL) {
            int i;

            @Override
            public boolean tryAdvance(Consumer<? super PsProcess> action) {
                while (i < pids.length) {
                    int k = i++;
                    PsProcess p = cur[k];
                    boolean fresh = false;
                    if (p == null) {
                        p = PsProcess.tryOf(pids[k]);
                        if (p == null) {
                            continue;
                        }
                        fresh = true;
                    }
                    try {
                        if (idx != null) {
                            if (!p.prefetch(idx, adValue, explicit) && !fresh) {
                                // the pid now belongs to another process: start a new handle
                                p = PsProcess.tryOf(pids[k]);
                                if (p == null) {
                                    cur[k] = null;
                                    continue;
                                }
                                p.prefetch(idx, adValue, explicit);
                            }
                        } else {
                            p.clearPrefetch();
                        }
                        cur[k] = p;
                    } catch (ZombieProcessException e) {
                        cur[k] = p;
                    } catch (NoSuchProcessException e) {
                        cur[k] = null;
                        continue;
                    } catch (java.io.UncheckedIOException e) {
                        // a file vanished under a process that was exiting: skip it if it is gone
                        if (!p.isRunning()) {
                            cur[k] = null;
                            continue;
                        }
                        throw e;
                    }
                    action.accept(p);
                    return true;
                }
                return false;
            }
        };
        return StreamSupport.stream(split, false);
    }
}
