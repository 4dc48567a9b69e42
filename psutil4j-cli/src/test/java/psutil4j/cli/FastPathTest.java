package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import psutil4j.NoSuchProcessException;

/**
 * FastStart's parsers against picocli's: for every option spelling of the tool's picocli model,
 * every pair, every two-letter cluster and some malformed arguments, a fast parser either leaves
 * the arguments to picocli (null) or configures the tool exactly as picocli would (all fields,
 * mixins and groups included), and only for arguments picocli accepts.
 */
class FastPathTest {

    @Test
    void freeParsesAsPicocli() {
        int handled = agreesWithPicocli("free", FreeCommand::new, FreeCommand::fast);
        assertTrue(handled > 100, "fast path taken " + handled + " times");
        // the forms the fast path is for
        for (String[] a : List.of(new String[] {"free"}, new String[] {"free", "-h"}, new String[] {"free", "-hwt"},
                new String[] {"free", "--json"}, new String[] {"free", "--si", "--human", "--total"})) {
            assertNotNull(FreeCommand.fast(a), String.join(" ", a));
        }
        // left to picocli: values, help, errors
        for (String[] a : List.of(new String[] {"free", "-s", "1"}, new String[] {"free", "-c2"}, new String[] {"free", "--help"},
                new String[] {"free", "-m", "-g"}, new String[] {"free", "-ww"}, new String[] {"free", "--bogus"},
                new String[] {"free", "-w", "--wide"}, new String[] {"free", "--"}, new String[] {"free", "x"})) {
            assertNull(FreeCommand.fast(a), String.join(" ", a));
        }
    }

    @Test
    void psParsesAsPicocli() {
        int handled = agreesWithPicocli("ps", PsCommand::new, PsCommand::fast, "aux", "axf", "ux", "auxq", "-ef", "-aux");
        assertTrue(handled > 100, "fast path taken " + handled + " times");
        for (String[] a : List.of(new String[] {"ps"}, new String[] {"ps", "aux"}, new String[] {"ps", "-ef"},
                new String[] {"ps", "axf", "--json"}, new String[] {"ps", "-e", "--forest", "--no-headers"})) {
            assertNotNull(PsCommand.fast(a), String.join(" ", a));
        }
        for (String[] a : List.of(new String[] {"ps", "-o", "pid"}, new String[] {"ps", "-p1"}, new String[] {"ps", "--sort=pid"},
                new String[] {"ps", "auxq"}, new String[] {"ps", "-e", "-A"}, new String[] {"ps", "--help"},
                new String[] {"ps", "--", "aux"}, new String[] {"ps", "@args"})) {
            assertNull(PsCommand.fast(a), String.join(" ", a));
        }
    }

    @Test
    void everyFastToolHasAParser() {
        for (String tool : FastStart.FAST) {
            assertNotNull(FastStart.parse(new String[] {tool}), tool);
        }
        assertNull(FastStart.parse(new String[] {"snapshot"}));
        assertNull(FastStart.parse(new String[0]));
    }

    @Test
    void theFastPathPrintsWhatPicocliPrints() {
        for (String[] args : List.of(new String[] {"free", "-b"}, new String[] {"free", "-hwt", "--si"})) {
            var out = new StringWriter();
            int rc = FastStart.run(FastStart.parse(args), args, new PrintWriter(out), new PrintWriter(new StringWriter()));
            assertEquals(0, rc);
            Cli.Result viaPicocli = Cli.ours(args);
            List<String> fast = List.of(out.toString().split("\n"));
            List<String> slow = viaPicocli.lines();
            assertEquals(slow.size(), fast.size(), out.toString());
            assertEquals(slow.get(0), fast.get(0), "header");
            assertEquals(slow.get(1).split("\\s+")[1], fast.get(1).split("\\s+")[1], "Mem total");
        }
    }

