package psutil4j.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Test;

import psutil4j.CpuFreq;
import psutil4j.CpuStats;
import psutil4j.CpuTimes;
import psutil4j.LoadAvg;
import psutil4j.SwapMemory;
import psutil4j.VirtualMemory;
import psutil4j.internal.linux.proc.ProcCpuinfo;
import psutil4j.internal.linux.proc.ProcLoadavg;
import psutil4j.internal.linux.proc.ProcMeminfo;
import psutil4j.internal.linux.proc.ProcStat;
import psutil4j.internal.linux.proc.ProcVmstat;
import psutil4j.internal.linux.proc.ProcZoneinfo;
import psutil4j.internal.parse.ByteCursor;

/** The CPU and memory parsers and computations on fixture trees (no live machine involved). */
class CpuMemoryParserTest {

    private static final long HZ = 100;

    // ---- /proc/stat ----

    /** Expected times of a cpu line, computed with String.split as psutil does. */
    private static double[] splitTicks(String line) {
        String[] f = line.trim().split("\\s+");
        double[] out = new double[10];
        for (int i = 1; i < f.length && i <= 10; i++) {
            out[i - 1] = Double.parseDouble(f[i]) / HZ;
        }
        return out;
    }

    private static void assertTimes(double[] e, CpuTimes t) {
        // /proc/stat order: user nice system idle iowait irq softirq steal guest guest_nice
        assertEquals(e[0], t.user());
        assertEquals(e[1], t.nice());
        assertEquals(e[2], t.system());
        assertEquals(e[3], t.idle());
        assertEquals(e[4], t.iowait());
        assertEquals(e[5], t.irq());
        assertEquals(e[6], t.softirq());
        assertEquals(e[7], t.steal());
        assertEquals(e[8], t.guest());
        assertEquals(e[9], t.guestNice());
    }

    @Test
    void loadavgsLastPidAndVmstatsReclaimCounters() {
        assertEquals(5980, ProcLoadavg.lastPid(ByteCursor.of("0.02 0.12 0.08 4/116 5980\n")));
        assertEquals(-1, ProcLoadavg.lastPid(ByteCursor.of("0.02 0.12 0.08 4/116\n")));
        assertEquals(-1, ProcLoadavg.lastPid(ByteCursor.of("0.02 0.12 0.08 4/116 59x0\n")));
        // every pgscan_*, pgsteal_*, pswpout, zswpout and thp_collapse_alloc line, nothing else
        assertEquals(1 + 2 + 4 + 8 + 16 + 32, ProcVmstat.reclaimed(ByteCursor.of("nr_free_pages 1000\npgscan_kswapd 1\n"
                + "pgsteal_direct 2\npswpin 64\npswpout 4\nzswpout 8\nthp_collapse_alloc 16\n"
                + "thp_collapse_alloc_failed 128\npgsteal_anon 32\npgrefill 256\n")));
        assertEquals(-1, ProcVmstat.reclaimed(ByteCursor.of("nr_free_pages 1000\npswpin 3\n")));
    }

    @Test
    void cpuTimesFromCapturedStat() {
        String[] lines = Fixtures.text("vm-2cpu", "proc/stat").split("\n");
        CpuTimes total = ProcStat.parseCpuTotal(Fixtures.cursor("vm-2cpu", "proc/stat"), HZ);
        assertTimes(splitTicks(lines[0]), total);
        List<CpuTimes> per = ProcStat.parseCpuPercpu(Fixtures.cursor("vm-2cpu", "proc/stat"), HZ);
        assertEquals(2, per.size());
        assertTimes(splitTicks(lines[1]), per.get(0));
        assertTimes(splitTicks(lines[2]), per.get(1));
        // the total line is the sum of the CPU lines (one tick of rounding per CPU at most)
        assertEquals(total.user(), per.get(0).user() + per.get(1).user(), 0.02 + 1e-9);
        assertEquals(2, ProcStat.parseCpuLineCount(Fixtures.cursor("vm-2cpu", "proc/stat")));
    }

