package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import psutil4j.testing.Cmd;
import psutil4j.testing.PythonPsutil;

/** {@code top -b} / {@code iotop -b} output against ps, free and psutil. */
class TopBatchTest {

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        children.clear();
    }

    record Result(int rc, String out, String err) {
    }

    static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new Result(rc, out.toString(), err.toString());
    }

    /** The table's rows, split on blanks (COMMAND is everything from field 11 on). */
    static List<String[]> rows(String out) {
        var lines = out.lines().toList();
        int h = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(" *PID USER .*")) {
                h = i;
            }
        }
        assertTrue(h >= 0, out);
        var rows = new ArrayList<String[]>();
        for (String l : lines.subList(h + 1, lines.size())) {
            rows.add(l.trim().split(" +", 12));
        }
        return rows;
    }

    static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix + " in\n" + out));
    }

    @Test
    void processSetMatchesPs() {
        for (int attempt = 0; ; attempt++) {
            var r = run("top", "-b", "-n", "1", "-d", "0.2");
            assertEquals(0, r.rc(), r.err());
            assertEquals("", r.err());
            Set<Integer> ours = new TreeSet<>();
            rows(r.out()).forEach(f -> ours.add(Integer.parseInt(f[0])));
            Set<Integer> ps = new TreeSet<>();
            Set<Integer> psOld = new TreeSet<>();
            for (String l : Cmd.run("ps", "-e", "-o", "pid=,etimes=").lines().toList()) {
                String[] f = l.trim().split(" +");
                ps.add(Integer.parseInt(f[0]));
                if (Long.parseLong(f[1]) >= 10) {
                    psOld.add(Integer.parseInt(f[0]));
                }
            }
            // processes older than 10 s that ps sees and top did not must have ended meanwhile
            var missing = new TreeSet<>(psOld);
            missing.removeAll(ours);
            missing.removeIf(pid -> !Files.exists(Path.of("/proc/" + pid)));
            var diff = new HashSet<>(ours);
            diff.removeAll(ps);
            var diff2 = new HashSet<>(ps);
            diff2.removeAll(ours);
            boolean ok = missing.isEmpty() && diff.size() + diff2.size() <= 10;
            if (ok || attempt == 1) {
                assertTrue(missing.isEmpty(), "top lacks long-lived pids " + missing);
                assertTrue(diff.size() + diff2.size() <= 10, "only top: " + diff + " only ps: " + diff2);
                assertTrue(ours.contains(1));
                assertTrue(ours.contains((int) ProcessHandle.current().pid()));
                // the clock line as procps top's: "top - HH:MM:SS up ...,  N user(s),  load average: a, b, c"
                String clock = r.out().lines().findFirst().orElseThrow();
                long who = Cmd.run("who").lines().count();
                assertTrue(clock.matches("top - \\d\\d:\\d\\d:\\d\\d up .*,  " + who + (who > 1 ? " users" : " user")
                        + ",  load average: \\d+\\.\\d\\d, \\d+\\.\\d\\d, \\d+\\.\\d\\d"), clock);
                String tasks = line(r.out(), "Tasks:");
                assertTrue(tasks.startsWith("Tasks: " + ours.size() + " total,"), tasks);
                return;
            }
        }
    }

    static String[] numbers(String line) {
        return java.util.regex.Pattern.compile("[0-9]+\\.[0-9]").matcher(line).results().map(m -> m.group()).toArray(String[]::new);
    }

    @Test
    void memoryHeaderMatchesFree() {
        for (int attempt = 0; ; attempt++) {
            var r = run("top", "-b", "-n", "1", "-d", "0.1", "-p", "1");
            String[] free = Cmd.run("free", "-b").lines().filter(l -> l.startsWith("Mem:")).findFirst().orElseThrow().trim().split(" +");
            String[] swap = Cmd.run("free", "-b").lines().filter(l -> l.startsWith("Swap:")).findFirst().orElseThrow().trim().split(" +");
            // "MiB Mem :   24105.6 total,   22923.9 free,     903.7 used,     630.3 buff/cache"
            String[] ours = numbers(line(r.out(), "MiB Mem :"));
            String[] oursSwap = numbers(line(r.out(), "MiB Swap:"));
            double total = Long.parseLong(free[1]) / 1048576.0;
            assertEquals(total, Double.parseDouble(ours[0]), 0.051, "total");
            assertEquals(Long.parseLong(swap[1]) / 1048576.0, Double.parseDouble(oursSwap[0]), 0.051, "swap total");
            double tol = total * 0.02;
            boolean ok = Math.abs(Long.parseLong(free[3]) / 1048576.0 - Double.parseDouble(ours[1])) <= tol
                    && Math.abs(Long.parseLong(free[2]) / 1048576.0 - Double.parseDouble(ours[2])) <= tol
                    && Math.abs(Long.parseLong(free[5]) / 1048576.0 - Double.parseDouble(ours[3])) <= tol
                    && Math.abs(Long.parseLong(free[6]) / 1048576.0 - Double.parseDouble(oursSwap[3])) <= tol;
            if (ok || attempt == 1) {
                assertEquals(Long.parseLong(free[3]) / 1048576.0, Double.parseDouble(ours[1]), tol, "free");
                assertEquals(Long.parseLong(free[2]) / 1048576.0, Double.parseDouble(ours[2]), tol, "used");
                assertEquals(Long.parseLong(free[5]) / 1048576.0, Double.parseDouble(ours[3]), tol, "buff/cache");
                assertEquals(Long.parseLong(free[6]) / 1048576.0, Double.parseDouble(oursSwap[3]), tol, "avail Mem");
                return;
            }
        }
    }

    @Test
    void pidOptionAndSortField() throws IOException {
        Process sleep = new ProcessBuilder("sleep", "300").start();
        children.add(sleep);
        int me = (int) ProcessHandle.current().pid();
        var r = run("top", "-b", "-n", "1", "-d", "0.1", "-p", me + "," + sleep.pid());
        assertEquals(0, r.rc(), r.err());
        var rows = rows(r.out());
        assertEquals(2, rows.size(), r.out());
        // default order: %CPU highest first, and this JVM is busy running the test
        var byPid = new TreeSet<Integer>();
        rows.forEach(f -> byPid.add(Integer.parseInt(f[0])));
        assertEquals(new TreeSet<>(List.of(me, (int) sleep.pid())), byPid);
        String[] s = rows.stream().filter(f -> f[0].equals(Long.toString(sleep.pid()))).findFirst().orElseThrow();
        assertEquals("sleep 300", s[11]);
        assertEquals("S", s[7]);
        assertEquals(Cmd.run("ps", "-o", "user=", "-p", Long.toString(sleep.pid())).trim(), s[1]);
        assertEquals(Cmd.run("ps", "-o", "ni=", "-p", Long.toString(sleep.pid())).trim(), s[3]);
        // RES/VIRT in KiB as ps's rss/vsz
        long rss = Long.parseLong(Cmd.run("ps", "-o", "rss=", "-p", Long.toString(sleep.pid())).trim());
        assertEquals(rss, Long.parseLong(s[5]), 64);
        long vsz = Long.parseLong(Cmd.run("ps", "-o", "vsz=", "-p", Long.toString(sleep.pid())).trim());
        assertEquals(vsz, Long.parseLong(s[4]));

        var byMem = rows(run("top", "-b", "-n", "1", "-d", "0.1", "-o", "%MEM").out());
        for (int i = 1; i < byMem.size(); i++) {
            assertTrue(Double.parseDouble(byMem.get(i - 1)[9]) >= Double.parseDouble(byMem.get(i)[9]), "row " + i);
        }
        var byPidAsc = rows(run("top", "-b", "-n", "1", "-d", "0.1", "-o", "PID").out());
        var byPidDesc = rows(run("top", "-b", "-n", "1", "-d", "0.1", "-o", "+PID").out());
        assertEquals("1", byPidAsc.get(0)[0]);
        assertTrue(Integer.parseInt(byPidDesc.get(0)[0]) > Integer.parseInt(byPidDesc.get(byPidDesc.size() - 1)[0]));
        var lowMemFirst = rows(run("top", "-b", "-n", "1", "-d", "0.1", "-o", "-%MEM").out());
        assertTrue(Double.parseDouble(lowMemFirst.get(0)[9]) <= Double.parseDouble(lowMemFirst.get(lowMemFirst.size() - 1)[9]));
    }

    @Test
    void iterationsAndTreeAndFilter() throws IOException {
        Process sleep = new ProcessBuilder("sleep", "301").start();
        children.add(sleep);
        var r = run("top", "-b", "-n", "2", "-d", "0.2", "-t", "-f", "sleep 301");
        assertEquals(0, r.rc(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("top - ")).count());
        String[] row = rows(r.out()).get(0);
        assertEquals(Long.toString(sleep.pid()), row[0]);
        assertFalse(r.out().contains("\033"), "no control codes in batch mode");
        // unfiltered tree: this JVM's child sits under it
        var tree = run("top", "-b", "-n", "1", "-d", "0.1", "-t", "-p", ProcessHandle.current().pid() + "," + sleep.pid());
        var t = rows(tree.out());
        assertEquals(Long.toString(ProcessHandle.current().pid()), t.get(0)[0]);
        assertTrue(t.get(1)[11].startsWith("`- sleep 301"), t.get(1)[11]);
    }

    @Test
    void jsonHasPsutilNames() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "302").start();
        children.add(sleep);
        var r = run("top", "-b", "-n", "2", "-d", "0.2", "--json", "-p", Long.toString(sleep.pid()));
        assertEquals(0, r.rc(), r.err());
        var lines = r.out().lines().toList();
        assertEquals(2, lines.size(), "one JSON object per iteration");
        JsonNode j = new ObjectMapper().readTree(lines.get(1));
        var keys = new ArrayList<String>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("time", "uptime", "getloadavg", "cpu_percent", "cpu_percent_percpu", "virtual_memory",
                "swap_memory", "pressure_some_avg10", "processes"), keys);
        JsonNode vm = PythonPsutil.eval("nt(psutil.virtual_memory())");
        assertEquals(vm.get("total").asLong(), j.get("virtual_memory").get("total").asLong());
        var vmKeys = new TreeSet<String>();
        vm.fieldNames().forEachRemaining(vmKeys::add);
        var ourVmKeys = new TreeSet<String>();
        j.get("virtual_memory").fieldNames().forEachRemaining(ourVmKeys::add);
        assertEquals(vmKeys, ourVmKeys);
        assertEquals(PythonPsutil.eval("psutil.cpu_count()").asInt(), j.get("cpu_percent_percpu").size());
        JsonNode p = j.get("processes").get(0);
        assertEquals(sleep.pid(), p.get("pid").asLong());
        JsonNode theirs = PythonPsutil.eval("nt(psutil.Process(" + sleep.pid() + ").as_dict(attrs=["
                + "'pid','ppid','name','username','nice','memory_info','cpu_percent','cpu_times','status','cmdline',"
                + "'memory_percent','create_time']))");
        var theirKeys = new TreeSet<String>();
        theirs.fieldNames().forEachRemaining(theirKeys::add);
        var ourKeys = new TreeSet<String>();
        p.fieldNames().forEachRemaining(ourKeys::add);
        assertEquals(theirKeys, ourKeys);
        for (String k : List.of("pid", "ppid", "name", "username", "nice", "status", "cmdline", "create_time")) {
            assertEquals(theirs.get(k), p.get(k), k);
        }
        var mi = new TreeSet<String>();
        theirs.get("memory_info").fieldNames().forEachRemaining(mi::add);
        var ourMi = new TreeSet<String>();
        p.get("memory_info").fieldNames().forEachRemaining(ourMi::add);
        // MemoryInfo follows newest psutil, which dropped the always-zero lib and dirty that 5.9.4 has
        mi.removeAll(List.of("lib", "dirty"));
        assertEquals(mi, ourMi);
        assertEquals(0.0, p.get("cpu_percent").asDouble(), 5.0);
    }

    @Test
    void iotopShowsWriteRateOfADirectIoWriter() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "iotop");
        Path file = dir.resolve("dd.out");
        // O_DIRECT writes reach /proc/PID/io write_bytes at once (no page cache write-back delay)
        Process dd = new ProcessBuilder("dd", "if=/dev/zero", "of=" + file, "bs=64k", "count=200000", "oflag=direct")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        children.add(dd);
        try {
            var r = run("iotop", "-b", "-n", "2", "-d", "0.5", "-p", Long.toString(dd.pid()));
            assertEquals(0, r.rc(), r.err());
            var lines = r.out().lines().toList();
            String last = lines.get(lines.size() - 1);
            assertTrue(last.matches(" *" + dd.pid() + " be/[0-7] +root +[0-9.]+ [BKMG]/s +[0-9.]+ [KMG]/s +[0-9.]+ % dd if=/dev/zero.*"), last);
            assertTrue(r.out().contains("Total DISK WRITE:"), r.out());
            var only = run("iotop", "-b", "-n", "2", "-d", "0.3", "-o");
            assertTrue(only.out().contains("dd if=/dev/zero"), only.out());
            assertFalse(only.out().lines().anyMatch(l -> l.endsWith(" sleep 300")), only.out());
        } finally {
            dd.destroyForcibly();
            dd.waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void errors() {
        var bad = run("top", "-b", "-o", "BOGUS");
        assertEquals(1, bad.rc());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().contains("unknown sort field 'BOGUS'"), bad.err());
        assertEquals(2, run("top", "--bogus").rc());
        assertEquals(1, run("top", "-b", "-d", "0").rc());
        assertEquals(1, run("top", "-b", "-n", "0").rc());
        // not a terminal: the live UI refuses instead of scribbling on a pipe
        var live = run("top");
        assertEquals(1, live.rc());
        assertTrue(live.err().contains("not a terminal"), live.err());
    }
}
