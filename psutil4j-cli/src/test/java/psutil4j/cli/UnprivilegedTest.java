package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import psutil4j.PsProcess;

/**
 * The tools in a JVM of their own: as nobody (setpriv) against pid 1, where AccessDenied is one
 * stderr line naming the pid and saying that root would help (exit status 1); and on a
 * pseudo-terminal.
 */
class UnprivilegedTest {

    private static Path dir;
    private static String classpath;

    @BeforeAll
    static void classpathNobodyCanRead() throws Exception {
        dir = Files.createTempDirectory("psutil4j-cp");
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        var parts = new ArrayList<String>();
        for (Class<?> c : List.of(Main.class, PsProcess.class, picocli.CommandLine.class)) {
            Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(p)) {
                parts.add(p.toString());
            } else {
                // jars in root's ~/.m2 are not readable by nobody
                Path copy = dir.resolve(p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                copy.toFile().setReadable(true, false);
                parts.add(copy.toString());
            }
        }
        classpath = String.join(":", parts);
    }

    @AfterAll
    static void cleanup() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static Cli.Result asNobody(String... args) {
        var argv = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-cp", classpath, "psutil4j.cli.Main"));
        argv.addAll(List.of(args));
        return Cli.theirs(argv.toArray(String[]::new));
    }

    private static void deniedOneLine(Cli.Result r, String pidText) {
        assertEquals(1, r.rc(), r.out() + r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].contains(pidText), r.err());
        assertTrue(lines[0].contains("root"), r.err());
    }

    /** Our tty on a pseudo-terminal (script(1)) names it like coreutils' tty there. */
    @Test
    void ttyOnAPseudoTerminal() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String ours = Cli.theirs("script", "-qc", java + " --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -cp "
                + classpath + " psutil4j.cli.Main tty", "/dev/null").out().strip();
        String theirs = Cli.theirs("script", "-qc", "tty", "/dev/null").out().strip();
        assertTrue(ours.matches("/dev/pts/\\d+"), ours);
        assertTrue(theirs.matches("/dev/pts/\\d+"), theirs);
        String rc = Cli.theirs("script", "-qec", java + " --enable-native-access=ALL-UNNAMED -cp " + classpath
                + " psutil4j.cli.Main tty -s; echo rc=$?", "/dev/null").out().strip();
        assertEquals("rc=0", rc);
    }

    @Test
    void deniedActionsSayWhatWouldHelp() {
        deniedOneLine(asNobody("kill", "-0", "1"), "(1)");
        deniedOneLine(asNobody("renice", "5", "1"), "1 (process ID)");
        deniedOneLine(asNobody("pmap", "1"), "pid=1");
        deniedOneLine(asNobody("ionice", "-c", "3", "-p", "1"), "pid 1");
        var info = asNobody("procinfo", "1");
        assertEquals(0, info.rc(), info.err());
        assertTrue(info.out().contains("(access denied)"), info.out());
        var json = asNobody("procinfo", "--json", "1");
        assertTrue(json.out().contains("\"environ\":null"), json.out());
    }
}
