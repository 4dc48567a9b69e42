package psutil4j.agent.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import psutil4j.CpuStats;
import psutil4j.CpuTimes;
import psutil4j.DiskIoCounters;
import psutil4j.DiskPartition;
import psutil4j.DiskUsage;
import psutil4j.LoadAvg;
import psutil4j.NetIoCounters;
import psutil4j.Pressure;
import psutil4j.PressureLine;
import psutil4j.PressureResource;
import psutil4j.PsutilException;
import psutil4j.Psutil;
import psutil4j.SwapMemory;
import psutil4j.VirtualMemory;
import psutil4j.agent.model.Sample;

/**
 * The system half of a collection, under node_exporter's names, labels and units (its cpu,
 * meminfo, loadavg, filesystem, netdev, diskstats, stat, pressure and time collectors), read
 * through the psutil4j library. Each part is independent: a part that fails (a file the kernel
 * lacks, a permission) is left out of that batch and the rest still reports.
 */
final class SystemMetrics {

    /** node_exporter's default --collector.diskstats.device-exclude: partitions, ram, loop, floppy. */
    static final Pattern DISK_EXCLUDE = Pattern.compile("^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$");
    /** node_exporter's default --collector.filesystem.mount-points-exclude. */
    static final Pattern MOUNT_EXCLUDE =
            Pattern.compile("^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)");
    /** node_exporter's default --collector.filesystem.fs-types-exclude. */
    static final Pattern FSTYPE_EXCLUDE = Pattern.compile("^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts"
            + "|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs"
            + "|selinuxfs|squashfs|erofs|sysfs|tracefs)$");

