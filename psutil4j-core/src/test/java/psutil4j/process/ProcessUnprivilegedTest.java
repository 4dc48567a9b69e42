package psutil4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import psutil4j.PsProcess;
import psutil4j.testing.Cmd;
import psutil4j.testing.PythonPsutil;

/**
 * AccessDenied as psutil raises it: a JVM running as nobody (setpriv) reads a root-owned child,
 * and real psutil run as nobody reads the same pid.
 */
class ProcessUnprivilegedTest {

    private final Children children = new Children();

    @AfterEach
    void cleanup() {
        children.close();
    }

    private static final String PROBE = """
            import psutil4j.*;
            public class Probe {
                public static void main(String[] a) {
                    PsProcess p = PsProcess.of(Integer.parseInt(a[0]));
                    StringBuilder sb = new StringBuilder("name=" + p.name());
                    for (String what : new String[] {"environ", "io_counters", "exe", "cwd", "num_fds", "cmdline", "uids"}) {
                        Object v = p.asDict(java.util.List.of(what), "AD").get(what);
                        sb.append(' ').append(what).append('=').append("AD".equals(v) ? "AD" : "ok");
                    }
                    try {
                        p.environ();
                    } catch (AccessDeniedException e) {
                        sb.append(" pid=").append(e.pid()).append(" msgname=").append(e.name());
                    }
                    System.out.println(sb);
                }
            }
            """;

    @Test
    void nobodyReadingRootsProcess() throws Exception {
        Process proc = children.start("sleep", "60");
        PsProcess target = PsProcess.of((int) proc.pid());
        Children.await("exec", () -> target.name().equals("sleep"));

        Path dir = children.tempDir();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path src = dir.resolve("Probe.java");
        Files.writeString(src, PROBE);
        Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rw-r--r--"));
        String classes = Path.of(PsProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String out = Cmd.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", java, "-XX:-UsePerfData",
                "--enable-native-access=psutil4j", "--module-path", classes, "--add-modules", "psutil4j",
                src.toString(), Integer.toString(target.pid())).strip();
        assertEquals("name=sleep environ=AD io_counters=AD exe=AD cwd=AD num_fds=AD cmdline=ok uids=ok pid="
                + target.pid() + " msgname=sleep", out);

        // real psutil, as nobody, agrees
        String py = Cmd.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", PythonPsutil.PYTHON, "-c",
                "import psutil\np = psutil.Process(" + target.pid() + ")\n"
                        + "print(' '.join(k + '=' + ('AD' if v == 'AD' else 'ok') for k, v in sorted(p.as_dict("
                        + "['environ', 'io_counters', 'exe', 'cwd', 'num_fds', 'cmdline', 'uids'], ad_value='AD').items())))")
                .strip();
        assertTrue(py.equals("cmdline=ok cwd=AD environ=AD exe=AD io_counters=AD num_fds=AD uids=ok"), py);
    }
}
