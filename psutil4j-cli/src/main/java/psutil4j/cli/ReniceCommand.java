package psutil4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import psutil4j.Psutil;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j renice}: util-linux renice (2.38: the value is absolute, as {@code -n}).
 * {@code renice [-n] N [-p] PID...} or {@code renice [-n] N -u USER...}; prints
 * "PID (process ID) old priority A, new priority B" per process. Exit 1 if any failed.
 */
@Command(name = "renice", mixinStandardHelpOptions = true,
        modelTransformer = ParserModes.DashWordsArePositional.class,
        description = "Alter the priority of running processes (util-linux renice).")
final class ReniceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = {"-n", "--priority"}, paramLabel = "N",
            description = "The nice value (-20..19).")
    String priority;

    @Option(names = {"-p", "--pid"}, description = "Arguments are process ids (the default).")
    boolean byPid;

    @Option(names = {"-u", "--user"}, description = "Arguments are user names or ids.")
    boolean byUser;

    @Parameters(paramLabel = "ID", description = "[N] then process ids (or users with -u).")
    List<String> args = new ArrayList<>();

    /**
     * util-linux {@code -u}: setpriority(PRIO_USER) changes every process whose real uid is the
     * user's; the "old priority" is getpriority(PRIO_USER), the lowest nice among them. One line
     * per user: "UID (user ID) old priority A, new priority B".
     */
    private int byUser(List<String> users, int value) {
        var procs = new ArrayList<Map<String, Object>>();
        try (var s = Psutil.processIter(List.of("pid", "username", "uids", "nice"), null)) {
            s.forEach(p -> procs.add(p.info()));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var results = new ArrayList<Map<String, Object>>();
        int rc = 0;
        for (String user : users) {
            long uid = ProcText.uid(user);
            if (uid < 0) {
                err.println("renice: unknown user " + user);
                rc = 1;
                continue;
            }
            int old = Integer.MAX_VALUE;
            var pids = new ArrayList<Integer>();
            for (Map<String, Object> info : procs) {
                if (!(info.get("uids") instanceof psutil4j.Uids ids)) {
                    continue;
                }
                if (ids.real() == uid) {
                    pids.add((Integer) info.get("pid"));
                    if (info.get("nice") instanceof Integer n) {
                        old = Math.min(old, n);
                    }
                }
            }
            if (pids.isEmpty()) {
                err.println("renice: failed to get priority for " + uid + " (user ID): No such process");
                rc = 1;
                continue;
            }
            boolean failed = false;
            for (int pid : pids) {
                try {
                    PsProcess.of(pid).nice(value);
                } catch (NoSuchProcessException e) {
                    // ended meanwhile
                } catch (AccessDeniedException e) {
                    failed = true;
                }
            }
            if (failed) {
                err.println("renice: failed to set priority for " + uid
                        + " (user ID): Permission denied (run as root to lower a nice value or renice another user's processes)");
                rc = 1;
                continue;
            }
            if (!jsonOption.json) {
                out.println(uid + " (user ID) old priority " + old + ", new priority " + value);
            }
            var m = new LinkedHashMap<String, Object>();
            m.put("uid", uid);
            m.put("pids", pids);
            m.put("old_nice", old);
            m.put("nice", value);
            results.add(m);
        }
        if (jsonOption.json) {
            out.println(Json.write(results, jsonOption.pretty));
        }
        out.flush();
        err.flush();
        return rc;
    }

    @Override
    public Integer call() {
        var ids = new ArrayList<>(args);
        String prio = priority;
        if (prio == null) {
            if (ids.isEmpty()) {
                throw ProcText.usage(spec, "no priority given");
            }
            prio = ids.remove(0);
        }
        int value;
        try {
            value = Integer.parseInt(prio.startsWith("+") ? prio.substring(1) : prio);
        } catch (NumberFormatException e) {
            throw ProcText.usage(spec, "invalid priority '" + prio + "'");
        }
        if (ids.isEmpty()) {
            throw ProcText.usage(spec, "no process id or user given");
        }
        for (String id : ids) {
            if (id.startsWith("-")) {
                throw ProcText.usage(spec, "unknown option " + id);
            }
        }
        if (byUser) {
            return byUser(ids, value);
        }
        var targets = new ArrayList<Integer>();
        for (String id : ids) {
            targets.add(ProcText.pid(spec, id));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int rc = 0;
        var results = new ArrayList<Map<String, Object>>();
        for (int pid : targets) {
            try {
                PsProcess p = PsProcess.of(pid);
                int old = p.nice();
                p.nice(value);
                int now = p.nice();
                if (!jsonOption.json) {
                    out.println(pid + " (process ID) old priority " + old + ", new priority " + now);
                }
                var m = new LinkedHashMap<String, Object>();
                m.put("pid", pid);
                m.put("old_nice", old);
                m.put("nice", now);
                results.add(m);
            } catch (NoSuchProcessException e) {
                err.println("renice: failed to get priority for " + pid + " (process ID): No such process");
                rc = 1;
            } catch (AccessDeniedException e) {
                err.println("renice: failed to set priority for " + pid
                        + " (process ID): Permission denied (run as root to lower a nice value or renice another user's process)");
                rc = 1;
            }
        }
        if (jsonOption.json) {
            out.println(Json.write(results, jsonOption.pretty));
        }
        out.flush();
        err.flush();
        return rc;
    }
}
