package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The {@code ./psutil4j} launcher, run after {@code package} (so it finds the jar up to date and
 * does not rebuild): it finds JDK 25 by itself, prints no JVM warnings, and says in one line what
 * to install when there is no JDK 25.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Result(int rc, String out, String err) {
    }

    private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        var cmd = new java.util.ArrayList<String>();
        cmd.add(ROOT.resolve("psutil4j").toString());
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "launcher timed out");
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void findsJdk25WithoutJavaHomeAndPrintsNoWarnings() throws Exception {
        Result r = run(Map.of("PATH", "/usr/bin:/bin"), "--version");
        assertEquals(0, r.rc(), r.err());
        assertEquals("psutil4j 0.1.0\n", r.out());
        assertEquals("", r.err(), "nothing on stderr: no JVM warnings, no rebuild");
    }

    @Test
    void ignoresAJavaHomeThatIsTooOld() throws Exception {
        Result r = run(Map.of("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64"), "--version");
        assertEquals(0, r.rc(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void saysWhatToInstallWhenThereIsNoJdk25() throws Exception {
        Result r = run(Map.of("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64", "PSUTIL4J_JDK_DIRS", "/nonexistent"),
                "--version");
        assertEquals(1, r.rc());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("JDK 25"), r.err());
    }

    /** ps -ef takes the fast path (no picocli, the JDK's file I/O): procps' header and processes. */
    @Test
    void psOnTheFastPathSeesWhatProcpsSees() throws Exception {
        Result ours = run(Map.of(), "ps", "-ef");
        assertEquals(0, ours.rc(), ours.err());
        assertEquals("", ours.err());
        var p = new ProcessBuilder("ps", "-ef").start();
        String procps = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(procps.lines().findFirst().orElseThrow(), ours.out().lines().findFirst().orElseThrow());
        var a = pids(ours.out());
        var b = pids(procps);
        var onlyOurs = new java.util.HashSet<>(a);
        onlyOurs.removeAll(b);
        var onlyTheirs = new java.util.HashSet<>(b);
        onlyTheirs.removeAll(a);
        // processes that started or ended in between (our JVM, procps' ps, other jobs): a few
        assertTrue(onlyOurs.size() + onlyTheirs.size() <= Math.max(10, b.size() / 20),
                "only ours " + onlyOurs + ", only procps' " + onlyTheirs);
    }

    /** The PID column of ps -ef output. */
    private static java.util.Set<String> pids(String psEf) {
        var out = new java.util.HashSet<String>();
        psEf.lines().skip(1).forEach(l -> out.add(l.trim().split("\\s+")[1]));
        return out;
    }

    @Test
    void usageErrorsExit2() throws Exception {
        Result r = run(Map.of(), "snapshot", "--bogus");
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("--bogus"), r.err());
        assertTrue(!r.err().contains("at psutil4j"), "no stack trace: " + r.err());
    }
}
