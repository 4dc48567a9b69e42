package psutil4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.PsProcess;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j taskset}: util-linux taskset. {@code taskset -p PID} shows the affinity mask,
 * {@code taskset -p MASK PID} sets it, {@code -c} uses CPU lists ("0,2-3") instead of hex masks;
 * {@code taskset MASK CMD...} / {@code taskset -c LIST CMD...} runs CMD pinned (the affinity is set
 * on the thread that starts it, see {@link ChildRunner}).
 */
@Command(name = "taskset", mixinStandardHelpOptions = true,
        modelTransformer = ParserModes.CommandFollows.class,
        description = "Set or retrieve a process's CPU affinity (util-linux taskset).",
        footer = {"", "Examples: taskset -p 1234   taskset -cp 0,1 1234   taskset -c 0 make   taskset 3 make"})
final class TasksetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = {"-p", "--pid"}, description = "Operate on an existing pid (the last argument).")
    boolean pidMode;

    @Option(names = {"-c", "--cpu-list"}, description = "Masks are CPU lists (0,2-3) instead of hex.")
    boolean cpuList;

    @Option(names = {"-a", "--all-tasks"}, description = "Accepted; psutil sets the affinity of the process.", hidden = true)
    boolean allTasks;

    @Parameters(paramLabel = "ARGS", description = "[MASK|LIST] PID with -p, else MASK|LIST COMMAND...")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        // "taskset -cp 0 PID": picocli clusters -c -p; "-pc" the same
        PrintWriter out = spec.commandLine().getOut();
        if (!args.isEmpty() && args.get(0).startsWith("-")) {
            throw ProcText.usage(spec, "unknown option " + args.get(0));
        }
        if (pidMode) {
            if (args.isEmpty() || args.size() > 2) {
                throw ProcText.usage(spec, "usage: taskset -p [MASK] PID");
            }
            int pid = ProcText.pid(spec, args.get(args.size() - 1));
            PsProcess p = PsProcess.of(pid);
            int[] before = p.cpuAffinity();
            String what = cpuList ? "list" : "mask";
            if (args.size() == 1) {
                if (jsonOption.json) {
                    out.println(Json.write(json(pid, before), jsonOption.pretty));
                } else {
                    out.println("pid " + pid + "'s current affinity " + what + ": " + format(before));
                }
                out.flush();
                return 0;
            }
            int[] cpus = parse(args.get(0));
            if (!jsonOption.json) {
                out.println("pid " + pid + "'s current affinity " + what + ": " + format(before));
            }
            p.cpuAffinity(cpus);
            int[] after = p.cpuAffinity();
            if (jsonOption.json) {
                out.println(Json.write(json(pid, after), jsonOption.pretty));
            } else {
                out.println("pid " + pid + "'s new affinity " + what + ": " + format(after));
            }
            out.flush();
            return 0;
        }
        if (args.size() < 2) {
            throw ProcText.usage(spec, "usage: taskset [-c] MASK|LIST COMMAND [ARG...]");
        }
        int[] cpus = parse(args.get(0));
        return ChildRunner.run(spec, args.subList(1, args.size()), self -> self.cpuAffinity(cpus));
    }

    private static java.util.Map<String, Object> json(int pid, int[] cpus) {
        var m = new LinkedHashMap<String, Object>();
        m.put("pid", pid);
        m.put("cpu_affinity", cpus);
        return m;
    }

    private int[] parse(String s) {
        try {
            int[] cpus = cpuList ? ProcText.parseCpuList(s) : ProcText.parseMask(s);
            if (cpus.length == 0) {
                throw new IllegalArgumentException("empty CPU set: " + s);
            }
            return cpus;
        } catch (IllegalArgumentException e) {
            throw ProcText.usage(spec, e.getMessage());
        }
    }

    private String format(int[] cpus) {
        return cpuList ? ProcText.formatCpuList(cpus) : ProcText.formatMask(cpus);
    }
}