    @Test
    void failuresAreReportedAsPicocliReportsThem() {
        String[] args = {"free"};
        var out = new StringWriter();
        var err = new StringWriter();
        int rc = FastStart.run(o -> {
            throw new NoSuchProcessException(42, "sh", null);
        }, args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(1, rc);
        assertEquals("free: " + Main.describe(new NoSuchProcessException(42, "sh", null)) + "\n", err.toString());

        err = new StringWriter();
        rc = FastStart.run(o -> {
            throw new CommandLine.ParameterException(new CommandLine(new FreeCommand()), "count argument '0' is not positive");
        }, args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(2, rc);
        Cli.Result picocli = Cli.ours("free", "-c", "0");
        assertEquals(picocli.rc(), rc);
        assertEquals(picocli.err(), err.toString());
    }

    @Test
    void oneShotToolsUseTheJdkIoAndLongRunningOnesTheDowncalls() {
        String before = System.getProperty("psutil4j.io");
        try {
            System.clearProperty("psutil4j.io");
            FastStart.chooseIo(new String[] {"serve"});
            assertNull(System.getProperty("psutil4j.io"));
            FastStart.chooseIo(new String[] {"top", "-b"});
            assertNull(System.getProperty("psutil4j.io"));
            FastStart.chooseIo(new String[] {"free"});
            assertEquals("jdk", System.getProperty("psutil4j.io"));
            System.setProperty("psutil4j.io", "ffm");
            FastStart.chooseIo(new String[] {"free"});
            assertEquals("ffm", System.getProperty("psutil4j.io"), "an explicit choice stays");
        } finally {
            if (before == null) {
                System.clearProperty("psutil4j.io");
            } else {
                System.setProperty("psutil4j.io", before);
            }
        }
    }

    /**
     * Checks {@code fast} against picocli for generated argument lists; returns how many the fast
     * parser handled.
     */
    static <T> int agreesWithPicocli(String tool, Supplier<T> fresh, Function<String[], T> fast, String... words) {
        List<OptionSpec> options = new CommandLine(fresh.get()).getCommandSpec().options();
        Set<String> spellings = new LinkedHashSet<>();
        for (OptionSpec o : options) {
            spellings.addAll(List.of(o.names()));
        }
        List<String> singles = new ArrayList<>();
        for (String s : spellings) {
            singles.add(s);
            singles.add(s + "=1");
        }
        singles.addAll(List.of("--bogus", "-Z", "x", "1", "--", "-", "@missing-file", "-1"));
        singles.addAll(List.of(words));
        List<List<String>> cases = new ArrayList<>();
        cases.add(List.of());
        for (String a : singles) {
            cases.add(List.of(a));
            cases.add(List.of(a, "1"));
            for (String b : singles) {
                cases.add(List.of(a, b));
                if (a.matches("-[^-]") && b.matches("-[^-]")) {
                    cases.add(List.of(a + b.substring(1)));
                }
            }
        }
        int handled = 0;
        for (List<String> c : cases) {
            var argv = new String[c.size() + 1];
            argv[0] = tool;
            for (int i = 0; i < c.size(); i++) {
                argv[i + 1] = c.get(i);
            }
            T ours = fast.apply(argv);
            if (ours == null) {
                continue;
            }
            handled++;
            T theirs = fresh.get();
            var cl = new CommandLine(theirs);
            CommandLine.ParseResult r;
            try {
                r = cl.parseArgs(c.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError("fast path took " + c + ", which picocli rejects: " + e.getMessage(), e);
            }
            assertTrue(!r.isUsageHelpRequested() && !r.isVersionHelpRequested(), "help is picocli's: " + c);
            assertEquals(state(theirs), state(ours), "fields after " + c);
        }
        return handled;
    }

    /** The object's fields, recursively into this package's classes (mixins, groups); not the spec. */
    private static String state(Object o) {
        var sb = new StringBuilder();
        state(o, sb);
        return sb.toString();
    }

    private static void state(Object o, StringBuilder sb) {
        if (o == null || !o.getClass().getPackageName().equals(FastPathTest.class.getPackageName())) {
            sb.append(o);
            return;
        }
        sb.append(o.getClass().getSimpleName()).append('{');
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType() == CommandLine.Model.CommandSpec.class) {
                continue;
            }
            f.setAccessible(true);
            sb.append(f.getName()).append('=');
            try {
                state(f.get(o), sb);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
            sb.append(' ');
        }
        sb.append('}');
    }
}