    @Test
    void cpuLinesWithoutGuestFieldsReadZero() {
        // kernel 2.6.11..2.6.23: 8 fields, no guest nor guest_nice
        CpuTimes t = ProcStat.parseCpuTotal(Fixtures.cursor("old-kernel", "proc/stat"), HZ);
        assertEquals(new CpuTimes(792.87, 217.88, 34017.66, 21.23, 120.09, 11.08, 14.34, 0, 0, 0), t);
        List<CpuTimes> per = ProcStat.parseCpuPercpu(Fixtures.cursor("old-kernel", "proc/stat"), HZ);
        assertEquals(2, per.size());
        assertEquals(7.34, per.get(1).softirq());
        assertEquals(0.0, per.get(1).guestNice());
        // kernel 2.4: user nice system idle only
        CpuTimes old = ProcStat.parseCpuTotal(Fixtures.cursor("kernel-2.4", "proc/stat"), HZ);
        assertEquals(new CpuTimes(47.05, 5.84, 36991.76, 3.56, 0, 0, 0, 0, 0, 0), old);
        assertEquals(1, ProcStat.parseCpuPercpu(Fixtures.cursor("kernel-2.4", "proc/stat"), HZ).size());
    }

    @Test
    void cpuStats() {
        String text = Fixtures.text("vm-2cpu", "proc/stat");
        long ctxt = -1;
        long intr = -1;
        long soft = -1;
        for (String line : text.split("\n")) {
            String[] f = line.split("\\s+");
            switch (f[0]) {
                case "ctxt" -> ctxt = Long.parseLong(f[1]);
                case "intr" -> intr = Long.parseLong(f[1]);
                case "softirq" -> soft = Long.parseLong(f[1]);
                default -> {
                }
            }
        }
        assertEquals(new CpuStats(ctxt, intr, soft, 0),
                ProcStat.parseCpuStats(Fixtures.cursor("vm-2cpu", "proc/stat")));
        assertEquals(new CpuStats(20391045, 11488543, 6020912, 0),
                ProcStat.parseCpuStats(Fixtures.cursor("old-kernel", "proc/stat")));
        assertThrows(IllegalStateException.class,
                () -> ProcStat.parseCpuStats(ByteCursor.of("cpu 1 2 3 4\nctxt 5\n")));
    }

    // ---- cpu_percent arithmetic ----

    private static CpuTimes times(double user, double system, double idle, double iowait,
            double guest) {
        return new CpuTimes(user, system, idle, 0, iowait, 0, 0, 0, guest, 0);
    }

    @Test
    void busyPercentExcludesIdleIowaitAndGuest() {
        CpuTimes zero = times(0, 0, 0, 0, 0);
        // user 10 s of which 5 s guest, idle 10 s: total = 20 (guest not counted twice)
        assertEquals(50.0, LinuxCpu.busyPercent(zero, times(10, 0, 10, 0, 5)));
        // iowait is idle time
        assertEquals(25.0, LinuxCpu.busyPercent(zero, times(5, 0, 10, 5, 0)));
        // no time passed: 0.0, as psutil's ZeroDivisionError branch
        assertEquals(0.0, LinuxCpu.busyPercent(zero, zero));
        // a field going backwards counts as 0 (psutil #1210)
        assertEquals(100.0, LinuxCpu.busyPercent(times(0, 0, 5, 0, 0), times(10, 0, 1, 0, 0)));
        // one decimal, Python rounding: 1/3 -> 33.3
        assertEquals(33.3, LinuxCpu.busyPercent(zero, times(1, 0, 2, 0, 0)));
    }

