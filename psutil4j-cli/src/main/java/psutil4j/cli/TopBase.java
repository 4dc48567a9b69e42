package psutil4j.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import psutil4j.cli.render.Json;
import psutil4j.cli.top.Column;
import psutil4j.cli.top.ProcRow;
import psutil4j.cli.top.Render;
import psutil4j.cli.top.Sampler;
import psutil4j.cli.top.TopUi;
import psutil4j.cli.top.ViewState;

/** What top and iotop share: options, batch mode, and starting the live UI. */
abstract class TopBase implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = "-b", description = "Batch mode: print iterations as plain text (no terminal control) until -n is reached.")
    boolean batch;

    @Option(names = "-n", paramLabel = "N", description = "Stop after N iterations (batch mode default: 1).")
    Integer iterations;

    @Option(names = "-d", paramLabel = "SECS", defaultValue = "1", description = "Seconds between refreshes (default: ${DEFAULT-VALUE}).")
    double delay;

    @Option(names = "-p", paramLabel = "PID", split = ",", description = "Show only these processes (repeat or comma-separate).")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "-t", description = "Start in tree view.")
    boolean tree;

    @Option(names = "-f", paramLabel = "TEXT", description = "Start with this command filter (case-insensitive substring).")
    String filter = "";

    @Option(names = "-w", paramLabel = "COLS", description = "Batch mode line width (default: 512, as procps top).")
    int width = 512;

    abstract boolean iotop();

    /** The starting sort column; null = the tool's default. */
    abstract String sortField();

    /** iotop -o: only processes doing I/O. */
    boolean onlyActive() {
        return false;
    }

    @Override
    public void run() {
        if (!(delay > 0) || delay > 86400) {
            throw new IllegalArgumentException("-d must be between 0 and 86400 seconds, got " + delay);
        }
        if (iterations != null && iterations < 1) {
            throw new IllegalArgumentException("-n must be at least 1, got " + iterations);
        }
        ViewState view = ViewState.initial(iotop()).withTree(tree).withFilter(filter);
        if (sortField() != null) {
            String f = sortField();
            char sign = f.isEmpty() ? ' ' : f.charAt(0);
            Column c = Column.byName(sign == '+' || sign == '-' ? f.substring(1) : f, iotop());
            // procps: -o +FIELD sorts high to low, -o -FIELD low to high; plain = the field's natural order
            boolean reverse = switch (sign) {
                case '+' -> !c.descending;
                case '-' -> c.descending;
                default -> false;
            };
            view = view.withSort(c).withReverse(reverse);
        }
        Set<Integer> only = new HashSet<>(pids);
        if (batch || jsonOption.json) {
            batch(view, only);
        } else {
            var console = System.console();
            if (console == null || !console.isTerminal()) {
                throw new IllegalArgumentException("not a terminal; use -b for batch mode");
            }
            TopUi.run(view, new Sampler(iotop()), only, onlyActive(), delay, iterations == null ? 0 : iterations);
        }
    }

    private void batch(ViewState view, Set<Integer> only) {
        PrintWriter out = spec.commandLine().getOut();
        var sampler = new Sampler(iotop());
        sampler.sample();
        // the first figures need a previous sweep; procps top's first iteration is similarly short
        sleep(Math.min(delay, 0.5));
        int n = iterations == null ? 1 : iterations;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sleep(delay);
            }
            var s = sampler.sample();
            List<ProcRow> rows = TopUi.select(s.rows(), only, onlyActive());
            var screen = Render.render(new Render.Model(s.sys(), rows, view, width, 0, ZoneId.systemDefault()));
            if (jsonOption.json) {
                out.println(Json.write(Sampler.json(s, screen.rows()), jsonOption.pretty));
            } else {
                if (i > 0) {
                    out.println();
                }
                screen.lines().forEach(l -> out.println(l.stripTrailing()));
            }
            out.flush();
        }
    }

    private static void sleep(double secs) {
        try {
            Thread.sleep((long) (secs * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
