package psutil4j.agent.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import psutil4j.agent.collect.Collector;
import psutil4j.agent.http.AgentServer;

/** The dashboard's pages and /api/v1/processes over HTTP, without a browser. */
class DashboardTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Collector collector;
    private static AgentServer server;
    private static Process busy;

    @BeforeAll
    static void start() throws Exception {
        busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        collector = new Collector(Duration.ofHours(1), 50, null);
        collector.collectOnce();
        server = AgentServer.start("127.0.0.1", 0, Optional.empty(), collector::latest);
        Dashboard.register(server, collector);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        collector.close();
        busy.destroyForcibly();
        busy.waitFor(5, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageAndEveryFileItNames() throws Exception {
        var page = get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        var refs = new ArrayList<String>();
        var m = Pattern.compile("(?:src|href)=\"([^\"#]+)\"").matcher(page.body());
        while (m.find()) {
            refs.add(m.group(1));
        }
        assertTrue(refs.containsAll(List.of("static/uplot/uPlot.iife.min.js", "static/uplot/uPlot.min.css",
                "static/dashboard.js", "static/dashboard.css")), refs.toString());
        for (String ref : refs) {
            assertFalse(ref.startsWith("/") || ref.contains(":"), ref + ": relative links only");
            if (ref.startsWith("static/")) {
                var r = get("/" + ref);
                assertEquals(200, r.statusCode(), ref);
                assertFalse(r.body().isEmpty(), ref);
                String type = r.headers().firstValue("Content-Type").orElseThrow();
                assertTrue(ref.endsWith(".js") ? type.startsWith("text/javascript")
                        : ref.endsWith(".css") ? type.startsWith("text/css") : type.startsWith("text/plain"), ref + " " + type);
            }
        }
        assertTrue(get("/static/uplot/uPlot.iife.min.js").body().contains("uPlot"), "the WebJar's uPlot");
    }

    @Test
    void servesOnlyItsOwnFiles() throws Exception {
        for (String p : List.of("/static/", "/static/nope.js", "/static/uplot/../dashboard.js", "/static/uplot/uPlot.d.ts",
                "/static/uplot/package.json", "/index.html")) {
            assertEquals(404, get(p).statusCode(), p);
        }
    }

    @Test
    void thePageAtTheRootLeavesTheOtherPagesAlone() throws Exception {
        assertEquals(200, get("/metrics").statusCode());
        assertEquals("ok\n", get("/healthz").body());
        assertEquals(200, get("/api/v1/latest").statusCode());
        assertEquals(404, get("/nope").statusCode());
    }

    @Test
    void processesFromTheLastTwoSweeps() throws Exception {
        JsonNode first = JSON.readTree(get("/api/v1/processes").body());
        // one sweep: no CPU percent yet
        for (JsonNode p : first.get("processes")) {
            assertTrue(p.get("cpu_percent").isNull(), p.toString());
        }
        Thread.sleep(500);
        collector.collectOnce();
        JsonNode j = JSON.readTree(get("/api/v1/processes").body());
        long memTotal = Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("\\D", "")) * 1024;
        assertEquals(memTotal, j.get("memory_total").asLong());
        JsonNode rows = j.get("processes");
        assertTrue(rows.size() <= 2 * Collector.TOP_PROCESSES && rows.size() <= j.get("total").asInt(), j.get("total") + " " + rows.size());
        int total = j.get("total").asInt();
        int pids = (int) Files.list(Path.of("/proc")).filter(p -> p.getFileName().toString().matches("\\d+")).count();
        assertTrue(Math.abs(total - pids) <= Math.max(20, pids / 10), "total " + total + " vs /proc " + pids);
        JsonNode child = null;
        double lastCpu = Double.POSITIVE_INFINITY;
        for (JsonNode p : rows) {
            for (String f : List.of("pid", "name", "username", "status", "cpu_percent", "memory_percent", "rss", "vms", "num_threads")) {
                assertTrue(p.has(f), f + " in " + p);
            }
            double cpu = p.get("cpu_percent").isNull() ? -1 : p.get("cpu_percent").asDouble();
            assertTrue(cpu <= lastCpu, "by CPU percent, descending: " + p);
            lastCpu = cpu;
            if (p.get("pid").asLong() == busy.pid()) {
                child = p;
            }
        }
        assertNotNull(child, "the spinning child is among the top by CPU");
        assertEquals("sh", child.get("name").asText());
        assertEquals(1, child.get("num_threads").asInt());
        assertEquals(System.getProperty("user.name"), child.get("username").asText());
        assertTrue(child.get("cpu_percent").asDouble() > 10, child.toString());
        assertEquals(100.0 * child.get("rss").asLong() / memTotal, child.get("memory_percent").asDouble(), 0.001);
        assertTrue(List.of("running", "sleeping").contains(child.get("status").asText()), child.toString());
    }
}
