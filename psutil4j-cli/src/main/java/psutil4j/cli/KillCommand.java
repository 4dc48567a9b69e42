package psutil4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.AccessDeniedException;
import psutil4j.NoSuchProcessException;
import psutil4j.PsProcess;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j kill}: procps kill. {@code kill PID...} sends TERM; the signal is given as
 * {@code -9}, {@code -KILL}, {@code -SIGKILL} or {@code -s SIG}; {@code -l [SIG]} lists names or
 * converts a number, {@code -L} prints a table. Every pid is tried; exit 1 if any failed.
 * Negative pids (process groups) are not supported: psutil signals processes.
 */
@Command(name = "kill", mixinStandardHelpOptions = true,
        modelTransformer = ParserModes.DashWordsArePositional.class,
        description = "Send a signal to processes (procps kill).",
        footer = {"", "Examples: kill 1234   kill -9 1234   kill -s HUP 1234   kill -l   kill -l 15"})
final class KillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = {"-s", "--signal"}, paramLabel = "SIG", description = "The signal to send (name or number).")
    String signal;

    @Option(names = "-l", arity = "0", description = "List signal names, or convert the given number/name.")
    boolean list;

    @Option(names = {"-L", "--table"}, description = "List signal names and numbers in a table.")
    boolean table;

    @Parameters(paramLabel = "PID", description = "Process ids; a leading -SIG word picks the signal.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var pids = new ArrayList<Integer>();
        String sig = signal;
        for (String a : args) {
            if (a.startsWith("-") && a.length() > 1) {
                if (sig != null || !pids.isEmpty() || list || table) {
                    throw ProcText.usage(spec, "unexpected option " + a);
                }
                sig = a.substring(1);
                try {
                    ProcText.signal(sig);
                } catch (IllegalArgumentException e) {
                    throw ProcText.usage(spec, "unknown option or signal: " + a);
                }
            } else if (!list) {
                pids.add(ProcText.pid(spec, a));
            }
        }
        if (table) {
            printTable(out);
            out.flush();
            return 0;
        }
        if (list) {
            if (args.isEmpty()) {
                printList(out);
            } else {
                for (String a : args) {
                    // kill -l 9 -> KILL; kill -l KILL -> 9
                    int n = ProcText.signal(a);
                    out.println(a.chars().allMatch(Character::isDigit) ? ProcText.signalName(n) : Integer.toString(n));
                }
            }
            out.flush();
            return 0;
        }
        if (pids.isEmpty()) {
            throw ProcText.usage(spec, "no process id specified");
        }
        int signum = sig == null ? 15 : ProcText.signal(sig);
        PrintWriter err = spec.commandLine().getErr();
        int rc = 0;
        var results = new ArrayList<java.util.Map<String, Object>>();
        for (int pid : pids) {
            String error = null;
            try {
                if (pid == 0) {
                    throw new IllegalArgumentException("pid 0 would signal our own process group; not supported");
                }
                PsProcess.of(pid).sendSignal(signum);
            } catch (NoSuchProcessException e) {
                error = "No such process";
            } catch (AccessDeniedException e) {
                error = "Operation not permitted (run as root or as the process's owner)";
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
            if (error != null) {
                err.println("kill: (" + pid + "): " + error);
                rc = 1;
            }
            var m = new java.util.LinkedHashMap<String, Object>();
            m.put("pid", pid);
            m.put("signal", signum);
            m.put("error", error);
            results.add(m);
        }
        if (jsonOption.json) {
            out.println(Json.write(results, jsonOption.pretty));
            out.flush();
        }
        err.flush();
        return rc;
    }

    /** procps {@code kill -l}: the 31 standard names, 16 a line. */
    static void printList(PrintWriter out) {
        var sb = new StringBuilder();
        for (int i = 1; i < ProcText.SIGNALS.length; i++) {
            sb.append(ProcText.SIGNALS[i]);
            sb.append(i == 16 || i == ProcText.SIGNALS.length - 1 ? "\n" : " ");
        }
        out.print(sb);
    }

    /** procps {@code kill -L}: "%2d %-8s", 7 a line (the 7th unpadded), signals 1-31. */
    static void printTable(PrintWriter out) {
        var sb = new StringBuilder();
        for (int i = 1; i < ProcText.SIGNALS.length; i++) {
            if (i % 7 == 0) {
                sb.append(String.format("%2d %s%n", i, ProcText.SIGNALS[i]));
            } else {
                sb.append(String.format("%2d %-8s", i, ProcText.SIGNALS[i]));
            }
        }
        if (sb.charAt(sb.length() - 1) != '\n') {
            sb.append(System.lineSeparator());
        }
        out.print(sb);
    }
}
