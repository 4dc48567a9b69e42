package psutil4j.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import psutil4j.agent.config.HistoryConfig;
import psutil4j.agent.history.Batches;
import psutil4j.agent.history.HistoryStore;
import psutil4j.agent.http.AgentServer;
import psutil4j.agent.model.HistorySource;

class ReportTest {

    static final long T0 = 1_699_999_200L;

    /** Two hours of {@link Batches#steady} at 5 s in a real store; the clock at the last collection. */
    static HistoryStore twoHours(Path dir, AtomicLong now) throws IOException {
        InstantSource clock = () -> Instant.ofEpochSecond(now.get());
        var s = HistoryStore.open(dir, Duration.ofSeconds(5), HistoryConfig.defaults(), clock, line -> { });
        for (int k = 0; k <= 1440; k++) {
            now.set(T0 + 5L * k);
            s.accept(Batches.steady(T0 + 5L * k, k).build());
        }
        return s;
    }

    private static Report.Row row(Report r, String chart, String line) {
        return r.items().stream().filter(i -> i.window().chart().id().equals(chart)).findFirst().orElseThrow()
                .rows().stream().filter(x -> x.name().equals(line)).findFirst().orElseThrow();
    }

    @Test
    void statsAreOverThePeriod() {
        double[] v = new double[200];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1; // 1..100, then 100 unknown steps
            v[100 + i] = Double.NaN;
        }
        var s = Report.Stats.of(v);
        assertEquals(1, s.min());
        assertEquals(50.5, s.avg());
        assertEquals(95, s.p95(), "nearest rank");
        assertEquals(100, s.max());
        assertEquals(0.5, s.known());
        double[] lo = v.clone();
        lo[3] = -7;
        assertEquals(-7, Report.Stats.of(lo, v, v).min(), "min of the steps' minima");
        assertEquals(0, Report.Stats.of(new double[] {Double.NaN}).known());
    }

    @Test
    void reportOfARealStoreMatchesWhatWasFed(@TempDir Path dir) throws Exception {
        var now = new AtomicLong();
        try (var store = twoHours(dir, now)) {
            Report r = Report.build(store, Duration.ofDays(1), "testhost", Instant.ofEpochSecond(now.get()));
            assertEquals(List.of("CPU", "Memory", "Disk", "Network"), r.sections().stream().map(Report.Section::title).toList());
            assertEquals(List.of("cpu", "load", "pressure", "memory", "swap", "disk.sda", "diskops.sda", "fs./", "net.eth0"),
                    r.items().stream().map(i -> i.window().chart().id()).toList(), "no process groups");

            var busy = row(r, "cpu", "busy (not idle, not iowait)").stats();
            assertEquals(30, busy.avg(), 1e-9);
            assertEquals(30, busy.max(), 1e-9);
            assertEquals(1440.0 / 17280, busy.known(), 1e-12, "two hours of a day at 5 s");
            var read = row(r, "disk.sda", "read").stats();
            assertEquals(1000, read.min());
            assertEquals(2000, read.avg(), 1e-9);
            assertEquals(3000, read.p95());
            assertEquals(3000, read.max());
            assertEquals(25, row(r, "memory", "used %").stats().avg(), 1e-9);
            assertEquals(100 * 60.0 / 95, row(r, "fs./", "use % (as df)").stats().max(), 1e-9);
            assertEquals(5, row(r, "pressure", "io_some").stats().avg(), 1e-9);
            assertEquals(0, row(r, "pressure", "cpu_some").stats().known(), "no such PSI line: unknown");

            assertEquals("30.0 % / 30.0 % / 30.0 %", r.glance().get("CPU busy: average / 95th / max"));
            assertEquals("25.0 % / 25.0 %", r.glance().get("Memory used: average / max"));
            assertEquals("/: 63.2 %", r.glance().get("Fullest file system: max use"));
            // 720 steps at 1000 B/s and 720 at 3000 B/s, 5 s each: 14.4 MB read
            assertEquals(Units.bytes(14.4e6) + " / " + Units.bytes(1440 * 5 * 100.0), r.glance().get("Disks: read / written"));
            assertEquals(Units.bytes(1440 * 5 * 25_000.0) + " / " + Units.bytes(1440 * 5 * 5_000.0),
                    r.glance().get("Network (not lo): received / sent"));

            String html = r.html();
            assertTrue(html.startsWith("<!DOCTYPE html>"));
            assertTrue(html.contains("<title>Service quality report: testhost, last 1d</title>"), html);
            assertTrue(html.contains("<tr><td>read</td><td>1000 B/s</td><td>2.0 KiB/s</td><td>2.9 KiB/s</td>"
                    + "<td>2.9 KiB/s</td><td>8 %</td></tr>"), html);
            var pngs = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
            int n = 0;
            while (pngs.find()) {
                var img = GraphsTest.decode(Base64.getDecoder().decode(pngs.group(1)));
                assertEquals(Report.WIDTH, img.getWidth());
                assertEquals(Report.HEIGHT, img.getHeight());
                n++;
            }
            assertEquals(r.items().size(), n, "every graph inlined");
            assertFalse(html.contains("http://") || html.contains("https://"), "self-contained: nothing to fetch");

            JsonNode j = new ObjectMapper().readTree(r.json());
            assertEquals("testhost", j.get("host").asText());
            assertEquals(86400, j.get("range_seconds").asLong());
            JsonNode disk = j.get("sections").get(2).get("charts").get(0);
            assertEquals("disk.sda", disk.get("id").asText());
            assertEquals(5, disk.get("step").asLong());
            assertEquals(2000, disk.get("rows").get(0).get("avg").asDouble(), 1e-9);
            assertTrue(j.get("sections").get(0).get("charts").get(2).get("rows").get(0).get("avg").isNull(), "unknown: null");

            var week = Report.build(store, Duration.ofDays(7), "testhost", Instant.ofEpochSecond(now.get()));
            var weekRead = row(week, "disk.sda", "read").stats();
            assertEquals(60, week.items().getFirst().window().stepSeconds());
            assertEquals(2000, weekRead.avg(), 1e-9);
            assertEquals(2000, weekRead.p95(), 1e-9, "of the one-minute averages");
            assertEquals(1000, weekRead.min(), "the one-minute tier keeps the minima");
            assertEquals(3000, weekRead.max());
        }
    }

    @Test
    void namesAreEscaped() {
        var chart = new HistorySource.Chart("fs./<b>&x", "File system /<b>&x", "bytes", List.of("used", "avail"));
        double[][] v = {{1, 2}, {3, 4}};
        HistorySource h = new HistorySource() {
            @Override
            public List<Chart> charts() {
                return List.of(chart);
            }

            @Override
            public Optional<Window> query(String id, Duration range) {
                return Optional.of(new Window(chart, T0, 60, v, v, v));
            }
        };
        try {
            String html = Report.build(h, Duration.ofMinutes(2), "h<1>", Instant.ofEpochSecond(T0 + 120)).html();
            assertTrue(html.contains("<h3>File system /&lt;b&gt;&amp;x</h3>"), html);
            assertTrue(html.contains("Service quality report: h&lt;1&gt;, last 2m"), html);
            assertFalse(html.contains("<b>"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void emptyHistoryIsAValidReport() throws IOException {
        HistorySource none = new HistorySource() {
            @Override
            public List<Chart> charts() {
                return List.of();
            }

            @Override
            public Optional<Window> query(String id, Duration range) {
                return Optional.empty();
            }
        };
        var r = Report.build(none, Duration.ofDays(1), "h", Instant.ofEpochSecond(T0));
        assertTrue(r.html().contains("<p>No history in this period.</p>"));
        assertEquals(List.of(), new ArrayList<>(r.sections()));
        assertEquals(Map.of(), r.glance());
    }

    @Test
    void servedAtReport(@TempDir Path dir) throws Exception {
        var now = new AtomicLong();
        try (var store = twoHours(dir, now); var server = AgentServer.start("127.0.0.1", 0, Optional.empty(), () -> null)) {
            ReportPages.register(server, store);
            var http = HttpClient.newHttpClient();
            var resp = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/report?range=1d")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, resp.statusCode());
            assertEquals("text/html; charset=utf-8", resp.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(resp.body().contains("Service quality report: "), resp.body());
            assertEquals(400, http.send(HttpRequest.newBuilder(URI.create(server.url() + "/report?range=0s")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
