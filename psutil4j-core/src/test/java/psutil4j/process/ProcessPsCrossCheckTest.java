package psutil4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import psutil4j.PsProcess;
import psutil4j.testing.Cmd;

/** Cross-checks with procps' ps for pid 1, this JVM and children. */
class ProcessPsCrossCheckTest {

    private final Children children = new Children();

    @AfterEach
    void cleanup() {
        children.close();
    }

    private static String ps(String field, int pid) {
        return Cmd.run("ps", "-o", field + "=", "-p", Integer.toString(pid)).strip();
    }

    private static void crossCheck(PsProcess p, boolean stable) {
        int pid = p.pid();
        assertEquals(Integer.parseInt(ps("ppid", pid)), p.ppid(), "ppid");
        assertEquals(Long.parseLong(ps("uid", pid)), p.uids().effective(), "uid");
        String user = ps("user", pid);
        // ps shows a uid instead of a name longer than its column: compare when it is a name
        if (!user.chars().allMatch(Character::isDigit) && !user.endsWith("+")) {
            assertEquals(user, p.username(), "user");
        }
        String comm = ps("comm", pid);
        assertTrue(p.name().startsWith(comm), "comm " + comm + " vs " + p.name());
        if (!p.cmdline().isEmpty()) {
            assertEquals(ps("args", pid), String.join(" ", p.cmdline()), "args");
        }
        assertEquals(Integer.parseInt(ps("nice", pid)), p.nice(), "nice");
        long rssKb = Long.parseLong(ps("rss", pid));
        long vszKb = Long.parseLong(ps("vsz", pid));
        long tol = stable ? 0 : 32 * 1024;
        assertTrue(Math.abs(p.memoryInfo().rss() / 1024 - rssKb) <= tol, "rss " + rssKb + " vs " + p.memoryInfo().rss());
        assertTrue(Math.abs(p.memoryInfo().vms() / 1024 - vszKb) <= tol * 8, "vsz " + vszKb + " vs " + p.memoryInfo().vms());
        char st = ps("stat", pid).charAt(0);
        String expect = switch (st) {
            case 'R' -> "running";
            case 'S' -> "sleeping";
            case 'D' -> "disk-sleep";
            case 'T' -> "stopped";
            case 't' -> "tracing-stop";
            case 'Z' -> "zombie";
            case 'I' -> "idle";
            default -> "?";
        };
        if (stable) {
            assertEquals(expect, p.status(), "stat");
        }
        var fmt = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);
        String lstart = ps("lstart", pid).replaceAll("\\s+", " ");
        double t = LocalDateTime.parse(lstart, fmt).atZone(ZoneId.systemDefault()).toEpochSecond();
        // lstart is truncated to the second
        assertTrue(p.createTime() - t >= -1 && p.createTime() - t < 2, "lstart " + lstart + " vs " + p.createTime());
    }

    @Test
    void pid1() {
        crossCheck(PsProcess.of(1), false);
    }

    @Test
    void self() {
        crossCheck(PsProcess.current(), false);
    }

    @Test
    void children() throws Exception {
        Process proc = children.start("sleep", "60");
        PsProcess p = PsProcess.of((int) proc.pid());
        Children.await("exec", () -> p.name().equals("sleep"));
        Children.await("sleeping", () -> p.status().equals("sleeping"));
        crossCheck(p, true);

        Path dir = children.tempDir();
        Path exe = dir.resolve("a) b (c");
        Files.copy(Path.of("/bin/sleep"), exe, StandardCopyOption.COPY_ATTRIBUTES);
        Process weird = children.start(exe.toString(), "60");
        PsProcess w = PsProcess.of((int) weird.pid());
        Children.await("exec", () -> w.name().equals("a) b (c"));
        Children.await("sleeping", () -> w.status().equals("sleeping"));
        crossCheck(w, true);

        Process nobody = children.start("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sleep", "60");
        PsProcess n = PsProcess.of((int) nobody.pid());
        Children.await("exec", () -> n.name().equals("sleep"));
        Children.await("sleeping", () -> n.status().equals("sleeping"));
        crossCheck(n, true);
    }
}
