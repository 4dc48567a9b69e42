package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import psutil4j.CpuTimes;
import psutil4j.DiskIoCountersEx;
import psutil4j.testing.Cmd;
import psutil4j.testing.PythonPsutil;

/** {@code iostat}: golden lines on fixed counters, and the same devices and totals as sysstat. */
class IostatCommandTest {

    static final IostatCommand.DiskStat VDA = new IostatCommand.DiskStat("vda", 51445, 9553, 2244706, 34206, 11517,
            32328, 1000720, 16786, 14284, 54063, 11026, 52, 276408, 3064, 122, 6);

    @Test
    void sectorsFromTheLibrarysBytes() {
        var e = new DiskIoCountersEx(51445, 11517, 2244706L * 512, 1000720L * 512, 34206, 16786, 9553, 32328, 14284, 0,
                54063, OptionalLong.of(11026), OptionalLong.of(52), OptionalLong.of(276408L * 512), OptionalLong.of(3064),
                OptionalLong.of(122), OptionalLong.of(6), true);
        assertEquals(VDA, IostatCommand.DiskStat.of("vda", e));
        var old = new DiskIoCountersEx(10, 5, 30 * 512, 70 * 512, 4, 8, 2, 6, 10, 0, 11, OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                true);
        assertEquals(0, IostatCommand.DiskStat.of("sda", old).dcIos()); // kernels before 4.18 have no discard fields
        assertEquals(70, IostatCommand.DiskStat.of("sda", old).wrSectors());
    }

    @Test
    void goldenBasic() {
        assertEquals("Device             tps    kB_read/s    kB_wrtn/s    kB_dscd/s    kB_read    kB_wrtn    kB_dscd",
                IostatCommand.basicHeader(false));
        assertEquals("Device             tps    MB_read/s    MB_wrtn/s    MB_dscd/s    MB_read    MB_wrtn    MB_dscd",
                IostatCommand.basicHeader(true));
        assertEquals("vda              43.96       666.88       297.30        82.12    1122353     500360     138204",
                IostatCommand.basicLine(VDA, 1683.0, false));
        assertEquals("vda              43.96         0.65         0.29         0.08       1096        488        134",
                IostatCommand.basicLine(VDA, 1683.0, true));
    }

    @Test
    void goldenExtendedHasSysstat12Columns() {
        assertEquals("Device            r/s     rkB/s   rrqm/s  %rrqm r_await rareq-sz     w/s     wkB/s   wrqm/s  %wrqm"
                + " w_await wareq-sz     d/s     dkB/s   drqm/s  %drqm d_await dareq-sz     f/s f_await  aqu-sz  %util",
                IostatCommand.extendedHeader(false));
        assertEquals("vda             30.57    666.88     5.68  15.66    0.66    21.82    6.84    297.30    19.21  73.73"
                + "    1.46    43.45    6.55     82.12     0.03   0.47    0.28    12.53    0.07    0.05    0.03   0.85",
                IostatCommand.extendedLine(VDA, 1683.0, false));
    }

