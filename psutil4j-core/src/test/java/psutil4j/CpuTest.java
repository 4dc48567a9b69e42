package psutil4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import psutil4j.testing.Cmd;

/** CPU functions and boot time against nproc, getconf, lscpu, vmstat, /proc/loadavg. */
class CpuTest {

    @Test
    void logicalCountMatchesNprocAndGetconf() {
        int n = Psutil.cpuCount(true).orElseThrow();
        assertEquals(Integer.parseInt(Cmd.run("getconf", "_NPROCESSORS_ONLN").trim()), n);
        // nproc honours this process's affinity, so it can only be smaller
        int nproc = Integer.parseInt(Cmd.run("nproc").trim());
        assertTrue(nproc <= n && nproc >= 1, "nproc " + nproc + " vs " + n);
        assertEquals(n, Psutil.cpuCount().orElseThrow());
        assertEquals(n, Psutil.cpuTimesPercpu().size());
    }

    @Test
    void physicalCountMatchesLscpu() {
        Set<String> cores = new HashSet<>();
        for (String line : Cmd.run("lscpu", "-p=CORE,SOCKET").split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                cores.add(line.trim());
            }
        }
        int physical = Psutil.cpuCount(false).orElseThrow();
        assertEquals(cores.size(), physical);
        assertTrue(physical <= Psutil.cpuCount(true).orElseThrow());
    }

    @Test
    void cpuTimesGrowAndMatchPercpu() {
        CpuTimes a = Psutil.cpuTimes();
        List<CpuTimes> per = Psutil.cpuTimesPercpu();
        CpuTimes b = Psutil.cpuTimes();
        assertTrue(b.user() >= a.user() && b.system() >= a.system() && b.idle() >= a.idle());
        double perUser = per.stream().mapToDouble(CpuTimes::user).sum();
        double perIdle = per.stream().mapToDouble(CpuTimes::idle).sum();
        // the per-CPU read happened between a and b; allow a tick of rounding per CPU
        double slack = 0.01 * per.size() + 1e-6;
        assertTrue(perUser >= a.user() - slack && perUser <= b.user() + slack);
        assertTrue(perIdle >= a.idle() - slack && perIdle <= b.idle() + slack);
        for (CpuTimes t : per) {
            assertTrue(t.guest() <= t.user() + 1e-9 && t.guestNice() <= t.nice() + 1e-9);
        }
    }

    @Test
    void cpuPercentSeesABusyThread() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread spinner = Thread.ofPlatform().daemon().start(() -> {
            long x = 0;
            while (!stop.get()) {
                x += System.nanoTime() & 1;
            }
            if (x == 42) {
                System.identityHashCode(x);
            }
        });
        try {
            double p = Psutil.cpuPercent(Duration.ofMillis(500));
            assertTrue(p > 0 && p <= 100, "cpu_percent " + p);
            List<Double> per = Psutil.cpuPercentPercpu(Duration.ofMillis(300));
            assertEquals(Psutil.cpuCount().orElseThrow(), per.size());
            assertTrue(per.stream().allMatch(v -> v >= 0 && v <= 100), per::toString);
            assertTrue(per.stream().anyMatch(v -> v > 0), per::toString);

            CpuTimes tp = Psutil.cpuTimesPercent(Duration.ofMillis(300));
            assertPercentages(tp);
            assertTrue(tp.user() + tp.system() > 0, tp::toString);
            for (CpuTimes t : Psutil.cpuTimesPercentPercpu(Duration.ofMillis(200))) {
                assertPercentages(t);
            }
            // non-blocking: the first call set this thread's sample (blocking calls do too)
            Psutil.cpuPercent();
            Thread.sleep(300);
            double since = Psutil.cpuPercent();
            assertTrue(since > 0 && since <= 100, "cpu_percent since last call " + since);
            Psutil.cpuTimesPercent();
            Thread.sleep(200);
            assertPercentages(Psutil.cpuTimesPercent());
            Psutil.cpuPercentPercpu();
            Thread.sleep(200);
            assertTrue(Psutil.cpuPercentPercpu().stream().allMatch(v -> v >= 0 && v <= 100));
        } finally {
            stop.set(true);
            spinner.join();
        }
    }

    private static void assertPercentages(CpuTimes t) {
        double[] v = {t.user(), t.system(), t.idle(), t.nice(), t.iowait(), t.irq(), t.softirq(),
            t.steal(), t.guest(), t.guestNice()};
        double sum = 0;
        for (double x : v) {
            assertTrue(x >= 0 && x <= 100, t::toString);
            sum += x;
        }
        sum -= t.guest() + t.guestNice();
        // each field is rounded to 0.1: the sum is 100 give or take the rounding
        assertEquals(100.0, sum, 0.5, t::toString);
    }

    /** vmstat -s counters ("  12345 CPU context switches") by label. */
    private static long vmstat(String label) {
        for (String line : Cmd.run("vmstat", "-s").split("\n")) {
            String[] f = line.trim().split("\\s+", 2);
            if (f[1].equals(label)) {
                return Long.parseLong(f[0]);
            }
        }
        throw new AssertionError("no '" + label + "' in vmstat -s");
    }

    @Test
    void cpuStatsMatchVmstat() {
        CpuStats before = Psutil.cpuStats();
        long ctxt = vmstat("CPU context switches");
        long intr = vmstat("interrupts");
        CpuStats after = Psutil.cpuStats();
        assertTrue(before.ctxSwitches() <= ctxt && ctxt <= after.ctxSwitches());
        assertTrue(before.interrupts() <= intr && intr <= after.interrupts());
        assertTrue(after.softInterrupts() >= before.softInterrupts() && before.softInterrupts() > 0);
        assertEquals(0, after.syscalls());
    }

    @Test
    void bootTimeMatchesVmstat() {
        assertEquals(vmstat("boot time"), Psutil.bootTime(), 1.0);
        assertTrue(Psutil.bootTime() < System.currentTimeMillis() / 1000.0);
    }

    @Test
    void loadavgMatchesProcLoadavg() throws Exception {
        MemoryTest.retryOnce(() -> {
            String[] f;
            try {
                f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            LoadAvg l = Psutil.getloadavg();
            // ours come from sysinfo(2) in 1/65536 units as glibc's getloadavg; the kernel
            // prints the same value rounded to 0.01 in /proc/loadavg
            assertEquals(Double.parseDouble(f[0]), l.load1(), 0.0051, "load1");
            assertEquals(Double.parseDouble(f[1]), l.load5(), 0.0051, "load5");
            assertEquals(Double.parseDouble(f[2]), l.load15(), 0.0051, "load15");
        });
    }

    @Test
    void cpuFreq() {
        List<CpuFreq> per = Psutil.cpuFreqPercpu();
        var avg = Psutil.cpuFreq();
        assertEquals(per.isEmpty(), avg.isEmpty());
        for (CpuFreq f : per) {
            assertTrue(f.current() > 0, f::toString);
            assertTrue(f.max() == 0 || f.min() <= f.max(), f::toString);
        }
        if (!per.isEmpty()) {
            assertTrue(per.size() <= Psutil.cpuCount().orElseThrow());
            double mean = per.stream().mapToDouble(CpuFreq::current).average().orElseThrow();
            // the two reads may see different real-time values; within 50%
            assertEquals(mean, avg.orElseThrow().current(), mean * 0.5);
        }
        // lscpu reports the same MHz source when cpufreq is absent
        boolean hasCpufreq = Files.isDirectory(Path.of("/sys/devices/system/cpu/cpufreq/policy0"))
                || Files.isDirectory(Path.of("/sys/devices/system/cpu/cpu0/cpufreq"));
        if (!hasCpufreq && !per.isEmpty()) {
            assertFalse(per.stream().anyMatch(f -> f.min() != 0 || f.max() != 0));
        }
    }
}
