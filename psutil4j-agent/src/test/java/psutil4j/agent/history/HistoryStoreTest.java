package psutil4j.agent.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import psutil4j.agent.config.HistoryConfig;
import psutil4j.agent.model.HistorySource;

class HistoryStoreTest {

    /** A whole hour, so the 1 min and 1 h tiers' steps start at T0. */
    static final long T0 = 1_699_999_200L;
    private static final Duration FIVE = Duration.ofSeconds(5);

    private final AtomicLong now = new AtomicLong(T0);
    private final InstantSource clock = () -> Instant.ofEpochSecond(now.get());
    private final List<String> log = new ArrayList<>();

    private HistoryStore open(Path dir, Duration interval, HistoryConfig cfg) throws IOException {
        return HistoryStore.open(dir, interval, cfg, clock, log::add);
    }

    private static Batches step(long t, int k) {
        return Batches.steady(t, k);
    }

    private void feed(HistoryStore s, long from, int steps, long offset) {
        for (int k = 0; k <= steps; k++) {
            long t = from + 5L * k + offset;
            now.set(t);
            s.accept(step(t, k).build());
        }
    }

    private static double[] line(HistorySource.Window w, double[][] values, String line) {
        return values[w.chart().lines().indexOf(line)];
    }

    @Test
    void layoutHasTheThreeTiersAndItsFootprintIsTheFileSize(@TempDir Path dir) throws IOException {
        Layout l = Layout.forInterval(FIVE);
        assertEquals(List.of(new Layout.Tier(1, 34_560), new Layout.Tier(12, 43_200), new Layout.Tier(720, 17_520)), l.tiers());
        assertEquals("5s for 2d, 1m for 30d, 1h for 2y", l.describe());
        assertEquals(10, l.heartbeat());
        assertEquals("1s for 2d, 1m for 30d, 1h for 2y", Layout.forInterval(Duration.ofSeconds(1)).describe());
        assertEquals(List.of(new Layout.Tier(1, 28_800), new Layout.Tier(40, 17_520)),
                Layout.forInterval(Duration.ofSeconds(90)).tiers(), "a 90 s step: 1 min is the step itself, kept 30 days");
        assertEquals(2, Layout.forInterval(Duration.ofMillis(1500)).step());
        // a line costs 8 bytes per row: 34560 + 3 x 43200 + 3 x 17520 rows
        long perLine = 8L * (34_560 + 3 * 43_200 + 3 * 17_520);
        assertTrue(l.fileBytes(ChartKind.SWAP) > perLine && l.fileBytes(ChartKind.SWAP) < perLine + 4096);
        try (var s = open(dir, FIVE, HistoryConfig.defaults())) {
            feed(s, T0, 2, 0);
            for (var c : s.charts()) {
                var key = ChartKind.parse(c.id()).orElseThrow();
                assertEquals(l.fileBytes(key.kind()), Files.size(dir.resolve(HistoryStore.fileName(key))), c.id());
            }
        }
    }

