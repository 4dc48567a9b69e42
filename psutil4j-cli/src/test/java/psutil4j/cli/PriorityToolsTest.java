package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import psutil4j.PsProcess;
import psutil4j.Psutil;

/** nice, renice, ionice and taskset: the setting seen by util-linux/procps afterwards. */
class PriorityToolsTest {

    private final Cli.Kids kids = new Cli.Kids();

    @BeforeAll
    static void captureChildren() {
        ChildRunner.capture = true;
    }

    @AfterAll
    static void restore() {
        ChildRunner.capture = false;
    }

    @AfterEach
    void cleanup() {
        kids.close();
    }

    private static String ps(String field, long pid) {
        return Cli.theirs("ps", "-o", field + "=", "-p", Long.toString(pid)).out().strip();
    }

    @Test
    void reniceSetsTheNiceValueProcpsSees() {
        Process p = kids.start("sleep", "60");
        var r = Cli.ours("renice", "7", "-p", Long.toString(p.pid()));
        assertEquals(0, r.rc(), r.err());
        assertEquals(p.pid() + " (process ID) old priority 0, new priority 7\n", r.out());
        assertEquals("7", ps("ni", p.pid()));
        // util-linux prints the same sentence
        Process q = kids.start("sleep", "60");
        assertEquals(q.pid() + " (process ID) old priority 0, new priority 7\n",
                Cli.theirs("renice", "7", "-p", Long.toString(q.pid())).out());
        // -n form and a negative value (we are root)
        assertEquals(0, Cli.ours("renice", "-n", "-4", Long.toString(p.pid())).rc());
        assertEquals("-4", ps("ni", p.pid()));
        assertEquals(0, Cli.ours("renice", "+3", Long.toString(p.pid())).rc());
        assertEquals("3", ps("ni", p.pid()));
        assertEquals(1, Cli.ours("renice", "3", Integer.toString(Integer.MAX_VALUE / 2)).rc());
        assertEquals(2, Cli.ours("renice", "x", "1").rc());
        assertEquals(2, Cli.ours("renice", "3", "--bogus").rc());
    }

