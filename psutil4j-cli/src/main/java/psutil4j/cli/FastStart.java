package psutil4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Start-up shortcut for {@link Main#main}: picocli builds the model of every subcommand by
 * reflection before it parses anything (about 10-20 ms per tool), so when the first argument names
 * a tool, only that tool is registered under a root that has Main's name, version and standard
 * options. Everything else (no arguments, --help, help, man, generate-completion, an unknown
 * name) gets the full tree of {@link Main#commandLine()}; a lone --version gets no tools at all.
 */
final class FastStart {

    private FastStart() {
    }

    static CommandLine commandLine(String[] args) {
        Command root = Main.class.getAnnotation(Command.class);
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return bare(root);
        }
        if (args.length == 0 || args[0].startsWith("-")) {
            return Main.commandLine();
        }
        for (Class<?> c : root.subcommands()) {
            Command sub = c.getAnnotation(Command.class);
            if (sub == null || !names(sub, args[0]) || needsTree(c)) {
                continue;
            }
            var cl = bare(root);
            cl.addSubcommand(new CommandLine(c));
            return cl;
        }
        return Main.commandLine();
    }

    /** A root with Main's name, version and standard options, and no tools yet. */
    private static CommandLine bare(Command root) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(new Main());
        spec.name(root.name());
        spec.version(root.version());
        spec.mixinStandardHelpOptions(root.mixinStandardHelpOptions());
        var cl = new CommandLine(spec);
        cl.setExecutionExceptionHandler(Main::handle);
        return cl;
    }

    private static boolean names(Command sub, String name) {
        if (sub.name().equals(name)) {
            return true;
        }
        for (String a : sub.aliases()) {
            if (a.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Commands that read the whole command tree (help, man pages, completion). */
    private static boolean needsTree(Class<?> c) {
        return c == CommandLine.HelpCommand.class || c.getEnclosingClass() == DocsCommands.class;
    }
}
