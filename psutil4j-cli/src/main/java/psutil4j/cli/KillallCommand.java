package psutil4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.AccessDeniedException;
import psutil4j.NoSuchProcessException;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j killall}: psmisc killall. NAME is matched against psutil's process name
 * (the kernel's 15-character comm, extended from the command line when truncated); as in psmisc,
 * a longer NAME also matches a process known only by its 15-character comm when the first 15
 * characters agree, unless {@code -e}. A NAME with a '/' matches the executable path.
 * Never signals itself. Exit 1 when some NAME matched nothing.
 */
@Command(name = "killall", mixinStandardHelpOptions = true,
        modelTransformer = ParserModes.DashWordsArePositional.class,
        description = "Kill processes by name (psmisc killall).",
        footer = {"", "Examples: killall sleep   killall -9 sleep   killall -s HUP -u www nginx"})
final class KillallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = {"-s", "--signal"}, paramLabel = "SIG", description = "Signal to send instead of TERM.")
    String signal;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Only processes of this user.")
    String user;

    @Option(names = {"-e", "--exact"}, description = "Require an exact match for long names.")
    boolean exact;

    @Option(names = {"-I", "--ignore-case"}, description = "Case-insensitive name match.")
    boolean ignoreCase;

    @Option(names = {"-r", "--regexp"}, description = "NAME is an extended regular expression.")
    boolean regexp;

    @Option(names = {"-q", "--quiet"}, description = "Do not complain when nothing was killed.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Report each signal sent.")
    boolean verbose;

    @Option(names = {"-w", "--wait"}, description = "Wait for the killed processes to end.")
    boolean await;

    @Option(names = {"-l", "--list"}, description = "List the signal names.")
    boolean list;

    @Parameters(paramLabel = "NAME", description = "Process names (a leading -SIG word picks the signal).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            KillCommand.printList(out);
            out.flush();
            return 0;
        }
        String sig = signal;
        var names = new ArrayList<String>();
        for (String a : args) {
            if (a.startsWith("-") && a.length() > 1 && names.isEmpty() && sig == null) {
                try {
                    ProcText.signal(a.substring(1));
                } catch (IllegalArgumentException e) {
                    throw ProcText.usage(spec, "unknown option or signal: " + a);
                }
                sig = a.substring(1);
            } else if (a.startsWith("-") && a.length() > 1) {
                throw ProcText.usage(spec, "unexpected option " + a);
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            throw ProcText.usage(spec, "no process name given");
        }
        int signum = sig == null ? 15 : ProcText.signal(sig);
        int self = (int) ProcessHandle.current().pid();
        int[] hits = new int[names.size()];
        var killed = new ArrayList<PsProcess>();
        var results = new ArrayList<Map<String, Object>>();
        int rc = 0;
        try (var s = Psutil.processIter(List.of("name", "exe", "username"), null)) {
            for (PsProcess p : (Iterable<PsProcess>) s::iterator) {
                if (p.pid() == self) {
                    continue;
                }
                Map<String, Object> info = p.info();
                if (user != null && !user.equals(info.get("username"))) {
                    continue;
                }
                for (int i = 0; i < names.size(); i++) {
                    if (!matches(names.get(i), info)) {
                        continue;
                    }
                    hits[i]++;
                    String error = null;
                    try {
                        p.sendSignal(signum);
                        killed.add(p);
                        if (verbose) {
                            err.println("Killed " + info.get("name") + "(" + p.pid() + ") with signal " + signum);
                        }
                    } catch (NoSuchProcessException e) {
                        error = "No such process";
                        hits[i]--;
                    } catch (AccessDeniedException e) {
                        error = "Operation not permitted (run as root or as the process's owner)";
                        rc = 1;
                        err.println(info.get("name") + "(" + p.pid() + "): " + error);
                    }
                    var m = new LinkedHashMap<String, Object>();
                    m.put("pid", p.pid());
                    m.put("name", info.get("name"));
                    m.put("signal", signum);
                    m.put("error", error);
                    results.add(m);
                    break;
                }
            }
        }
        for (int i = 0; i < names.size(); i++) {
            if (hits[i] == 0) {
                rc = 1;
                if (!quiet) {
                    err.println(names.get(i) + ": no process found");
                }
            }
        }
        if (await && !killed.isEmpty()) {
            Psutil.waitProcs(killed, null, null);
        }
        if (jsonOption.json) {
            out.println(Json.write(results, jsonOption.pretty));
        }
        out.flush();
        err.flush();
        return rc;
    }

    private boolean matches(String name, Map<String, Object> info) {
        String pname = info.get("name") instanceof String n ? n : "";
        if (regexp) {
            var p = Pattern.compile(name, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
            return p.matcher(pname).matches();
        }
        if (name.contains("/")) {
            return name.equals(info.get("exe"));
        }
        String a = ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
        String b = ignoreCase ? pname.toLowerCase(Locale.ROOT) : pname;
        if (a.equals(b)) {
            return true;
        }
        // psmisc: a NAME longer than the kernel's 15-character comm matches a process whose full
        // name is unknown (psutil could not extend the comm from the command line) by prefix
        return !exact && b.length() == 15 && a.length() > 15 && a.startsWith(b);
    }
}
