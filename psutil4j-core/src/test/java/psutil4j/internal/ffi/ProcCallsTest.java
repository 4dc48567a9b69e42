package psutil4j.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import psutil4j.testing.Cmd;
import psutil4j.testing.PythonPsutil;

/**
 * {@link ProcCalls} on child processes this test starts, checked against /proc, procps/util-linux
 * tools (ps, ionice, taskset) and psutil 5.9.4.
 */
class ProcCallsTest {

    /** pid_max is at most 2^22, so this pid never exists. */
    private static final int NO_SUCH_PID = Integer.MAX_VALUE;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killStarted() {
        for (Process p : started) {
            try {
                ProcCalls.kill((int) p.pid(), ProcCalls.SIGKILL);
            } catch (ErrnoException ignored) {
                // already gone
            }
            p.destroyForcibly();
        }
    }

    private Process sleeper() throws IOException {
        Process p = new ProcessBuilder("sleep", "60").redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    /** Fields of /proc/pid/stat after the comm, so index 0 is field 3 (state). */
    private static String[] stat(long pid) throws IOException {
        String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static String status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + key + " in /proc/" + pid + "/status");
    }

    private static int[] parseCpuList(String list) {
        var cpus = new TreeSet<Integer>();
        for (String part : list.split(",")) {
            String[] r = part.split("-");
            int lo = Integer.parseInt(r[0]);
            int hi = r.length > 1 ? Integer.parseInt(r[1]) : lo;
            for (int c = lo; c <= hi; c++) {
                cpus.add(c);
            }
        }
        return cpus.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int errnoOf(Runnable r) {
        try {
            r.run();
        } catch (ErrnoException e) {
            return e.errno();
        }
        throw new AssertionError("no ErrnoException");
    }

    // ---- nice ---------------------------------------------------------------------------------

    @Test
    void niceMatchesProcPsAndPsutil() throws IOException {
        Process p = sleeper();
        int pid = (int) p.pid();
        assertEquals(Integer.parseInt(stat(pid)[16]), ProcCalls.getpriority(pid));
        for (int nice : new int[] {7, -3, -1, 19, 0}) {
            ProcCalls.setpriority(pid, nice);
            assertEquals(nice, ProcCalls.getpriority(pid), "getpriority after setpriority " + nice);
            assertEquals(nice, Integer.parseInt(stat(pid)[16]), "/proc/pid/stat field 19");
            assertEquals(nice, Integer.parseInt(Cmd.run("ps", "-o", "ni=", "-p", "" + pid).trim()), "ps -o ni");
            assertEquals(nice, PythonPsutil.eval("psutil.Process(" + pid + ").nice()").asInt(), "psutil nice()");
        }
        // The kernel clamps out-of-range values rather than failing.
        ProcCalls.setpriority(pid, 100);
        assertEquals(19, ProcCalls.getpriority(pid));
    }

    @Test
    void niceMinusOneIsNotAnError() throws IOException {
        // libc getpriority() returns -1 for nice -1 as for an error; the raw syscall does not.
        Process p = sleeper();
        ProcCalls.setpriority((int) p.pid(), -1);
        assertEquals(-1, ProcCalls.getpriority((int) p.pid()));
    }

    // ---- ionice -------------------------------------------------------------------------------

    @Test
    void ioprioMatchesIoniceAndPsutil() throws IOException {
        Process p = sleeper();
        int pid = (int) p.pid();
        // never set: whatever this kernel reports by default, psutil reports the same
        JsonNode fresh = PythonPsutil.eval("list(psutil.Process(" + pid + ").ionice())");
        int[] dflt = ProcCalls.ioprioGet(pid);
        assertEquals(fresh.get(0).asInt(), dflt[0]);
        assertEquals(fresh.get(1).asInt(), dflt[1]);

        ProcCalls.ioprioSet(pid, ProcCalls.IOPRIO_CLASS_BE, 3);
        assertArrayEquals(new int[] {2, 3}, ProcCalls.ioprioGet(pid));
        assertEquals("best-effort: prio 3", Cmd.run("ionice", "-p", "" + pid).trim());
        JsonNode ps = PythonPsutil.eval("list(psutil.Process(" + pid + ").ionice())");
        assertEquals(2, ps.get(0).asInt());
        assertEquals(3, ps.get(1).asInt());

        ProcCalls.ioprioSet(pid, ProcCalls.IOPRIO_CLASS_RT, 5);
        assertArrayEquals(new int[] {1, 5}, ProcCalls.ioprioGet(pid));
        assertEquals("realtime: prio 5", Cmd.run("ionice", "-p", "" + pid).trim());

        ProcCalls.ioprioSet(pid, ProcCalls.IOPRIO_CLASS_IDLE, 0);
        assertEquals(ProcCalls.IOPRIO_CLASS_IDLE, ProcCalls.ioprioGet(pid)[0]);
        assertEquals("idle", Cmd.run("ionice", "-p", "" + pid).trim());

        // No range check on the level here: since Linux 6.5 bits 3..12 carry I/O priority hints, so
        // the kernel accepts BE 8 (level 0 + hint 1). psutil checks 0..7 in Python; so must callers.
        assertEquals(Native.EINVAL, errnoOf(() -> ProcCalls.ioprioSet(pid, 7, 0)));
    }

    // ---- affinity -----------------------------------------------------------------------------

    @Test
    void affinityMatchesTasksetProcAndPsutil() throws IOException {
        Process p = sleeper();
        int pid = (int) p.pid();
        int[] all = ProcCalls.schedGetaffinity(pid);
        assertArrayEquals(parseCpuList(status(pid, "Cpus_allowed_list")), all);
        assertArrayEquals(parseCpuList(status(ProcessHandle.current().pid(), "Cpus_allowed_list")),
                ProcCalls.schedGetaffinity(ProcCalls.getpid()));
        JsonNode ps = PythonPsutil.eval("psutil.Process(" + pid + ").cpu_affinity()");
        assertEquals(all.length, ps.size());
        for (int i = 0; i < all.length; i++) {
            assertEquals(all[i], ps.get(i).asInt());
        }

        ProcCalls.schedSetaffinity(pid, new int[] {0});
        assertArrayEquals(new int[] {0}, ProcCalls.schedGetaffinity(pid));
        assertEquals("0", status(pid, "Cpus_allowed_list"));
        assertTrue(Cmd.run("taskset", "-p", "" + pid).trim().endsWith("current affinity mask: 1"));

        ProcCalls.schedSetaffinity(pid, all);
        assertArrayEquals(all, ProcCalls.schedGetaffinity(pid));

        assertEquals(Native.EINVAL, errnoOf(() -> ProcCalls.schedSetaffinity(pid, new int[0])));
        // a CPU far beyond any present one: the kernel finds no usable CPU in the mask
        assertEquals(Native.EINVAL, errnoOf(() -> ProcCalls.schedSetaffinity(pid, new int[] {5000})));
        assertThrows(IllegalArgumentException.class, () -> ProcCalls.schedSetaffinity(pid, new int[] {-1}));
    }

    // ---- rlimit -------------------------------------------------------------------------------

    private static Map<String, String[]> limits(long pid) throws IOException {
        // "Max open files            1024                 524288               files"
        var m = new HashMap<String, String[]>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
            if (line.startsWith("Limit")) {
                continue;
            }
            String name = line.substring(0, 26).trim();
            String[] rest = line.substring(26).trim().split("\\s+");
            m.put(name, new String[] {rest[0], rest[1]});
        }
        return m;
    }

