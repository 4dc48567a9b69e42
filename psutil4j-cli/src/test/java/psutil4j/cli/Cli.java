package psutil4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Test helpers for the process tools: run ours in-process, run the original, manage children. */
final class Cli {

    private Cli() {
    }

    /** What a run printed and returned. */
    record Result(int rc, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    /** Runs {@code ./psutil4j args...} in this JVM with captured output. */
    static Result ours(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new Result(rc, out.toString(), err.toString());
    }

    /** Runs the machine's tool (LC_ALL=C) and returns its exit code and output, whatever the exit code. */
    static Result theirs(String... argv) {
        return run(true, argv);
    }

    /** Runs the machine's tool in our own environment (locale included), as ours sees it. */
    static Result theirsSameLocale(String... argv) {
        return run(false, argv);
    }

    private static Result run(boolean cLocale, String... argv) {
        try {
            var pb = new ProcessBuilder(argv);
            if (cLocale) {
                pb.environment().put("LC_ALL", "C");
            }
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            var err = new StringBuilder();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // best effort
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + List.of(argv));
            }
            t.join();
            return new Result(p.exitValue(), out, err.toString());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + List.of(argv) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits up to 10 s for {@code cond}. */
    static void await(String what, BooleanSupplier cond) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Child processes started by a test, killed by pid when it ends. */
    static final class Kids implements AutoCloseable {
        private final List<Process> procs = new ArrayList<>();
        private final List<Path> dirs = new ArrayList<>();

        /** Starts argv and waits until it has exec'd (its name is argv[0]'s). */
        Process start(String... argv) {
            String base = Path.of(argv[0]).getFileName().toString();
            return startExpecting(base.length() > 15 ? base.substring(0, 15) : base, argv);
        }

        /** Starts argv and waits until the process is named {@code comm} (a wrapper exec'd its command). */
        Process startExpecting(String comm, String... argv) {
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                procs.add(p);
                await("exec of " + argv[0], () -> comm(p.pid()).equals(comm));
                return p;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        /** A copy of /bin/sleep under a name no other process has, for name lookups. */
        Path uniqueSleep(String prefix) {
            try {
                Path d = Files.createTempDirectory("psutil4j-cli");
                dirs.add(d);
                Path exe = d.resolve(prefix + ProcessHandle.current().pid() % 100000);
                Files.copy(Path.of("/bin/sleep"), exe, StandardCopyOption.COPY_ATTRIBUTES);
                return exe;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        /** Adopts a process started elsewhere, so it is killed at close. */
        void adopt(Process p) {
            procs.add(p);
        }

        static String comm(long pid) {
            try {
                return Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void close() {
            for (Process p : procs) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            procs.clear();
            for (Path d : dirs) {
                try (var s = Files.walk(d)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // temp dir
                }
            }
            dirs.clear();
        }
    }
}
