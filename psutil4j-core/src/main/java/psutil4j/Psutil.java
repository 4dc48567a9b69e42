package psutil4j;

import java.nio.file.Path;

import psutil4j.internal.linux.Roots;

/**
 * psutil's module-level API: system-wide CPU, memory, disks, network, sensors, users and pids.
 *
 * <p>Names are psutil's in camelCase ({@code psutil.virtual_memory()} is
 * {@link #virtualMemory()}); results are records whose components carry psutil's field names
 * and units (bytes, seconds, percent as 0..100). Functions are thread-safe. Values the kernel
 * does not provide are {@code Optional}/{@code OptionalDouble} or documented, never a fake 0.
 */
public final class Psutil {

    private Psutil() {
    }

    /**
     * Reads /proc, /sys and the utmp file from other places, like psutil's {@code PROCFS_PATH}:
     * for an agent in a container watching its host ({@code /host/proc}), or for fixture trees.
     * Calls that use libc (disk usage, users' names, process control) still act on this system.
     */
    public static void setRoots(Path procfs, Path sysfs, Path utmp) {
        Roots.set(procfs, sysfs, utmp);
    }

    /** The /proc root in use (default {@code /proc}). */
    public static Path procfsPath() {
        return Roots.proc();
    }

    // ==== region: cpu, memory, boot time, pids ====
    // ==== end region: cpu, memory, boot time, pids ====

    // ==== region: disks ====
    // ==== end region: disks ====

    // ==== region: network ====
    // ==== end region: network ====

    // ==== region: sensors, users, pressure, cgroups, containers ====
    // ==== end region: sensors, users, pressure, cgroups, containers ====

    // ==== region: processes ====

    /**
     * psutil's {@code Process.attrs}: the attribute names accepted by
     * {@link PsProcess#asDict(java.util.Collection, Object)} and
     * {@link #processIter(java.util.Collection, Object)}.
     */
    public static final java.util.Set<String> PROCESS_ATTRS =
            java.util.Set.copyOf(java.util.Arrays.asList(ProcessAttrs.NAMES));

    /** The process with this pid, psutil's {@code Process(pid)}; NoSuchProcessException if none. */
    public static PsProcess process(int pid) {
        return PsProcess.of(pid);
    }

    /**
     * The pids of all processes, sorted (psutil's {@code pids()}): the numeric entries of /proc,
     * listed with getdents64 without making a String per entry.
     */
    public static int[] pids() {
        return ProcessTable.pids();
    }

    /**
     * Whether a process with this pid exists (psutil's {@code pid_exists}): a thread id is not a
     * process and gives false; negative pids give false.
     */
    public static boolean pidExists(int pid) {
        return ProcessTable.pidExists(pid);
    }

    /** {@link #processIter(java.util.Collection, Object)} without prefetching. */
    public static java.util.stream.Stream<PsProcess> processIter() {
        return ProcessTable.iter(null, null);
    }

    /**
     * psutil's {@code process_iter(attrs, ad_value)}: a lazy stream of every process in pid order.
     * Handles are cached across calls (so {@code cpuPercent(null)} measures between sweeps); a
     * handle whose pid was reused is replaced; processes that end during the sweep are skipped;
     * zombies are included. With {@code attrs} (names from {@link #PROCESS_ATTRS}; empty = all,
     * null = none),
     * each process is read once in a {@link PsProcess#oneshot()} before it is yielded: its
     * {@link PsProcess#info()} holds the values ({@code adValue} for AccessDenied/zombie ones) and
     * its getters return them until the next sweep. Only the files those attributes need are read.
     * Handles are shared by concurrent sweeps; prefer one sweeping thread.
     */
    public static java.util.stream.Stream<PsProcess> processIter(java.util.Collection<String> attrs, Object adValue) {
        return ProcessTable.iter(attrs, adValue);
    }

    /** {@link #processIter(java.util.Collection, Object)} with adValue null. */
    public static java.util.stream.Stream<PsProcess> processIter(java.util.Collection<String> attrs) {
        return processIter(attrs, null);
    }

    /** Forgets the handles cached by processIter (psutil's {@code process_iter.cache_clear()}). */
    public static void processIterCacheClear() {
        ProcessTable.clear();
    }

    /**
     * psutil's {@code wait_procs}: waits until the processes end or {@code timeout} (null = no
     * limit) passes, calling {@code callback} (may be null) for each as it ends. Never throws
     * TimeoutExpiredException; each gone process has its {@link PsProcess#returncode()} set
     * (empty for non-children).
     */
    public static WaitResult waitProcs(java.util.Collection<PsProcess> procs, java.time.Duration timeout,
            java.util.function.Consumer<PsProcess> callback) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be a positive duration, got " + timeout);
        }
        var gone = new java.util.LinkedHashSet<PsProcess>();
        var alive = new java.util.LinkedHashSet<PsProcess>(procs);
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        while (!alive.isEmpty()) {
            if (timeout != null && deadline - System.nanoTime() <= 0) {
                break;
            }
            for (PsProcess p : java.util.List.copyOf(alive)) {
                // each round over all processes lasts at most ~1 s, so a late one does not hide the others
                long max = 1_000_000_000L / alive.size();
                long t = max;
                if (timeout != null) {
                    t = Math.min(deadline - System.nanoTime(), max);
                    if (t <= 0) {
                        break;
                    }
                }
                checkGone(p, java.time.Duration.ofNanos(t), gone, callback);
            }
            alive.removeAll(gone);
        }
        if (!alive.isEmpty()) {
            for (PsProcess p : java.util.List.copyOf(alive)) {
                checkGone(p, java.time.Duration.ZERO, gone, callback);
            }
            alive.removeAll(gone);
        }
        return new WaitResult(java.util.List.copyOf(gone), java.util.List.copyOf(alive));
    }

    private static void checkGone(PsProcess p, java.time.Duration t, java.util.Set<PsProcess> gone,
            java.util.function.Consumer<PsProcess> callback) {
        java.util.OptionalInt rc;
        try {
            rc = p.wait(t);
        } catch (TimeoutExpiredException e) {
            return;
        }
        if (rc.isPresent() || !p.isRunning()) {
            if (gone.add(p) && callback != null) {
                callback.accept(p);
            }
        }
    }

    // ==== end region: processes ====
}