    private static long limitValue(String s) {
        return s.equals("unlimited") ? ProcCalls.RLIM_INFINITY : Long.parseLong(s);
    }

    @Test
    void prlimitMatchesProcLimitsAndPsutil() throws IOException {
        Process p = sleeper();
        int pid = (int) p.pid();
        String[] names = {"Max cpu time", "Max file size", "Max data size", "Max stack size",
            "Max core file size", "Max resident set", "Max processes", "Max open files",
            "Max locked memory", "Max address space", "Max file locks", "Max pending signals",
            "Max msgqueue size", "Max nice priority", "Max realtime priority", "Max realtime timeout"};
        Map<String, String[]> lim = limits(pid);
        for (int r = 0; r < ProcCalls.RLIM_NLIMITS; r++) {
            long[] got = ProcCalls.prlimit(pid, r);
            String[] want = lim.get(names[r]);
            assertEquals(limitValue(want[0]), got[0], names[r] + " soft");
            assertEquals(limitValue(want[1]), got[1], names[r] + " hard");
        }
        ProcCalls.prlimit(pid, ProcCalls.RLIMIT_NOFILE, 100, 200);
        assertArrayEquals(new long[] {100, 200}, ProcCalls.prlimit(pid, ProcCalls.RLIMIT_NOFILE));
        assertArrayEquals(new String[] {"100", "200"}, limits(pid).get("Max open files"));
        JsonNode ps = PythonPsutil.eval("list(psutil.Process(" + pid + ").rlimit(psutil.RLIMIT_NOFILE))");
        assertEquals(100, ps.get(0).asLong());
        assertEquals(200, ps.get(1).asLong());

        ProcCalls.prlimit(pid, ProcCalls.RLIMIT_CORE, ProcCalls.RLIM_INFINITY, ProcCalls.RLIM_INFINITY);
        assertArrayEquals(new long[] {-1, -1}, ProcCalls.prlimit(pid, ProcCalls.RLIMIT_CORE));
        assertArrayEquals(new String[] {"unlimited", "unlimited"}, limits(pid).get("Max core file size"));
        JsonNode core = PythonPsutil.eval("[psutil.RLIM_INFINITY] + list(psutil.Process(" + pid + ").rlimit(psutil.RLIMIT_CORE))");
        assertEquals(core.get(0).asLong(), core.get(1).asLong(), "psutil reports RLIM_INFINITY");
        assertEquals(ProcCalls.RLIM_INFINITY, core.get(0).asLong(), "same RLIM_INFINITY as psutil");

        // soft above hard
        assertEquals(Native.EINVAL, errnoOf(() -> ProcCalls.prlimit(pid, ProcCalls.RLIMIT_NOFILE, 300, 200)));
        assertEquals(Native.EINVAL, errnoOf(() -> ProcCalls.prlimit(pid, 99)));
    }

