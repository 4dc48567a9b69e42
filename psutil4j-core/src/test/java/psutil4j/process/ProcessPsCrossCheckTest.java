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

    /**
     * The additions beyond psutil against {@code ps -o sid,pgid,tpgid,stat,f,cls,rtprio,wchan} for
     * children that lead a session, run under SCHED_FIFO, lock memory and sit in a terminal's
     * foreground.
     */
    @Test
    void jobControlSchedulingAndLocksLikePs() {
        boolean root = "root".equals(System.getProperty("user.name"));
        var procs = new java.util.ArrayList<Process>();
        procs.add(children.start("setsid", "sleep", "60"));
        procs.add(children.start("/usr/bin/python3", "-c", "import ctypes, sys, time\n"
                + "b = ctypes.create_string_buffer(8192)\n"
                + "print(ctypes.CDLL(None).mlock(b, 8192), flush=True)\n"
                + "time.sleep(60)"));
        if (root) {
            procs.add(children.start("chrt", "-f", "10", "sleep", "60"));
        }
        Process script = children.start("script", "-qc", "exec sleep 60", "/dev/null");
        Children.await("sleep on the pty", () -> script.descendants().anyMatch(d -> d.info().command().orElse("").endsWith("sleep")));
        ProcessHandle onPty = script.descendants().filter(d -> d.info().command().orElse("").endsWith("sleep")).findFirst().orElseThrow();
        children.own(onPty.pid());
        assertEquals("0", Children.firstLine(procs.get(1)), "mlock");
        var pids = new java.util.ArrayList<Integer>();
        procs.forEach(p -> pids.add((int) p.pid()));
        pids.add((int) onPty.pid());
        String[] cls = {"TS", "FF", "RR", "B", "ISO", "IDL", "DLN"};
        for (int pid : pids) {
            PsProcess p = PsProcess.of(pid);
            Children.await("sleeping " + pid, () -> p.status().equals("sleeping")
                    && ps("stat", pid).startsWith("S"));
            String[] f = Cmd.run("ps", "-o", "sid=,pgid=,tpgid=,stat=,f=,cls=,rtprio=,wchan=", "-p", Integer.toString(pid))
                    .strip().split("\\s+");
            String what = pid + " " + String.join(" ", f);
            assertEquals(Integer.parseInt(f[0]), p.sid(), what);
            assertEquals(Integer.parseInt(f[1]), p.pgid(), what);
            assertEquals(Integer.parseInt(f[2]), p.tpgid().orElse(-1), what);
            assertEquals(f[3].contains("s"), p.sid() == pid, what);
            assertEquals(f[3].contains("+"), p.tpgid().equals(java.util.OptionalInt.of(p.pgid())), what);
            assertEquals(f[3].contains("L"), p.lockedMemory() > 0, what);
            assertEquals(f[4], Long.toOctalString((p.flags() >> 6) & 7), what);
            assertEquals(f[5], cls[p.schedPolicy()], what);
            assertEquals(f[6], p.schedPolicy() == 1 || p.schedPolicy() == 2 ? Integer.toString(p.rtPriority()) : "-", what);
            String w = p.wchan().orElse("-").replaceFirst("^\\.?_*", "");
            assertEquals(f[7], w, what);
        }
        assertEquals((int) procs.get(0).pid(), PsProcess.of((int) procs.get(0).pid()).sid(), "setsid leads its session");
        assertTrue(PsProcess.of((int) procs.get(1).pid()).lockedMemory() >= 8192, "mlock'ed 8 KiB");
        PsProcess fg = PsProcess.of((int) onPty.pid());
        assertEquals(java.util.OptionalInt.of(fg.pgid()), fg.tpgid(), "foreground of its terminal");
        if (root) {
            PsProcess rt = PsProcess.of((int) procs.get(2).pid());
            assertEquals(1, rt.schedPolicy());
            assertEquals(10, rt.rtPriority());
        }
    }
}
