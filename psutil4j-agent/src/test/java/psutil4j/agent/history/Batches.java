package psutil4j.agent.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;

/** SampleBatches as the collector makes them (node_exporter's names and labels), built by hand. */
public final class Batches {

    private final long millis;
    private final List<Sample> samples = new ArrayList<>();

    private Batches(long millis) {
        this.millis = millis;
    }

    public static Batches at(long epochSeconds) {
        return new Batches(epochSeconds * 1000);
    }

    public static Batches atMillis(long millis) {
        return new Batches(millis);
    }

    /** Step k: two CPUs at 20 % user, 10 % system; disk reads alternating 1000 and 3000 B/s; steady gauges. */
    public static Batches steady(long t, int k) {
        double readBytes = 0;
        for (int i = 1; i <= k; i++) {
            readBytes += (i % 2 == 1 ? 1000 : 3000) * 5;
        }
        return Batches.at(t)
                .cpu(0, k * 1.0, k * 0.5, k * 3.5).cpu(1, k * 1.0, k * 0.5, k * 3.5)
                .gauge("node_load1", 1.5).gauge("node_load5", 1.25).gauge("node_load15", 1)
                .memory(8e9, 6e9, 3e9, 1e8)
                .gauge("node_memory_SwapTotal_bytes", 2e9).gauge("node_memory_SwapFree_bytes", 1.5e9)
                .gauge("node_pressure_io_waiting_seconds_total", k * 0.25)
                .disk("sda", readBytes, k * 500.0, k * 10.0, k * 5.0)
                .net("eth0", k * 125_000.0, k * 25_000.0)
                .fs("/", "ext4", 100e9, 40e9, 35e9)
                .group("java", k * 2.0, k * 0.5, 300e6);
    }

    public Batches cpu(int cpu, double user, double system, double idle) {
        for (var m : Map.of("user", user, "system", system, "idle", idle, "nice", 0.0, "iowait", 0.0, "irq", 0.0,
                "softirq", 0.0, "steal", 0.0).entrySet()) {
            samples.add(new Sample("node_cpu_seconds_total", Map.of("cpu", String.valueOf(cpu), "mode", m.getKey()),
                    m.getValue()));
        }
        return this;
    }

    public Batches gauge(String name, double v) {
        samples.add(Sample.of(name, v));
        return this;
    }

    public Batches memory(double total, double available, double cached, double buffers) {
        return gauge("node_memory_MemTotal_bytes", total).gauge("node_memory_MemAvailable_bytes", available)
                .gauge("node_memory_Cached_bytes", cached).gauge("node_memory_Buffers_bytes", buffers)
                .gauge("node_memory_MemFree_bytes", available / 2);
    }

    public Batches disk(String dev, double readBytes, double writtenBytes, double reads, double writes) {
        samples.add(new Sample("node_disk_read_bytes_total", Map.of("device", dev), readBytes));
        samples.add(new Sample("node_disk_written_bytes_total", Map.of("device", dev), writtenBytes));
        samples.add(new Sample("node_disk_reads_completed_total", Map.of("device", dev), reads));
        samples.add(new Sample("node_disk_writes_completed_total", Map.of("device", dev), writes));
        return this;
    }

    public Batches net(String dev, double rx, double tx) {
        samples.add(new Sample("node_network_receive_bytes_total", Map.of("device", dev), rx));
        samples.add(new Sample("node_network_transmit_bytes_total", Map.of("device", dev), tx));
        return this;
    }

    public Batches fs(String mountpoint, String fstype, double size, double free, double avail) {
        var l = Map.of("device", "/dev/x", "mountpoint", mountpoint, "fstype", fstype);
        samples.add(new Sample("node_filesystem_size_bytes", l, size));
        samples.add(new Sample("node_filesystem_free_bytes", l, free));
        samples.add(new Sample("node_filesystem_avail_bytes", l, avail));
        return this;
    }

    public Batches group(String name, double user, double system, double rss) {
        samples.add(new Sample("namedprocess_namegroup_cpu_seconds_total", Map.of("groupname", name, "mode", "user"), user));
        samples.add(new Sample("namedprocess_namegroup_cpu_seconds_total", Map.of("groupname", name, "mode", "system"),
                system));
        samples.add(new Sample("namedprocess_namegroup_memory_bytes", Map.of("groupname", name, "memtype", "resident"), rss));
        samples.add(new Sample("namedprocess_namegroup_memory_bytes", Map.of("groupname", name, "memtype", "virtual"),
                rss * 3));
        samples.add(new Sample("namedprocess_namegroup_num_procs", Map.of("groupname", name), 1));
        return this;
    }

    public SampleBatch build() {
        return new SampleBatch(millis, samples);
    }
}