    @Test
    void ratesAndGaugesAtEveryTier(@TempDir Path dir) throws IOException {
        try (var s = open(dir, FIVE, HistoryConfig.defaults())) {
            feed(s, T0, 1440, 0); // two hours
            assertEquals(List.of("cpu", "load", "pressure", "memory", "swap", "disk.sda", "diskops.sda", "net.eth0", "fs./",
                    "proccpu.java", "procrss.java"), s.charts().stream().map(HistorySource.Chart::id).toList());

            // The last hour at the collection step: what was fed, step by step.
            var w = s.query("disk.sda", Duration.ofHours(1)).orElseThrow();
            assertEquals(5, w.stepSeconds());
            assertEquals(720, w.length());
            assertEquals(T0 + 3600, w.startSeconds());
            double[] read = line(w, w.avg(), "read");
            for (int i = 0; i < 720; i++) {
                int k = 721 + i; // the step ending at T0 + 5k
                assertEquals(k % 2 == 1 ? 1000 : 3000, read[i], "step " + k);
            }
            assertArrayEquals(read, line(w, w.max(), "read"), "one collection per step: min = avg = max");
            assertEquals(100, line(w, w.avg(), "write")[5]);

            // A week: one-minute steps, 12 collections each: avg 2000, min 1000, max 3000.
            var week = s.query("disk.sda", Duration.ofDays(7)).orElseThrow();
            assertEquals(60, week.stepSeconds());
            assertEquals(10_080, week.length());
            int last = week.length() - 1;
            assertEquals(T0 + 7200, week.startSeconds() + (last + 1) * 60L, "ends with the last complete minute");
            for (int i = last - 119; i <= last; i++) {
                assertEquals(2000, line(week, week.avg(), "read")[i], 1e-9);
                assertEquals(1000, line(week, week.min(), "read")[i]);
                assertEquals(3000, line(week, week.max(), "read")[i]);
            }
            assertTrue(Double.isNaN(line(week, week.avg(), "read")[last - 120]), "before the first collection: unknown");

            // A year: hourly steps; the two complete hours.
            var year = s.query("cpu", Duration.ofDays(365)).orElseThrow();
            assertEquals(3600, year.stepSeconds());
            int n = year.length();
            for (int i = n - 2; i < n; i++) {
                assertEquals(20, line(year, year.avg(), "user")[i], 1e-9);
                assertEquals(10, line(year, year.max(), "system")[i], 1e-9);
                assertEquals(70, line(year, year.min(), "idle")[i], 1e-9);
                assertEquals(0, line(year, year.avg(), "steal")[i], 1e-9);
            }
            assertTrue(Double.isNaN(line(year, year.avg(), "user")[n - 3]));

            var mem = s.query("memory", Duration.ofMinutes(5)).orElseThrow();
            assertEquals(2e9, line(mem, mem.avg(), "used")[10]);
            assertEquals(6e9, line(mem, mem.avg(), "available")[10]);
            assertEquals(3e9, line(mem, mem.avg(), "cached")[10]);
            assertEquals(1e8, line(mem, mem.avg(), "buffers")[10]);
            var swap = s.query("swap", Duration.ofMinutes(5)).orElseThrow();
            assertEquals(5e8, swap.avg()[0][10]);
            var load = s.query("load", Duration.ofMinutes(5)).orElseThrow();
            assertEquals(1.25, line(load, load.avg(), "load5")[10]);
            var psi = s.query("pressure", Duration.ofMinutes(5)).orElseThrow();
            assertEquals(5, line(psi, psi.avg(), "io_some")[10], 1e-9, "0.25 s stalled per 5 s: 5 %");
            assertTrue(Double.isNaN(line(psi, psi.avg(), "cpu_some")[10]), "not reported: unknown");
            var ops = s.query("diskops.sda", Duration.ofMinutes(5)).orElseThrow();
            assertEquals(2, line(ops, ops.avg(), "reads")[10], 1e-12);
            var net = s.query("net.eth0", Duration.ofMinutes(5)).orElseThrow();
            assertEquals(25_000, line(net, net.avg(), "rx")[10], 1e-9);
            assertEquals(5_000, line(net, net.avg(), "tx")[10], 1e-9);
            var fs = s.query("fs./", Duration.ofMinutes(5)).orElseThrow();
            assertEquals(60e9, line(fs, fs.avg(), "used")[10]);
            assertEquals(35e9, line(fs, fs.avg(), "avail")[10]);
            assertEquals("File system /", fs.chart().title());
            var group = s.query("proccpu.java", Duration.ofMinutes(5)).orElseThrow();
            assertEquals(0.4, line(group, group.avg(), "user")[10], 1e-12);
            assertEquals(0.1, line(group, group.avg(), "system")[10], 1e-12);
            assertEquals(300e6, s.query("procrss.java", Duration.ofMinutes(5)).orElseThrow().avg()[0][10]);

            assertTrue(s.query("disk.nope", Duration.ofHours(1)).isEmpty());
            assertTrue(s.query("bogus", Duration.ofHours(1)).isEmpty());
        }
    }

