package psutil4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j pidof}: procps pidof. A process matches NAME when NAME equals its argv[0] or
 * executable path, or NAME's base name equals theirs (or, for kernel threads with no command
 * line, the process name). Pids are printed newest first (descending), as procps does. Exit 1
 * when nothing matched.
 */
@Command(name = "pidof", mixinStandardHelpOptions = true,
        description = "Find the process ids of running programs (procps pidof).")
final class PidofCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = "-s", description = "Single shot: print one pid only.")
    boolean single;

    @Option(names = "-x", description = "Also match scripts: the interpreted file (argv[1]) of an interpreter.")
    boolean scripts;

    @Option(names = "-o", paramLabel = "PID", split = ",", description = "Omit these pids; %%PPID is our parent.")
    List<String> omit = new ArrayList<>();

    @Option(names = {"-S", "--separator"}, paramLabel = "SEP", description = "Separator between pids (default a blank).")
    String separator = " ";

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Program names or paths.")
    List<String> programs = new ArrayList<>();

    @Override
    public Integer call() {
        PsProcess self = PsProcess.current();
        var skip = new HashSet<Integer>();
        skip.add(self.pid());
        for (String o : omit) {
            if (o.equals("%PPID")) {
                skip.add(self.ppid());
            } else {
                skip.add(ProcText.pid(spec, o));
            }
        }
        List<Integer> found = find(programs, scripts, skip);
        if (single && found.size() > 1) {
            found = found.subList(0, 1);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (jsonOption.json) {
            out.println(Json.write(found, jsonOption.pretty));
        } else if (!found.isEmpty()) {
            var sb = new StringBuilder();
            for (int p : found) {
                if (!sb.isEmpty()) {
                    sb.append(separator);
                }
                sb.append(p);
            }
            out.println(sb);
        }
        out.flush();
        return found.isEmpty() ? 1 : 0;
    }

    /** Pids of the processes matching any of {@code programs}, descending. */
    static List<Integer> find(List<String> programs, boolean scripts, Set<Integer> skip) {
        var found = new ArrayList<Integer>();
        try (var s = Psutil.processIter(List.of("name", "cmdline", "exe"), null)) {
            s.forEach(p -> {
                if (skip.contains(p.pid())) {
                    return;
                }
                Map<String, Object> info = p.info();
                for (String prog : programs) {
                    if (matches(prog, info, scripts)) {
                        found.add(p.pid());
                        return;
                    }
                }
            });
        }
        found.sort((a, b) -> Integer.compare(b, a));
        return found;
    }

    static String basename(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? path : path.substring(i + 1);
    }

    @SuppressWarnings("unchecked")
    static boolean matches(String prog, Map<String, Object> info, boolean scripts) {
        String base = basename(prog);
        List<String> cmd = info.get("cmdline") instanceof List<?> l ? (List<String>) l : List.of();
        String exe = info.get("exe") instanceof String e ? e : "";
        if (cmd.isEmpty()) {
            // kernel threads and zombies: only the name is known
            return prog.equals(info.get("name"));
        }
        String arg0 = cmd.get(0);
        // argv[0] may carry arguments after a blank when a program rewrote it ("sshd: user")
        int sp = arg0.indexOf(' ');
        String arg0word = sp > 0 && arg0.startsWith("/") ? arg0.substring(0, sp) : arg0;
        if (prog.equals(arg0) || prog.equals(arg0word) || (!exe.isEmpty() && prog.equals(exe))) {
            return true;
        }
        if (base.equals(basename(arg0word)) || (!exe.isEmpty() && base.equals(basename(exe)))) {
            return true;
        }
        return scripts && cmd.size() > 1 && (prog.equals(cmd.get(1)) || base.equals(basename(cmd.get(1))));
    }
}
