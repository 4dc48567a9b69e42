package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The launcher's JDK 25 AOT cache, after {@code package}: made by a training run, used (the
 * classes come from the cache, picocli's too), remade when stale, and never a word on stdout or
 * stderr, also when the cache is garbage or disabled.
 */
class AotLauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TARGET = ROOT.resolve("psutil4j-cli/target");
    private static final Path AOT = TARGET.resolve("psutil4j.aot");
    private static final Path FAST_AOT = TARGET.resolve("psutil4j-fast/free.aot");

    record Result(int rc, String out, String err) {
    }

    private static Result run(Map<String, String> env, String... args) throws Exception {
        var cmd = new ArrayList<String>();
        cmd.add(ROOT.resolve("psutil4j").toString());
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("aot", ".out");
        Path err = Files.createTempFile("aot", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "launcher timed out");
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void assertQuietVersion(Result r) {
        assertEquals(0, r.rc(), r.err());
        assertEquals("psutil4j 0.1.0\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void trainsUsesAndRetrainsTheCacheSilently() throws Exception {
        assertQuietVersion(run(Map.of(), "--version"));
        assertTrue(Files.size(AOT) > 1_000_000, "cache written");
        String jdk = Files.readString(TARGET.resolve("psutil4j.aot.jdk")).trim();
        assertTrue(Files.isExecutable(Path.of(jdk, "bin", "java")), jdk);

        // the classes come from the cache, picocli's too (rewritten as Java 8 bytecode at package)
        Path log = Files.createTempFile("classload", ".txt");
        try {
            var r = run(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + log), "--version");
            assertEquals(0, r.rc(), r.err());
            String loads = Files.readString(log);
            assertTrue(loads.contains("psutil4j.cli.Main source: shared objects file"), "Main from the cache");
            assertTrue(loads.contains("picocli.CommandLine source: shared objects file"), "picocli from the cache");
        } finally {
            Files.deleteIfExists(log);
        }

        // free has a path without picocli and a small cache of its own, holding none of the other tools
        assertTrue(Files.readString(TARGET.resolve("psutil4j-fast/tools")).contains("free"));
        assertTrue(Files.size(FAST_AOT) > 1_000_000, "small cache written");
        log = Files.createTempFile("classload", ".txt");
        try {
            var r = run(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + log), "free");
            assertEquals(0, r.rc(), r.err());
            assertTrue(r.out().startsWith("               total"), r.out());
            String loads = Files.readString(log);
            assertTrue(loads.contains("psutil4j.cli.FreeCommand source: shared objects file"), "free from a cache");
            assertTrue(!loads.contains("psutil4j.cli.PsCommand "), "the small cache: no other tool's classes");
            // no picocli model, no annotation proxies (the verifier may still load an exception class of picocli's)
            assertTrue(!loads.contains("picocli.CommandLine$Model$CommandSpec ") && !loads.contains("$Proxy"), "no picocli model");
        } finally {
            Files.deleteIfExists(log);
        }

        // older than the jar: trained again
        FileTime jarTime = Files.getLastModifiedTime(TARGET.resolve("psutil4j-cli-0.1.0-SNAPSHOT.jar"));
        Files.setLastModifiedTime(AOT, FileTime.fromMillis(jarTime.toMillis() - 60_000));
        assertQuietVersion(run(Map.of(), "--version"));
        assertTrue(Files.getLastModifiedTime(AOT).compareTo(jarTime) > 0, "cache remade");
        assertTrue(Files.getLastModifiedTime(FAST_AOT).compareTo(jarTime) > 0, "small cache remade");
    }

    @Test
    void garbageOrNoCacheStillRunsQuietly() throws Exception {
        assertQuietVersion(run(Map.of(), "--version"));
        Path backup = TARGET.resolve("psutil4j.aot.bak");
        Path fastBackup = TARGET.resolve("free.aot.bak");
        Files.copy(AOT, backup, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(FAST_AOT, fastBackup, StandardCopyOption.REPLACE_EXISTING);
        try {
            byte[] junk = new byte[100_000];
            new java.util.Random(1).nextBytes(junk);
            Files.write(AOT, junk);
            Files.write(FAST_AOT, junk);
            assertQuietVersion(run(Map.of(), "--version"));
            assertQuietVersion(run(Map.of("PSUTIL4J_NO_AOT", "1"), "--version"));
            var ps = run(Map.of(), "snapshot", "--json");
            assertEquals(0, ps.rc(), ps.err());
            assertTrue(ps.out().startsWith("{"), ps.out());
            for (var env : List.of(Map.<String, String>of(), Map.of("PSUTIL4J_NO_AOT", "1"))) {
                var free = run(env, "free");
                assertEquals(0, free.rc(), free.err());
                assertEquals("", free.err());
                assertTrue(free.out().startsWith("               total"), free.out());
            }
        } finally {
            Files.move(backup, AOT, StandardCopyOption.REPLACE_EXISTING);
            Files.move(fastBackup, FAST_AOT, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