    /**
     * Collections 2 s after each step boundary: rrd4j weighs the two rates a step overlaps by
     * time, 2 s of the previous one and 3 s of the next.
     */
    @Test
    void unalignedCollectionsAreWeighedByTime(@TempDir Path dir) throws IOException {
        try (var s = open(dir, FIVE, HistoryConfig.defaults())) {
            feed(s, T0, 100, 2);
            var w = s.query("disk.sda", Duration.ofMinutes(5)).orElseThrow();
            double[] read = line(w, w.avg(), "read");
            for (int i = 0; i < w.length(); i++) {
                long end = w.startSeconds() + (i + 1) * 5L;
                int m = (int) ((end - T0) / 5); // the rate fed at T0 + 5m + 2 covers (T0 + 5m - 3, T0 + 5m + 2]
                double expected = ((m - 1) % 2 == 1 ? 2 * 1000 : 2 * 3000) + (m % 2 == 1 ? 3 * 1000 : 3 * 3000);
                assertEquals(expected / 5, read[i], 1e-9, "step ending " + end);
            }
        }
    }

    @Test
    void countersThatGoDownAreUnknownNotNegative(@TempDir Path dir) throws IOException {
        try (var s = open(dir, FIVE, HistoryConfig.defaults())) {
            for (int k = 0; k < 6; k++) {
                double bytes = k < 3 ? k * 5000 : (k - 3) * 5000; // reset after the third
                s.accept(Batches.at(T0 + 5L * k).net("eth0", bytes, bytes).build());
            }
            now.set(T0 + 25);
            var w = s.query("net.eth0", Duration.ofSeconds(25)).orElseThrow();
            assertEquals(List.of(1000.0, 1000.0, Double.NaN, 1000.0, 1000.0),
                    java.util.Arrays.stream(w.avg()[0]).boxed().toList().subList(0, 5));
        }
    }

    @Test
    void capsKeepTheBusiestDevicesAndSurviveARestart(@TempDir Path dir) throws IOException {
        var cfg = new HistoryConfig(true, 2, 1, 1, 1);
        try (var s = open(dir, FIVE, cfg)) {
            for (long t = T0; t <= T0 + 60; t += 30) {
                s.accept(Batches.at(t).disk("sda", 10, 0, 0, 0).disk("sdb", 1e9, 0, 0, 0).disk("sdc", 1e6, 0, 0, 0)
                        .net("lo", 10, 10).net("eth0", 1e9, 1e9)
                        .fs("/run", "tmpfs", 1e12, 1e12, 1e12).fs("/", "ext4", 1e9, 1, 1)
                        .group("small", 1, 1, 10).group("kthread", 9, 9, 0).group(t == T0 ? "grep" : "big", 1, 1, 20)
                        .build());
                if (t == T0) {
                    assertEquals(List.of("disk.sdb", "diskops.sdb", "disk.sdc", "diskops.sdc", "net.eth0", "fs./"), ids(s),
                            "process groups wait a minute");
                }
            }
            assertEquals(List.of("disk.sdb", "diskops.sdb", "disk.sdc", "diskops.sdc", "net.eth0", "fs./",
                    "proccpu.small", "procrss.small"), ids(s), "a group that existed for a minute, with memory");
            s.accept(Batches.at(T0 + 120).group("big", 1, 1, 20).build());
            assertFalse(ids(s).contains("proccpu.big"), "no room left");
            assertEquals(Layout.maxCharts(HistoryStore.caps(cfg)), 5 + 8);
            s.accept(Batches.at(T0 + 125).disk("sdd", 1e12, 0, 0, 0).build());
            assertFalse(ids(s).contains("disk.sdd"), "no room left");
        }
        try (var s = open(dir, FIVE, new HistoryConfig(true, 1, 1, 1, 1))) {
            assertEquals(List.of("disk.sdb", "diskops.sdb", "disk.sdc", "diskops.sdc", "net.eth0", "fs./",
                    "proccpu.small", "procrss.small"), ids(s), "a lowered cap keeps what exists");
            assertEquals(5 + 2 * 2 + 1 + 1 + 2, s.maxCharts());
        }
    }

