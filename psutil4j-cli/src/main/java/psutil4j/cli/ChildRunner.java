package psutil4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.List;
import java.nio.file.Files;
import java.util.function.Consumer;

import picocli.CommandLine.Model.CommandSpec;
import psutil4j.PsProcess;
import psutil4j.Psutil;

/**
 * Runs a command for nice, ionice and taskset. The library never forks; the CLI may, with
 * {@link ProcessBuilder}. The child inherits our terminal, unless {@link #capture} is set (tests),
 * when its output is copied to the command's out/err writers.
 *
 * <p>No race: on Linux the nice value, I/O priority and CPU affinity belong to a thread and a
 * forked child inherits those of the thread that forked it. So a fresh thread first changes its
 * own (through {@link PsProcess} on its thread id, /proc/thread-self), then starts the child, and
 * ends; the JVM's other threads keep theirs. The child runs with the new settings from its first
 * instruction, as with coreutils' nice, which calls setpriority() before exec().
 */
final class ChildRunner {

    /** Copy the child's stdout/stderr to the picocli writers instead of inheriting ours (tests). */
    static volatile boolean capture;

    private ChildRunner() {
    }

    /**
     * Calls {@code setup} with the handle of a fresh thread (to change its priority, affinity...),
     * starts {@code argv} from that thread, waits and returns its exit code: 127 if the command is not found, 126 if it cannot run,
     * as coreutils does.
     */
    static int run(CommandSpec spec, List<String> argv, Consumer<PsProcess> setup) {
        var pb = new ProcessBuilder(argv);
        if (capture) {
            pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.inheritIO();
        }
        var result = new Object[1];
        Thread spawner = new Thread(() -> {
            try {
                setup.accept(PsProcess.of(threadId()));
                result[0] = pb.start();
            } catch (IOException | RuntimeException ex) {
                result[0] = ex;
            }
        }, "psutil4j-spawn");
        spawner.start();
        try {
            spawner.join();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 130;
        }
        if (result[0] instanceof RuntimeException ex) {
            throw ex;
        }
        Process p;
        if (result[0] instanceof Process started) {
            p = started;
        } else {
            IOException e = (IOException) result[0];
            PrintWriter err = spec.commandLine().getErr();
            String msg = e.getMessage() == null ? "" : e.getMessage();
            boolean notFound = msg.contains("error=2,") || msg.contains("error: 2 ");
            err.println(spec.name() + ": failed to execute " + argv.get(0) + ": "
                    + (notFound ? "No such file or directory" : msg));
            err.flush();
            return notFound ? 127 : 126;
        }
        Thread o = null;
        Thread e = null;
        if (capture) {
            o = pump(p.getInputStream(), spec.commandLine().getOut());
            e = pump(p.getErrorStream(), spec.commandLine().getErr());
        }
        try {
            int rc = p.waitFor();
            if (o != null) {
                o.join();
                e.join();
            }
            return rc;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            p.destroy();
            return 130;
        }
    }

    /** The kernel thread id of the calling thread: /proc/thread-self links to "PID/task/TID". */
    static int threadId() {
        try {
            String link = Files.readSymbolicLink(Psutil.procfsPath().resolve("thread-self")).toString();
            return Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot find this thread's id in /proc/thread-self: " + e.getMessage());
        }
    }

    private static Thread pump(InputStream in, PrintWriter out) {
        Thread t = new Thread(() -> {
            try (Reader r = new InputStreamReader(in, Charset.defaultCharset())) {
                char[] buf = new char[8192];
                int n;
                while ((n = r.read(buf)) > 0) {
                    synchronized (out) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException ignored) {
                // child closed its end
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
