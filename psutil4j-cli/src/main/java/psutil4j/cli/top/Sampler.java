package psutil4j.cli.top;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import psutil4j.IoCounters;
import psutil4j.IoNice;
import psutil4j.MemoryInfo;
import psutil4j.PressureResource;
import psutil4j.ProcessCpuTimes;
import psutil4j.PsProcess;
import psutil4j.Psutil;

/**
 * Takes the samples top and iotop show: one {@link Psutil#processIter} sweep per refresh, so that
 * each process's cpu_percent compares with the previous sweep (processIter keeps the handles),
 * plus the system-wide figures. iotop's rates are io_counters deltas between two sweeps.
 */
public final class Sampler {

    private static final List<String> TOP_ATTRS = List.of("pid", "ppid", "name", "username", "nice",
            "memory_info", "cpu_percent", "cpu_times", "status", "cmdline", "memory_percent", "create_time");
    private static final List<String> IO_ATTRS;

    static {
        var a = new ArrayList<>(TOP_ATTRS);
        a.add("io_counters");
        a.add("ionice");
        IO_ATTRS = List.copyOf(a);
    }

    /** One sample: the system figures, the rows, and psutil's raw per-process dicts for --json. */
    public record Sample(SysInfo sys, List<ProcRow> rows, Map<Integer, Map<String, Object>> raw) {
    }

    private record IoPrev(double createTime, long read, long write, double iowait) {
    }

    private final boolean io;
    private Map<Integer, IoPrev> prevIo = new HashMap<>();
    private double prevTime = Double.NaN;
    private long prevDiskRead = -1;
    private long prevDiskWrite = -1;

    /** {@code io}: also read io_counters and ionice (iotop). */
    public Sampler(boolean io) {
        this.io = io;
    }

    /** Takes a sample; the first one primes the deltas (its percentages and rates are 0). */
    public Sample sample() {
        double now = System.currentTimeMillis() / 1000.0;
        double mono = System.nanoTime() / 1e9;
        double dt = Double.isNaN(prevTime) ? Double.NaN : mono - prevTime;
        var rows = new ArrayList<ProcRow>();
        var raw = new LinkedHashMap<Integer, Map<String, Object>>();
        var nextIo = new HashMap<Integer, IoPrev>();
        Psutil.processIter(io ? IO_ATTRS : TOP_ATTRS, null).forEach(p -> {
            Map<String, Object> d = p.info();
            raw.put(p.pid(), d);
            rows.add(row(p, d, dt, nextIo));
        });
        prevIo = nextIo;
        double cpuTotal = Psutil.cpuPercent();
        List<Double> percpu = Psutil.cpuPercentPercpu();
        var pressure = Psutil.pressure();
        double dr = Double.NaN;
        double dw = Double.NaN;
        if (io) {
            var disk = Psutil.diskIoCounters();
            if (disk.isPresent()) {
                long r = disk.get().readBytes();
                long w = disk.get().writeBytes();
                if (prevDiskRead >= 0 && dt > 0) {
                    dr = Math.max(0, r - prevDiskRead) / dt;
                    dw = Math.max(0, w - prevDiskWrite) / dt;
                } else {
                    dr = 0;
                    dw = 0;
                }
                prevDiskRead = r;
                prevDiskWrite = w;
            }
        }
        prevTime = mono;
        int users;
        try {
            users = Psutil.users().size();
        } catch (RuntimeException e) {
            users = -1;   // no readable utmp: the clock line leaves the count out
        }
        var sys = new SysInfo(now, now - Psutil.bootTime(), users, Psutil.getloadavg(), cpuTotal, percpu,
                Psutil.virtualMemory(), Psutil.swapMemory(), some(pressure.cpu().orElse(null)),
                some(pressure.memory().orElse(null)), some(pressure.io().orElse(null)), dr, dw);
        return new Sample(sys, List.copyOf(rows), raw);
    }

