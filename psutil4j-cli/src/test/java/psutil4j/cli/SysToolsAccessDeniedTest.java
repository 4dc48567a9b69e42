package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tools run as an unprivileged user (setpriv to nobody): what cannot be read is reported
 * in one stderr line that says running as root would help, and the exit codes stay as the
 * originals'. The test runs as root (as this project's test machines do) to switch users.
 */
class SysToolsAccessDeniedTest {

    static Path dir;
    static String classpath;

    @BeforeAll
    static void copyClasspath() throws Exception {
        assertEquals(0L, (long) new com.sun.security.auth.module.UnixSystem().getUid(),
                "this test drops privileges and must run as root");
        // nobody cannot read root's ~/.m2: copy the jars into a world-readable directory
        dir = Files.createTempDirectory("psutil4j-nobody");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        var cp = new ArrayList<String>();
        int i = 0;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (e.endsWith(".jar") && (e.contains("picocli") || e.contains("psutil4j-core"))) {
                Path dst = dir.resolve(i++ + "-" + p.getFileName());
                Files.copy(p, dst, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rw-r--r--"));
                cp.add(dst.toString());
            } else if (Files.isDirectory(p) && !e.contains("test-classes")) {
                cp.add(e); // target/classes of cli and core: world-readable in the work tree
            }
        }
        classpath = String.join(File.pathSeparator, cp);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    record Run(int rc, String out, String err) {
    }

    static Run asNobody(String... args) throws Exception {
        var cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-Xshare:off", "-cp", classpath, "psutil4j.cli.Main"));
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("LC_ALL", "C");
        Path errFile = Files.createTempFile("psutil4j-nobody", ".err"); // written by us, not by nobody
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            return new Run(p.exitValue(), out, Files.readString(errFile));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(errFile);
        }
    }

    @Test
    void netstatProgramColumnAsNobody() throws Exception {
        try (var server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Run r = asNobody("netstat", "-tlpn");
            assertEquals(0, r.rc(), r.err());
            String line = r.out().lines().filter(l -> l.contains("127.0.0.1:" + server.getLocalPort() + " "))
                    .findFirst().orElseThrow(() -> new AssertionError(r.out()));
            assertTrue(line.endsWith(" -                   "), "root's socket has no owner for nobody: " + line);
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("you would have to be root"), r.err());
        }
    }

    @Test
    void lsofOfRootsProcessAsNobody() throws Exception {
        Run r = asNobody("lsof", "-p", Long.toString(ProcessHandle.current().pid()));
        // cwd, fds and maps are unreadable; psutil's exe() falls back to an absolute cmdline[0],
        // so a txt row may remain: exit 0 with rows, 1 without (as lsof)
        assertTrue(r.out().lines().skip(1).allMatch(l -> l.contains(" txt ")), r.out());
        assertEquals(r.out().isEmpty() ? 1 : 0, r.rc(), r.out());
        assertEquals("lsof: some processes could not be read (permission denied); run as root to see them\n", r.err());
    }

    @Test
    void dfOfAnUnreadablePathAsNobody() throws Exception {
        Path secret = Files.createTempDirectory("df-secret");
        try {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
            Run r = asNobody("df", secret.resolve("x").toString());
            assertEquals(1, r.rc());
            assertEquals("df: " + secret.resolve("x") + ": Permission denied (run as root)\n", r.err());
        } finally {
            Files.delete(secret);
        }
    }
}
