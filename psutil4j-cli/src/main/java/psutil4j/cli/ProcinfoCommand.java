package psutil4j.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.CtxSwitches;
import psutil4j.Gids;
import psutil4j.IoCounters;
import psutil4j.IoNice;
import psutil4j.MemoryFootprint;
import psutil4j.MemoryInfo;
import psutil4j.ProcessCpuTimes;
import psutil4j.PsProcess;
import psutil4j.Uids;
import psutil4j.cli.render.Json;
import psutil4j.cli.render.Units;

/**
 * {@code ./psutil4j procinfo PID}: every attribute of psutil's Process.as_dict() (AccessDenied
 * ones are null in JSON and "(access denied)" in the text), and a readable text view in the
 * spirit of psutil's scripts/procinfo.py. {@code --verbose} lists the environment, memory maps,
 * threads and open files in full; otherwise they are counted.
 */
@Command(name = "procinfo", mixinStandardHelpOptions = true,
        description = "Show everything psutil knows about one process.")
final class ProcinfoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = {"-v", "--verbose"}, description = "List environment, maps, threads, files in full.")
    boolean verbose;

    @Parameters(paramLabel = "PID", description = "The process id.")
    String pid;

    private static final Object DENIED = new Object() {
        @Override
        public String toString() {
            return "(access denied)";
        }
    };

    @Override
    public void run() {
        int p = ProcText.pid(spec, pid);
        PsProcess proc = PsProcess.of(p);
        PrintWriter out = spec.commandLine().getOut();
        if (jsonOption.json) {
            out.println(Json.write(proc.asDict(), jsonOption.pretty));
        } else {
            Map<String, Object> d = proc.asDict(null, DENIED);
            out.print(render(d, verbose, ZoneId.systemDefault()));
        }
        out.flush();
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> d, boolean verbose, ZoneId zone) {
        var sb = new StringBuilder();
        for (var e : d.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            String text;
            if (v == null) {
                text = "";
            } else if (v == DENIED || v.toString().equals("(access denied)")) {
                text = "(access denied)";
            } else {
                text = switch (k) {
                    case "cmdline" -> String.join(" ", (List<String>) v);
                    case "create_time" -> WHEN.format(ZonedDateTime.ofInstant(
                            Instant.ofEpochMilli((long) ((Double) v * 1000)), zone));
                    case "memory_info" -> memory((MemoryInfo) v);
                    case "memory_footprint" -> {
                        MemoryFootprint f = (MemoryFootprint) v;
                        yield "uss " + Units.human(f.uss()) + "  pss " + Units.human(f.pss()) + "  swap " + Units.human(f.swap());
                    }
                    case "memory_percent" -> String.format(Locale.ROOT, "%.2f%%", (Double) v);
                    case "cpu_percent" -> String.format(Locale.ROOT, "%.1f%%", (Double) v);
                    case "cpu_times" -> {
                        ProcessCpuTimes t = (ProcessCpuTimes) v;
                        yield String.format(Locale.ROOT, "user %.2fs  system %.2fs  children user %.2fs  children system %.2fs  iowait %.2fs",
                                t.user(), t.system(), t.childrenUser(), t.childrenSystem(), t.iowait());
                    }
                    case "uids" -> {
                        Uids u = (Uids) v;
                        yield "real " + u.real() + "  effective " + u.effective() + "  saved " + u.saved();
                    }
                    case "gids" -> {
                        Gids g = (Gids) v;
                        yield "real " + g.real() + "  effective " + g.effective() + "  saved " + g.saved();
                    }
                    case "ionice" -> IoniceCommand.describe((IoNice) v);
                    case "io_counters" -> {
                        IoCounters io = (IoCounters) v;
                        yield "read " + io.readCount() + " calls / " + Units.human(io.readBytes()) + "  written "
                                + io.writeCount() + " calls / " + Units.human(io.writeBytes());
                    }
                    case "num_ctx_switches" -> {
                        CtxSwitches c = (CtxSwitches) v;
                        yield "voluntary " + c.voluntary() + "  involuntary " + c.involuntary();
                    }
                    case "cpu_affinity" -> ProcText.formatCpuList((int[]) v);
                    case "environ" -> verbose ? block((Map<String, String>) v) : ((Map<?, ?>) v).size() + " variables";
                    case "memory_maps", "threads", "open_files", "net_connections" ->
                            verbose ? block((Collection<Object>) v) : ((Collection<?>) v).size() + " entries";
                    default -> Json.write(v, false).replace("\"", "");
                };
            }
            sb.append(String.format("%-17s %s%n", k, text));
        }
        return sb.toString();
    }

    private static String memory(MemoryInfo m) {
        return "rss " + Units.human(m.rss()) + "  vms " + Units.human(m.vms()) + "  shared " + Units.human(m.shared())
                + "  text " + Units.human(m.text()) + "  data " + Units.human(m.data());
    }

    private static String block(Map<String, String> m) {
        var sb = new StringBuilder(m.size() + " variables");
        m.forEach((k, v) -> sb.append("\n    ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static String block(Collection<Object> c) {
        var sb = new StringBuilder(c.size() + " entries");
        for (Object o : c) {
            sb.append("\n    ").append(Json.write(o, false));
        }
        return sb.toString();
    }
}
