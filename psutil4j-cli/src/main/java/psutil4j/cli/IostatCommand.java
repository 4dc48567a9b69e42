package psutil4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.CpuTimes;
import psutil4j.DiskIoCounters;
import psutil4j.DiskIoCountersEx;
import psutil4j.Psutil;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j iostat}: sysstat {@code iostat} (12.x columns, with discard and flush).
 *
 * <p>The first report covers the time since boot, later ones the last interval, as sysstat.
 * CPU shares come from psutil's {@code cpu_times()} (sysstat's arithmetic: %user excludes guest,
 * %system includes irq and softirq). Device figures come from
 * {@link Psutil#diskIoCountersEx()}, psutil4j's addition with every /proc/diskstats field,
 * because psutil's {@code disk_io_counters} has no discard, flush or weighted-time (aqu-sz)
 * fields; {@code --json} prints psutil's {@code disk_io_counters} for the listed devices
 * (cumulative) and the CPU percentages of each report.
 */
@Command(name = "iostat", mixinStandardHelpOptions = true, version = "psutil4j iostat 0.1.0",
        description = "Report CPU and block device I/O statistics (sysstat iostat).")
final class IostatCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Option(names = "-c", description = "CPU utilization report only.")
    boolean cpuOnly;

    @Option(names = "-d", description = "Device utilization report only.")
    boolean devOnly;

    @Option(names = "-x", description = "Extended statistics.")
    boolean extended;

    @Option(names = "-k", description = "Kilobytes per second (default).")
    boolean kilo;

    @Option(names = "-m", description = "Megabytes per second.")
    boolean mega;

    @Option(names = "-y", description = "Omit the first report (statistics since boot).")
    boolean skipFirst;

    @Option(names = "-z", description = "Omit devices with no activity during the interval.")
    boolean omitIdle;

    @Parameters(paramLabel = "[DEVICE...] [INTERVAL [COUNT]]", description = "Devices to show, then the "
            + "interval in seconds and the number of reports.")
    List<String> args = new ArrayList<>();

    /** One device's counters in sysstat's terms (its field names; *_ticks in ms, sectors of 512 bytes). */
    record DiskStat(String name, long rdIos, long rdMerges, long rdSectors, long rdTicks, long wrIos, long wrMerges,
                    long wrSectors, long wrTicks, long totTicks, long rqTicks, long dcIos, long dcMerges,
                    long dcSectors, long dcTicks, long flIos, long flTicks) {

        static final DiskStat ZERO = new DiskStat("", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** The counters of {@link Psutil#diskIoCountersEx()}, bytes back in sectors; absent fields 0. */
        static DiskStat of(String name, DiskIoCountersEx e) {
            long sector = 512;
            return new DiskStat(name, e.readCount(), e.readMergedCount(), e.readBytes() / sector, e.readTime(),
                    e.writeCount(), e.writeMergedCount(), e.writeBytes() / sector, e.writeTime(), e.busyTime(),
                    e.weightedTime(), e.discardCount().orElse(0), e.discardMergedCount().orElse(0),
                    e.discardBytes().orElse(0) / sector, e.discardTime().orElse(0), e.flushCount().orElse(0),
                    e.flushTime().orElse(0));
        }

        boolean unused() {
            return rdIos == 0 && wrIos == 0 && dcIos == 0 && flIos == 0;
        }

        DiskStat minus(DiskStat o) {
            return new DiskStat(name, rdIos - o.rdIos, rdMerges - o.rdMerges, rdSectors - o.rdSectors,
                    rdTicks - o.rdTicks, wrIos - o.wrIos, wrMerges - o.wrMerges, wrSectors - o.wrSectors,
                    wrTicks - o.wrTicks, totTicks - o.totTicks, rqTicks - o.rqTicks, dcIos - o.dcIos,
                    dcMerges - o.dcMerges, dcSectors - o.dcSectors, dcTicks - o.dcTicks, flIos - o.flIos,
                    flTicks - o.flTicks);
        }
    }

    /** sysstat's avg-cpu shares, percent. */
    record CpuShares(double user, double nice, double system, double iowait, double steal, double idle) {
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        var devices = new ArrayList<String>();
        var numbers = new ArrayList<Long>();
        for (String a : args) {
            if (a.chars().allMatch(Character::isDigit)) {
                numbers.add(Long.parseLong(a));
            } else if (numbers.isEmpty()) {
                devices.add(a);
            } else {
                throw new ParameterException(spec.commandLine(), "Invalid argument after the interval: " + a);
            }
        }
        if (numbers.size() > 2) {
            throw new ParameterException(spec.commandLine(), "Too many numbers: [interval [count]]");
        }
        if (cpuOnly && devOnly) {
            cpuOnly = false;
            devOnly = false; // sysstat shows both when both are asked for
        }
        long interval = numbers.isEmpty() ? 0 : numbers.get(0);
        long count = numbers.size() > 1 ? numbers.get(1) : interval > 0 ? Long.MAX_VALUE : 1;
        if (numbers.size() == 1 && interval == 0) {
            count = 1;
        }
        boolean showCpu = !devOnly;
        boolean showDev = !cpuOnly;

        if (!json.json) {
            out.print(header(System.getProperty("os.version"), hostname(), LocalDate.now(), arch(),
                    Psutil.cpuCount().orElse(1)));
            out.println();
            out.println();
        }
        CpuTimes prevCpu = zeroCpu();
        Map<String, DiskStat> prevDisk = Map.of();
        // sysstat's first report covers the time since boot
        double prevTime = Psutil.bootTime();
        var jsonReports = new ArrayList<Object>();
        boolean first = true;
        long reports = skipFirst && count != Long.MAX_VALUE ? count + 1 : count; // -y: one more, unshown
        for (long i = 0; i < reports; i++) {
            if (i > 0) {
                Thread.sleep(interval * 1000);
            }
            double now = System.currentTimeMillis() / 1000.0;
            CpuTimes cpu = Psutil.cpuTimes();
            var wholeDisks = new HashSet<String>();
            Map<String, DiskStat> disk = readDisks(wholeDisks);
            double itv = Math.max(now - prevTime, 1e-3);
            boolean print = !(first && skipFirst);
            if (print) {
                CpuShares shares = shares(cpu, prevCpu);
                var rows = new ArrayList<DiskStat>();
                for (DiskStat d : disk.values()) {
                    if (!devices.isEmpty() ? !devices.contains(d.name()) : (!wholeDisks.contains(d.name()) || d.unused())) {
                        continue;
                    }
                    DiskStat delta = d.minus(prevDisk.getOrDefault(d.name(), DiskStat.ZERO));
                    if (omitIdle && delta.unused()) {
                        continue;
                    }
                    rows.add(delta);
                }
                if (json.json) {
                    var r = new LinkedHashMap<String, Object>();
                    if (showCpu) {
                        var c = new LinkedHashMap<String, Double>();
                        c.put("user", shares.user());
                        c.put("nice", shares.nice());
                        c.put("system", shares.system());
                        c.put("iowait", shares.iowait());
                        c.put("steal", shares.steal());
                        c.put("idle", shares.idle());
                        r.put("avg_cpu", c);
                    }
                    if (showDev) {
                        var perdisk = Psutil.diskIoCountersPerdisk();
                        var m = new LinkedHashMap<String, DiskIoCounters>();
                        for (DiskStat d : rows) {
                            if (perdisk.containsKey(d.name())) {
                                m.put(d.name(), perdisk.get(d.name()));
                            }
                        }
                        r.put("disk_io_counters", m);
                    }
                    jsonReports.add(r);
                } else {
                    if (skipFirst && i == 1) {
                        out.println();
                    }
                    out.print(report(showCpu ? shares : null, showDev ? rows : null, itv));
                    out.flush();
                }
            }
            first = false;
            prevCpu = cpu;
            prevDisk = disk;
            prevTime = now;
        }
        if (json.json) {
            out.println(Json.write(jsonReports.size() == 1 ? jsonReports.get(0) : jsonReports, json.pretty));
        }
        out.flush();
        return 0;
    }

    static String header(String kernel, String host, LocalDate date, String arch, int ncpu) {
        return "Linux " + kernel + " (" + host + ") \t" + date.format(DateTimeFormatter.ofPattern("MM/dd/yy"))
                + " \t_" + arch + "_\t(" + ncpu + " CPU)";
    }

    private static String hostname() {
        try {
            return Psutil.hostname();
        } catch (UncheckedIOException e) {
            return "localhost";
        }
    }

    private static String arch() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64" -> "x86_64";
            case "x86" -> "i686";
            default -> a;
        };
    }

    private static CpuTimes zeroCpu() {
        return new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** sysstat: %user = user - guest, %nice = nice - guest_nice, %system = system + irq + softirq. */
    static CpuShares shares(CpuTimes now, CpuTimes prev) {
        double user = (now.user() - now.guest()) - (prev.user() - prev.guest());
        double nice = (now.nice() - now.guestNice()) - (prev.nice() - prev.guestNice());
        double system = now.system() + now.irq() + now.softirq() - prev.system() - prev.irq() - prev.softirq();
        double iowait = now.iowait() - prev.iowait();
        double steal = now.steal() - prev.steal();
        double idle = now.idle() - prev.idle();
        double guest = now.guest() - prev.guest() + now.guestNice() - prev.guestNice();
        double total = user + nice + system + iowait + steal + idle + guest;
        if (total <= 0) {
            return new CpuShares(0, 0, 0, 0, 0, 100);
        }
        return new CpuShares(pct(user, total), pct(nice, total), pct(system, total), pct(iowait, total),
                pct(steal, total), pct(idle, total));
    }

    private static double pct(double v, double total) {
        return Math.max(0, v) * 100 / total;
    }

    /** One report: the avg-cpu block, the device block, the closing blank line (sysstat's layout). */
    String report(CpuShares cpu, List<DiskStat> rows, double itv) {
        var sb = new StringBuilder();
        if (cpu != null) {
            sb.append("avg-cpu:  %user   %nice %system %iowait  %steal   %idle\n");
            sb.append(String.format(Locale.ROOT, "         %6.2f %7.2f %7.2f %7.2f %7.2f %7.2f%n%n", cpu.user(),
                    cpu.nice(), cpu.system(), cpu.iowait(), cpu.steal(), cpu.idle()));
        }
        if (rows != null) {
            sb.append(extended ? extendedHeader(mega) : basicHeader(mega)).append('\n');
            for (DiskStat d : rows) {
                sb.append(extended ? extendedLine(d, itv, mega) : basicLine(d, itv, mega)).append('\n');
            }
        }
        sb.append("\n\n");
        return sb.toString();
    }

    static String basicHeader(boolean mega) {
        String u = mega ? "MB" : "kB";
        return String.format("%-13s %8s %12s %12s %12s %10s %10s %10s", "Device", "tps", u + "_read/s", u + "_wrtn/s",
                u + "_dscd/s", u + "_read", u + "_wrtn", u + "_dscd");
    }

    static String basicLine(DiskStat d, double itv, boolean mega) {
        double div = mega ? 2048.0 : 2.0; // sectors -> kB or MB
        double tps = (d.rdIos() + d.wrIos() + d.dcIos()) / itv;
        return String.format(Locale.ROOT, "%-13s %8.2f %12.2f %12.2f %12.2f %10d %10d %10d", d.name(), tps,
                d.rdSectors() / div / itv, d.wrSectors() / div / itv, d.dcSectors() / div / itv,
                (long) (d.rdSectors() / div), (long) (d.wrSectors() / div), (long) (d.dcSectors() / div));
    }

    static String extendedHeader(boolean mega) {
        String u = mega ? "MB" : "kB";
        return String.format("%-13s %7s %9s %8s %6s %7s %8s %7s %9s %8s %6s %7s %8s %7s %9s %8s %6s %7s %8s %7s %7s %7s %6s",
                "Device", "r/s", "r" + u + "/s", "rrqm/s", "%rrqm", "r_await", "rareq-sz",
                "w/s", "w" + u + "/s", "wrqm/s", "%wrqm", "w_await", "wareq-sz",
                "d/s", "d" + u + "/s", "drqm/s", "%drqm", "d_await", "dareq-sz",
                "f/s", "f_await", "aqu-sz", "%util");
    }

    /** sysstat 12 extended figures; areq-sz in kB, awaits in ms, %util from the busy time. */
    static String extendedLine(DiskStat d, double itv, boolean mega) {
        double div = mega ? 2048.0 : 2.0;
        return String.format(Locale.ROOT,
                "%-13s %7.2f %9.2f %8.2f %6.2f %7.2f %8.2f %7.2f %9.2f %8.2f %6.2f %7.2f %8.2f %7.2f %9.2f %8.2f %6.2f %7.2f %8.2f %7.2f %7.2f %7.2f %6.2f",
                d.name(),
                d.rdIos() / itv, d.rdSectors() / div / itv, d.rdMerges() / itv, ratio(d.rdMerges(), d.rdMerges() + d.rdIos()) * 100,
                ratio(d.rdTicks(), d.rdIos()), ratio(d.rdSectors() / 2.0, d.rdIos()),
                d.wrIos() / itv, d.wrSectors() / div / itv, d.wrMerges() / itv, ratio(d.wrMerges(), d.wrMerges() + d.wrIos()) * 100,
                ratio(d.wrTicks(), d.wrIos()), ratio(d.wrSectors() / 2.0, d.wrIos()),
                d.dcIos() / itv, d.dcSectors() / div / itv, d.dcMerges() / itv, ratio(d.dcMerges(), d.dcMerges() + d.dcIos()) * 100,
                ratio(d.dcTicks(), d.dcIos()), ratio(d.dcSectors() / 2.0, d.dcIos()),
                d.flIos() / itv, ratio(d.flTicks(), d.flIos()),
                d.rqTicks() / itv / 1000.0, Math.min(100.0, d.totTicks() / itv / 10.0));
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    /**
     * Every device's counters, in /proc/diskstats' order; the names of whole disks (sysstat lists
     * only those unless devices are named) into {@code wholeDisks}.
     */
    static Map<String, DiskStat> readDisks(Set<String> wholeDisks) {
        var m = new LinkedHashMap<String, DiskStat>();
        for (var e : Psutil.diskIoCountersEx().entrySet()) {
            m.put(e.getKey(), DiskStat.of(e.getKey(), e.getValue()));
            if (e.getValue().wholeDisk()) {
                wholeDisks.add(e.getKey());
            }
        }
        return m;
    }
}
