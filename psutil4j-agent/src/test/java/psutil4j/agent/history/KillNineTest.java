package psutil4j.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rrd4j.core.RrdDb;

import psutil4j.agent.config.HistoryConfig;

/**
 * kill -9 at random moments while the history is written as fast as it can be (so the kill
 * lands inside updates and file creations): after each, every file opens with the layout it
 * was made with, everything written before is still there, and a restart appends.
 */
class KillNineTest {

    private static final long T0 = 1_700_000_000L;

    @Test
    void killedWritersLeaveUsableFiles(@TempDir Path dir) throws Exception {
        var random = new Random(42);
        var rounds = new ArrayList<long[]>(); // {first time, last time reported}
        long start = T0;
        for (int round = 0; round < 6; round++) {
            long last = runAndKill(dir, start, 200 + random.nextInt(1200));
            assertTrue(last > start + 50, "round " + round + " wrote too little: " + (last - start));
            rounds.add(new long[] {start, last});
            checkFiles(dir);
            checkData(dir, rounds, last);
            start = last + 10 + random.nextInt(50);
        }
        // A clean restart appends after all that.
        long t = start;
        var now = new AtomicLong(t);
        try (var s = HistoryStore.open(dir, Duration.ofSeconds(1), new HistoryConfig(true, 50, 8, 16, 10),
                () -> Instant.ofEpochSecond(now.get()), line -> { })) {
            for (; t < start + 30; t++) {
                now.set(t);
                s.accept(CrashChild.batch(t).build());
            }
            var w = s.query("load", Duration.ofSeconds(20)).orElseThrow();
            assertEquals(CrashChild.load1(t - 1), w.avg()[0][w.length() - 1]);
        }
        checkData(dir, rounds, t - 1);
    }

    /** Starts the child, lets it write for a while, kills it (SIGKILL) by pid; the last time it reported. */
    private static long runAndKill(Path dir, long start, int millis) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xshare:auto",
                "--enable-native-access=ALL-UNNAMED", CrashChild.class.getName(), dir.toString(), String.valueOf(start));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        var lastSeen = new AtomicLong(-1);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null) {
                    try {
                        lastSeen.set(Long.parseLong(line));
                    } catch (NumberFormatException e) {
                        // "open", or a line cut by the kill
                    }
                    synchronized (lastSeen) {
                        lastSeen.notifyAll();
                    }
                }
            } catch (IOException e) {
                // killed
            }
        });
        try {
            synchronized (lastSeen) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (lastSeen.get() < start + 20 && System.nanoTime() < deadline && p.isAlive()) {
                    lastSeen.wait(100);
                }
            }
            assertTrue(lastSeen.get() >= start + 20, "the child did not start writing");
            Thread.sleep(millis);
        } finally {
            p.destroyForcibly(); // SIGKILL, to this pid only
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        reader.join(10_000);
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        return lastSeen.get();
    }

    /** Every file opens, with the layout of a 1 s interval; no leftovers but a temporary file. */
    private static void checkFiles(Path dir) throws IOException {
        Layout layout = Layout.forInterval(Duration.ofSeconds(1));
        List<Path> files;
        try (var l = Files.list(dir)) {
            files = l.filter(p -> p.toString().endsWith(".rrd")).toList();
        }
        assertFalse(files.isEmpty());
        var index = new java.util.Properties();
        try (var in = Files.newInputStream(dir.resolve(HistoryStore.INDEX))) {
            index.load(in);
        }
        for (Path f : files) {
            String id = index.getProperty(f.getFileName().toString());
            assertTrue(id != null, f + " is in the index");
            try (RrdDb db = RrdDb.getBuilder().setPath(f.toString()).setBackendFactory(new PagedBackendFactory())
                    .readOnly().build()) {
                var kind = ChartKind.parse(id).orElseThrow().kind();
                assertEquals(layout.def(f.toString(), kind, 0), db.getRrdDef(), f.toString());
                assertEquals(layout.fileBytes(kind), Files.size(f));
            }
        }
    }

    /** The gauge read back equals what was written, at 200 times of every round so far. */
    private static void checkData(Path dir, List<long[]> rounds, long now) throws IOException {
        var random = new Random(7);
        try (var s = HistoryStore.openReadOnly(dir, () -> Instant.ofEpochSecond(now))) {
            long first = rounds.getFirst()[0];
            var w = s.query("load", Duration.ofSeconds(now - first + 1)).orElseThrow();
            assertEquals(1, w.stepSeconds());
            double[] load1 = w.avg()[0];
            for (int ri = 0; ri < rounds.size(); ri++) {
                long[] r = rounds.get(ri);
                // Every update is committed whole through the file's journal: no value lost, none
                // shifted, whatever the kill interrupted.
                for (int i = 0; i < 200; i++) {
                    long t = r[0] + 1 + random.nextLong(r[1] - r[0]);
                    int idx = (int) (t - 1 - w.startSeconds());
                    assertEquals(CrashChild.load1(t), load1[idx], "load1 at " + t + " (round from " + r[0] + ")");
                }
            }
            assertTrue(s.charts().size() > 6, "disk charts were created: " + s.charts().size());
        }
    }
}
