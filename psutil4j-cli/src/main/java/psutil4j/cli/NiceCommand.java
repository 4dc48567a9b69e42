package psutil4j.cli;

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
import psutil4j.PsProcess;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j nice}: coreutils nice. Without a command, prints the current niceness.
 * {@code nice [-n N] CMD...} runs CMD with the niceness raised by N (default 10), clamped to
 * -20..19. The new value is set on a fresh thread, which then starts CMD (see {@link ChildRunner}),
 * so CMD runs at that niceness from its start. Exit status is CMD's (125 for our own failure,
 * 126/127 when CMD cannot run). Failing to lower the niceness without privileges is a warning,
 * as in coreutils.
 */
@Command(name = "nice", mixinStandardHelpOptions = true,
        modelTransformer = ParserModes.CommandFollows.class,
        description = "Run a program with modified scheduling priority (coreutils nice).")
final class NiceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = {"-n", "--adjustment"}, paramLabel = "N", description = "Add N to the niceness (default 10).")
    Integer adjustment;

    @Parameters(paramLabel = "COMMAND", description = "The command and its arguments.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        var argv = new ArrayList<>(command);
        Integer adj = adjustment;
        if (!argv.isEmpty() && argv.get(0).startsWith("-") && argv.get(0).length() > 1) {
            // the old form "nice -5 cmd" / "nice --5 cmd"
            String w = argv.get(0).substring(1);
            try {
                if (adj != null) {
                    throw new NumberFormatException();
                }
                adj = Integer.parseInt(w);
                argv.remove(0);
            } catch (NumberFormatException e) {
                throw ProcText.usage(spec, "unknown option " + argv.get(0));
            }
        }
        int current = PsProcess.of(ChildRunner.threadId()).nice();
        if (argv.isEmpty()) {
            if (adj != null) {
                throw ProcText.usage(spec, "a command must be given with an adjustment");
            }
            var out = spec.commandLine().getOut();
            out.println(jsonOption.json ? Json.write(java.util.Map.of("nice", current), jsonOption.pretty) : current);
            out.flush();
            return 0;
        }
        int target = Math.max(-20, Math.min(19, current + (adj == null ? 10 : adj)));
        var err = spec.commandLine().getErr();
        return ChildRunner.run(spec, argv, self -> {
            try {
                self.nice(target);
            } catch (AccessDeniedException e) {
                err.println("nice: cannot set niceness: Permission denied (lowering it needs root)");
                err.flush();
            }
        });
    }
}