    @Test
    void timesPercentPerField() {
        CpuTimes zero = times(0, 0, 0, 0, 0);
        CpuTimes p = LinuxCpu.timesPercent(zero, new CpuTimes(4, 2, 2, 0, 0, 0, 0, 0, 2, 0));
        // total = 8 (guest excluded): user 50, system 25, idle 25, guest 25 (within user)
        assertEquals(new CpuTimes(50.0, 25.0, 25.0, 0, 0, 0, 0, 0, 25.0, 0), p);
        // less than a second of CPU time still sums to 100 (psutil #1586 would give 3.0/1.0)
        assertEquals(new CpuTimes(75.0, 0, 25.0, 0, 0, 0, 0, 0, 0, 0),
                LinuxCpu.timesPercent(zero, new CpuTimes(0.03, 0, 0.01, 0, 0, 0, 0, 0, 0, 0)));
        // no time passed: all zeros
        assertEquals(new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), LinuxCpu.timesPercent(zero, zero));
    }

    @Test
    void firstNonBlockingCallOnAThreadIsZero() throws Exception {
        double[] r = new double[2];
        Thread t = Thread.ofPlatform().start(() -> {
            r[0] = LinuxCpu.cpuPercent(null);
            r[1] = LinuxCpu.cpuTimesPercent(null).idle();
        });
        t.join();
        assertEquals(0.0, r[0]);
        assertEquals(0.0, r[1]);
        assertThrows(IllegalArgumentException.class,
                () -> LinuxCpu.cpuPercent(java.time.Duration.ofMillis(-1)));
    }

    @Test
    void pythonRounding() {
        assertEquals(0.2, UsagePercent.round1(0.25)); // exact tie: half-even
        assertEquals(0.3, UsagePercent.round1(0.35)); // 0.34999...
        assertEquals(0.5, UsagePercent.round1(0.45)); // 0.45000...01
        assertEquals(2.5, UsagePercent.round1(2.45)); // 2.4500000000000001776
        assertEquals(-1.2, UsagePercent.round1(-1.25));
        Random rnd = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            double x = rnd.nextInt(4) == 0 ? rnd.nextInt(2000) / 20.0 : rnd.nextDouble() * 100;
            double exact = new BigDecimal(x).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
            assertEquals(exact, UsagePercent.round1(x), () -> "round1(" + x + ")");
        }
        assertEquals(0.0, UsagePercent.of(5, 0));
        assertEquals(33.3, UsagePercent.of(1, 3));
    }

    // ---- /proc/meminfo, zoneinfo, vmstat ----

    @Test
    void virtualMemoryFromCapturedMeminfo() {
        String text = Fixtures.text("vm-2cpu", "proc/meminfo");
        ProcMeminfo m = ProcMeminfo.parse(Fixtures.cursor("vm-2cpu", "proc/meminfo"));
        VirtualMemory vm = LinuxMemory.virtualMemory(m, () -> {
            throw new AssertionError("zoneinfo must not be read when MemAvailable is there");
        });
        long total = Fixtures.meminfo(text, "MemTotal");
        long avail = Fixtures.meminfo(text, "MemAvailable");
        assertEquals(total, vm.total());
        assertEquals(avail, vm.available());
        assertEquals(total - avail, vm.used());
        assertEquals(Fixtures.meminfo(text, "MemFree"), vm.free());
        assertEquals(Fixtures.meminfo(text, "Buffers"), vm.buffers());
        assertEquals(Fixtures.meminfo(text, "Cached") + Fixtures.meminfo(text, "SReclaimable"),
                vm.cached());
        assertEquals(Fixtures.meminfo(text, "Shmem"), vm.shared());
        assertEquals(Fixtures.meminfo(text, "Active"), vm.active());
        assertEquals(Fixtures.meminfo(text, "Inactive"), vm.inactive());
        assertEquals(Fixtures.meminfo(text, "Slab"), vm.slab());
        double pct = new BigDecimal((double) (total - avail) / total * 100)
                .setScale(1, RoundingMode.HALF_EVEN).doubleValue();
        assertEquals(pct, vm.percent());
    }

    @Test
    void availableEstimatedFromZoneinfoWithoutMemAvailable() {
        ProcMeminfo m = ProcMeminfo.parse(Fixtures.cursor("old-kernel", "proc/meminfo"));
        assertEquals(ProcMeminfo.MISSING, m.memAvailable());
        long lowPages = ProcZoneinfo.parseLowWatermarkPages(Fixtures.cursor("old-kernel", "proc/zoneinfo"));
        assertEquals(80 + 10143, lowPages);
        long wm = lowPages * 4096;
        VirtualMemory vm = LinuxMemory.virtualMemory(m, () -> wm);
        // kernel commit 34e431b0ae39, by hand: free - wmLow + pagecache - min(pagecache/2, wmLow)
        // + SReclaimable - min(SReclaimable/2, wmLow)
        long free = 118464L * 1024;
        long pagecache = (575788L + 452396L) * 1024;
        long sreclaimable = 79716L * 1024;
        long expected = free - wm + pagecache - Math.min(pagecache / 2, wm)
                + sreclaimable - Math.min(sreclaimable / 2, wm);
        assertEquals(expected, vm.available());
        assertEquals(vm.total() - expected, vm.used());
        // /proc/zoneinfo unreadable (before 2.6.13): free + Cached
        assertEquals(free + 943884L * 1024, LinuxMemory.virtualMemory(m, () -> -1).available());
    }

    @Test
    void capturedZoneinfoSumsEveryZone() {
        long expected = 0;
        for (String line : Fixtures.text("vm-2cpu", "proc/zoneinfo").split("\n")) {
            String s = line.strip();
            if (s.startsWith("low")) {
                expected += Long.parseLong(s.split("\\s+")[1]);
            }
        }
        assertTrue(expected > 0);
        assertEquals(expected, ProcZoneinfo.parseLowWatermarkPages(Fixtures.cursor("vm-2cpu", "proc/zoneinfo")));
    }

    @Test
    void kernel24Meminfo() {
        ProcMeminfo m = ProcMeminfo.parse(Fixtures.cursor("kernel-2.4", "proc/meminfo"));
        VirtualMemory vm = LinuxMemory.virtualMemory(m, () -> {
            throw new AssertionError("no LRU file counters: zoneinfo is not needed");
        });
        // no Active(file)/Inactive(file)/SReclaimable: available = free + Cached
        assertEquals((36112L + 747076L) * 1024, vm.available());
        assertEquals((198764L + 50324L + 96480L) * 1024, vm.inactive()); // Inact_* summed
        assertEquals(0, vm.shared()); // MemShared: 0
        assertEquals(0, vm.slab()); // absent
        assertEquals(747076L * 1024, vm.cached()); // no SReclaimable to add
        assertEquals(455544L * 1024, vm.active());
    }

    @Test
    void memAvailableZeroIsEstimatedAndSwapInUse() {
        ProcMeminfo m = ProcMeminfo.parse(Fixtures.cursor("swap-used", "proc/meminfo"));
        assertEquals(0, m.memAvailable());
        boolean[] asked = {false};
        VirtualMemory vm = LinuxMemory.virtualMemory(m, () -> {
            asked[0] = true;
            return 1000L * 4096;
        });
        assertTrue(asked[0], "MemAvailable 0 must be estimated (psutil #1915)");
        assertTrue(vm.available() > 0 && vm.available() <= vm.total());

        SwapMemory sw = LinuxMemory.swapMemory(m,
                ProcVmstat.parse(Fixtures.cursor("swap-used", "proc/vmstat")));
        long total = 2097148L * 1024;
        long free = 1572860L * 1024;
        assertEquals(new SwapMemory(total, total - free, free, 25.0, 3072L * 4096, 131072L * 4096), sw);
        // vmstat unreadable: sin/sout 0 as psutil #722
        assertEquals(0, LinuxMemory.swapMemory(m, null).sin());
        assertEquals(0, LinuxMemory.swapMemory(m, ProcVmstat.parse(ByteCursor.of("nr_free 1\n"))).sout());
    }

    @Test
    void noSwap() {
        ProcMeminfo m = ProcMeminfo.parse(Fixtures.cursor("vm-2cpu", "proc/meminfo"));
        assertEquals(0, m.swapTotal());
        SwapMemory sw = LinuxMemory.swapMemory(m,
                ProcVmstat.parse(Fixtures.cursor("vm-2cpu", "proc/vmstat")));
        assertEquals(new SwapMemory(0, 0, 0, 0.0, 0, 0), sw);
    }

    @Test
    void meminfoKeysWithoutBlankAndLookalikes() {
        // psutil #2809: no space after the colon; "Active(anon):" must not be read as "Active:"
        ProcMeminfo m = ProcMeminfo.parse(ByteCursor.of(
                "MemTotal:1000 kB\nMemFree:  10 kB\nActive(anon): 7 kB\nActive: 5 kB\n"
                + "ShadowCallStack:10373888 kB\n"));
        assertEquals(1024000, m.memTotal());
        assertEquals(5 * 1024, m.active());
        assertEquals(ProcMeminfo.MISSING, m.activeFile());
        assertThrows(IllegalStateException.class, () -> ProcMeminfo.parse(ByteCursor.of("Foo: 1 kB\n")));
    }

    // ---- loadavg, cpuinfo ----

    @Test
    void loadavg() {
        String[] f = Fixtures.text("vm-2cpu", "proc/loadavg").split("\\s+");
        assertEquals(new LoadAvg(Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                Double.parseDouble(f[2])), ProcLoadavg.parse(Fixtures.cursor("vm-2cpu", "proc/loadavg")));
        assertEquals(new LoadAvg(1.05, 0.7, 12.5), ProcLoadavg.parse(Fixtures.cursor("old-kernel", "proc/loadavg")));
        Random rnd = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            String s = rnd.nextInt(1000) + "." + String.format("%02d", rnd.nextInt(100));
            assertEquals(Double.parseDouble(s), ProcLoadavg.parse(ByteCursor.of(s + " " + s + " " + s + " 1/2 3\n")).load1(), s);
        }
    }

    @Test
    void cpuinfo() {
        assertEquals(List.of(2300.0, 2300.0), boxed(ProcCpuinfo.parseFreqsMhz(Fixtures.cursor("vm-2cpu", "proc/cpuinfo"))));
        assertEquals(2, ProcCpuinfo.parseProcessorCount(Fixtures.cursor("vm-2cpu", "proc/cpuinfo")));
        assertEquals(2, ProcCpuinfo.parseCoreCount(Fixtures.cursor("vm-2cpu", "proc/cpuinfo")));
        // ARM: no MHz, no physical id
        assertEquals(0, ProcCpuinfo.parseFreqsMhz(Fixtures.cursor("old-kernel", "proc/cpuinfo")).length);
        assertEquals(2, ProcCpuinfo.parseProcessorCount(Fixtures.cursor("old-kernel", "proc/cpuinfo")));
        assertEquals(0, ProcCpuinfo.parseCoreCount(Fixtures.cursor("old-kernel", "proc/cpuinfo")));
        // ppc: "clock : 2166.000000MHz"
        assertEquals(List.of(2166.0), boxed(ProcCpuinfo.parseFreqsMhz(Fixtures.cursor("cpu-offline", "proc/cpuinfo"))));
        // two packages of 2 cores
        assertEquals(4, ProcCpuinfo.parseCoreCount(Fixtures.cursor("ht-4cpu", "proc/cpuinfo")));
    }

    private static List<Double> boxed(double[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    // ---- sysfs topology and cpufreq, through Roots ----

    @Test
    void coresFromTopology() {
        assertEquals(OptionalInt.of(2), Fixtures.withRoots("ht-4cpu", LinuxCpu::cpuCountCores));
        assertEquals(OptionalInt.of(2), Fixtures.withRoots("vm-2cpu", LinuxCpu::cpuCountCores));
        // no sysfs topology, ARM cpuinfo: unknown, as psutil's None
        assertEquals(OptionalInt.empty(), Fixtures.withRoots("old-kernel", LinuxCpu::cpuCountCores));
        // not the live /proc: counted from cpuinfo, else /proc/stat
        assertEquals(OptionalInt.of(4), Fixtures.withRoots("ht-4cpu", LinuxCpu::cpuCountLogical));
        assertEquals(OptionalInt.of(1), Fixtures.withRoots("kernel-2.4", LinuxCpu::cpuCountLogical));
    }

    @Test
    void cpuFreqFromPolicies() {
        // one policy per core pair (affected_cpus, psutil #2512); cpuinfo has 3 MHz lines for
        // 4 CPUs, so scaling_cur_freq is used
        List<CpuFreq> per = Fixtures.withRoots("ht-4cpu", LinuxCpu::cpuFreqPercpu);
        assertEquals(List.of(new CpuFreq(1200, 800, 3500), new CpuFreq(1200, 800, 3500),
                new CpuFreq(2400.5, 1000, 3000), new CpuFreq(2400.5, 1000, 3000)), per);
        assertEquals(new CpuFreq(1800.25, 900, 3250),
                Fixtures.withRoots("ht-4cpu", LinuxCpu::cpuFreq).orElseThrow());
        // one cpuinfo MHz per CPU: psutil takes those (psutil #1851)
        List<CpuFreq> fromCpuinfo = Fixtures.withRoots("ht-4cpu-cpuinfo-mhz", LinuxCpu::cpuFreqPercpu);
        assertEquals(List.of(new CpuFreq(1000.5, 800, 3500), new CpuFreq(1100, 800, 3500),
                new CpuFreq(1200, 1000, 3000), new CpuFreq(1300.25, 1000, 3000)), fromCpuinfo);
    }

    @Test
    void cpuFreqOfflineCpuAndFallbacks() {
        // cpuN/cpufreq layout; cpu1 offline without a frequency file: left out (psutil #2628)
        assertEquals(List.of(new CpuFreq(2000, 1000, 2500)),
                Fixtures.withRoots("cpu-offline", LinuxCpu::cpuFreqPercpu));
        // no cpufreq: /proc/cpuinfo with min/max 0.0
        assertEquals(List.of(new CpuFreq(2300, 0, 0), new CpuFreq(2300, 0, 0)),
                Fixtures.withRoots("vm-2cpu", LinuxCpu::cpuFreqPercpu));
        // nothing known: empty, as psutil's None
        assertEquals(List.of(), Fixtures.withRoots("old-kernel", LinuxCpu::cpuFreqPercpu));
        assertTrue(Fixtures.withRoots("old-kernel", LinuxCpu::cpuFreq).isEmpty());
    }
}
