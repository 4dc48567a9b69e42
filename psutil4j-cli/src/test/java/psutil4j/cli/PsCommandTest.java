package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import psutil4j.MemoryInfo;
import psutil4j.ProcessCpuTimes;
import psutil4j.Uids;

/** {@code ps} against procps ps 4 on the same machine, plus golden layouts. */
class PsCommandTest {

    private final Cli.Kids kids = new Cli.Kids();

    @AfterEach
    void cleanup() {
        kids.close();
    }

    private static Set<Integer> pids(String text) {
        var s = new HashSet<Integer>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                s.add(Integer.parseInt(l.strip()));
            }
        }
        return s;
    }

    @Test
    void everyLongLivedPidOfProcpsIsListed() {
        Set<Integer> before = pids(Cli.theirs("ps", "-e", "-o", "pid=").out());
        var r = Cli.ours("ps", "-e", "-o", "pid=");
        assertEquals(0, r.rc(), r.err());
        Set<Integer> after = pids(Cli.theirs("ps", "-e", "-o", "pid=").out());
        Set<Integer> ours = pids(r.out());
        var longLived = new HashSet<>(before);
        longLived.retainAll(after);
        var missing = new HashSet<>(longLived);
        missing.removeAll(ours);
        assertTrue(missing.isEmpty(), "listed by procps before and after but not by us: " + missing);
        for (int p : ours) {
            // a pid procps never saw must have been short-lived: gone by now, or newer than our sweep
            if (!before.contains(p) && !after.contains(p)) {
                assertFalse(longLived.contains(p));
            }
        }
        assertTrue(ours.contains((int) ProcessHandle.current().pid()));
    }

    /** A sleeping child uses no CPU and its memory is still: every column must equal procps'. */
    @Test
    void sleepingChildReadsExactlyLikeProcps() {
        Process p = kids.start("sleep", "60");
        String pid = Long.toString(p.pid());
        Cli.await("sleeping", () -> Cli.theirs("ps", "-o", "stat=", "-p", pid).out().strip().equals("S"));
        for (List<String> args : List.of(
                List.of("u", "-p", pid),
                List.of("-f", "-p", pid),
                List.of("-p", pid),
                List.of("f", "-p", pid),
                List.of("-o", "pid,ppid,uid,user,comm,nice,rss,vsz,stat,state,lstart,tty,psr,nlwp,pgid,sid,args", "-p", pid),
                List.of("-o", "pid,time,bsdtime,%cpu,%mem,c,stime,start_time,cmd", "-p", pid),
                List.of("-o", "pid,ni,cls,rtprio,comm", "-p", "1,2," + pid),
                List.of("-o", "pid=,comm=NAME", "-p", pid),
                List.of("-p", pid, "--no-headers", "-o", "user,pid"))) {
            var argv = new java.util.ArrayList<String>();
            argv.add("ps");
            argv.addAll(args);
            var r = Cli.ours(argv.toArray(String[]::new));
            var t = Cli.theirs(argv.toArray(String[]::new));
            if (!t.out().equals(r.out())) {
                // psr may move between the two reads; retry once
                r = Cli.ours(argv.toArray(String[]::new));
                t = Cli.theirs(argv.toArray(String[]::new));
            }
            assertEquals(t.out(), r.out(), "ps " + args + " rc=" + r.rc() + " " + r.err());
            assertEquals(0, r.rc());
        }
    }

    @Test
    void selectionByUserNameAndPid() {
        Path exe = kids.uniqueSleep("p4jps");
        Process a = kids.start(exe.toString(), "60");
        Process b = kids.start(exe.toString(), "61");
        String name = exe.getFileName().toString();
        var r = Cli.ours("ps", "-C", name, "-o", "pid=");
        assertEquals(Set.of((int) a.pid(), (int) b.pid()), pids(r.out()));
        assertEquals(pids(Cli.theirs("ps", "-C", name, "-o", "pid=").out()), pids(r.out()));

        r = Cli.ours("ps", "-p", a.pid() + "," + b.pid(), "-o", "pid=");
        assertEquals(Set.of((int) a.pid(), (int) b.pid()), pids(r.out()));

        r = Cli.ours("ps", "-u", "root", "-o", "user=");
        for (String l : r.lines()) {
            assertEquals("root", l.strip());
        }
        assertTrue(r.lines().size() > 2);
    }

    @Test
    void forestLikeProcps() {
        Process sh = kids.start("sh", "-c", "sleep 60 & (sleep 61 & wait) & wait");
        Cli.await("grandchild", () -> sh.descendants().filter(c -> Cli.Kids.comm(c.pid()).equals("sleep")).count() == 2);
        Process other = kids.start("sleep", "62");
        var pids = new java.util.ArrayList<String>();
        pids.add(Long.toString(sh.pid()));
        pids.add(Long.toString(other.pid()));
        sh.descendants().forEach(d -> pids.add(Long.toString(d.pid())));
        String sel = String.join(",", pids);
        for (var args : List.of(List.of("--forest", "-o", "pid,ppid,args", "-p", sel), List.of("f", "-o", "pid,comm", "-p", sel),
                List.of("-f", "--forest", "-p", sel))) {
            var argv = new java.util.ArrayList<>(List.of("ps"));
            argv.addAll(args);
            var r = Cli.ours(argv.toArray(String[]::new));
            assertEquals(0, r.rc(), r.err());
            assertEquals(Cli.theirs(argv.toArray(String[]::new)).out(), r.out(), "ps " + args);
        }
        assertTrue(Cli.ours("ps", "--forest", "-o", "args", "-p", sel).out().contains(" \\_ sleep 60"));
    }

    @Test
    void longNamesShowTheKernelsComm() throws Exception {
        Path dir = kids.uniqueSleep("p4j").getParent();
        Path exe = dir.resolve("p4j-a-rather-long-program-name");
        Files.copy(Path.of("/bin/sleep"), exe, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Process p = kids.start(exe.toString(), "60");
        String pid = Long.toString(p.pid());
        for (String fmt : List.of("pid,comm", "comm,pid", "pid,args")) {
            assertEquals(Cli.theirs("ps", "-o", fmt, "-p", pid).out(), Cli.ours("ps", "-o", fmt, "-p", pid).out(), fmt);
        }
        assertEquals(Cli.theirs("ps", "-C", "p4j-a-rather-lo", "-o", "pid=").out(),
                Cli.ours("ps", "-C", "p4j-a-rather-lo", "-o", "pid=").out());
        // -U: real user
        assertEquals(Cli.theirs("ps", "-U", "root", "-p", pid, "-o", "pid=").out().contains(pid),
                Cli.ours("ps", "-U", "root", "-o", "pid=").out().contains(pid));
    }

    /**
     * A process on a pseudo-terminal (script(1) makes one): TTY, and STAT's 's' and '+' flags.
     * "exec" makes sleep the session leader whichever shell script(1) picks ($SHELL or sh: dash
     * does not exec a lone command itself, bash does).
     */
    @Test
    void terminalAndForegroundFlags() {
        Process script = kids.start("script", "-qc", "exec sleep 60", "/dev/null");
        Cli.await("sleep on the pty", () -> script.descendants().anyMatch(d -> Cli.Kids.comm(d.pid()).equals("sleep")));
        long sleep = script.descendants().filter(d -> Cli.Kids.comm(d.pid()).equals("sleep")).findFirst().orElseThrow().pid();
        String pids = script.pid() + "," + sleep;
        Cli.await("sleeping", () -> Cli.theirs("ps", "-o", "stat=", "-p", Long.toString(sleep)).out().strip().startsWith("S"));
        var r = Cli.ours("ps", "-o", "pid,ppid,tty,stat,sid,pgid,comm", "-p", pids);
        assertEquals(Cli.theirs("ps", "-o", "pid,ppid,tty,stat,sid,pgid,comm", "-p", pids).out(), r.out());
        assertTrue(r.out().contains(" pts/"), r.out());
        assertTrue(r.out().contains("Ss+"), r.out());
    }

    /** The columns psutil lacks (psutil4j's additional attributes): TPGID, F, WCHAN, on and off a terminal. */
    @Test
    void groupsFlagsAndWaitChannelLikeProcps() {
        Process plain = kids.start("sleep", "60");
        Process script = kids.start("script", "-qc", "exec sleep 61", "/dev/null");
        Cli.await("sleep on the pty", () -> script.descendants().anyMatch(d -> Cli.Kids.comm(d.pid()).equals("sleep")));
        long onPty = script.descendants().filter(d -> Cli.Kids.comm(d.pid()).equals("sleep")).findFirst().orElseThrow().pid();
        String pids = plain.pid() + "," + onPty;
        Cli.await("sleeping", () -> Cli.theirs("ps", "-o", "stat=", "-p", pids).out().lines().allMatch(l -> l.strip().startsWith("S")));
        for (List<String> args : List.of(
                List.of("-o", "pid,sid,pgid,tpgid,f,stat,wchan", "-p", pids),
                List.of("-o", "pid,wchan,tpgid,comm", "-p", pids),
                List.of("-o", "pid,f,cls,rtprio", "-p", pids, "--sort=f,pid"))) {
            var argv = new java.util.ArrayList<>(List.of("ps"));
            argv.addAll(args);
            var r = Cli.ours(argv.toArray(String[]::new));
            assertEquals(0, r.rc(), r.err());
            assertEquals(Cli.theirs(argv.toArray(String[]::new)).out(), r.out(), "ps " + args);
        }
    }

    @Test
    void sortsDescendingAndAscending() {
        var r = Cli.ours("ps", "-eo", "pid,rss", "--sort=-rss");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.lines().size() > 5, r.out());
        long prev = Long.MAX_VALUE;
        for (String l : r.lines().subList(1, r.lines().size())) {
            long rss = Long.parseLong(l.strip().split("\\s+")[1]);
            assertTrue(rss <= prev, r.out());
            prev = rss;
        }
        for (List<String> form : List.of(List.of("--sort", "-pid"), List.of("--sort=-pid"))) {
            var argv = new java.util.ArrayList<>(List.of("ps", "-e", "-o", "pid="));
            argv.addAll(form);
            r = Cli.ours(argv.toArray(String[]::new));
            assertEquals(0, r.rc(), form + ": " + r.err());
            assertTrue(r.lines().size() > 5, r.out());
            // descending as procps: pid 1 comes last
            assertEquals("1", r.lines().getLast().strip(), form + ": " + r.out());
        }
        int last = Integer.MAX_VALUE;
        for (String l : r.lines()) {
            int pid = Integer.parseInt(l.strip());
            assertTrue(pid < last);
            last = pid;
        }
    }

    @Test
    void jsonHasPsutilNames() throws Exception {
        Process p = kids.start("sleep", "60");
        var r = Cli.ours("ps", "-p", Long.toString(p.pid()), "-o", "pid,user,comm,rss,nice", "--json");
        assertEquals(0, r.rc(), r.err());
        JsonNode a = new ObjectMapper().readTree(r.out());
        assertEquals(1, a.size());
        JsonNode o = a.get(0);
        assertEquals(p.pid(), o.get("pid").asLong());
        assertEquals("sleep", o.get("name").asText());
        assertEquals("root".equals(System.getProperty("user.name")) ? "root" : System.getProperty("user.name"),
                o.get("username").asText());
        assertEquals(0, o.get("nice").asInt());
        long rssKb = Long.parseLong(Cli.theirs("ps", "-o", "rss=", "-p", Long.toString(p.pid())).out().strip());
        assertEquals(rssKb, o.get("memory_info").get("rss").asLong() / 1024);
    }

    @Test
    void errorsAndExitCodes() {
        assertEquals(2, Cli.ours("ps", "--bogus").rc());
        assertEquals(2, Cli.ours("ps", "-o", "pid,nosuchkey").rc());
        assertEquals(2, Cli.ours("ps", "--sort=nosuchkey").rc());
        assertEquals(2, Cli.ours("ps", "auxq").rc());
        assertEquals(2, Cli.ours("ps", "-p", "abc").rc());
        // procps: nothing selected -> header only, exit 1
        int free = 4_000_000;
        while (Files.exists(Path.of("/proc/" + free))) {
            free++;
        }
        var r = Cli.ours("ps", "-p", Integer.toString(free));
        assertEquals(1, r.rc());
        assertEquals(Cli.theirs("ps", "-p", Integer.toString(free)).out(), r.out());
    }

    // ------------------------------------------------------------------ golden layouts

    private static PsCommand.Row row(int pid, String user, String name, List<String> cmd, long rss, long vms,
                                     double create, double cpu, int nice, String status, int threads) {
        Map<String, Object> info = new HashMap<>();
        info.put("pid", pid);
        info.put("ppid", 1);
        info.put("username", user);
        info.put("uids", new Uids(1000, 1000, 1000));
        info.put("name", name);
        info.put("cmdline", cmd);
        info.put("memory_info", new MemoryInfo(rss, vms, 0, 0, 0));
        info.put("create_time", create);
        info.put("cpu_times", new ProcessCpuTimes(cpu, 0, 0, 0, 0));
        info.put("nice", nice);
        info.put("status", status);
        info.put("num_threads", threads);
        info.put("terminal", pid == 42 ? "/dev/pts/3" : null);
        return new PsCommand.Row(info, 1_800_000_000.0, 16L * 1024 * 1024 * 1024);
    }

    @Test
    void goldenAuxAndFullLayouts() {
        ZoneId utc = ZoneId.of("UTC");
        var rows = List.of(
                row(42, "alice", "vim", List.of("vim", "notes.txt"), 12_345_678, 234_567_890, 1_800_000_000.0 - 3723, 61.5, 0,
                        "running", 1),
                row(1234567, "averyverylongname", "kworker/0:1", List.of(), 0, 0, 1_800_000_000.0 - 400 * 86400.0, 0, -20,
                        "idle", 1),
                row(7, "bob", "java", List.of("java", "-jar", "x\ny.jar"), 1L << 30, 4L << 30, 1_800_000_000.0 - 2 * 86400, 100_000,
                        5, "sleeping", 30));
        var cmd = new PsCommand();
        cmd.format = List.of();
        cmd.bsd = List.of("aux");
        var out = new java.io.StringWriter();
        var pw = new java.io.PrintWriter(out);
        var aux = List.of("user", "pid", "%cpu", "%mem", "vsz", "rss", "tty=TTY", "stat", "start_time=START", "bsdtime",
                "args=COMMAND");
        PsCommand.print(pw, columns(aux, utc), rows, true);
        pw.flush();
        assertEquals(String.join("\n",
                "USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND",
                "alice       42  1.6  0.0 229070 12056 pts/3    R    06:57   1:01 vim notes.txt",
                "averyve+ 1234567  0.0  0.0      0     0 ?        I<    2025   0:00 [kworker/0:1]",
                "bob          7 57.8  6.2 4194304 1048576 ?        SNl  Jan13 1666:40 java -jar x?y.jar",
                ""), out.toString());

        out.getBuffer().setLength(0);
        var full = List.of("user=UID", "pid", "ppid", "c", "stime", "tty=TTY", "time", "args=CMD");
        PsCommand.print(pw, columns(full, utc), rows.subList(0, 1), true);
        pw.flush();
        assertEquals(String.join("\n",
                "UID        PID  PPID  C STIME TTY          TIME CMD",
                "alice       42     1  1 06:57 pts/3    00:01:01 vim notes.txt",
                ""), out.toString());
    }

    private static List<PsCommand.Column> columns(List<String> keys, ZoneId zone) {
        var cols = new java.util.ArrayList<PsCommand.Column>();
        for (String k : keys) {
            int eq = k.indexOf('=');
            var c = PsCommand.column(eq < 0 ? k : k.substring(0, eq), zone);
            cols.add(eq < 0 ? c : c.withHeader(k.substring(eq + 1)));
        }
        return cols;
    }

    @Test
    void timeFormats() {
        assertEquals("00:00:00", ProcText.cpuTime(0));
        assertEquals("01:01:01", ProcText.cpuTime(3661));
        assertEquals("2-00:00:05", ProcText.cpuTime(2 * 86400 + 5));
        assertEquals("0:05", ProcText.bsdTime(5));
        assertEquals("61:01", ProcText.bsdTime(3661));
        assertEquals("00:05", ProcText.etime(5));
        assertEquals("01:00:05", ProcText.etime(3605));
        assertEquals("3-00:00:05", ProcText.etime(3 * 86400 + 5));
        ZoneId utc = ZoneId.of("UTC");
        double now = java.time.Instant.parse("2027-01-15T08:00:00Z").getEpochSecond();
        assertEquals("07:00", ProcText.start(now - 3600, now, utc));
        assertEquals("Jan14", ProcText.start(now - 9 * 3600, now, utc), "yesterday, though less than 24 h ago");
        assertEquals("2026", ProcText.start(now - 15 * 86400, now, utc), "last year");
        assertEquals("Wed Jan  6 08:00:00 2027", ProcText.lstart(java.time.Instant.parse("2027-01-06T08:00:00Z").getEpochSecond(), ZoneId.of("UTC")));
    }
}