    @Test
    void reniceByUserLikeUtilLinux() {
        // a uid nobody else runs as: renice -u changes every process of the user
        String uid = Long.toString(50_000 + ProcessHandle.current().pid() % 10_000);
        assertEquals("", Cli.theirs("ps", "-U", uid, "-o", "pid=").out(), "uid " + uid + " is in use");
        Process a = kids.startExpecting("sleep", "setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "sleep", "60");
        Process b = kids.startExpecting("sleep", "setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "sleep", "61");
        var r = Cli.ours("renice", "5", "-u", uid);
        assertEquals(0, r.rc(), r.err());
        assertEquals(uid + " (user ID) old priority 0, new priority 5\n", r.out());
        assertEquals("5", ps("ni", a.pid()));
        assertEquals("5", ps("ni", b.pid()));
        // util-linux prints the same line for the next change, and sees our value as the old one
        assertEquals(uid + " (user ID) old priority 5, new priority 6\n", Cli.theirs("renice", "6", "-u", uid).out());
        assertEquals(uid + " (user ID) old priority 6, new priority 7\n", Cli.ours("renice", "-n", "7", "-u", uid).out());
        assertEquals("7", ps("ni", b.pid()));
        assertEquals(1, Cli.ours("renice", "1", "-u", "p4j-no-such-user").rc());
    }

    @Test
    void niceRunsTheCommandAtTheNewNiceness() {
        int base = PsProcess.current().nice();
        var r = Cli.ours("nice", "-n", "5", "sh", "-c", "ps -o ni= -p $$");
        assertEquals(0, r.rc(), r.err());
        assertEquals(Integer.toString(Math.min(19, base + 5)), r.out().strip());
        // coreutils nice inside: reports the inherited niceness
        assertEquals(Integer.toString(Math.min(19, base + 10)), Cli.ours("nice", "nice").out().strip());
        assertEquals(Integer.toString(Math.min(19, base + 3)), Cli.ours("nice", "-3", "nice").out().strip());
        // clamped to 19 as coreutils
        assertEquals("19", Cli.ours("nice", "-n", "50", "nice").out().strip());
        // the caller's own niceness is untouched (the change was on a throw-away thread)
        assertEquals(base, PsProcess.current().nice());
        assertEquals(Cli.theirs("nice").out(), Cli.ours("nice").out());
        // the command's exit status is passed through; a missing command is 127
        assertEquals(3, Cli.ours("nice", "sh", "-c", "exit 3").rc());
        assertEquals(127, Cli.ours("nice", "p4j-no-such-command").rc());
        assertEquals(2, Cli.ours("nice", "--bogus", "true").rc());
    }

    @Test
    void ioniceSetsWhatUtilLinuxReads() {
        Process p = kids.start("sleep", "60");
        String pid = Long.toString(p.pid());
        assertEquals(Cli.theirs("ionice", "-p", pid).out(), Cli.ours("ionice", "-p", pid).out());
        assertEquals(0, Cli.ours("ionice", "-c", "2", "-n", "5", "-p", pid).rc());
        assertEquals("best-effort: prio 5\n", Cli.theirs("ionice", "-p", pid).out());
        assertEquals("best-effort: prio 5\n", Cli.ours("ionice", "-p", pid).out());
        assertEquals(0, Cli.ours("ionice", "-c", "idle", "-p", pid).rc());
        assertEquals("idle\n", Cli.theirs("ionice", "-p", pid).out());
        assertEquals("idle\n", Cli.ours("ionice", "-p", pid).out());
        assertEquals(0, Cli.ours("ionice", "-c3", "-p", pid).rc());
        // running a command: the child has the class from its start
        assertEquals("idle\n", Cli.ours("ionice", "-c", "3", "sh", "-c", "ionice -p $$").out());
        assertEquals("best-effort: prio 2\n", Cli.ours("ionice", "-n", "2", "sh", "-c", "ionice -p $$").out());
        assertEquals(2, Cli.ours("ionice", "-c", "9", "-p", pid).rc());
        assertEquals(1, Cli.ours("ionice", "-p", Integer.toString(Integer.MAX_VALUE / 2)).rc());
    }

    @Test
    void tasksetPinsWhatUtilLinuxReads() {
        int cpus = Psutil.cpuCount().orElse(1);
        int lastCpu = cpus - 1;
        Process p = kids.start("sleep", "60");
        String pid = Long.toString(p.pid());
        assertEquals(Cli.theirs("taskset", "-p", pid).out(), Cli.ours("taskset", "-p", pid).out());
        assertEquals(Cli.theirs("taskset", "-cp", pid).out(), Cli.ours("taskset", "-cp", pid).out());

        var r = Cli.ours("taskset", "-cp", Integer.toString(lastCpu), pid);
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().endsWith("pid " + pid + "'s new affinity list: " + lastCpu + "\n"), r.out());
        assertEquals("pid " + pid + "'s current affinity list: " + lastCpu + "\n", Cli.theirs("taskset", "-cp", pid).out());
        assertEquals(Cli.theirs("taskset", "-p", pid).out(), Cli.ours("taskset", "-p", pid).out());

        // hex mask form: all CPUs again
        String all = ProcText.formatMask(ProcText.parseCpuList("0-" + lastCpu));
        assertEquals(0, Cli.ours("taskset", "-p", all, pid).rc());
        assertEquals("pid " + pid + "'s current affinity mask: " + all + "\n", Cli.theirs("taskset", "-p", pid).out());

        // a pinned command
        assertEquals("pid $$'s current affinity list: X".replace("X", Integer.toString(lastCpu)),
                Cli.ours("taskset", "-c", Integer.toString(lastCpu), "sh", "-c", "taskset -cp $$").out().strip()
                        .replaceFirst("pid \\d+", "pid \\$\\$"));
        assertEquals(2, Cli.ours("taskset", "-cp", "x-y", pid).rc());
        assertEquals(2, Cli.ours("taskset", "--bogus").rc());
    }

    @Test
    void cpuListsAndMasks() {
        assertEquals("0-3,8,10,11", ProcText.formatCpuList(ProcText.parseCpuList("0-3,8,10,11")));
        assertEquals("0-2", ProcText.formatCpuList(new int[] {0, 1, 2}));
        assertEquals("0,2,4", ProcText.formatCpuList(ProcText.parseCpuList("0-5:2")));
        assertEquals("3", ProcText.formatMask(new int[] {0, 1}));
        assertEquals("f0", ProcText.formatMask(new int[] {4, 5, 6, 7}));
        assertEquals("100000000", ProcText.formatMask(new int[] {32}));
        assertEquals(java.util.List.of(0, 1), java.util.Arrays.stream(ProcText.parseMask("0x3")).boxed().toList());
        assertEquals(java.util.List.of(4, 5, 6, 7), java.util.Arrays.stream(ProcText.parseMask("f0")).boxed().toList());
    }
}