    private static final String[] CPU_MODES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};

    private SystemMetrics() {
    }

    /** Appends every system sample to {@code out}. */
    static void collect(Consumer<Sample> out, Consumer<String> errors) {
        part("cpu", errors, () -> cpu(out));
        part("meminfo", errors, () -> memory(out));
        part("loadavg", errors, () -> load(out));
        part("filesystem", errors, () -> filesystems(out));
        part("netdev", errors, () -> network(out));
        part("diskstats", errors, () -> disks(out));
        part("stat", errors, () -> stat(out));
        part("pressure", errors, () -> pressure(out));
        out.accept(Sample.of("node_time_seconds", System.currentTimeMillis() / 1000.0));
    }

    private static void part(String what, Consumer<String> errors, Runnable r) {
        try {
            r.run();
        } catch (PsutilException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            errors.accept(what + ": " + e.getMessage());
        }
    }

    static void cpu(Consumer<Sample> out) {
        List<CpuTimes> per = Psutil.cpuTimesPercpu();
        for (int i = 0; i < per.size(); i++) {
            CpuTimes t = per.get(i);
            String cpu = Integer.toString(i);
            double[] v = {t.user(), t.nice(), t.system(), t.idle(), t.iowait(), t.irq(), t.softirq(), t.steal()};
            for (int m = 0; m < CPU_MODES.length; m++) {
                out.accept(new Sample("node_cpu_seconds_total", labels("cpu", cpu, "mode", CPU_MODES[m]), v[m]));
            }
            // Like node_exporter (and the kernel), user/nice include guest/guest_nice time.
            out.accept(new Sample("node_cpu_guest_seconds_total", labels("cpu", cpu, "mode", "user"), t.guest()));
            out.accept(new Sample("node_cpu_guest_seconds_total", labels("cpu", cpu, "mode", "nice"), t.guestNice()));
        }
    }

    static void memory(Consumer<Sample> out) {
        VirtualMemory vm = Psutil.virtualMemory();
        SwapMemory sw = Psutil.swapMemory();
        out.accept(Sample.of("node_memory_MemTotal_bytes", vm.total()));
        out.accept(Sample.of("node_memory_MemAvailable_bytes", vm.available()));
        out.accept(Sample.of("node_memory_MemFree_bytes", vm.free()));
        out.accept(Sample.of("node_memory_Buffers_bytes", vm.buffers()));
        // psutil's cached adds SReclaimable; node_exporter's Cached is the meminfo line alone.
        OptionalCached.read().ifPresent(c -> out.accept(Sample.of("node_memory_Cached_bytes", c)));
        out.accept(Sample.of("node_memory_SwapTotal_bytes", sw.total()));
        out.accept(Sample.of("node_memory_SwapFree_bytes", sw.free()));
    }

    static void load(Consumer<Sample> out) {
        LoadAvg l = Psutil.getloadavg();
        out.accept(Sample.of("node_load1", l.load1()));
        out.accept(Sample.of("node_load5", l.load5()));
        out.accept(Sample.of("node_load15", l.load15()));
    }

    static void filesystems(Consumer<Sample> out) {
        // node_exporter reports each mount point once; a later mount over the same point hides the earlier.
        Map<String, DiskPartition> byMount = new LinkedHashMap<>();
        for (DiskPartition p : Psutil.diskPartitions(true)) {
            if (MOUNT_EXCLUDE.matcher(p.mountpoint()).find() || FSTYPE_EXCLUDE.matcher(p.fstype()).find()) {
                continue;
            }
            byMount.remove(p.mountpoint());
            byMount.put(p.mountpoint(), p);
        }
        for (DiskPartition p : byMount.values()) {
            DiskUsage u = STATFS.usage(p.mountpoint(), p.fstype());
            if (u == null) {
                continue; // unreadable, gone since listing, or a stuck network mount
            }
            var l = labels("device", p.device(), "fstype", p.fstype(), "mountpoint", p.mountpoint());
            // psutil: used = total - f_bfree*frsize, free = f_bavail*frsize (the unprivileged view).
            out.accept(new Sample("node_filesystem_size_bytes", l, u.total()));
            out.accept(new Sample("node_filesystem_free_bytes", l, u.total() - u.used()));
            out.accept(new Sample("node_filesystem_avail_bytes", l, u.free()));
        }
    }

    static final StatFs STATFS = new StatFs(Psutil::diskUsage, Duration.ofSeconds(1));

    /**
     * statfs without hanging the collector: a network file system whose server is gone blocks
     * statfs, uninterruptibly, for minutes. As node_exporter does, such mounts are asked on a
     * helper thread with a timeout; one that times out is skipped until that call returns.
     * Local file systems are asked directly.
     */
    static final class StatFs {
        static final Pattern NETWORK_FS =
                Pattern.compile("^(nfs4?|cifs|smb3?|ceph|glusterfs|9p|afs|lustre|fuse\\..*)$");

        private final Function<String, DiskUsage> statfs;
        private final Duration timeout;
        private final Set<String> stuck = ConcurrentHashMap.newKeySet();
        private final ExecutorService helpers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "psutil4j-statfs");
            t.setDaemon(true);
            return t;
        });

        StatFs(Function<String, DiskUsage> statfs, Duration timeout) {
            this.statfs = statfs;
            this.timeout = timeout;
        }

        /** The usage, or null when it cannot be read or the mount is stuck. */
        DiskUsage usage(String mountpoint, String fstype) {
            if (!NETWORK_FS.matcher(fstype).matches()) {
                return direct(mountpoint);
            }
            if (stuck.contains(mountpoint)) {
                return null;
            }
            Future<DiskUsage> f = helpers.submit(() -> direct(mountpoint));
            try {
                return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                stuck.add(mountpoint);
                helpers.submit(() -> {
                    try {
                        f.get();
                    } catch (InterruptedException | ExecutionException ignored) {
                        // only waiting for the end
                    } finally {
                        stuck.remove(mountpoint);
                    }
                });
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                return null;
            }
        }

        /** Mount points being skipped as stuck. */
        Set<String> stuck() {
            return Set.copyOf(stuck);
        }

        private DiskUsage direct(String mountpoint) {
            try {
                return statfs.apply(mountpoint);
            } catch (PsutilException | IllegalArgumentException | java.io.UncheckedIOException e) {
                return null;
            }
        }
    }

    static void network(Consumer<Sample> out) {
        for (var e : Psutil.netIoCountersPernic(false).entrySet()) {
            var l = labels("device", e.getKey());
            NetIoCounters n = e.getValue();
            out.accept(new Sample("node_network_receive_bytes_total", l, n.bytesRecv()));
            out.accept(new Sample("node_network_transmit_bytes_total", l, n.bytesSent()));
            out.accept(new Sample("node_network_receive_packets_total", l, n.packetsRecv()));
            out.accept(new Sample("node_network_transmit_packets_total", l, n.packetsSent()));
            out.accept(new Sample("node_network_receive_errs_total", l, n.errin()));
            out.accept(new Sample("node_network_transmit_errs_total", l, n.errout()));
            out.accept(new Sample("node_network_receive_drop_total", l, n.dropin()));
            out.accept(new Sample("node_network_transmit_drop_total", l, n.dropout()));
        }
    }

    static void disks(Consumer<Sample> out) {
        for (var e : Psutil.diskIoCountersPerdisk(false).entrySet()) {
            if (DISK_EXCLUDE.matcher(e.getKey()).find()) {
                continue;
            }
            var l = labels("device", e.getKey());
            DiskIoCounters d = e.getValue();
            out.accept(new Sample("node_disk_reads_completed_total", l, d.readCount()));
            out.accept(new Sample("node_disk_writes_completed_total", l, d.writeCount()));
            out.accept(new Sample("node_disk_read_bytes_total", l, d.readBytes()));
            out.accept(new Sample("node_disk_written_bytes_total", l, d.writeBytes()));
            out.accept(new Sample("node_disk_io_time_seconds_total", l, d.busyTime() / 1000.0));
        }
    }

    static void stat(Consumer<Sample> out) {
        CpuStats s = Psutil.cpuStats();
        out.accept(Sample.of("node_boot_time_seconds", Psutil.bootTime()));
        out.accept(Sample.of("node_context_switches_total", s.ctxSwitches()));
        out.accept(Sample.of("node_intr_total", s.interrupts()));
    }

    static void pressure(Consumer<Sample> out) {
        Pressure p = Psutil.pressure();
        psi(out, p.cpu(), "cpu", true);
        psi(out, p.memory(), "memory", true);
        psi(out, p.io(), "io", true);
        psi(out, p.irq(), "irq", false);
    }

    /** node_exporter: "some" -> waiting, "full" -> stalled; totals are microseconds in the kernel file. */
    private static void psi(Consumer<Sample> out, Optional<PressureResource> r, String res, boolean hasSome) {
        if (r.isEmpty()) {
            return;
        }
        if (hasSome) {
            r.get().some().map(PressureLine::total).ifPresent(us ->
                    out.accept(Sample.of("node_pressure_" + res + "_waiting_seconds_total", us / 1e6)));
        }
        r.get().full().map(PressureLine::total).ifPresent(us ->
                out.accept(Sample.of("node_pressure_" + res + "_stalled_seconds_total", us / 1e6)));
    }

    static Map<String, String> labels(String... kv) {
        Map<String, String> m = new HashMap<>(kv.length);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The plain {@code Cached:} line of /proc/meminfo, which the library folds into psutil's cached. */
    static final class OptionalCached {
        private OptionalCached() {
        }

        static Optional<Long> read() {
            try {
                for (String line : Files.readAllLines(Psutil.procfsPath().resolve("meminfo"))) {
                    if (line.startsWith("Cached:")) {
                        String[] f = line.substring(7).strip().split("\\s+");
                        return Optional.of(Long.parseLong(f[0]) * 1024);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }
    }
}