    // ---- signals ------------------------------------------------------------------------------

    @Test
    void stopContinueTerminate() throws Exception {
        Process p = sleeper();
        int pid = (int) p.pid();
        ProcCalls.kill(pid, ProcCalls.SIGSTOP);
        assertEquals("T", awaitState(pid, "T"));
        ProcCalls.kill(pid, ProcCalls.SIGCONT);
        assertEquals("S", awaitState(pid, "S"));
        ProcCalls.kill(pid, 0); // exists
        ProcCalls.kill(pid, ProcCalls.SIGTERM);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(128 + ProcCalls.SIGTERM, p.exitValue()); // the JDK's encoding of a signal death

        Process q = sleeper();
        ProcCalls.kill((int) q.pid(), ProcCalls.SIGKILL);
        assertTrue(q.waitFor(10, TimeUnit.SECONDS));
        assertEquals(128 + ProcCalls.SIGKILL, q.exitValue());
        // reaped by the JVM: the pid is free now
        assertEquals(Native.ESRCH, errnoOf(() -> ProcCalls.kill((int) q.pid(), 0)));
    }

    private static String awaitState(long pid, String want) throws Exception {
        String s = null;
        for (int i = 0; i < 200; i++) {
            s = stat(pid)[0];
            if (s.equals(want)) {
                return s;
            }
            Thread.sleep(10);
        }
        return s;
    }

