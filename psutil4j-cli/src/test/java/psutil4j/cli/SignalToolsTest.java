package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** pidof, kill and killall against procps/psmisc and against the children they act on. */
class SignalToolsTest {

    private final Cli.Kids kids = new Cli.Kids();

    @AfterEach
    void cleanup() {
        kids.close();
    }

    private static Set<Integer> pidSet(String line) {
        return Arrays.stream(line.strip().split("\\s+")).filter(s -> !s.isEmpty()).map(Integer::parseInt)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void pidofFindsTheSamePidsAsProcps() {
        Path exe = kids.uniqueSleep("p4jpidof");
        Process a = kids.start(exe.toString(), "60");
        Process b = kids.start(exe.toString(), "61");
        String name = exe.getFileName().toString();
        var r = Cli.ours("pidof", name);
        assertEquals(0, r.rc(), r.err());
        assertEquals(Set.of((int) a.pid(), (int) b.pid()), pidSet(r.out()));
        assertEquals(Cli.theirs("pidof", name).out(), r.out(), "same pids, same (descending) order");
        // by full path too
        assertEquals(pidSet(Cli.theirs("pidof", exe.toString()).out()), pidSet(Cli.ours("pidof", exe.toString()).out()));
        // -s: one pid, the first procps would print
        assertEquals(Cli.theirs("pidof", "-s", name).out(), Cli.ours("pidof", "-s", name).out());
        // several names: each in turn; -s keeps one per name (other sessions start sleeps all
        // the time, so a second name of our own)
        Path exe2 = kids.uniqueSleep("p4jpidoff");
        kids.start(exe2.toString(), "60");
        kids.start(exe2.toString(), "61");
        String name2 = exe2.getFileName().toString();
        assertEquals(Cli.theirs("pidof", "-s", name, name2).out(), Cli.ours("pidof", "-s", name, name2).out());
        assertEquals(Cli.theirs("pidof", name2, name).out(), Cli.ours("pidof", name2, name).out());
        // -o omits
        assertEquals(Set.of((int) b.pid()), pidSet(Cli.ours("pidof", "-o", Long.toString(a.pid()), name).out()));
        var none = Cli.ours("pidof", "p4j-no-such-program");
        assertEquals(1, none.rc());
        assertEquals("", none.out());
    }

    @Test
    void pidofScriptsWithX() throws Exception {
        Path dir = kids.uniqueSleep("p4jx").getParent();
        Path script = dir.resolve("p4jscript" + ProcessHandle.current().pid() % 100000);
        java.nio.file.Files.writeString(script, "#!/bin/sh\nsleep 60\n");
        script.toFile().setExecutable(true);
        // run through its #! line: the kernel names the process after the script
        Process sh = kids.start(script.toString());
        String name = script.getFileName().toString();
        var r = Cli.ours("pidof", "-x", name);
        assertEquals(Set.of((int) sh.pid()), pidSet(r.out()));
        assertEquals(Cli.theirs("pidof", "-x", name).out(), r.out());
        assertEquals(1, Cli.ours("pidof", name).rc(), "without -x a script is not matched");
        assertEquals(1, Cli.theirs("pidof", name).rc());
        // started as "sh SCRIPT" it is not a script to procps either
        Process viaSh = kids.start("/bin/sh", script.toString());
        assertEquals(Cli.theirs("pidof", "-x", name).out(), Cli.ours("pidof", "-x", name).out());
        assertTrue(!pidSet(Cli.ours("pidof", "-x", name).out()).contains((int) viaSh.pid()));
    }

    @Test
    void pidofSleepAgreesOnLongLivedProcesses() {
        Process a = kids.start("sleep", "60");
        Set<Integer> before = pidSet(Cli.theirs("pidof", "sleep").out());
        Set<Integer> ours = pidSet(Cli.ours("pidof", "sleep").out());
        Set<Integer> after = pidSet(Cli.theirs("pidof", "sleep").out());
        var longLived = new TreeSet<>(before);
        longLived.retainAll(after);
        assertTrue(ours.containsAll(longLived), "ours " + ours + " procps " + longLived);
        assertTrue(ours.contains((int) a.pid()));
    }

    private static int exitSignal(Process p) throws InterruptedException {
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "child still alive");
        return p.exitValue() - 128;
    }

