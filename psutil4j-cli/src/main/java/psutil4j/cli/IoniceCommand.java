package psutil4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.AccessDeniedException;
import psutil4j.IoNice;
import psutil4j.IoPrioClass;
import psutil4j.NoSuchProcessException;
import psutil4j.PsProcess;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j ionice}: util-linux ionice. {@code ionice -p PID...} prints
 * "best-effort: prio 4" (or "idle", "none: prio 0"); {@code ionice -c CLASS [-n N] -p PID...}
 * sets; {@code ionice -c CLASS [-n N] CMD...} runs CMD with that I/O priority (set on the thread
 * that starts it, see {@link ChildRunner}). Classes: 0/none, 1/realtime, 2/best-effort, 3/idle;
 * -n alone implies best-effort.
 */
@Command(name = "ionice", mixinStandardHelpOptions = true,
        modelTransformer = ParserModes.CommandFollows.class,
        description = "Set or get process I/O scheduling class and priority (util-linux ionice).")
final class IoniceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = {"-c", "--class"}, paramLabel = "CLASS", description = "0 none, 1 realtime, 2 best-effort, 3 idle.")
    String ioclass;

    @Option(names = {"-n", "--classdata"}, paramLabel = "N", description = "Priority 0 (highest) .. 7 in the class.")
    Integer level;

    @Option(names = {"-p", "--pid"}, description = "Arguments are process ids.")
    boolean byPid;

    @Option(names = {"-t", "--ignore"}, description = "Ignore failures to set the priority.")
    boolean ignore;

    @Parameters(paramLabel = "PID|COMMAND", description = "Process ids (with -p) or a command to run.")
    List<String> args = new ArrayList<>();

    static IoPrioClass parseClass(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "0", "none" -> IoPrioClass.NONE;
            case "1", "realtime" -> IoPrioClass.RT;
            case "2", "best-effort" -> IoPrioClass.BE;
            case "3", "idle" -> IoPrioClass.IDLE;
            default -> throw new IllegalArgumentException("unknown scheduling class: '" + s + "'");
        };
    }

    /** util-linux's text: "best-effort: prio 4", "idle", "none: prio 0". */
    static String describe(IoNice n) {
        return switch (n.ioclass()) {
            case NONE -> "none: prio " + n.value();
            case RT -> "realtime: prio " + n.value();
            case BE -> "best-effort: prio " + n.value();
            case IDLE -> "idle";
        };
    }

    @Override
    public Integer call() {
        IoPrioClass cls;
        try {
            cls = ioclass == null ? (level != null ? IoPrioClass.BE : null) : parseClass(ioclass);
        } catch (IllegalArgumentException e) {
            throw ProcText.usage(spec, e.getMessage());
        }
        int data = level == null ? (cls == IoPrioClass.BE || cls == IoPrioClass.RT ? 4 : 0) : level;
        if (cls == IoPrioClass.IDLE || cls == IoPrioClass.NONE) {
            data = 0; // util-linux ignores the level for these classes
        }
        if (level != null && (level < 0 || level > 7)) {
            throw ProcText.usage(spec, "priority level " + level + " out of range 0-7");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!byPid) {
            if (args.isEmpty()) {
                // no pid and no command: ourselves, as util-linux
                IoNice me = PsProcess.current().ionice();
                out.println(jsonOption.json ? Json.write(me, jsonOption.pretty) : describe(me));
                out.flush();
                return 0;
            }
            if (args.get(0).startsWith("-")) {
                throw ProcText.usage(spec, "unknown option " + args.get(0));
            }
            if (cls == null) {
                throw ProcText.usage(spec, "a command needs -c CLASS or -n N");
            }
            final IoPrioClass c = cls;
            final int d = data;
            return ChildRunner.run(spec, args, self -> {
                try {
                    self.ionice(c, d);
                } catch (AccessDeniedException e) {
                    if (!ignore) {
                        throw e;
                    }
                }
            });
        }
        if (args.isEmpty()) {
            throw ProcText.usage(spec, "-p needs a process id");
        }
        int rc = 0;
        var results = new ArrayList<Map<String, Object>>();
        for (String a : args) {
            int pid = ProcText.pid(spec, a);
            try {
                PsProcess p = PsProcess.of(pid);
                if (cls == null) {
                    IoNice n = p.ionice();
                    if (jsonOption.json) {
                        var m = new LinkedHashMap<String, Object>();
                        m.put("pid", pid);
                        m.put("ionice", n);
                        results.add(m);
                    } else {
                        out.println(describe(n));
                    }
                } else {
                    p.ionice(cls, data);
                }
            } catch (NoSuchProcessException e) {
                err.println("ionice: ioprio for pid " + pid + " failed: No such process");
                rc = 1;
            } catch (AccessDeniedException e) {
                if (!ignore) {
                    err.println("ionice: ioprio_set for pid " + pid
                            + " failed: Operation not permitted (the realtime class and other users' processes need root)");
                    rc = 1;
                }
            }
        }
        if (jsonOption.json && cls == null) {
            out.println(Json.write(results, jsonOption.pretty));
        }
        out.flush();
        err.flush();
        return rc;
    }
}
