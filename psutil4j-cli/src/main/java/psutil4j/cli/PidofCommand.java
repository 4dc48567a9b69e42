package psutil4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * {@code ./psutil4j pidof}: procps pidof (matching rules in {@link #matches}). For each NAME in
 * turn, its pids are printed newest (highest pid) first, as procps does; we never list
 * ourselves. Exit 1 when nothing matched.
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

    @Option(names = {"-q", "--quiet"}, description = "Print nothing, only set the exit status.")
    boolean quiet;

    @Option(names = {"-w", "--with-workers"}, description = "Also match kernel threads by name.")
    boolean workers;

    @Option(names = {"-S", "-d", "--separator"}, paramLabel = "SEP", description = "Separator between pids (default a blank).")
    String separator = " ";

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Program names or paths.")
    List<String> programs = new ArrayList<>();

    @Override
    public Integer call() {
        PsProcess self = PsProcess.current();
        var skip = new HashSet<Integer>();
        skip.add(self.pid());
        for (String o : omit) {
            for (String w : o.split("[;:]")) {
                if (w.equals("%PPID")) {
                    skip.add(self.ppid());
                } else if (!w.isEmpty()) {
                    skip.add(ProcText.pid(spec, w));
                }
            }
        }
        List<Map<String, Object>> procs = table();
        var found = new ArrayList<Integer>();
        // procps: each NAME in turn, its pids newest first; -s keeps the first of each NAME
        for (String prog : programs) {
            if (prog.isEmpty()) {
                continue;
            }
            for (int i = procs.size() - 1; i >= 0; i--) {
                Map<String, Object> info = procs.get(i);
                int pid = (Integer) info.get("pid");
                if (!skip.contains(pid) && matches(prog, info, scripts, workers)) {
                    found.add(pid);
                    if (single || quiet) {
                        break;
                    }
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (jsonOption.json) {
            out.println(Json.write(found, jsonOption.pretty));
        } else if (!found.isEmpty() && !quiet) {
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

    /** pid, name, cmdline and exe of every process, in pid order (one sweep). */
    static List<Map<String, Object>> table() {
        var procs = new ArrayList<Map<String, Object>>();
        try (var s = Psutil.processIter(List.of("pid", "name", "cmdline", "exe"), null)) {
            s.forEach(p -> procs.add(p.info()));
        }
        return procs;
    }

    static String basename(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? path : path.substring(i + 1);
    }

    /**
     * procps 4's select_procs: NAME equals argv[0], its base name, the exe link or its base name,
     * or NAME's base name equals argv[0] (a leading '-' of login shells dropped). With -x, a script
     * run through its #! line: the kernel's name (comm) is the script's, and argv[1] is the script.
     * Processes without a command line (kernel threads) only match with -w, by name; a program
     * that rewrote argv[0] with blanks (setproctitle) matches by name.
     */
    @SuppressWarnings("unchecked")
    static boolean matches(String prog, Map<String, Object> info, boolean scripts, boolean workers) {
        List<String> cmd = info.get("cmdline") instanceof List<?> l ? (List<String>) l : List.of();
        String name = info.get("name") instanceof String n ? n : "";
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        if (cmd.isEmpty()) {
            return workers && prog.equals(name);
        }
        String exe = info.get("exe") instanceof String e ? e : "";
        String arg0 = cmd.get(0).startsWith("-") ? cmd.get(0).substring(1) : cmd.get(0);
        String progBase = basename(prog);
        if (prog.equals(basename(arg0)) || progBase.equals(arg0) || prog.equals(arg0)
                || (!exe.isEmpty() && (prog.equals(basename(exe)) || prog.equals(exe)))) {
            return true;
        }
        if (scripts && cmd.size() > 1) {
            String arg1 = cmd.get(1);
            String arg1base = basename(arg1);
            if (!comm.isEmpty() && arg1base.startsWith(comm)
                    && (prog.equals(arg1base) || progBase.equals(arg1) || prog.equals(arg1))) {
                return true;
            }
        }
        return arg0.contains(" ") && prog.equals(name);
    }
}