    @Test
    void killDeliversTheSignalInEveryForm() throws Exception {
        for (var form : List.of(List.<String>of(), List.of("-9"), List.of("-KILL"), List.of("-SIGHUP"), List.of("-s", "INT"),
                List.of("-s", "SIGUSR1"), List.of("--signal", "10"))) {
            Process p = kids.start("sleep", "60");
            var args = new java.util.ArrayList<String>();
            args.add("kill");
            args.addAll(form);
            args.add(Long.toString(p.pid()));
            var r = Cli.ours(args.toArray(String[]::new));
            assertEquals(0, r.rc(), form + " " + r.err());
            int expected = form.isEmpty() ? 15 : switch (form.get(form.size() - 1)) {
                case "-9", "-KILL" -> 9;
                case "-SIGHUP" -> 1;
                case "INT" -> 2;
                default -> 10;
            };
            assertEquals(expected, exitSignal(p), "kill " + form);
        }
    }

    @Test
    void killListsLikeProcps() {
        assertEquals(Cli.theirs("/bin/kill", "-l").out(), Cli.ours("kill", "-l").out());
        assertEquals(Cli.theirs("/bin/kill", "-L").out(), Cli.ours("kill", "-L").out());
        assertEquals(Cli.theirs("/bin/kill", "-l", "9").out(), Cli.ours("kill", "-l", "9").out());
        assertEquals(Cli.theirs("/bin/kill", "-l", "TERM").out(), Cli.ours("kill", "-l", "TERM").out());
    }

    @Test
    void killErrors() {
        int gone = Integer.MAX_VALUE / 2;
        var r = Cli.ours("kill", Integer.toString(gone));
        assertEquals(1, r.rc());
        assertEquals("kill: (" + gone + "): No such process\n", r.err());
        assertEquals(Cli.theirs("/bin/kill", Integer.toString(gone)).rc(), r.rc());
        assertEquals(2, Cli.ours("kill", "--bogus", "1").rc());
        assertEquals(2, Cli.ours("kill", "-NOSUCHSIG", "1").rc());
        assertEquals(2, Cli.ours("kill").rc());
        assertEquals(2, Cli.ours("kill", "abc").rc());
    }

    @Test
    void killallKillsEveryMatchingProcessAndOnlyThose() throws Exception {
        Path exe = kids.uniqueSleep("p4jkall");
        Process a = kids.start(exe.toString(), "60");
        Process b = kids.start(exe.toString(), "61");
        Process other = kids.start("sleep", "62");
        var r = Cli.ours("killall", "-s", "KILL", exe.getFileName().toString());
        assertEquals(0, r.rc(), r.err());
        assertEquals(9, exitSignal(a));
        assertEquals(9, exitSignal(b));
        assertTrue(other.isAlive());

        Process c = kids.start(exe.toString(), "63");
        assertEquals(0, Cli.ours("killall", "-HUP", exe.getFileName().toString()).rc());
        assertEquals(1, exitSignal(c));

        var none = Cli.ours("killall", exe.getFileName().toString());
        assertEquals(1, none.rc());
        assertEquals(Cli.theirs("killall", exe.getFileName().toString()).err(), none.err());
        assertEquals(2, Cli.ours("killall", "--bogus", "x").rc());
    }

    @Test
    void signalNames() {
        assertEquals(9, ProcText.signal("9"));
        assertEquals(9, ProcText.signal("kill"));
        assertEquals(15, ProcText.signal("SIGTERM"));
        assertEquals(34, ProcText.signal("RTMIN"));
        assertEquals(36, ProcText.signal("RTMIN+2"));
        assertEquals(62, ProcText.signal("RTMAX-2"));
        assertEquals("RTMIN+1", ProcText.signalName(35));
        assertEquals("TERM", ProcText.signalName(15));
    }
}
