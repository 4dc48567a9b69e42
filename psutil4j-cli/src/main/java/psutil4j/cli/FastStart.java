package psutil4j.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Start-up shortcuts for {@link Main#main}; docs/LAUNCHER.md has the measurements.
 *
 * <p><b>Without picocli.</b> Building picocli's model reads the command's annotations, and the
 * JDK makes a proxy class per annotation type (the AOT cache cannot keep them): tens of
 * milliseconds, more than a one-shot tool spends on its work. So a tool may parse the common
 * forms of its arguments itself ({@link Tool}, registered in {@link #parse}): only flags it
 * knows, each at most once, nothing picocli would reject. It returns null for anything else
 * ({@code --help}, values, unknown or repeated flags, ...), and picocli parses those as before,
 * errors and exit codes included. {@code FastPathTest} checks each fast parser against picocli's
 * for every flag, pair of flags and cluster.
 *
 * <p><b>One tool's model.</b> When picocli does parse, and the first argument names a tool, only
 * that tool is registered under a root that has Main's name, version and standard options (picocli
 * reflects over every registered subcommand before parsing). Everything else (no arguments,
 * --help, help, man, generate-completion, an unknown name) gets the full tree of {@link
 * Main#commandLine()}; a lone --version gets no tools at all.
 *
 * <p><b>JDK file I/O.</b> One-shot tools read /proc with the JDK's file I/O rather than the
 * library's downcalls ({@code psutil4j.io=jdk}): the first downcalls of a JVM cost tens of
 * milliseconds. Long-running tools keep the downcalls, which allocate nothing per read.
 */
final class FastStart {

    /** A tool's work once its fast path has parsed the arguments. */
    interface Tool {
        /** Runs the tool, printing to {@code out}; returns the exit code. */
        int run(PrintWriter out) throws Exception;
    }

    /**
     * The tools with a fast path ({@link #parse}). The launcher starts each of them with an AOT
     * cache of its own ({@link AotTraining}).
     */
    static final Set<String> FAST = Set.of("free", "ps");

    /** Tools that run until stopped or refresh a screen: the downcalls pay off there. */
    private static final Set<String> LONG_RUNNING = Set.of("serve", "top", "iotop");

    private FastStart() {
    }

    /**
     * Sets {@code psutil4j.io=jdk} (unless set already) for every tool but the long-running ones.
     * Must run before the library reads a file.
     */
    static void chooseIo(String[] args) {
        if (System.getProperty("psutil4j.io") == null && !(args.length > 0 && LONG_RUNNING.contains(args[0]))) {
            System.setProperty("psutil4j.io", "jdk");
        }
    }

    /**
     * The tool named by args[0], configured from the rest of {@code args} by its fast parser, or
     * null when there is none or it leaves these arguments to picocli.
     */
    static Tool parse(String[] args) {
        if (args.length == 0) {
            return null;
        }
        // a switch, not a map of method references: those would load every tool's class
        return switch (args[0]) {
            case "free" -> FreeCommand.fast(args);
            case "ps" -> PsCommand.fast(args);
            default -> null;
        };
    }

    /**
     * Runs {@code tool} as picocli's execute would: a failure is one line on {@code err} and exit
     * code 1 ({@link Main#handle}); a usage error (a value the tool rejects) is picocli's message
     * and usage, exit code 2.
     */
    static int run(Tool tool, String[] args, PrintWriter out, PrintWriter err) {
        try {
            return tool.run(out);
        } catch (Exception e) {
            out.flush();
            // no catch clause for picocli's exception: the verifier would load picocli for it
            if (e instanceof CommandLine.ParameterException) {
                return usageError(e, args, out, err);
            }
            return handle(args[0], e, err);
        } finally {
            out.flush();
        }
    }

    /** picocli's message and usage for a usage error, exit code 2. */
    private static int usageError(Exception e, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        CommandLine sub = cl.getSubcommands().get(args[0]);
        try {
            return cl.getParameterExceptionHandler().handleParseException(
                    new CommandLine.ParameterException(sub, e.getMessage()), args);
        } catch (Exception unexpected) {
            return handle(args[0], unexpected, err);
        }
    }

    private static int handle(String name, Exception e, PrintWriter err) {
        err.println(name + ": " + Main.describe(e));
        err.flush();
        return 1;
    }

    /** picocli's default out/err writer over {@code stream} (CommandLine#newPrintWriter). */
    static PrintWriter writer(OutputStream stream, String encodingProperty) {
        String encoding = System.getProperty(encodingProperty);
        Charset cs;
        try {
            cs = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        } catch (RuntimeException e) {
            cs = Charset.defaultCharset();
        }
        return new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, cs)), true);
    }

    /**
     * Parses {@code args[1..]} as flags that take no value: "-x", clusters such as "-xy", and
     * "--long". {@code names} maps each spelling to the flag's key. Returns the keys given, or
     * null when an argument is anything else (a value, "--", "-", an unknown flag) or a flag comes
     * twice: those are picocli's to parse or reject.
     */
    static Set<String> flags(String[] args, Map<String, String> names) {
        return flags(args, names, null, null);
    }

    /**
     * As {@link #flags(String[], Map)}, and positional words too when {@code word} accepts them
     * (appended to {@code words}, in order).
     */
    static Set<String> flags(String[] args, Map<String, String> names, Predicate<String> word, List<String> words) {
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (word != null && !a.startsWith("-") && !a.startsWith("@") && word.test(a)) {
                words.add(a);
            } else if (names.containsKey(a)) {
                if (!add(seen, names.get(a))) {
                    return null;
                }
            } else if (a.length() >= 2 && a.charAt(0) == '-' && a.charAt(1) != '-') {
                for (int j = 1; j < a.length(); j++) {
                    if (!add(seen, names.get("-" + a.charAt(j)))) {
                        return null;
                    }
                }
            } else {
                return null;
            }
        }
        return seen;
    }

    private static boolean add(Set<String> seen, String key) {
        return key != null && seen.add(key);
    }

    // ---- picocli --------------------------------------------------------------------------------

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
            cl.setAllowOptionsAsOptionParameters(true); // as Main.commandLine(), now that the tool is added
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
