package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rrd4j.core.RrdDb;

import psutil4j.agent.history.HistoryStore;
import psutil4j.agent.model.HistorySource;

/**
 * {@code ./psutil4j serve --interval 1s}, killed with SIGKILL at random moments four times (the last after 3 s) and
 * started again: every history file still opens, every step known before a kill keeps its value,
 * and the restarted agent appends.
 */
class ServeKillNineIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void historySurvivesKillNine(@TempDir Path dir) throws Exception {
        var random = new Random();
        Map<Long, Double> known = new HashMap<>(); // step end -> memory used, as read after a kill
        long lastEnd = 0;
        for (int round = 0; round < 4; round++) {
            Process p = start(dir);
            try {
                Thread.sleep(round == 3 ? 3000 : 1000 + random.nextInt(2000));
            } finally {
                p.destroyForcibly(); // SIGKILL, this pid only
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(137, p.exitValue());
            try (var history = HistoryStore.openReadOnly(dir.resolve("history"), InstantSource.system())) {
                for (Path f : rrdFiles(dir.resolve("history"))) {
                    try (RrdDb db = RrdDb.getBuilder().setPath(f.toString()).readOnly()
                            .setBackendFactory(new org.rrd4j.core.RrdRandomAccessFileBackendFactory()).build()) {
                        assertTrue(db.getLastUpdateTime() > 0, f.toString());
                    }
                }
                var w = history.query("memory", Duration.ofMinutes(5)).orElseThrow();
                double[] used = w.avg()[w.chart().lines().indexOf("used")];
                long end = 0;
                for (int i = 0; i < w.length(); i++) {
                    long t = w.startSeconds() + (i + 1) * w.stepSeconds();
                    Double before = known.get(t);
                    if (before != null) {
                        assertEquals(before, used[i], "memory used at " + t + " changed after round " + round);
                    }
                    if (!Double.isNaN(used[i])) {
                        known.putIfAbsent(t, used[i]);
                        end = t;
                    }
                }
                assertTrue(end > lastEnd, "round " + round + " appended nothing after " + lastEnd);
                lastEnd = end;
                assertTrue(history.charts().stream().map(HistorySource.Chart::id).toList().containsAll(
                        List.of("cpu", "load", "memory", "swap")), history.charts().toString());
            }
        }
        assertTrue(known.size() >= 8, "steps known: " + known.size());
    }

    /** Starts the agent and waits for its startup lines. */
    private static Process start(Path dir) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(ROOT.resolve("psutil4j").toString(), "serve", "--listen", "127.0.0.1:0",
                "--interval", "1s", "--data-dir", dir.toString()).directory(ROOT.toFile());
        pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        var lines = new LinkedBlockingQueue<String>();
        Thread.ofPlatform().daemon().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = in.readLine()) != null) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // killed
            }
        });
        var seen = new ArrayList<String>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(1, TimeUnit.SECONDS);
            if (l != null) {
                seen.add(l);
                if (l.startsWith("history: at most")) {
                    return p;
                }
            } else if (!p.isAlive()) {
                break;
            }
        }
        p.destroyForcibly().waitFor();
        throw new AssertionError("the agent did not start: " + seen);
    }

    private static List<Path> rrdFiles(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".rrd")).toList();
        }
    }
}
