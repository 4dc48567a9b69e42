package psutil4j.cli.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import psutil4j.LoadAvg;
import psutil4j.SwapMemory;
import psutil4j.VirtualMemory;

/** The renderer as a pure function: hand-made samples in, screen lines out. */
class RenderTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final long GIB = 1L << 30;

    static ProcRow row(int pid, int ppid, String user, int nice, long rss, String status, double cpu, double mem,
            double time, String name, List<String> cmd, double read, double write) {
        return new ProcRow(pid, ppid, user, nice, rss * 3, rss, rss / 2, status, cpu, mem, time, name, cmd,
                "be/4", read, write, 0.0);
    }

    /** init(1) -> bash(10) -> {vim(12), make(11) -> cc(20)}; kthreadd(2) -> kworker(3). */
    static List<ProcRow> procs() {
        return List.of(
                row(1, 0, "root", 0, 12_000_000, "sleeping", 0.5, 0.1, 30.25, "init", List.of("/sbin/init"), 0, 0),
                row(2, 0, "root", 0, 0, "sleeping", 0.0, 0.0, 0.01, "kthreadd", List.of(), 0, 0),
                row(3, 2, "root", -20, 0, "idle", 1.0, 0.0, 2.0, "kworker/0:1", List.of(), 0, 4096),
                row(10, 1, "alice", 0, 5_000_000, "sleeping", 0.0, 0.05, 1.5, "bash", List.of("-bash"), 0, 0),
                row(11, 10, "alice", 5, 900_000_000, "running", 99.0, 4.5, 125.0, "make", List.of("make", "-j2"), 1e6, 0),
                row(12, 10, "bob", 0, 300_000_000, "stopped", 0.0, 1.5, 0.75, "vim", List.of("vim", "notes.txt"), 0, 2048),
                row(20, 11, "alice", 5, 1_500_000_000, "zombie", 50.0, 7.0, 60.0, "cc", List.of("cc", "-c", "x.c"), 512, 1e7));
    }

    static SysInfo sys(List<Double> percpu) {
        var vm = new VirtualMemory(16 * GIB, 12 * GIB, 25.0, 4 * GIB, 10 * GIB, 0, 0, GIB / 2, GIB, 0, GIB / 4);
        var swap = new SwapMemory(2 * GIB, GIB / 2, 3 * GIB / 2, 25.0, 0, 0);
        return new SysInfo(86400.0 * 365 * 50 + 3723, 2 * 86400 + 3 * 3600 + 4 * 60 + 5, 3, new LoadAvg(1.5, 0.25, 0.125),
                42.0, percpu, vm, swap, OptionalDouble.of(1.25), OptionalDouble.of(0.0), OptionalDouble.empty(),
                1536.0, 0.0);
    }

    static Render.Screen render(ViewState v, int width, int height) {
        return Render.render(new Render.Model(sys(List.of(10.0, 100.0, 0.0, 55.5)), procs(), v, width, height, UTC));
    }

    static List<Integer> pids(Render.Screen s) {
        return s.rows().stream().map(ProcRow::pid).toList();
    }

    /** The table's lines after the header. */
    static List<String> table(Render.Screen s) {
        return s.lines().subList(s.tableHeader() + 1, s.lines().size());
    }

    @Test
    void defaultSortIsCpuHighestFirst() {
        var s = render(ViewState.initial(false), 200, 0);
        assertEquals(List.of(11, 20, 3, 1, 2, 10, 12), pids(s));
        assertEquals(7, table(s).size());
        assertTrue(table(s).get(0).startsWith("     11 alice"), table(s).get(0));
    }

    @Test
    void keysPMTNSortAsHtop() {
        var v = ViewState.initial(false);
        assertEquals(List.of(20, 11, 12, 1, 10, 2, 3), pids(render(v.withSort(Column.MEM), 200, 0)));
        assertEquals(List.of(11, 20, 1, 3, 10, 12, 2), pids(render(v.withSort(Column.TIME), 200, 0)));
        assertEquals(List.of(1, 2, 3, 10, 11, 12, 20), pids(render(v.withSort(Column.PID), 200, 0)));
        assertEquals(List.of(20, 12, 11, 10, 3, 2, 1), pids(render(v.withSort(Column.PID).withReverse(true), 200, 0)));
    }

    @ParameterizedTest
    @EnumSource(Column.class)
    void everyColumnSortsByItsOwnValues(Column c) {
        boolean iotop = Column.of(true).contains(c) && !Column.of(false).contains(c);
        for (boolean reverse : new boolean[] {false, true}) {
            var v = ViewState.initial(iotop).withSort(c).withReverse(reverse);
            var rows = render(v, 300, 0).rows();
            Comparator<ProcRow> order = c.order(reverse);
            for (int i = 1; i < rows.size(); i++) {
                assertTrue(order.compare(rows.get(i - 1), rows.get(i)) <= 0, c + " reverse=" + reverse + " at " + i);
            }
            // the sorted column is really ordered as the user sees it (numbers, not strings)
            if (c == Column.RES) {
                long prev = Long.MAX_VALUE;
                for (ProcRow r : rows) {
                    assertTrue(reverse || r.res() <= prev);
                    prev = r.res();
                }
            }
        }
    }

    @Test
    void lessAndGreaterMoveTheSortColumnAndWrap() {
        var v = ViewState.initial(false);
        assertEquals(Column.MEM, v.moveSort(1).sort());
        assertEquals(Column.S, v.moveSort(-1).sort());
        var first = v.withSort(Column.PID);
        assertEquals(Column.COMMAND, first.moveSort(-1).sort());
        assertEquals(Column.PID, first.withSort(Column.COMMAND).moveSort(1).sort());
        var io = ViewState.initial(true);
        assertEquals(Column.DISK_WRITE, io.moveSort(1).sort());
        assertEquals(List.of(Column.PID, Column.PRIO, Column.USER, Column.DISK_READ, Column.DISK_WRITE, Column.IO,
                Column.COMMAND), Column.of(true));
    }

    @Test
    void filterKeepsMatchingCommandsCaseInsensitively() {
        var v = ViewState.initial(false).withSort(Column.PID);
        assertEquals(List.of(11), pids(render(v.withFilter("MAKE -j"), 200, 0)));
        // kernel threads match on their [name]
        assertEquals(List.of(3), pids(render(v.withFilter("[kworker"), 200, 0)));
        assertEquals(List.of(), pids(render(v.withFilter("nothing-like-this"), 200, 0)));
        var s = render(v.withFilter("x.c"), 200, 0);
        assertEquals(1, table(s).size());
        assertTrue(table(s).get(0).endsWith("cc -c x.c"), table(s).get(0));
    }

    @Test
    void treePutsChildrenUnderParentsWithIndentation() {
        var v = ViewState.initial(false).withSort(Column.PID).withTree(true);
        var s = render(v, 200, 0);
        assertEquals(List.of(1, 10, 11, 20, 12, 2, 3), pids(s));
        var t = table(s);
        assertTrue(t.get(0).endsWith(" /sbin/init"), t.get(0));
        assertTrue(t.get(1).endsWith(" `- -bash"), t.get(1));
        assertTrue(t.get(2).endsWith("   `- make -j2"), t.get(2));
        assertTrue(t.get(3).endsWith("     `- cc -c x.c"), t.get(3));
        assertTrue(t.get(4).endsWith("   `- vim notes.txt"), t.get(4));
        assertTrue(t.get(6).endsWith(" `- [kworker/0:1]"), t.get(6));
        // siblings follow the sort column: by %MEM make (4.5) before vim (1.5); reversed, vim first
        var byMem = render(v.withSort(Column.MEM), 200, 0);
        assertEquals(List.of(1, 10, 11, 20, 12, 2, 3), pids(byMem));
        var byMemRev = render(v.withSort(Column.MEM).withReverse(true), 200, 0);
        assertEquals(List.of(2, 3, 1, 10, 12, 11, 20), pids(byMemRev));
    }

    @Test
    void treeWithFilterMakesOrphansRoots() {
        var v = ViewState.initial(false).withSort(Column.PID).withTree(true).withFilter("a");
        // "a" matches [kthreadd] (2), -bash (10) and make -j2 (11): bash's parent is hidden, so
        // bash is a root; make stays under bash
        var s = render(v, 200, 0);
        assertEquals(List.of(2, 10, 11), pids(s));
        var t = table(s);
        assertTrue(t.get(0).endsWith(" [kthreadd]"), t.get(0));
        assertTrue(t.get(1).endsWith(" -bash"), t.get(1));
        assertTrue(t.get(2).endsWith(" `- make -j2"), t.get(2));
    }

    @Test
    void topHeaderShowsTheFigures() {
        var s = render(ViewState.initial(false), 100, 0);
        var l = s.lines();
        assertEquals("top - 01:02:03 up 2 days,  3:04,  3 users,  load average: 1.50, 0.25, 0.13", l.get(0));
        assertEquals("Tasks: 7 total, 1 running, 4 sleeping, 1 stopped, 1 zombie", l.get(1));
        assertEquals("%Cpu(s):  42.0 used", l.get(2));
        // 4 CPUs on 100 columns: 3 bars per row, filled column by column
        assertTrue(l.get(3).startsWith("0[|||"), l.get(3));
        assertTrue(l.get(3).contains("2[") && l.get(3).contains("10.0%]"), l.get(3));
        assertTrue(l.get(4).startsWith("1[||||||||||||||||||||"), l.get(4));
        assertTrue(l.get(4).contains("100.0%]") && l.get(4).contains("3[") && l.get(4).contains("55.5%]"), l.get(4));
        assertTrue(l.get(5).startsWith("Mem[") && l.get(5).contains("4.0G/16G]") && l.get(5).contains("Swp["), l.get(5));
        assertTrue(l.get(5).contains("512M/2.0G]"), l.get(5));
        assertEquals("MiB Mem :   16384.0 total,   10240.0 free,    4096.0 used,    1792.0 buff/cache", l.get(6));
        assertEquals("MiB Swap:    2048.0 total,    1536.0 free,     512.0 used.   12288.0 avail Mem", l.get(7));
        assertEquals("PSI some avg10: cpu 1.25  memory 0.00  io n/a", l.get(8));
        assertEquals("", l.get(9));
        assertEquals(10, s.tableHeader());
        assertTrue(l.get(10).matches(" +PID USER +PR +NI +VIRT +RES +SHR S +%CPU +%MEM +TIME\\+ COMMAND"), l.get(10));
        // the sort column's span (the live UI underlines it): %CPU right-aligned in 5 columns
        assertEquals(" %CPU", l.get(10).substring(s.sortFrom(), s.sortTo()));
        var byCmd = render(ViewState.initial(false).withSort(Column.COMMAND), 100, 0);
        assertEquals("COMMAND", byCmd.lines().get(10).substring(byCmd.sortFrom(), byCmd.sortTo()));
        var byUser = render(ViewState.initial(false).withSort(Column.USER), 100, 0);
        assertEquals("USER     ", byUser.lines().get(10).substring(byUser.sortFrom(), byUser.sortTo()));
        for (String line : l) {
            assertTrue(line.length() <= 100, line);
        }
    }

    @Test
    void cellsAreFormattedAsTop() {
        var t = table(render(ViewState.initial(false).withSort(Column.PID), 200, 0));
        // pid 11: nice 5 -> PR 25; rss 900 MB -> KiB; TIME+ 125 s -> 2:05.00
        assertTrue(t.get(4).matches(" +11 alice +25 +5 +2636718 +878906 +439453 R +99\\.0 +4\\.5 +2:05\\.00 make -j2"), t.get(4));
        assertTrue(t.get(2).matches(" +3 root +0 +-20 +0 +0 +0 I +1\\.0 +0\\.0 +0:02\\.00 \\[kworker/0:1\\]"), t.get(2));
        assertEquals("0:30.25", Column.time(30.25));
        assertEquals("61:01.50", Column.time(3661.5));
        assertEquals("9999999", Column.kib(9999999L * 1024));
        assertEquals("9765.6m", Column.kib(10_000_000L * 1024));
        assertEquals("1.50 K/s", Column.rate(1536));
    }

    @Test
    void heightCutsTheTableAndWidthCutsLines() {
        var s = render(ViewState.initial(false), 40, 14);
        assertEquals(14, s.lines().size());
        assertEquals(7, s.rows().size(), "all rows stay in the model for k/r defaults");
        s.lines().forEach(l -> assertTrue(l.length() <= 40, l));
    }

    @Test
    void promptLineShowsAboveTheTable() {
        var s = render(ViewState.initial(false).withPrompt("PID to signal/kill [default pid = 11] "), 120, 30);
        assertEquals("PID to signal/kill [default pid = 11] ", s.lines().get(s.tableHeader() - 1));
    }

    @Test
    void iotopHeaderAndColumns() {
        var s = render(ViewState.initial(true), 120, 0);
        var l = s.lines();
        assertTrue(l.get(0).startsWith("iotop - 01:02:03 up 2 days"), l.get(0));
        // totals are the sum of the per-process rates: 1e6 + 512 read, 4096 + 2048 + 1e7 written
        assertEquals("Total DISK READ:     977.06 K/s | Total DISK WRITE:       9.54 M/s", l.get(1));
        assertEquals("Actual DISK READ:      1.50 K/s | Actual DISK WRITE:      0.00 B/s", l.get(2));
        assertTrue(l.get(s.tableHeader()).matches(" +PID PRIO  USER +DISK READ +DISK WRITE +IO> COMMAND"), l.get(s.tableHeader()));
        assertEquals(List.of(11, 20), pids(s).subList(0, 2));
        assertTrue(table(s).get(0).matches(" +11 be/4  alice +976\\.56 K/s +0\\.00 B/s +0\\.00 % make -j2"), table(s).get(0));
    }

    @Test
    void controlCharactersNeverReachTheScreen() {
        var evil = row(99, 1, "root", 0, 1, "sleeping", 0, 0, 0, "x\033]0;t", List.of("sh", "-c", "a\nb\033[2J"), 0, 0);
        assertEquals("sh -c a b?[2J", evil.command());
        var noCmd = row(98, 1, "root", 0, 1, "sleeping", 0, 0, 0, "x\033y", List.of(), 0, 0);
        assertEquals("[x?y]", noCmd.command());
    }

    @Test
    void sortFieldNamesAsProcpsTop() {
        assertEquals(Column.MEM, Column.byName("%MEM", false));
        assertEquals(Column.CPU, Column.byName("%cpu", false));
        assertEquals(Column.TIME, Column.byName("TIME+", false));
        assertEquals(Column.DISK_WRITE, Column.byName("DISK_WRITE", true));
        var e = assertThrows(IllegalArgumentException.class, () -> Column.byName("BOGUS", false));
        assertTrue(e.getMessage().contains("%MEM"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Column.byName("DISK READ", false));
    }

    @Test
    void ioPrioAsIotop() {
        assertEquals("be/4", Sampler.ioPrio(new psutil4j.IoNice(psutil4j.IoPrioClass.NONE, 0), 0));
        assertEquals("be/0", Sampler.ioPrio(new psutil4j.IoNice(psutil4j.IoPrioClass.NONE, 0), -20));
        assertEquals("be/7", Sampler.ioPrio(new psutil4j.IoNice(psutil4j.IoPrioClass.NONE, 0), 19));
        assertEquals("rt/3", Sampler.ioPrio(new psutil4j.IoNice(psutil4j.IoPrioClass.RT, 3), 0));
        assertEquals("idle", Sampler.ioPrio(new psutil4j.IoNice(psutil4j.IoPrioClass.IDLE, 0), 0));
    }

    @Test
    void manyCpusWrapIntoRows() {
        var percpu = new ArrayList<Double>();
        for (int i = 0; i < 16; i++) {
            percpu.add((double) i);
        }
        var lines = new ArrayList<String>();
        Render.cpuBars(percpu, 160, lines);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith(" 0[") && lines.get(0).contains(" 4[") && lines.get(0).contains("12["), lines.get(0));
        assertEquals("Mem[|||||||   50%]", Render.bar("Mem", 0.5, "50%", 18));
    }

    @Test
    void wideCharactersAreCutByTerminalColumns() {
        assertEquals("abc", TopUi.fit("abcdef", 3));
        // each CJK character takes two columns: 5 columns hold two of them and nothing of the third
        assertEquals("x\u6f22\u5b57", TopUi.fit("x\u6f22\u5b57\u6f22", 5));
        assertEquals("\u6f22\u5b57", TopUi.fit("\u6f22\u5b57\u6f22", 5));
        // a supplementary character is never split into half a surrogate pair
        assertEquals("a", TopUi.fit("a\uD83D\uDE00", 2));
        assertEquals("a\uD83D\uDE00", TopUi.fit("a\uD83D\uDE00", 3));
    }

    @Test
    void unknownValuesSortLast() {
        var zombie = new ProcRow(50, 1, "root", 0, -1, -1, -1, "zombie", Double.NaN, Double.NaN, Double.NaN, "z",
                List.of(), null, Double.NaN, Double.NaN, Double.NaN);
        var rows = new ArrayList<>(procs());
        rows.add(zombie);
        for (Column c : List.of(Column.CPU, Column.MEM, Column.TIME, Column.RES)) {
            var s = Render.render(new Render.Model(sys(List.of(1.0)), rows, ViewState.initial(false).withSort(c), 200, 0, UTC));
            assertEquals(50, s.rows().get(s.rows().size() - 1).pid(), c.toString());
        }
        var io = Render.render(new Render.Model(sys(List.of(1.0)), rows, ViewState.initial(true), 200, 0, UTC));
        assertEquals(50, io.rows().get(io.rows().size() - 1).pid());
        var line = Render.render(new Render.Model(sys(List.of(1.0)), List.of(zombie), ViewState.initial(false), 200, 0, UTC));
        assertTrue(line.lines().get(line.tableHeader() + 1).matches(" +50 root +20 +0 +\\? +\\? +\\? Z +\\? +\\? +\\? \\[z\\]"),
                line.lines().get(line.tableHeader() + 1));
    }
}