    @Test
    void cpuSharesUseSysstatArithmetic() {
        // user includes guest (as /proc/stat); sysstat shows user - guest; system includes irq and softirq
        // CpuTimes(user, system, idle, nice, iowait, irq, softirq, steal, guest, guestNice)
        var now = new CpuTimes(60, 10, 20, 0, 5, 3, 2, 0, 10, 0);
        var s = IostatCommand.shares(now, new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals(50.0, s.user(), 1e-9);
        assertEquals(15.0, s.system(), 1e-9);
        assertEquals(20.0, s.idle(), 1e-9);
        assertEquals(5.0, s.iowait(), 1e-9);
    }

    @Test
    void headerLine() {
        assertEquals("Linux 6.1.0 (vm) \t11/26/26 \t_x86_64_\t(2 CPU)",
                IostatCommand.header("6.1.0", "vm", LocalDate.of(2026, 11, 26), "x86_64", 2));
    }

    /** Device -> numeric columns. */
    static Map<String, double[]> devices(String out) {
        var m = new LinkedHashMap<String, double[]>();
        boolean in = false;
        for (String l : out.split("\n")) {
            if (l.startsWith("Device")) {
                in = true;
                continue;
            }
            if (l.isBlank()) {
                in = false;
                continue;
            }
            if (in) {
                String[] f = l.trim().split("\\s+");
                double[] v = new double[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    v[i - 1] = Double.parseDouble(f[i]);
                }
                m.put(f[0], v);
            }
        }
        return m;
    }

    @Test
    void sameDevicesAndTotalsAsSysstat() {
        String theirs = Cmd.run("iostat", "-d", "-k");
        SysCli.Result ours = SysCli.run("iostat", "-d", "-k");
        assertEquals(0, ours.rc(), ours.err());
        assertEquals(theirs.lines().findFirst().orElseThrow(), ours.out().lines().findFirst().orElseThrow(), "header");
        Map<String, double[]> t = devices(theirs);
        Map<String, double[]> o = devices(ours.out());
        assertEquals(t.keySet(), o.keySet());
        for (String d : t.keySet()) {
            // kB_read since boot: others may read meanwhile; 1% or 50 MB
            double tr = t.get(d)[4];
            double or = o.get(d)[4];
            assertTrue(or >= tr && or - tr <= Math.max(51200, tr / 100), d + " kB_read " + tr + " vs " + or);
            assertEquals(t.get(d)[1], o.get(d)[1], Math.max(5, t.get(d)[1] * 0.05), d + " kB_read/s");
        }
    }

    @Test
    void extendedFiguresSinceBootAsSysstat() {
        Map<String, double[]> t = devices(Cmd.run("iostat", "-x", "-d"));
        Map<String, double[]> o = devices(SysCli.run("iostat", "-x", "-d").out());
        assertEquals(t.keySet(), o.keySet());
        for (String d : t.keySet()) {
            double[] a = t.get(d);
            double[] b = o.get(d);
            assertEquals(a.length, b.length);
            // since-boot averages move slowly: r_await, rareq-sz, %rrqm and the like within 5% (or 0.1)
            for (int i : new int[] {3, 4, 5, 9, 10, 11}) {
                assertEquals(a[i], b[i], Math.max(0.1, Math.abs(a[i]) * 0.05), d + " column " + i);
            }
        }
    }

    @Test
    void sameColumnSetsAsSysstat() {
        assertEquals(headerOf(Cmd.run("iostat", "-x", "-d")), headerOf(SysCli.run("iostat", "-x", "-d").out()));
        assertEquals(headerOf(Cmd.run("iostat", "-x", "-d", "-m")), headerOf(SysCli.run("iostat", "-x", "-d", "-m").out()));
        assertEquals(headerOf(Cmd.run("iostat", "-m")), headerOf(SysCli.run("iostat", "-m").out()));
        String cpu = SysCli.run("iostat", "-c").out();
        assertEquals(Cmd.run("iostat", "-c").lines().skip(1).limit(2).toList().get(1),
                cpu.lines().skip(1).limit(2).toList().get(1));
        assertTrue(cpu.contains("avg-cpu:  %user   %nice %system %iowait  %steal   %idle\n"));
        assertTrue(!cpu.contains("Device"));
        assertTrue(!SysCli.run("iostat", "-d").out().contains("avg-cpu"));
    }

    private static List<String> headerOf(String out) {
        return out.lines().filter(l -> l.startsWith("Device") || l.startsWith("avg-cpu")).toList();
    }

    @Test
    void intervalReportsAreDeltas() {
        SysCli.Result r = SysCli.run("iostat", "-d", "1", "2");
        assertEquals(0, r.rc(), r.err());
        String[] reports = r.out().split("\n\n\n");
        assertTrue(reports.length >= 2, r.out());
        Map<String, double[]> first = devices(reports[0]);
        Map<String, double[]> second = devices(reports[1]);
        assertEquals(first.keySet(), second.keySet());
        for (String d : first.keySet()) {
            assertTrue(second.get(d)[4] <= first.get(d)[4], "interval kB_read is a delta: " + d);
        }
        SysCli.Result y = SysCli.run("iostat", "-y", "-c", "1", "1");
        assertEquals(1, y.out().split("avg-cpu", -1).length - 1, y.out());
    }

    @Test
    void jsonCountersArePsutils() throws Exception {
        SysCli.Result r = SysCli.run("iostat", "--json");
        assertEquals(0, r.rc(), r.err());
        JsonNode ours = new ObjectMapper().readTree(r.out());
        JsonNode theirs = PythonPsutil.eval("nt(psutil.disk_io_counters(perdisk=True))");
        var it = ours.get("disk_io_counters").fieldNames();
        assertTrue(it.hasNext());
        while (it.hasNext()) {
            String d = it.next();
            var names = new java.util.ArrayList<String>();
            ours.get("disk_io_counters").get(d).fieldNames().forEachRemaining(names::add);
            var tn = new java.util.ArrayList<String>();
            theirs.get(d).fieldNames().forEachRemaining(tn::add);
            assertEquals(tn, names);
        }
        assertTrue(ours.get("avg_cpu").has("iowait"));
    }

    @Test
    void usageErrors() {
        assertEquals(2, SysCli.run("iostat", "--bogus").rc());
        assertEquals(2, SysCli.run("iostat", "1", "2", "3").rc());
    }
}
