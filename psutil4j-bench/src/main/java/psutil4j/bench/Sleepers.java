package psutil4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * N {@code sleep 3600} processes that inflate the process table for the process benchmarks.
 *
 * <p>One {@code /bin/sh} parent forks them (resource {@code sleepers.sh}, also used by
 * bench_psutil.py) and prints their pids, so the JVM has one child rather than N Process objects
 * and reaper threads, which would add N threads to the process being measured. Three layers keep
 * them from leaking: {@link #close()} kills each pid and waits for it to go; a shutdown hook does
 * the same if the JVM exits without calling it; and the shell kills them all on EOF of its stdin,
 * which also happens when this JVM dies hard.
 */
final class Sleepers implements AutoCloseable {

    private final Process shell;
    private final long[] pids;
    private final Thread hook;
    private boolean closed;

    private Sleepers(Process shell, long[] pids) {
        this.shell = shell;
        this.pids = pids;
        this.hook = new Thread(this::killAll, "sleepers-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code n} sleepers and returns once all of them exist. */
    /** The sleepers' pids. */
    long[] pids() {
        return pids.clone();
    }

    static Sleepers start(int n) {
        Process shell;
        try (InputStream script = Sleepers.class.getResourceAsStream("sleepers.sh")) {
            if (script == null) {
                throw new IllegalStateException("sleepers.sh missing from the class path");
            }
            Path tmp = Files.createTempFile("psutil4j-sleepers", ".sh");
            Files.write(tmp, script.readAllBytes());
            tmp.toFile().deleteOnExit();
            shell = new ProcessBuilder("/bin/sh", tmp.toString(), Integer.toString(n))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long[] pids = new long[n];
        int got = 0;
        var s = new Sleepers(shell, pids);
        try {
            var out = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII));
            for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
                pids[got++] = Long.parseLong(line.trim());
            }
            if (got != n) {
                throw new IllegalStateException("started " + got + " sleepers of " + n);
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    int count() {
        return pids.length;
    }

    @Override
    public synchronized void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran
        }
    }

    private synchronized void killAll() {
        if (closed) {
            return;
        }
        closed = true;
        for (long pid : pids) {
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        try {
            shell.getOutputStream().close(); // EOF: the shell kills what is left, reaps and exits
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!shell.waitFor(30, TimeUnit.SECONDS)) {
                shell.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // Orphaned zombies (if the shell was killed first) are reaped by init; wait for them.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (long pid : pids) {
                while (pid > 0 && Files.exists(Path.of("/proc/" + pid)) && isSleeper(pid)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Guards against waiting on an unrelated process that reused the pid. */
    private static boolean isSleeper(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).startsWith("sleep");
        } catch (IOException gone) {
            return false;
        }
    }
}
