package psutil4j.internal.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import psutil4j.CpuFreq;
import psutil4j.CpuStats;
import psutil4j.CpuTimes;
import psutil4j.LoadAvg;
import psutil4j.internal.ffi.Sysconf;
import psutil4j.internal.ffi.SysinfoCalls;
import psutil4j.internal.linux.proc.ProcCpuinfo;
import psutil4j.internal.linux.proc.ProcLoadavg;
import psutil4j.internal.linux.proc.ProcStat;
import psutil4j.internal.linux.sys.SysCpu;
import psutil4j.internal.parse.ByteCursor;

/** psutil's CPU functions on Linux (from _pslinux.py and the generic parts of __init__.py). */
public final class LinuxCpu {

    // psutil keeps the previous sample per thread (a dict keyed by thread id, psutil 5.9.6+),
    // and separate ones for cpu_percent and cpu_times_percent so both can be used in one
    // program. A ThreadLocal is the same without keeping dead threads' entries.
    private static final ThreadLocal<CpuTimes> LAST_PERCENT = new ThreadLocal<>();
    private static final ThreadLocal<List<CpuTimes>> LAST_PERCENT_PERCPU = new ThreadLocal<>();
    private static final ThreadLocal<CpuTimes> LAST_TIMES_PERCENT = new ThreadLocal<>();
    private static final ThreadLocal<List<CpuTimes>> LAST_TIMES_PERCENT_PERCPU =
            new ThreadLocal<>();

    private LinuxCpu() {
    }

    public static CpuTimes cpuTimes() {
        return ProcStat.parseCpuTotal(ProcStat.read(), SystemConstants.CLOCK_TICKS);
    }

    public static List<CpuTimes> cpuTimesPercpu() {
        return ProcStat.parseCpuPercpu(ProcStat.read(), SystemConstants.CLOCK_TICKS);
    }

    public static CpuStats cpuStats() {
        return ProcStat.parseCpuStats(ProcStat.read());
    }

    /**
     * The load averages as psutil's {@code os.getloadavg()}: glibc (2.33+) takes them from
     * sysinfo(2), in 1/65536 units, more precise than the two decimals of /proc/loadavg. When
     * /proc is another system's (Roots not live), /proc/loadavg is read instead.
     */
    public static LoadAvg loadAvg() {
        if (Roots.isLive()) {
            long[] si = new long[SysinfoCalls.FIELDS];
            if (SysinfoCalls.sysinfo(si) == 0) {
                return new LoadAvg(si[SysinfoCalls.LOAD1] / SysinfoCalls.LOAD_SCALE,
                        si[SysinfoCalls.LOAD5] / SysinfoCalls.LOAD_SCALE,
                        si[SysinfoCalls.LOAD15] / SysinfoCalls.LOAD_SCALE);
            }
        }
        return ProcLoadavg.read();
    }

    // ---- cpu_percent / cpu_times_percent ----

    /**
     * Blocking when interval is positive, else compares with this thread's previous call
     * (the first call compares two immediate samples and so returns 0.0, as psutil).
     */
    public static double cpuPercent(Duration interval) {
        CpuTimes t1 = blocking(interval) ? sampleThenSleep(interval) : LAST_PERCENT.get();
        CpuTimes t2 = cpuTimes();
        LAST_PERCENT.set(t2);
        return busyPercent(t1 == null ? t2 : t1, t2);
    }

    public static List<Double> cpuPercentPercpu(Duration interval) {
        List<CpuTimes> t1 = blocking(interval)
                ? sampleThenSleepPercpu(interval) : LAST_PERCENT_PERCPU.get();
        List<CpuTimes> t2 = cpuTimesPercpu();
        LAST_PERCENT_PERCPU.set(t2);
        if (t1 == null) {
            t1 = t2;
        }
        int n = Math.min(t1.size(), t2.size()); // psutil zips: a CPU going offline drops off
        var out = new ArrayList<Double>(n);
        for (int i = 0; i < n; i++) {
            out.add(busyPercent(t1.get(i), t2.get(i)));
        }
        return out;
    }

    public static CpuTimes cpuTimesPercent(Duration interval) {
        CpuTimes t1 = blocking(interval) ? sampleThenSleep(interval) : LAST_TIMES_PERCENT.get();
        CpuTimes t2 = cpuTimes();
        LAST_TIMES_PERCENT.set(t2);
        return timesPercent(t1 == null ? t2 : t1, t2);
    }