    // ---- errors -------------------------------------------------------------------------------

    @Test
    void noSuchProcessIsEsrch() {
        assertEquals(Native.ESRCH, errnoOf(() -> ProcCalls.kill(NO_SUCH_PID, 0)));
        assertEquals(Native.ESRCH, errnoOf(() -> ProcCalls.getpriority(NO_SUCH_PID)));
        assertEquals(Native.ESRCH, errnoOf(() -> ProcCalls.setpriority(NO_SUCH_PID, 1)));
        assertEquals(Native.ESRCH, errnoOf(() -> ProcCalls.ioprioGet(NO_SUCH_PID)));
        assertEquals(Native.ESRCH, errnoOf(() -> ProcCalls.ioprioSet(NO_SUCH_PID, 2, 4)));
        assertEquals(Native.ESRCH, errnoOf(() -> ProcCalls.prlimit(NO_SUCH_PID, ProcCalls.RLIMIT_NOFILE)));
        assertEquals(Native.ESRCH, errnoOf(() -> ProcCalls.prlimit(NO_SUCH_PID, ProcCalls.RLIMIT_NOFILE, 1, 2)));
        assertEquals(Native.ESRCH, errnoOf(() -> ProcCalls.schedGetaffinity(NO_SUCH_PID)));
        assertEquals(Native.ESRCH, errnoOf(() -> ProcCalls.schedSetaffinity(NO_SUCH_PID, new int[] {0})));
        assertEquals(Native.ESRCH, errnoOf(() -> ProcCalls.pidfdOpen(NO_SUCH_PID)));
        assertEquals(Native.ECHILD, errnoOf(() -> ProcCalls.waitpid(NO_SUCH_PID, ProcCalls.WNOHANG)));
        assertEquals("EBADF", ErrnoException.name(errnoOf(() -> ProcCalls.close(-1))));

        ErrnoException e = assertThrows(ErrnoException.class, () -> ProcCalls.kill(NO_SUCH_PID, 0));
        assertEquals("kill: ESRCH", e.getMessage());
        assertEquals("kill", e.call());
    }

