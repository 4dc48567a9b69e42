package psutil4j.internal.linux;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import psutil4j.TimeoutExpiredException;
import psutil4j.internal.ffi.ErrnoException;
import psutil4j.internal.ffi.Native;
import psutil4j.internal.ffi.ProcCalls;

/**
 * psutil's {@code Process.wait()}: block until a process terminates and return its exit code when
 * it is a child of this process, else nothing (the exit status of a non-child is unknowable).
 *
 * <p>How it waits (newest psutil does the same on Linux): a pidfd from pidfd_open(2) (Linux 5.3)
 * polled for POLLIN, which the kernel signals when the process terminates (becomes a zombie);
 * without pidfd (old kernel, seccomp, fd exhaustion) it polls with an exponential back-off from
 * 0.1 ms to 40 ms, like psutil 5.x's {@code wait_pid}.
 *
 * <p><b>Children and the JVM's process reaper.</b> For children the JDK itself started (a
 * {@link Process}) it runs a reaper thread blocked in {@code waitpid(pid)}, which
 * collects the child the moment it terminates; if we reaped it instead, the JDK would see ECHILD and
 * report exit value 0 from {@link Process#exitValue()}. So this class never races to reap:
 * <ol>
 * <li>it looks at a terminated child with {@code waitid(WEXITED|WNOWAIT)}, which leaves it waitable;
 * <li>when the JVM's reaper got there first (ECHILD), the status comes from the pidfd via
 *     {@code PIDFD_GET_INFO}/{@code PIDFD_INFO_EXIT} (Linux 6.15), which outlives reaping;
 *     on older kernels the exit code is then unknown and the result is empty (use
 *     {@link Process#waitFor()} for such children);
 * <li>a terminated child nobody else collects (a child forked by native code, or an orphan adopted
 *     because the JVM is PID 1 or a subreaper) is reaped after a {@link #REAP_GRACE_NANOS} grace
 *     period, as psutil reaps its children.
 * </ol>
 *
 * <p>For a process that is not our child, like psutil, the wait ends only when the process is
 * gone ({@code stillRunning} false), not merely terminated: a zombie whose parent never reaps it is
 * waited for until the timeout.
 *
 * <p>The blocking poll(2) is a native call: on a virtual thread it pins its carrier thread while it
 * waits. It runs in {@link #POLL_SLICE_MS} slices so that an interrupt ends the wait.
 *
 * <p>Exit codes follow psutil: {@code WEXITSTATUS} for a normal exit, minus the signal number
 * when a signal killed the child (psutil returns {@code -signal} as a {@code Negsignal} enum).
 */
public final class ProcessWait {

    /** psutil's first back-off interval, 0.1 ms. */
    static final long MIN_INTERVAL_NANOS = 100_000L;
    /** psutil's longest back-off interval, 40 ms. */
    static final long MAX_INTERVAL_NANOS = 40_000_000L;
    /**
     * How long a terminated child is left for the JVM's reaper before we reap it ourselves. The JDK
     * collects its own children within microseconds (its reaper thread is already blocked in
     * waitpid), so the full grace is only spent on children nobody else waits for.
     */
    static final long REAP_GRACE_NANOS = 200_000_000L;

    /** poll(2) runs in slices this long so that an interrupted thread stops waiting. */
    static final int POLL_SLICE_MS = 200;

    /** Tests set this to exercise the polling fallback of kernels without pidfd_open. */
    static volatile boolean pidfdDisabled;

    /** {@link #peekChild} result: not a waitable child of this process. */
    private static final int NOT_CHILD = -2;

    private ProcessWait() {
    }

    /**
     * Waits for {@code pid} to terminate.
     *
     * @param pid           the process; must be positive
     * @param startTicks    its start time in clock ticks since boot, for the caller's reuse checks
     *                      (not used here: {@code stillRunning} carries that check)
     * @param timeoutOrNull how long to wait at most; {@code null} waits forever, zero checks once
     * @param stillRunning  true while the process (same pid and start time) still exists, zombies
     *                      included (psutil's {@code pid_exists}); asked only for processes that are
     *                      not our children: after opening a pidfd (to rule out a reused pid), after
     *                      the pidfd reports termination, and on each step of the polling fallback
     * @return the exit code (negative signal number when killed by a signal) for a child of this
     *         process; empty for other processes, or when the exit code cannot be known
     * @throws TimeoutExpiredException when the timeout passes first (pid set, name null)
     * @throws IllegalArgumentException for pid <= 0 or a negative timeout
     * @throws CancellationException when the waiting thread is interrupted (the interrupt flag
     *         stays set)
     */
    public static OptionalInt waitFor(int pid, long startTicks, Duration timeoutOrNull, BooleanSupplier stillRunning) {
        if (pid <= 0) {
            throw new IllegalArgumentException("can't wait for PID " + pid);
        }
        if (timeoutOrNull != null && timeoutOrNull.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive or zero, not " + timeoutOrNull);
        }
        long deadline = deadline(timeoutOrNull);

        int peek = peekChild(pid);
        if (peek >= 0) {
            return OptionalInt.of(reapAndDecode(pid, peek));
        }
        boolean child = peek == ProcCalls.WAIT_NOT_READY;

        int fd = -1;
        try {
            if (!pidfdDisabled) {
                fd = ProcCalls.pidfdOpen(pid);
            } else if (!child && !stillRunning.getAsBoolean()) {
                return OptionalInt.empty();
            }
        } catch (ErrnoException e) {
            if (e.errno() == Native.ESRCH) {
                // Gone already. A child cannot vanish while we have not reaped it unless someone
                // else (the JVM's reaper) did: its exit code is lost to us.
                return child ? finishChild(pid, -1) : OptionalInt.empty();
            }
            // ENOSYS (kernel < 5.3), EMFILE, EPERM under seccomp...: fall back to polling.
        }
        try {
            if (fd >= 0) {
                // The pid may have been reused between the caller's check and pidfd_open: then the
                // pidfd watches a stranger. A child's pid cannot be reused before it is reaped.
                if (!child && !stillRunning.getAsBoolean()) {
                    return OptionalInt.empty();
                }
                awaitPidfd(fd, pid, deadline, timeoutOrNull);
                if (!child) {
                    // Terminated, but possibly a zombie its parent has not reaped yet. psutil
                    // (pidfd path -> waitpid ECHILD -> wait_pid_posix) returns only once the pid is
                    // gone, so that is_running() is false afterwards; do the same.
                    awaitPolling(pid, false, deadline, timeoutOrNull, stillRunning);
                }
            } else {
                awaitPolling(pid, child, deadline, timeoutOrNull, stillRunning);
            }
            return child ? finishChild(pid, fd) : OptionalInt.empty();
        } finally {
            if (fd >= 0) {
                ProcCalls.close(fd);
            }
        }
    }