    public static List<CpuTimes> cpuTimesPercentPercpu(Duration interval) {
        List<CpuTimes> t1 = blocking(interval)
                ? sampleThenSleepPercpu(interval) : LAST_TIMES_PERCENT_PERCPU.get();
        List<CpuTimes> t2 = cpuTimesPercpu();
        LAST_TIMES_PERCENT_PERCPU.set(t2);
        if (t1 == null) {
            t1 = t2;
        }
        int n = Math.min(t1.size(), t2.size());
        var out = new ArrayList<CpuTimes>(n);
        for (int i = 0; i < n; i++) {
            out.add(timesPercent(t1.get(i), t2.get(i)));
        }
        return out;
    }

    private static boolean blocking(Duration interval) {
        if (interval == null) {
            return false;
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval is not positive (got " + interval + ")");
        }
        return !interval.isZero();
    }

    private static CpuTimes sampleThenSleep(Duration interval) {
        CpuTimes t1 = cpuTimes();
        sleep(interval);
        return t1;
    }

    private static List<CpuTimes> sampleThenSleepPercpu(Duration interval) {
        List<CpuTimes> t1 = cpuTimesPercpu();
        sleep(interval);
        return t1;
    }

    /** Sleeps; if interrupted, keeps the interrupt flag and measures the time that passed. */
    private static void sleep(Duration interval) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The per-field deltas, negative ones trimmed to 0 (psutil #392, #645, #1210; top does so). */
    static CpuTimes deltas(CpuTimes a, CpuTimes b) {
        return new CpuTimes(
                Math.max(0, b.user() - a.user()),
                Math.max(0, b.system() - a.system()),
                Math.max(0, b.idle() - a.idle()),
                Math.max(0, b.nice() - a.nice()),
                Math.max(0, b.iowait() - a.iowait()),
                Math.max(0, b.irq() - a.irq()),
                Math.max(0, b.softirq() - a.softirq()),
                Math.max(0, b.steal() - a.steal()),
                Math.max(0, b.guest() - a.guest()),
                Math.max(0, b.guestNice() - a.guestNice()));
    }

    /**
     * psutil's {@code _cpu_tot_time}: the sum of all fields minus guest and guest_nice, which
     * the kernel already counts in user and nice (psutil #940; htop does the same).
     */
    static double totalTime(CpuTimes t) {
        double tot = t.user() + t.system() + t.idle() + t.nice() + t.iowait() + t.irq()
                + t.softirq() + t.steal() + t.guest() + t.guestNice();
        tot -= t.guest();
        tot -= t.guestNice();
        return tot;
    }

    /** psutil's {@code _cpu_busy_time}: total minus idle and iowait (iowait is not in idle). */
    static double busyTime(CpuTimes t) {
        return totalTime(t) - t.idle() - t.iowait();
    }

    static double busyPercent(CpuTimes t1, CpuTimes t2) {
        CpuTimes d = deltas(t1, t2);
        double all = totalTime(d);
        if (all == 0.0) {
            return 0.0;
        }
        return UsagePercent.round1(busyTime(d) / all * 100);
    }

    static CpuTimes timesPercent(CpuTimes t1, CpuTimes t2) {
        CpuTimes d = deltas(t1, t2);
        // psutil divides by max(1, total) to avoid dividing by zero, assuming whole ticks; but
        // total is in seconds, so below 1 s of CPU time (per-CPU intervals under 1 s) its
        // percentages shrink and stop summing to 100: psutil #1586, fix proposed in PR #2413.
        // We use the fix: a zero total means every delta is zero, so any scale gives zeros.
        double total = totalTime(d);
        double scale = total > 0 ? 100.0 / total : 100.0;
        return new CpuTimes(pct(d.user(), scale), pct(d.system(), scale), pct(d.idle(), scale),
                pct(d.nice(), scale), pct(d.iowait(), scale), pct(d.irq(), scale),
                pct(d.softirq(), scale), pct(d.steal(), scale), pct(d.guest(), scale),
                pct(d.guestNice(), scale));
    }

    private static double pct(double delta, double scale) {
        return Math.min(Math.max(0.0, UsagePercent.round1(delta * scale)), 100.0);
    }

    // ---- cpu_count ----

    /**
     * Logical CPUs: sysconf(_SC_NPROCESSORS_ONLN) as psutil (os.cpu_count); when /proc is
     * another system's (Roots not live) or sysconf fails, the "processor" lines of
     * /proc/cpuinfo, else the cpuN lines of /proc/stat (psutil #200). Empty when unknown.
     */
    public static OptionalInt cpuCountLogical() {
        if (Roots.isLive()) {
            long n = Sysconf.cpusOnline();
            if (n >= 1) {
                return OptionalInt.of((int) n);
            }
        }
        ByteCursor c = ProcCpuinfo.read();
        int n = c == null ? 0 : ProcCpuinfo.parseProcessorCount(c);
        if (n == 0) {
            n = ProcStat.parseCpuLineCount(ProcStat.read());
        }
        return n >= 1 ? OptionalInt.of(n) : OptionalInt.empty();
    }

    /**
     * Physical cores: distinct core_cpus_list (or thread_siblings_list) in sysfs topology, else
     * /proc/cpuinfo's "cpu cores" per "physical id", as psutil. Empty when unknown.
     */
    public static OptionalInt cpuCountCores() {
        int n = SysCpu.coreCount();
        if (n == 0) {
            ByteCursor c = ProcCpuinfo.read();
            n = c == null ? 0 : ProcCpuinfo.parseCoreCount(c);
        }
        return n >= 1 ? OptionalInt.of(n) : OptionalInt.empty();
    }

    // ---- cpu_freq ----

    /**
     * Per-CPU frequencies as psutil's Linux {@code cpu_freq()}: from cpufreq policies when
     * sysfs has them, else /proc/cpuinfo's MHz values with min and max 0.0. Empty list when
     * neither source knows.
     */
    public static List<CpuFreq> cpuFreqPercpu() {
        List<SysCpu.FreqSource> sources = SysCpu.freqSources();
        ByteCursor ci = ProcCpuinfo.read();
        double[] cpuinfoMhz = ci == null ? new double[0] : ProcCpuinfo.parseFreqsMhz(ci);
        var out = new ArrayList<CpuFreq>();
        if (sources.isEmpty()) {
            for (double mhz : cpuinfoMhz) {
                out.add(new CpuFreq(mhz, 0.0, 0.0));
            }
            return out;
        }
        for (int i = 0; i < sources.size(); i++) {
            SysCpu.FreqSource s = sources.get(i);
            double currKhz;
            if (sources.size() == cpuinfoMhz.length) {
                // cpuinfo's value is cached by the kernel; scaling_cur_freq can be slow to read
                // on some systems (psutil #1851)
                currKhz = cpuinfoMhz[i] * 1000;
            } else {
                long v = SysCpu.readLong(s.dir().resolve("scaling_cur_freq"));
                if (v < 0) {
                    // old Red Hat kernels (psutil #1071)
                    v = SysCpu.readLong(s.dir().resolve("cpuinfo_cur_freq"));
                }
                if (v < 0) {
                    if (isOffline(s.cpu())) {
                        continue; // an offline CPU would drag the average down (psutil #2628)
                    }
                    throw new UnsupportedOperationException(
                            "can't find current frequency file in " + s.dir());
                }
                currKhz = v;
            }
            long max = SysCpu.readLong(s.dir().resolve("scaling_max_freq"));
            long min = SysCpu.readLong(s.dir().resolve("scaling_min_freq"));
            out.add(new CpuFreq(currKhz / 1000, min < 0 ? 0.0 : min / 1000.0,
                    max < 0 ? 0.0 : max / 1000.0));
        }
        return out;
    }

    private static boolean isOffline(int cpu) {
        Path online = Roots.sys().resolve("devices/system/cpu/cpu" + cpu + "/online");
        return Files.exists(online) && "0".equals(SysCpu.readTrimmed(online));
    }

    /** The mean of the per-CPU frequencies, as psutil's {@code cpu_freq(percpu=False)}. */
    public static Optional<CpuFreq> cpuFreq() {
        List<CpuFreq> all = cpuFreqPercpu();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        if (all.size() == 1) {
            return Optional.of(all.getFirst());
        }
        double curr = 0;
        double min = 0;
        double max = 0;
        for (CpuFreq f : all) {
            curr += f.current();
            min += f.min();
            max += f.max();
        }
        double n = all.size();
        return Optional.of(new CpuFreq(curr / n, min / n, max / n));
    }
}
