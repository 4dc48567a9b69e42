package psutil4j.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Processes a test starts, killed by pid (and temp dirs removed) in {@link #close()}. */
final class Children implements AutoCloseable {

    private final List<Long> pids = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    Process start(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            pids.add(p.pid());
            return p;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Registers a pid that is not our direct child (a grandchild) for killing. */
    void own(long pid) {
        pids.add(pid);
    }

    Path tempDir() {
        try {
            Path d = Files.createTempDirectory("psutil4j-proc");
            dirs.add(d);
            return d;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** First line the process prints. */
    static String firstLine(Process p) {
        try {
            var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            return r.readLine();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void await(String what, BooleanSupplier cond) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        for (long pid : pids.reversed()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (long pid : pids) {
            try {
                // reaps orphans adopted by this JVM as a subreaper (the JDK does not know them)
                psutil4j.PsProcess.of((int) pid).wait(java.time.Duration.ofSeconds(2));
            } catch (RuntimeException ignored) {
                // gone already, or not ours
            }
        }
        for (Path d : dirs) {
            try (Stream<Path> s = Files.walk(d)) {
                s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
