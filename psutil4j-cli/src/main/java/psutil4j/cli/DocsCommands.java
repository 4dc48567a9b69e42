package psutil4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.cli.render.Json;

/** The commands that print the shell completion script and man pages from the live command model. */
final class DocsCommands {

    private DocsCommands() {
    }

    /** The bash/zsh completion script for the whole command tree. */
    static String completion(CommandLine root) {
        // also complete the launcher as typed from a checkout
        return AutoComplete.bash(root.getCommandName(), root)
                + "complete -F _complete_" + root.getCommandName() + " -o default ./" + root.getCommandName() + "\n";
    }

    /** Writes {@code dir}/completion/psutil4j.bash and {@code dir}/man/man1/*.1 for every command. */
    static void writeAll(CommandLine root, Path dir) throws IOException {
        Path comp = dir.resolve("completion");
        Path man = dir.resolve("man").resolve("man1");
        Files.createDirectories(comp);
        Files.createDirectories(man);
        Files.writeString(comp.resolve(root.getCommandName() + ".bash"), completion(root));
        String version = version(root);
        Files.writeString(man.resolve(ManPage.fileName(root.getCommandSpec())), ManPage.troff(root.getCommandSpec(), version));
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (!s.usageMessage().hidden()) {
                Files.writeString(man.resolve(ManPage.fileName(s)), ManPage.troff(s, version));
            }
        }
    }

    static String version(CommandLine root) {
        String[] v = root.getCommandSpec().version();
        return v.length == 0 ? "" : v[0];
    }

    /** {@code ./psutil4j generate-completion}: prints the completion script (source it in bash or zsh). */
    @Command(name = "generate-completion", mixinStandardHelpOptions = true,
            description = {"Print the bash/zsh completion script for every tool.",
                    "Use: source <(./psutil4j generate-completion)"})
    static final class Completion implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        JsonOption jsonOption;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            CommandLine root = spec.root().commandLine();
            String script = completion(root);
            if (jsonOption.json) {
                var m = new java.util.LinkedHashMap<String, Object>();
                m.put("shell", "bash");
                m.put("name", root.getCommandName());
                m.put("script", script);
                out.println(Json.write(m, jsonOption.pretty));
            } else {
                out.print(script);
            }
            out.flush();
        }
    }

    /** {@code ./psutil4j man [TOOL]}: prints a man page in troff; view it with {@code | man -l -}. */
    @Command(name = "man", mixinStandardHelpOptions = true,
            description = {"Print the man page (troff) of psutil4j or of one tool.",
                    "Use: ./psutil4j man top | man -l -"})
    static final class Man implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "TOOL", description = "The tool; none = psutil4j itself.")
        String tool;

        @Mixin
        JsonOption jsonOption;

        @Override
        public void run() {
            CommandLine root = spec.root().commandLine();
            CommandLine target = root;
            if (tool != null) {
                target = root.getSubcommands().get(tool);
                if (target == null) {
                    throw new IllegalArgumentException("no such tool '" + tool + "'; tools: "
                            + String.join(", ", root.getSubcommands().keySet()));
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            String troff = ManPage.troff(target.getCommandSpec(), version(root));
            if (jsonOption.json) {
                var m = new java.util.LinkedHashMap<String, Object>();
                m.put("name", target.getCommandSpec().qualifiedName("-"));
                m.put("section", 1);
                m.put("file", ManPage.fileName(target.getCommandSpec()));
                m.put("troff", troff);
                out.println(Json.write(m, jsonOption.pretty));
            } else {
                out.print(troff);
            }
            out.flush();
        }
    }
}