    private static OptionalDouble some(PressureResource r) {
        if (r == null || r.some().isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(r.some().get().avg10());
    }

    private ProcRow row(PsProcess p, Map<String, Object> d, double dt, Map<Integer, IoPrev> nextIo) {
        int pid = p.pid();
        MemoryInfo mi = d.get("memory_info") instanceof MemoryInfo m ? m : null;
        ProcessCpuTimes ct = d.get("cpu_times") instanceof ProcessCpuTimes c ? c : null;
        @SuppressWarnings("unchecked")
        List<String> cmd = d.get("cmdline") instanceof List<?> l ? (List<String>) l : List.of();
        double readRate = Double.NaN;
        double writeRate = Double.NaN;
        double ioWait = Double.NaN;
        String prio = null;
        if (io) {
            double create = d.get("create_time") instanceof Double c ? c : 0;
            IoCounters ioc = d.get("io_counters") instanceof IoCounters c ? c : null;
            double iowait = ct == null ? Double.NaN : ct.iowait();
            IoPrev prev = prevIo.get(pid);
            if (prev != null && prev.createTime() != create) {
                prev = null;   // pid reused
            }
            if (ioc != null) {
                nextIo.put(pid, new IoPrev(create, ioc.readBytes(), ioc.writeBytes(), iowait));
                if (prev == null || !(dt > 0)) {
                    readRate = 0;
                    writeRate = 0;
                } else {
                    readRate = Math.max(0, ioc.readBytes() - prev.read()) / dt;
                    writeRate = Math.max(0, ioc.writeBytes() - prev.write()) / dt;
                }
            }
            if (!Double.isNaN(iowait)) {
                ioWait = prev == null || !(dt > 0) ? 0 : Math.min(100, Math.max(0, iowait - prev.iowait()) / dt * 100);
            }
            if (d.get("ionice") instanceof IoNice n) {
                prio = ioPrio(n, d.get("nice") instanceof Integer ni ? ni : 0);
            }
        }
        return new ProcRow(pid,
                d.get("ppid") instanceof Integer pp ? pp : 0,
                d.get("username") instanceof String u ? u : null,
                d.get("nice") instanceof Integer n ? n : Integer.MIN_VALUE,
                mi == null ? -1 : mi.vms(), mi == null ? -1 : mi.rss(), mi == null ? -1 : mi.shared(),
                d.get("status") instanceof String s ? s : null,
                d.get("cpu_percent") instanceof Double c ? c : Double.NaN,
                d.get("memory_percent") instanceof Double m ? m : Double.NaN,
                ct == null ? Double.NaN : ct.user() + ct.system(),
                d.get("name") instanceof String nm ? nm : "?",
                cmd, prio, readRate, writeRate, ioWait);
    }

    /**
     * iotop's PRIO: "be/4", "rt/0", "idle"; a process without an explicit class gets the
     * kernel's default, best-effort with level (nice + 20) / 5 (ioprio.h, task_nice_ioprio).
     */
    static String ioPrio(IoNice n, int nice) {
        return switch (n.ioclass()) {
            case NONE -> "be/" + (nice + 20) / 5;
            case RT -> "rt/" + n.value();
            case BE -> "be/" + n.value();
            case IDLE -> "idle";
        };
    }

    /**
     * psutil's names for one sample, for {@code --json}: the system figures and, under
     * "processes", the process_iter dicts of {@code shown} in that order.
     */
    public static Map<String, Object> json(Sample s, List<ProcRow> shown) {
        var m = new LinkedHashMap<String, Object>();
        SysInfo sys = s.sys();
        m.put("time", sys.time());
        m.put("uptime", sys.uptime());
        m.put("getloadavg", List.of(sys.load().load1(), sys.load().load5(), sys.load().load15()));
        m.put("cpu_percent", sys.cpuTotal());
        m.put("cpu_percent_percpu", sys.percpu());
        m.put("virtual_memory", sys.vm());
        m.put("swap_memory", sys.swap());
        var psi = new LinkedHashMap<String, Object>();
        psi.put("cpu", sys.psiCpu().isPresent() ? sys.psiCpu().getAsDouble() : null);
        psi.put("memory", sys.psiMemory().isPresent() ? sys.psiMemory().getAsDouble() : null);
        psi.put("io", sys.psiIo().isPresent() ? sys.psiIo().getAsDouble() : null);
        m.put("pressure_some_avg10", psi);
        var procs = new ArrayList<Map<String, Object>>(shown.size());
        for (ProcRow r : shown) {
            var d = s.raw().get(r.pid());
            if (d != null) {
                procs.add(d);
            }
        }
        m.put("processes", procs);
        return m;
    }
}
