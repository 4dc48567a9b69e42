package psutil4j.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import psutil4j.Psutil;
import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;

class CollectorTest {

    private final List<Process> children = new ArrayList<>();
    private Path tmpDir;

    @AfterEach
    void cleanup() throws IOException {
        for (Process p : children) {
            if (p.isAlive()) {
                try {
                    Psutil.process((int) p.pid()).kill();
                } catch (psutil4j.NoSuchProcessException e) {
                    // already gone
                }
            }
        }
        for (Process p : children) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (tmpDir != null) {
            try (var s = Files.list(tmpDir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(tmpDir);
        }
    }

    private static List<Sample> named(SampleBatch b, String name) {
        return b.samples().stream().filter(s -> s.name().equals(name)).toList();
    }

    private static double one(SampleBatch b, String name) {
        List<Sample> l = named(b, name);
        assertEquals(1, l.size(), name + " should be one series: " + l);
        return l.getFirst().value();
    }

    private static Map<String, Long> meminfo() throws IOException {
        Map<String, Long> m = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            String[] f = line.split(":\\s+|\\s+");
            m.put(f[0], Long.parseLong(f[1]) * (line.endsWith("kB") ? 1024 : 1));
        }
        return m;
    }

    @Test
    void seriesAreUniqueAndNamesValid() {
        SampleBatch b = new Collector(Duration.ofSeconds(1), 50, null).collectOnce();
        Set<String> keys = new HashSet<>();
        for (Sample s : b.samples()) {
            assertTrue(s.name().matches("[a-zA-Z_:][a-zA-Z0-9_:]*"), s.name());
            assertTrue(keys.add(s.name() + s.labels()), "duplicate series " + s);
        }
        assertTrue(b.timeMillis() > 0);
    }

    @Test
    void memoryMatchesProcMeminfo() throws IOException {
        SampleBatch b = new Collector(Duration.ofSeconds(1), 50, null).collectOnce();
        Map<String, Long> m = meminfo();
        assertEquals(m.get("MemTotal"), (long) one(b, "node_memory_MemTotal_bytes"));
        assertEquals(m.get("SwapTotal"), (long) one(b, "node_memory_SwapTotal_bytes"));
        // Moving values: within 64 MiB of a read right after.
        for (String f : List.of("MemAvailable", "MemFree", "Buffers", "Cached", "SwapFree")) {
            double ours = one(b, "node_memory_" + f + "_bytes");
            assertEquals(m.get(f), ours, 64 << 20, f);
        }
    }

    @Test
    void cpuSecondsAgreeWithProcStat() throws IOException {
        SampleBatch b = new Collector(Duration.ofSeconds(1), 50, null).collectOnce();
        List<String> lines = Files.readAllLines(Path.of("/proc/stat")).stream()
                .filter(l -> l.matches("cpu\\d+ .*")).toList();
        Map<String, Double> ours = named(b, "node_cpu_seconds_total").stream()
                .collect(Collectors.groupingBy(s -> s.labels().get("cpu"), Collectors.summingDouble(Sample::value)));
        assertEquals(lines.size(), ours.size());
        Set<String> modes = named(b, "node_cpu_seconds_total").stream().map(s -> s.labels().get("mode"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"), modes);
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\\s+");
            double sum = 0;
            for (int k = 1; k <= 8; k++) {
                sum += Long.parseLong(f[k]) / 100.0; // USER_HZ is 100 on Linux
            }
            assertEquals(sum, ours.get(Integer.toString(i)), 2.0, "cpu" + i);
        }
    }

    @Test
    void loadStatAndTime() throws IOException {
        long before = System.currentTimeMillis();
        SampleBatch b = new Collector(Duration.ofSeconds(1), 50, null).collectOnce();
        String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
        assertEquals(Double.parseDouble(load[2]), one(b, "node_load15"), 0.1);
        assertEquals(Psutil.bootTime(), one(b, "node_boot_time_seconds"), 1.0);
        String ctxt = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("ctxt "))
                .findFirst().orElseThrow();
        double ctx = one(b, "node_context_switches_total");
        assertTrue(ctx <= Long.parseLong(ctxt.split(" ")[1]) && ctx > 0);
        assertTrue(one(b, "node_intr_total") > 0);
        assertEquals(before / 1000.0, one(b, "node_time_seconds"), 5.0);
    }

    @Test
    void networkDevicesAreThoseOfProcNetDev() throws IOException {
        SampleBatch b = new Collector(Duration.ofSeconds(1), 50, null).collectOnce();
        Set<String> devs = Files.readAllLines(Path.of("/proc/net/dev")).stream().skip(2)
                .map(l -> l.substring(0, l.indexOf(':')).strip()).collect(Collectors.toSet());
        for (String m : List.of("receive_bytes", "transmit_bytes", "receive_packets", "transmit_packets",
                "receive_errs", "transmit_errs", "receive_drop", "transmit_drop")) {
            Set<String> ours = named(b, "node_network_" + m + "_total").stream().map(s -> s.labels().get("device"))
                    .collect(Collectors.toSet());
            assertEquals(devs, ours, m);
        }
        double lo = named(b, "node_network_receive_bytes_total").stream()
                .filter(s -> s.labels().get("device").equals("lo")).findFirst().orElseThrow().value();
        assertTrue(lo >= 0);
    }

    @Test
    void disksFollowNodeExporterExcludes() throws IOException {
        SampleBatch b = new Collector(Duration.ofSeconds(1), 50, null).collectOnce();
        Set<String> expected = new HashSet<>();
        for (String l : Files.readAllLines(Path.of("/proc/diskstats"))) {
            String dev = l.strip().split("\\s+")[2];
            if (!SystemMetrics.DISK_EXCLUDE.matcher(dev).find()) {
                expected.add(dev);
            }
        }
        Set<String> ours = named(b, "node_disk_read_bytes_total").stream().map(s -> s.labels().get("device"))
                .collect(Collectors.toSet());
        assertEquals(expected, ours);
        assertTrue(SystemMetrics.DISK_EXCLUDE.matcher("sda1").find());
        assertTrue(SystemMetrics.DISK_EXCLUDE.matcher("nvme0n1p2").find());
        assertTrue(SystemMetrics.DISK_EXCLUDE.matcher("loop3").find());
        assertFalse(SystemMetrics.DISK_EXCLUDE.matcher("sda").find());
        assertFalse(SystemMetrics.DISK_EXCLUDE.matcher("nvme0n1").find());
        assertFalse(SystemMetrics.DISK_EXCLUDE.matcher("dm-0").find());
    }

    @Test
    void filesystemsAgreeWithDiskUsage() {
        SampleBatch b = new Collector(Duration.ofSeconds(1), 50, null).collectOnce();
        for (Sample s : named(b, "node_filesystem_size_bytes")) {
            assertFalse(SystemMetrics.FSTYPE_EXCLUDE.matcher(s.labels().get("fstype")).find(), s.toString());
            assertFalse(SystemMetrics.MOUNT_EXCLUDE.matcher(s.labels().get("mountpoint")).find(), s.toString());
            assertEquals(Psutil.diskUsage(s.labels().get("mountpoint")).total(), (long) s.value(), s.toString());
        }
        assertTrue(SystemMetrics.FSTYPE_EXCLUDE.matcher("overlay").find());
        assertFalse(SystemMetrics.FSTYPE_EXCLUDE.matcher("ext4").find());
        assertTrue(SystemMetrics.MOUNT_EXCLUDE.matcher("/proc/sys").find());
        assertFalse(SystemMetrics.MOUNT_EXCLUDE.matcher("/home").find());
    }

    @Test
    void pressureFromProcPressure() throws IOException {
        SampleBatch b = new Collector(Duration.ofSeconds(1), 50, null).collectOnce();
        Path cpu = Path.of("/proc/pressure/cpu");
        boolean readable;
        String text = null;
        try {
            text = Files.readString(cpu);
            readable = true;
        } catch (IOException e) {
            readable = false;
        }
        if (!readable) {
            assertTrue(named(b, "node_pressure_cpu_waiting_seconds_total").isEmpty());
            return;
        }
        long us = Long.parseLong(text.lines().findFirst().orElseThrow().replaceAll(".*total=", ""));
        double ours = one(b, "node_pressure_cpu_waiting_seconds_total");
        assertTrue(ours <= us / 1e6 && ours > us / 1e6 - 5, ours + " vs " + us);
    }

    /** A copy of sleep under a unique name, so other sessions' sleeps don't count. */
    private String startGroup(int n) throws IOException {
        tmpDir = Files.createTempDirectory("ps4jgrp");
        String name = "ps4j" + ProcessHandle.current().pid() % 100000;
        Path exe = tmpDir.resolve(name);
        Files.copy(Path.of("/bin/sleep"), exe);
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (int i = 0; i < n; i++) {
            children.add(new ProcessBuilder(exe.toString(), "60").start());
        }
        return name;
    }

    private static Map<String, Double> group(SampleBatch b, String metric, String group) {
        Map<String, Double> m = new HashMap<>();
        for (Sample s : named(b, metric)) {
            if (group.equals(s.labels().get("groupname"))) {
                m.put(s.labels().getOrDefault("mode", s.labels().getOrDefault("memtype", "")), s.value());
            }
        }
        return m;
    }

    @Test
    void processGroupCountsItsMembers() throws Exception {
        String name = startGroup(3);
        Collector c = new Collector(Duration.ofSeconds(1), 10_000, null);
        SampleBatch b = c.collectOnce();
        assertEquals(3.0, group(b, "namedprocess_namegroup_num_procs", name).get(""));
        Map<String, Double> mem = group(b, "namedprocess_namegroup_memory_bytes", name);
        assertTrue(mem.get("resident") > 0 && mem.get("virtual") >= mem.get("resident"), mem.toString());
        Map<String, Double> cpu1 = group(b, "namedprocess_namegroup_cpu_seconds_total", name);
        assertEquals(Set.of("user", "system"), cpu1.keySet());
        // Counters never go down, even when a member exits.
        Psutil.process((int) children.getFirst().pid()).kill();
        children.getFirst().waitFor(5, TimeUnit.SECONDS);
        SampleBatch b2 = c.collectOnce();
        assertEquals(2.0, group(b2, "namedprocess_namegroup_num_procs", name).get(""));
        Map<String, Double> cpu2 = group(b2, "namedprocess_namegroup_cpu_seconds_total", name);
        assertTrue(cpu2.get("user") >= cpu1.get("user") && cpu2.get("system") >= cpu1.get("system"));
        // We are root or the owner: I/O is readable.
        assertNotNull(group(b2, "namedprocess_namegroup_read_bytes_total", name).get(""));
    }

    @Test
    void aGroupsCpuCounterIsTheSumOfItsMembersCpuTimesAcrossSweeps() throws Exception {
        tmpDir = Files.createTempDirectory("ps4jgrp");
        String name = "ps4jb" + ProcessHandle.current().pid() % 100000;
        Path exe = tmpDir.resolve(name);
        Files.copy(Path.of("/bin/dash"), exe);
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (int i = 0; i < 2; i++) {
            children.add(new ProcessBuilder(exe.toString(), "-c", "while :; do :; done").start());
        }
        Collector c = new Collector(Duration.ofSeconds(1), 10_000, null);
        double before = 0;
        double counter = 0;
        for (int sweep = 0; sweep < 5; sweep++) {
            Thread.sleep(200);
            before = membersCpu();
            Map<String, Double> cpu = group(c.collectOnce(), "namedprocess_namegroup_cpu_seconds_total", name);
            counter = cpu.get("user") + cpu.get("system");
        }
        double after = membersCpu();
        // each sweep adds what a member used since the last: the sum of their times, not a multiple
        assertTrue(counter >= before - 0.02 && counter <= after + 0.02,
                "counter " + counter + " outside the members' " + before + " .. " + after);
        assertTrue(counter > 0.5, "two busy members for a second: " + counter);
    }

    private double membersCpu() {
        double sum = 0;
        for (Process p : children) {
            var t = Psutil.process((int) p.pid()).cpuTimes();
            sum += t.user() + t.system();
        }
        return sum;
    }

    @Test
    void groupsAreBoundedWithOther() {
        SampleBatch b = new Collector(Duration.ofSeconds(1), 3, null).collectOnce();
        List<Sample> counts = named(b, "namedprocess_namegroup_num_procs");
        assertTrue(counts.size() <= 4, counts.toString());
        assertTrue(counts.stream().anyMatch(s -> s.labels().get("groupname").equals(ProcessGroups.OTHER)));
        double total = counts.stream().mapToDouble(Sample::value).sum();
        assertEquals(Psutil.pids().length, total, 20); // processes come and go during the sweep
    }

    @Test
    void scheduledCollectionFeedsSinks() throws InterruptedException {
        var latch = new CountDownLatch(2);
        try (Collector c = new Collector(Duration.ofSeconds(1), 50, null)) {
            c.addSink(batch -> latch.countDown());
            c.start();
            assertTrue(latch.await(10, TimeUnit.SECONDS));
            assertNotNull(c.latest());
            assertTrue(c.lastErrors().isEmpty(), c.lastErrors().toString());
        }
    }

    @Test
    void intervalBelowOneSecondRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Collector(Duration.ofMillis(500), 50, null));
    }
}
