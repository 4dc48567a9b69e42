package psutil4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine;

/**
 * The training runs of the launcher's JDK 25 AOT caches (JEP 483/514): {@code java
 * -XX:AOTCacheOutput=FILE ... psutil4j.cli.AotTraining ARGS} loads and links the classes the
 * tools use, so that later runs start from the cache. Invocations run the way {@link Main#main}
 * runs them (fast path first, see {@link FastStart}); output is discarded, failures ignored.
 *
 * <ul>
 * <li>{@code AotTraining [TOOLS_FILE]} (target/psutil4j.aot, for every tool): every tool's
 * --help (picks up tools added later automatically) and a few typical invocations; writes the
 * names of the tools with a fast path ({@link FastStart#FAST}) to TOOLS_FILE.
 * <li>{@code AotTraining --fast TOOL} (target/psutil4j-fast/TOOL.aot): only that tool's fast
 * path. A JVM loads every class of its AOT cache at start, so a cache of one tool starts it
 * sooner than the cache of all (docs/LAUNCHER.md).
 * </ul>
 */
public final class AotTraining {

    /** Typical invocations; tools not present in this build are skipped. */
    private static final List<List<String>> RUNS = List.of(
            List.of("free"), List.of("free", "-h"), List.of("free", "--json"), List.of("free", "-wt", "--si"),
            List.of("free", "-m"), List.of("free", "--json", "--pretty"),
            List.of("snapshot"), List.of("snapshot", "--json"),
            List.of("ps"), List.of("ps", "aux"), List.of("ps", "--json"),
            List.of("ps", "-ef"), List.of("ps", "axf"), List.of("ps", "-e"), List.of("pstree"), List.of("uptime"), List.of("who"),
            List.of("df"), List.of("df", "-h"), List.of("vmstat"), List.of("iostat"),
            List.of("ifconfig"), List.of("netstat", "-tan"), List.of("sensors"), List.of("lscpu"),
            List.of("top", "-b", "-n", "1", "-d", "0.1"), List.of("top", "-b", "-n", "1", "--json"),
            List.of("iotop", "-b", "-n", "1", "-d", "0.1"));

    private AotTraining() {
    }

    /** The whole training gives up after this; the cache is still written at exit. */
    private static final long LIMIT_MS = 60_000;

    public static void main(String[] args) throws IOException {
        // a tool that waits for something (input, a child) must not hang the launcher's build step
        var watchdog = new Thread(() -> {
            try {
                Thread.sleep(LIMIT_MS);
                Runtime.getRuntime().exit(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "aot-training-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        var sink = new PrintWriter(Writer.nullWriter());
        FastStart.chooseIo(new String[0]); // the one-shot tools' I/O, as Main chooses it
        if (args.length == 2 && args[0].equals("--fast")) {
            for (List<String> r : RUNS) {
                String[] a = r.toArray(String[]::new);
                if (r.get(0).equals(args[1]) && FastStart.parse(a) != null) {
                    run(sink, a);
                }
            }
            return;
        }
        if (args.length == 1) {
            Files.writeString(Path.of(args[0]), String.join(" ", FastStart.FAST) + "\n");
        }
        CommandLine root = Main.commandLine();
        for (String tool : root.getSubcommands().keySet()) {
            run(sink, tool, "--help");
        }
        for (List<String> r : RUNS) {
            if (root.getSubcommands().containsKey(r.get(0))) {
                run(sink, r.toArray(String[]::new));
            }
        }
        run(sink, "--help");
        run(sink, "no-such-tool");
    }

    private static void run(PrintWriter sink, String... args) {
        try {
            FastStart.Tool fast = FastStart.parse(args);
            if (fast != null) {
                FastStart.run(fast, args, sink, sink);
                return;
            }
            CommandLine cl = FastStart.commandLine(args);
            cl.setOut(sink);
            cl.setErr(sink);
            cl.execute(args);
        } catch (RuntimeException | Error e) {
            // training only: a tool that fails here still works (uncached) later
        }
    }
}
