package psutil4j.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

import picocli.CommandLine;

/**
 * The training run of the launcher's JDK 25 AOT cache (JEP 483/514): {@code java
 * -XX:AOTCacheOutput=psutil4j.aot ... psutil4j.cli.AotTraining} loads and links the classes the
 * tools use, so that later runs start from the cache. Runs every tool's --help (picks up tools
 * added later automatically) and a few typical invocations the way {@link Main#main} runs them
 * (fast path first, see {@link FastStart}); output is discarded, failures ignored.
 */
public final class AotTraining {

    /** Typical invocations; tools not present in this build are skipped. */
    private static final List<List<String>> RUNS = List.of(
            List.of("free"), List.of("free", "-h"), List.of("free", "--json"),
            List.of("snapshot"), List.of("snapshot", "--json"),
            List.of("ps"), List.of("ps", "aux"), List.of("ps", "--json"),
            List.of("ps", "-ef"), List.of("pstree"), List.of("uptime"), List.of("who"),
            List.of("df"), List.of("df", "-h"), List.of("vmstat"), List.of("iostat"),
            List.of("ifconfig"), List.of("netstat", "-tan"), List.of("sensors"), List.of("lscpu"),
            List.of("top", "-b", "-n", "1", "-d", "0.1"), List.of("top", "-b", "-n", "1", "--json"),
            List.of("iotop", "-b", "-n", "1", "-d", "0.1"));

    private AotTraining() {
    }

    /** The whole training gives up after this; the cache is still written at exit. */
    private static final long LIMIT_MS = 60_000;

    public static void main(String[] args) {
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
