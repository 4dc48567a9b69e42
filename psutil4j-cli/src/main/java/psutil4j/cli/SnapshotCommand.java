package psutil4j.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import psutil4j.Addr;
import psutil4j.ConnectionStatus;
import psutil4j.DiskPartition;
import psutil4j.DiskUsage;
import psutil4j.NetConnection;
import psutil4j.Pressure;
import psutil4j.PressureResource;
import psutil4j.Psutil;
import psutil4j.cli.render.Json;
import psutil4j.cli.render.Units;

/**
 * {@code ./psutil4j snapshot}: every system-wide psutil function, called with psutil's default
 * arguments. {@code --json} prints one object whose keys are psutil's function names.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Print every system-wide figure once: CPU, memory, disks, network, sensors, "
                + "users, pids, pressure, cgroup.")
final class SnapshotCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON object keyed by psutil's function names.")
    boolean json;

    @Option(names = "--pretty", description = "Indent the JSON.")
    boolean pretty;

    private final List<String> errors = new ArrayList<>();

    @Override
    public void run() {
        Map<String, Object> s = collect();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(s, pretty));
        } else {
            summary(s, out);
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        errors.forEach(err::println);
        err.flush();
    }

    /** Calls each function; one that fails is reported on stderr and is null in the output. */
    Map<String, Object> collect() {
        var s = new LinkedHashMap<String, Object>();
        put(s, "cpu_times", Psutil::cpuTimes);
        put(s, "cpu_times_percpu", Psutil::cpuTimesPercpu);
        put(s, "cpu_count", () -> Psutil.cpuCount(true));
        put(s, "cpu_count_physical", () -> Psutil.cpuCount(false));
        put(s, "cpu_stats", Psutil::cpuStats);
        put(s, "cpu_freq", Psutil::cpuFreq);
        // psutil returns a plain 3-tuple here, so JSON gets a list, as json.dumps(psutil.getloadavg()).
        put(s, "getloadavg", () -> {
            var l = Psutil.getloadavg();
            return List.of(l.load1(), l.load5(), l.load15());
        });
        put(s, "virtual_memory", Psutil::virtualMemory);
        put(s, "swap_memory", Psutil::swapMemory);
        put(s, "disk_partitions", Psutil::diskPartitions);
        put(s, "disk_usage", () -> {
            var usage = new LinkedHashMap<String, DiskUsage>();
            for (DiskPartition p : Psutil.diskPartitions()) {
                try {
                    usage.put(p.mountpoint(), Psutil.diskUsage(p.mountpoint()));
                } catch (RuntimeException e) {
                    errors.add("snapshot: disk_usage(" + p.mountpoint() + "): " + Main.describe(e));
                }
            }
            return usage;
        });
        put(s, "disk_io_counters", Psutil::diskIoCountersPerdisk);
        put(s, "net_io_counters", Psutil::netIoCountersPernic);
        put(s, "net_if_addrs", Psutil::netIfAddrs);
        put(s, "net_if_stats", Psutil::netIfStats);
        put(s, "net_connections", Psutil::netConnections);
        put(s, "sensors_temperatures", Psutil::sensorsTemperatures);
        put(s, "sensors_fans", Psutil::sensorsFans);
        put(s, "sensors_battery", Psutil::sensorsBattery);
        put(s, "boot_time", Psutil::bootTime);
        put(s, "users", Psutil::users);
        put(s, "pids", Psutil::pids);
        put(s, "pressure", Psutil::pressure);
        put(s, "cgroup", Psutil::cgroup);
        put(s, "container", Psutil::container);
        return s;
    }

    private void put(Map<String, Object> s, String key, Supplier<?> f) {
        try {
            s.put(key, f.get());
        } catch (RuntimeException e) {
            errors.add("snapshot: " + key + ": " + Main.describe(e));
            s.put(key, null);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T get(Map<String, Object> s, String key) {
        Object v = s.get(key);
        if (v instanceof Optional<?> o) {
            return (T) o.orElse(null);
        }
        return (T) v;
    }

    private void summary(Map<String, Object> s, PrintWriter out) {
        double boot = s.get("boot_time") instanceof Double d ? d : 0;
        long up = (long) (System.currentTimeMillis() / 1000.0 - boot);
        out.printf("psutil4j snapshot  %s  up %dd %02d:%02d  booted %s%n", Instant.now().toString().substring(0, 19) + "Z",
                up / 86400, up / 3600 % 24, up / 60 % 60, Instant.ofEpochSecond((long) boot));

        psutil4j.CpuTimes t = get(s, "cpu_times");
        List<Double> l = get(s, "getloadavg");
        java.util.OptionalInt logical = get(s, "cpu_count");
        java.util.OptionalInt physical = get(s, "cpu_count_physical");
        psutil4j.CpuFreq f = get(s, "cpu_freq");
        out.printf("%nCPU     %s logical, %s physical%s%n",
                logical == null || logical.isEmpty() ? "?" : logical.getAsInt(),
                physical == null || physical.isEmpty() ? "?" : physical.getAsInt(),
                f == null ? "" : String.format(", %.0f MHz", f.current()));
        if (t != null) {
            out.printf("        user %.1fs  system %.1fs  idle %.1fs  iowait %.1fs  steal %.1fs%n",
                    t.user(), t.system(), t.idle(), t.iowait(), t.steal());
        }
        if (l != null) {
            out.printf("        load average %.2f %.2f %.2f%n", l.get(0), l.get(1), l.get(2));
        }

        psutil4j.VirtualMemory vm = get(s, "virtual_memory");
        psutil4j.SwapMemory sw = get(s, "swap_memory");
        if (vm != null) {
            out.printf("%nMemory  total %s  available %s  used %s (%.1f%%)  free %s  buffers %s  cached %s%n",
                    Units.human(vm.total()), Units.human(vm.available()), Units.human(vm.used()), vm.percent(),
                    Units.human(vm.free()), Units.human(vm.buffers()), Units.human(vm.cached()));
        }
        if (sw != null) {
            out.printf("Swap    total %s  used %s (%.1f%%)  free %s%n",
                    Units.human(sw.total()), Units.human(sw.used()), sw.percent(), Units.human(sw.free()));
        }

        Map<String, DiskUsage> usage = get(s, "disk_usage");
        List<DiskPartition> parts = get(s, "disk_partitions");
        if (parts != null && usage != null) {
            out.printf("%n%-24s %-8s %8s %8s %8s %5s%n", "Filesystem", "Type", "Size", "Used", "Avail", "Use%");
            for (DiskPartition p : parts) {
                DiskUsage u = usage.get(p.mountpoint());
                if (u != null) {
                    out.printf("%-24s %-8s %8s %8s %8s %4.0f%%  %s%n", p.device(), p.fstype(), Units.human(u.total()),
                            Units.human(u.used()), Units.human(u.free()), u.percent(), p.mountpoint());
                }
            }
        }

        Map<String, psutil4j.NetIoCounters> nics = get(s, "net_io_counters");
        Map<String, List<psutil4j.NetIfAddr>> addrs = get(s, "net_if_addrs");
        if (nics != null) {
            out.printf("%n%-16s %10s %10s  %s%n", "Interface", "Received", "Sent", "Addresses");
            for (var e : nics.entrySet()) {
                var as = new ArrayList<String>();
                if (addrs != null && addrs.get(e.getKey()) != null) {
                    for (var a : addrs.get(e.getKey())) {
                        if (a.family() != psutil4j.AddressFamily.AF_LINK) {
                            a.address().ifPresent(as::add);
                        }
                    }
                }
                out.printf("%-16s %10s %10s  %s%n", e.getKey(), Units.human(e.getValue().bytesRecv()),
                        Units.human(e.getValue().bytesSent()), String.join(" ", as));
            }
        }
        List<NetConnection> conns = get(s, "net_connections");
        if (conns != null) {
            long listen = conns.stream().filter(c -> c.status() == ConnectionStatus.LISTEN).count();
            long est = conns.stream().filter(c -> c.status() == ConnectionStatus.ESTABLISHED).count();
            var ports = new java.util.TreeSet<Integer>();
            for (NetConnection c : conns) {
                if (c.status() == ConnectionStatus.LISTEN && c.laddr().orElse(null) instanceof Addr.Inet in) {
                    ports.add(in.port());
                }
            }
            out.printf("Sockets %d inet: %d listening (ports %s), %d established%n", conns.size(), listen, ports, est);
        }

        Map<String, ?> temps = get(s, "sensors_temperatures");
        Map<String, ?> fans = get(s, "sensors_fans");
        psutil4j.Battery bat = get(s, "sensors_battery");
        out.printf("%nSensors %d temperature groups, %d fan groups, battery %s%n",
                temps == null ? 0 : temps.size(), fans == null ? 0 : fans.size(),
                bat == null ? "none" : String.format("%.0f%%", bat.percent()));
        if (temps != null) {
            for (var e : temps.entrySet()) {
                for (var tt : (List<psutil4j.Temperature>) e.getValue()) {
                    out.printf("        %s %s %.1f°C%n", e.getKey(), tt.label(), tt.current());
                }
            }
        }

        List<psutil4j.User> users = get(s, "users");
        int[] pids = get(s, "pids");
        out.printf("Users   %s%n", users == null || users.isEmpty() ? "(none logged in)"
                : String.join(" ", users.stream().map(u -> u.name() + "@" + u.terminal().orElse("?")).toList()));
        out.printf("Pids    %d processes%n", pids == null ? 0 : pids.length);

        Pressure p = get(s, "pressure");
        if (p != null) {
            out.printf("%nPressure (avg10/avg60/avg300 %%)%n");
            psi(out, "cpu", p.cpu());
            psi(out, "memory", p.memory());
            psi(out, "io", p.io());
            psi(out, "irq", p.irq());
        }
        psutil4j.CgroupInfo cg = get(s, "cgroup");
        if (cg != null) {
            out.printf("%nCgroup  %s %s%n", cg.version(), cg.unifiedPath().orElse(""));
            cg.v1Paths().forEach((k, v) -> out.printf("        %s: %s%n", k, v));
            cg.cpuMax().ifPresent(c -> out.printf("        cpu limit %.2f cores%n", c));
            cg.memoryCurrent().ifPresent(m -> out.printf("        memory %s of %s%n", Units.human(m),
                    cg.memoryMax().isPresent() ? Units.human(cg.memoryMax().getAsLong()) : "unlimited"));
            cg.pidsCurrent().ifPresent(n -> out.printf("        pids %d of %s%n", n,
                    cg.pidsMax().isPresent() ? String.valueOf(cg.pidsMax().getAsLong()) : "unlimited"));
        }
        psutil4j.ContainerInfo ci = get(s, "container");
        if (ci != null) {
            out.printf("Container %s%n", ci.inContainer() ? "yes" + ci.runtime().map(r -> " (" + r + ")").orElse("") : "no");
        }
    }

    private static void psi(PrintWriter out, String name, Optional<PressureResource> r) {
        if (r.isEmpty()) {
            out.printf("        %-7s not available%n", name);
            return;
        }
        for (var kind : List.of("some", "full")) {
            var line = kind.equals("some") ? r.get().some() : r.get().full();
            line.ifPresent(x -> out.printf("        %-7s %s %6.2f %6.2f %6.2f%n", name, kind, x.avg10(), x.avg60(), x.avg300()));
        }
    }
}
