package psutil4j.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import psutil4j.AccessDeniedException;
import psutil4j.NoSuchProcessException;
import psutil4j.PsutilException;
import psutil4j.TimeoutExpiredException;
import psutil4j.ZombieProcessException;

/**
 * {@code ./psutil4j <tool>}: the root command; each tool is a small package-private subcommand.
 *
 * <p>Exit codes: 0 success, 1 a runtime failure (one stderr line, no stack trace), 2 a usage
 * error (unknown flag, bad value).
 */
@Command(name = "psutil4j", mixinStandardHelpOptions = true, version = "psutil4j 0.1.0",
        description = "psutil for the JVM: system and process tools.",
        subcommands = {SnapshotCommand.class, ServeCommand.class,
            // processes
            PsCommand.class, ProcinfoCommand.class, ProcsmemCommand.class, PstreeCommand.class, PidofCommand.class,
            KillCommand.class, KillallCommand.class, NiceCommand.class, ReniceCommand.class, IoniceCommand.class,
            TasksetCommand.class, PmapCommand.class,
            // system
            FreeCommand.class, MeminfoCommand.class, UptimeCommand.class, WhoCommand.class, TtyCommand.class,
            DfCommand.class, IostatCommand.class, NetstatCommand.class, IfconfigCommand.class, LsofCommand.class,
            SensorsCommand.class,
            // live views, shell completion, man pages
            TopCommand.class, IotopCommand.class, DocsCommands.Completion.class, DocsCommands.Man.class,
            // the agent
            RulesCommand.class, ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        var cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handle);
        // "ps --sort -pid", "--sort=-rss": a value may start with '-' when it is not an option itself
        cl.setAllowOptionsAsOptionParameters(true);
        return cl;
    }

    public static void main(String[] args) {
        FastStart.chooseIo(args);
        FastStart.Tool fast = FastStart.parse(args);
        if (fast == null) {
            System.exit(FastStart.commandLine(args).execute(args));
        }
        int rc = FastStart.run(fast, args, FastStart.writer(System.out, "sun.stdout.encoding"),
                FastStart.writer(System.err, "sun.stderr.encoding"));
        if (rc != 0) {
            System.exit(rc);
        }
        // returning ends the JVM with status 0 without System.exit, whose logging (JDK 21+, at
        // level DEBUG) starts the System.Logger machinery: a few milliseconds; no thread is left
    }

    /** Turns a failure into one line on stderr and exit code 1. */
    static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandName() + ": " + describe(ex));
        err.flush();
        return 1;
    }

    static String describe(Exception ex) {
        return switch (ex) {
            case ZombieProcessException e -> e.getMessage();
            case NoSuchProcessException e -> e.getMessage();
            case AccessDeniedException e -> e.getMessage() + " (try again as root, or as the process's owner)";
            case TimeoutExpiredException e -> e.getMessage();
            case PsutilException e -> e.getMessage();
            case IllegalArgumentException e -> e.getMessage();
            default -> ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        };
    }
}