    /** EPERM/EACCES as an unprivileged user: a second JVM run as nobody probes a root-owned sleeper. */
    @Test
    void permissionErrorsAsNobody() throws Exception {
        Process target = sleeper();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = Path.of(ProcCalls.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + ":" + Path.of(UnprivilegedProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String out = Cmd.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "-Xshare:auto", "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                UnprivilegedProbe.class.getName(), "" + target.pid());
        var r = new HashMap<String, String>();
        for (String line : out.strip().split("\n")) {
            String[] kv = line.split("=", 2);
            r.put(kv[0], kv[1]);
        }
        assertEquals("65534", r.get("uid"));
        assertEquals("65534", r.get("euid"));
        assertEquals("EPERM", r.get("kill"));
        assertEquals("EPERM", r.get("setpriority.other"));
        assertEquals("EACCES", r.get("setpriority.lower"));
        assertEquals("EPERM", r.get("prlimit.get.other"));
        assertEquals("EPERM", r.get("prlimit.raise.self"));
        assertEquals("EPERM", r.get("sched_setaffinity.other"));
        assertEquals("OK", r.get("sched_getaffinity.other")); // reading affinity needs no privilege
        assertEquals("EPERM", r.get("ioprio_set.other"));
        assertEquals("OK", r.get("getpriority.other"));
        assertEquals("" + -Native.EACCES, r.get("environ.ffm"));
        assertEquals("" + -Native.EACCES, r.get("environ.jdk"));
    }

    // ---- pidfd / poll -------------------------------------------------------------------------

    @Test
    void pidfdBecomesReadableWhenTheProcessEnds() throws Exception {
        Process p = sleeper();
        int fd = ProcCalls.pidfdOpen((int) p.pid());
        try {
            assertEquals(0, ProcCalls.poll(fd, 50), "running: poll times out");
            ProcCalls.kill((int) p.pid(), ProcCalls.SIGKILL);
            assertTrue(ProcCalls.poll(fd, 10_000) > 0, "terminated: readable");
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue());
            // Linux 6.15+: the exit status survives the JVM's reaping of the child.
            if (kernelAtLeast(6, 15)) {
                int raw = ProcCalls.pidfdExitStatus(fd).orElseThrow();
                assertTrue(ProcCalls.wifsignaled(raw));
                assertEquals(ProcCalls.SIGKILL, ProcCalls.wtermsig(raw));
            }
        } finally {
            ProcCalls.close(fd);
        }
    }

    static boolean kernelAtLeast(int major, int minor) {
        String[] v = System.getProperty("os.version").split("[.-]");
        int ma = Integer.parseInt(v[0]);
        int mi = Integer.parseInt(v[1]);
        return ma > major || (ma == major && mi >= minor);
    }

    // ---- wait status decoding -----------------------------------------------------------------

    @Test
    void waitStatusMacros() {
        int exited3 = 3 << 8;
        assertTrue(ProcCalls.wifexited(exited3));
        assertFalse(ProcCalls.wifsignaled(exited3));
        assertEquals(3, ProcCalls.wexitstatus(exited3));
        int killed9 = 9;
        assertFalse(ProcCalls.wifexited(killed9));
        assertTrue(ProcCalls.wifsignaled(killed9));
        assertEquals(9, ProcCalls.wtermsig(killed9));
        int dumped11 = 11 | 0x80;
        assertTrue(ProcCalls.wifsignaled(dumped11));
        assertEquals(11, ProcCalls.wtermsig(dumped11));
        int stopped = (19 << 8) | 0x7f;
        assertTrue(ProcCalls.wifstopped(stopped));
        assertFalse(ProcCalls.wifsignaled(stopped));
        assertFalse(ProcCalls.wifexited(stopped));
    }

    // ---- users --------------------------------------------------------------------------------

    @Test
    void userAndGroupNames() {
        assertEquals(Optional.of("root"), ProcCalls.userName(0));
        assertEquals(Optional.of("root"), ProcCalls.groupName(0));
        // Cross-check with NSS as getent sees it, and with Python's pwd module.
        String nobody = Cmd.run("getent", "passwd", "65534").split(":")[0];
        assertEquals(Optional.of(nobody), ProcCalls.userName(65534));
        assertEquals("nobody", nobody);
        String nogroup = Cmd.run("getent", "group", "65534").split(":")[0];
        assertEquals(Optional.of(nogroup), ProcCalls.groupName(65534));
        assertEquals(Optional.empty(), ProcCalls.userName(99999));
        assertEquals(Optional.empty(), ProcCalls.groupName(99999));
        assertEquals(Optional.empty(), ProcCalls.userName(-2)); // 4294967294
        String self = Cmd.run("id", "-un").trim();
        assertEquals(Optional.of(self), ProcCalls.userName(ProcCalls.geteuid()));
    }

    @Test
    void identity() throws IOException {
        assertEquals(ProcessHandle.current().pid(), ProcCalls.getpid());
        String uidLine = status(ProcessHandle.current().pid(), "Uid"); // real effective saved fs
        String[] ids = uidLine.split("\\s+");
        assertEquals(Integer.parseInt(ids[0]), ProcCalls.getuid());
        assertEquals(Integer.parseInt(ids[1]), ProcCalls.geteuid());
    }

    @Test
    void errnoExceptionMessage() {
        var e = new ErrnoException("setpriority", Native.EACCES);
        assertEquals("setpriority: EACCES", e.getMessage());
        assertEquals(Native.EACCES, e.errno());
        assertEquals("ERANGE", ErrnoException.name(34));
    }
}
