package psutil4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./psutil4j <tool>}: the root command; each tool is a subcommand. */
@Command(name = "psutil4j", mixinStandardHelpOptions = true, version = "psutil4j 0.1.0",
        description = "psutil for the JVM: system and process tools.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