    /** After a child terminated: its status without reaping, else (reaped by the JVM) from the pidfd. */
    private static OptionalInt finishChild(int pid, int pidfd) {
        int status = peekChild(pid);
        if (status >= 0) {
            return OptionalInt.of(reapAndDecode(pid, status));
        }
        if (pidfd >= 0) {
            OptionalInt raw = ProcCalls.pidfdExitStatus(pidfd);
            if (raw.isPresent()) {
                return OptionalInt.of(decode(raw.getAsInt()));
            }
        }
        return OptionalInt.empty();
    }

    /**
     * A terminated child's raw status without reaping it; {@link ProcCalls#WAIT_NOT_READY} for a
     * child still running; {@link #NOT_CHILD} when {@code pid} is not a waitable child.
     */
    private static int peekChild(int pid) {
        try {
            return ProcCalls.waitid(pid, ProcCalls.WEXITED | ProcCalls.WNOHANG | ProcCalls.WNOWAIT);
        } catch (ErrnoException e) {
            if (e.errno() == Native.ECHILD) {
                return NOT_CHILD;
            }
            throw e;
        }
    }

    /** Leaves the zombie to the JVM's reaper for a moment, then reaps it if nobody did. */
    private static int reapAndDecode(int pid, int status) {
        long start = System.nanoTime();
        long interval = MIN_INTERVAL_NANOS;
        while (System.nanoTime() - start < REAP_GRACE_NANOS) {
            if (peekChild(pid) == NOT_CHILD) {
                return decode(status); // collected by its owner
            }
            sleep(interval, pid);
            interval = Math.min(interval * 2, MAX_INTERVAL_NANOS);
        }
        try {
            ProcCalls.waitpid(pid, ProcCalls.WNOHANG);
        } catch (ErrnoException e) {
            if (e.errno() != Native.ECHILD) {
                throw e;
            }
        }
        return decode(status);
    }

    /** psutil's exit code: WEXITSTATUS, or minus WTERMSIG. */
    static int decode(int status) {
        if (ProcCalls.wifexited(status)) {
            return ProcCalls.wexitstatus(status);
        }
        if (ProcCalls.wifsignaled(status)) {
            return -ProcCalls.wtermsig(status);
        }
        throw new IllegalStateException("unknown process exit status " + status);
    }

    private static void awaitPidfd(int fd, int pid, long deadline, Duration timeout) {
        while (true) {
            long left = deadline - System.nanoTime();
            int ms;
            if (timeout == null) {
                ms = POLL_SLICE_MS;
            } else if (left <= 0) {
                ms = 0;
            } else {
                ms = (int) Math.min(POLL_SLICE_MS, (left + 999_999) / 1_000_000);
            }
            if (ProcCalls.poll(fd, ms) > 0) {
                return;
            }
            if (timeout != null && System.nanoTime() - deadline >= 0) {
                throw new TimeoutExpiredException(timeout, pid, null);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted while waiting for pid " + pid);
            }
        }
    }

    private static void awaitPolling(int pid, boolean child, long deadline, Duration timeout, BooleanSupplier stillRunning) {
        long interval = MIN_INTERVAL_NANOS;
        while (true) {
            if (child) {
                if (peekChild(pid) != ProcCalls.WAIT_NOT_READY) {
                    return; // terminated, or collected by the JVM's reaper
                }
            } else if (!stillRunning.getAsBoolean()) {
                return;
            }
            if (timeout != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutExpiredException(timeout, pid, null);
                }
                sleep(Math.min(interval, left), pid);
            } else {
                sleep(interval, pid);
            }
            interval = Math.min(interval * 2, MAX_INTERVAL_NANOS);
        }
    }

    private static long deadline(Duration timeout) {
        long now = System.nanoTime();
        if (timeout == null) {
            return now + Long.MAX_VALUE / 2;
        }
        long n;
        try {
            n = timeout.toNanos();
        } catch (ArithmeticException e) {
            n = Long.MAX_VALUE / 2;
        }
        return now + Math.min(n, Long.MAX_VALUE / 2);
    }

    private static void sleep(long nanos, int pid) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for pid " + pid);
        }
    }
}