    private static List<String> ids(HistoryStore s) {
        return s.charts().stream().map(HistorySource.Chart::id).filter(id -> id.contains(".")).toList();
    }

    @Test
    void footprintIsKnownUpFront(@TempDir Path dir) throws IOException {
        var cfg = new HistoryConfig(true, 1, 1, 1, 1);
        try (var s = open(dir, FIVE, cfg)) {
            long max = s.maxBytes();
            assertEquals(5 + 2 + 1 + 1 + 2, s.maxCharts());
            feed(s, T0, 12, 0);
            long rrd = 0;
            long journals = 0;
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    if (p.toString().endsWith(".rrd")) {
                        rrd += Files.size(p);
                    } else if (p.toString().endsWith(".rrd.journal")) {
                        assertTrue(Files.size(p) <= PagedBackendFactory.MAX_JOURNAL_BYTES, p.toString());
                        journals += Files.size(p);
                    }
                }
            }
            assertEquals(max - 11 * PagedBackendFactory.MAX_JOURNAL_BYTES, rrd,
                    "every cap filled: the files take exactly the footprint, but for the journals' room");
            assertTrue(journals > 0, "updates go through the journals");
            assertEquals(rrd + journals, s.bytesNow());
            assertTrue(s.summary().startsWith("history: at most 11 charts, " + HistoryStore.mib(max) + ", in " + dir
                    + " (5s for 2d, 1m for 30d, 1h for 2y); 11 now"), s.summary());
        }
    }

    @Test
    void restartKeepsTheDataAndAppends(@TempDir Path dir) throws IOException {
        try (var s = open(dir, FIVE, HistoryConfig.defaults())) {
            feed(s, T0, 100, 0);
        }
        // five minutes later
        try (var s = open(dir, FIVE, HistoryConfig.defaults())) {
            for (int k = 160; k <= 200; k++) {
                now.set(T0 + 5L * k);
                s.accept(step(T0 + 5L * k, k).build());
            }
            var w = s.query("cpu", Duration.ofMinutes(20)).orElseThrow();
            double[] user = line(w, w.avg(), "user");
            int at100 = (int) ((T0 + 500 - w.startSeconds()) / 5) - 1;
            assertEquals(20, user[at100], 1e-9, "before the restart");
            assertTrue(Double.isNaN(user[at100 + 1]), "the gap");
            assertTrue(Double.isNaN(user[at100 + 60]), "the gap, and the first collection after a restart has no rate");
            assertEquals(20, user[at100 + 61], 1e-9, "after");
            assertEquals(20, user[user.length - 1], 1e-9);
            assertTrue(log.isEmpty(), log::toString);
        }
    }

    @Test
    void anotherIntervalIsRefusedWithTheReason(@TempDir Path dir) throws IOException {
        List<HistorySource.Chart> before;
        try (var s = open(dir, FIVE, HistoryConfig.defaults())) {
            feed(s, T0, 2, 0);
            before = s.charts();
        }
        var e = assertThrows(IllegalStateException.class, () -> open(dir, Duration.ofSeconds(10), HistoryConfig.defaults()));
        assertTrue(e.getMessage().contains("was written with a 5s step, but the interval now gives 10s"), e.getMessage());
        assertTrue(e.getMessage().contains("set the interval back (5s), or move " + dir + " away"), e.getMessage());
        try (var s = open(dir, FIVE, HistoryConfig.defaults())) {
            assertEquals(before, s.charts(), "the refusal left the files as they were");
        }
    }

    @Test
    void oneWriterAtATime(@TempDir Path dir) throws IOException {
        try (var s = open(dir, FIVE, HistoryConfig.defaults())) {
            var e = assertThrows(IllegalStateException.class, () -> open(dir, FIVE, HistoryConfig.defaults()));
            assertTrue(e.getMessage().contains("(pid " + ProcessHandle.current().pid() + ") is writing the history in " + dir),
                    e.getMessage());
            feed(s, T0, 12, 0);
            // a reader needs no lock and sees what the writer wrote
            try (var r = HistoryStore.openReadOnly(dir, clock)) {
                assertEquals(s.charts(), r.charts());
                var a = s.query("cpu", Duration.ofMinutes(1)).orElseThrow();
                var b = r.query("cpu", Duration.ofMinutes(1)).orElseThrow();
                assertArrayEquals(a.avg()[0], b.avg()[0]);
                assertThrows(IllegalStateException.class, () -> r.accept(step(T0 + 100, 20).build()));
            }
        }
        assertThrows(java.nio.file.NoSuchFileException.class, () -> HistoryStore.openReadOnly(dir.resolve("none"), clock));
    }

    @Test
    void fileNamesAreSafeAndDistinct() {
        assertEquals("cpu.rrd", HistoryStore.fileName(new ChartKind.Key(ChartKind.CPU, null)));
        assertEquals("disk.nvme0n1.rrd", HistoryStore.fileName(new ChartKind.Key(ChartKind.DISK, "nvme0n1")));
        String root = HistoryStore.fileName(new ChartKind.Key(ChartKind.FS, "/"));
        assertTrue(root.matches("fs\\._-[0-9a-f]{8}\\.rrd"), root);
        String a = HistoryStore.fileName(new ChartKind.Key(ChartKind.FS, "/a b"));
        String b = HistoryStore.fileName(new ChartKind.Key(ChartKind.FS, "/a_b"));
        assertTrue(a.startsWith("fs._a_b-") && b.startsWith("fs._a_b-") && !a.equals(b), a + " " + b);
        String up = HistoryStore.fileName(new ChartKind.Key(ChartKind.GROUP_CPU, "../../etc"));
        assertTrue(up.matches("proccpu\\.\\.\\._\\.\\._etc-[0-9a-f]{8}\\.rrd"), up);
        String longName = HistoryStore.fileName(new ChartKind.Key(ChartKind.FS, "/x".repeat(200)));
        assertTrue(longName.length() < 120, longName);
        assertEquals(new ChartKind.Key(ChartKind.FS, "/a b"), ChartKind.parse("fs./a b").orElseThrow());
    }

    @Test
    void leftoversOfACrashAreCleanedUp(@TempDir Path dir) throws IOException {
        try (var s = open(dir, FIVE, HistoryConfig.defaults())) {
            feed(s, T0, 2, 0);
        }
        Files.writeString(dir.resolve("disk.sdz.rrd.tmp"), "half a file");
        Files.writeString(dir.resolve("load.rrd"), "not an rrd file at all");
        Files.delete(dir.resolve(HistoryStore.INDEX)); // lost: rebuilt from the file names it can
        try (var s = open(dir, FIVE, HistoryConfig.defaults())) {
            assertFalse(Files.exists(dir.resolve("disk.sdz.rrd.tmp")));
            assertTrue(log.stream().anyMatch(l -> l.contains("cannot open " + dir.resolve("load.rrd"))), log::toString);
            try (var files = Files.list(dir)) {
                assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("load.rrd.broken-")).count());
            }
            assertTrue(ids(s).contains("disk.sda"));
            feed(s, T0 + 100, 2, 0);
            assertTrue(s.charts().stream().anyMatch(c -> c.id().equals("load")), "created again");
        }
    }
}
