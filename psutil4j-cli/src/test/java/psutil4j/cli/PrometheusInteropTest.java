package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent next to a real Prometheus (Debian's 2.42, /usr/bin/prometheus) that scrapes it every
 * second and evaluates the same rule files:
 * <ul>
 * <li>what Prometheus stored from /metrics equals the agent's /api/v1/latest (node_load1,
 *     MemTotal, a node_cpu_seconds_total series);</li>
 * <li>the project's example rules load into Prometheus unchanged: every rule healthy, with the
 *     same names, queries, durations, labels and annotations the agent reports;</li>
 * <li>for rules over constants, /api/v1/alerts and /api/v1/rules of both agree field by field
 *     (bar times), and the ALERTS / ALERTS_FOR_STATE series the agent exports equal those
 *     Prometheus writes itself.</li>
 * </ul>
 * The agent collects once and then every hour, so every scrape sees the same batch and the values
 * can be compared exactly.
 */
class PrometheusInteropTest {

    private static final String PROMETHEUS = "/usr/bin/prometheus";
    private static final Path EXAMPLES = Path.of("..", "psutil4j-agent", "src", "main", "resources", "rules");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String INTEROP_RULES = """
            groups:
              - name: interop
                interval: 1s
                rules:
                  - alert: InteropPending
                    expr: vector(0.42) > 0
                    for: 1h
                    labels: {severity: warning}
                    annotations: {summary: "value {{ $value }}"}
                  - alert: InteropFiring
                    expr: vector(1) > 0
                    keep_firing_for: 10m
                    annotations: {summary: "{{ $value | humanizePercentage }}"}
                  - alert: InteropNever
                    expr: vector(1) < 0
                  - record: interop:three
                    expr: vector(3)
                    labels: {kind: constant}
            """;

    @Test
    void prometheusScrapesTheAgentAndRunsItsRules(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(Path.of(PROMETHEUS)), "prometheus (Debian package prometheus) is needed");
        Path examples = dir.resolve("example-rules.yml").toAbsolutePath();
        Files.copy(EXAMPLES.resolve("example-rules.yml"), examples);
        Path interop = dir.resolve("interop-rules.yml").toAbsolutePath();
        Files.writeString(interop, INTEROP_RULES);
        Path agentCfg = dir.resolve("agent.yml");
        Files.writeString(agentCfg, "listen: 127.0.0.1:0\ninterval: 1h\nrule_files: [" + examples + ", " + interop + "]\n");

        Process prometheus = null;
        try (var agent = new ServeHarness(agentCfg)) {
            int port = freePort();
            String prom = "http://127.0.0.1:" + port;
            Path promCfg = dir.resolve("prometheus.yml");
            Files.writeString(promCfg, String.join("\n",
                    "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                    "rule_files: [" + examples + ", " + interop + "]",
                    "scrape_configs:",
                    "  - job_name: psutil4j",
                    "    static_configs: [{targets: [\"" + URI.create(agent.url()).getAuthority() + "\"]}]",
                    ""));
            prometheus = new ProcessBuilder(PROMETHEUS, "--config.file=" + promCfg,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            Process p = prometheus;
            Path log = dir.resolve("prometheus.log");

            // Scraped, every rule evaluated, and the agent's ALERTS stored next to Prometheus's own.
            await(p, log, "a scrape of the agent", () -> query(prom, "up{job=\"psutil4j\"} == 1").size() == 1);
            await(p, log, "every rule evaluated", () -> rules(prom).findValues("health").stream()
                    .noneMatch(h -> h.asText().equals("unknown")));
            await(p, log, "ALERTS scraped and written", () -> query(prom, "ALERTS{alertname=~\"Interop.*\"}").size() == 4);

            // 1. The values Prometheus stored are the agent's.
            JsonNode latest = agent.json("/api/v1/latest");
            for (String series : List.of("node_load1", "node_memory_MemTotal_bytes",
                    "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}", "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"}")) {
                List<JsonNode> r = query(prom, series);
                assertEquals(1, r.size(), series + ": " + r);
                JsonNode metric = r.get(0).get("metric");
                assertEquals("psutil4j", metric.get("job").asText());
                double stored = Double.parseDouble(r.get(0).at("/value/1").asText());
                assertEquals(agentValue(latest, metric), stored, series);
            }

            // 2. The example rules run in Prometheus unchanged, as the agent reads them.
            JsonNode theirs = rules(prom);
            JsonNode ours = agent.json("/api/v1/rules").get("data");
            for (String group : List.of("node", "processes")) {
                JsonNode tg = group(theirs, group);
                JsonNode og = group(ours, group);
                assertEquals(examples.toString(), tg.get("file").asText());
                assertEquals(examples.toString(), og.get("file").asText());
                assertEquals(tg.get("rules").size(), og.get("rules").size());
                for (int i = 0; i < tg.get("rules").size(); i++) {
                    JsonNode tr = tg.get("rules").get(i);
                    JsonNode or = og.get("rules").get(i);
                    assertEquals("ok", tr.get("health").asText(), tr::toString);
                    assertEquals("ok", or.get("health").asText(), or::toString);
                    for (String f : List.of("name", "query", "duration", "keepFiringFor", "labels", "annotations", "type")) {
                        assertEquals(tr.get(f), or.get(f), group + " rule " + i + " " + f);
                    }
                }
            }
            assertEquals(6, group(theirs, "node").get("rules").size() + group(theirs, "processes").get("rules").size());

            // 3. Rules over constants: the same answers, field by field, times aside.
            JsonNode ti = withoutTimes(group(theirs, "interop"));
            JsonNode oi = withoutTimes(group(ours, "interop"));
            assertEquals(ti, oi);
            assertEquals(fields(group(theirs, "interop")), fields(group(ours, "interop")));
            for (int i = 0; i < 4; i++) {
                assertEquals(fields(group(theirs, "interop").get("rules").get(i)),
                        fields(group(ours, "interop").get("rules").get(i)), "rule " + i);
            }
            List<JsonNode> theirAlerts = interopAlerts(getJson(prom + "/api/v1/alerts"));
            List<JsonNode> ourAlerts = interopAlerts(agent.json("/api/v1/alerts"));
            assertEquals(2, theirAlerts.size(), theirAlerts::toString);
            for (int i = 0; i < 2; i++) {
                assertEquals(fields(theirAlerts.get(i)), fields(ourAlerts.get(i)));
                Instant.parse(ourAlerts.get(i).get("activeAt").asText());
            }
            assertEquals(withoutTimes(theirAlerts), withoutTimes(ourAlerts));

            // ALERTS and ALERTS_FOR_STATE: what the agent exports (now with job and instance) is
            // what Prometheus's rule evaluation writes.
            for (String name : List.of("ALERTS", "ALERTS_FOR_STATE")) {
                List<JsonNode> all = query(prom, name + "{alertname=~\"Interop.*\"}");
                Set<Map<String, String>> own = labelSets(all, m -> !m.containsKey("job"));
                Set<Map<String, String>> scraped = labelSets(all, m -> m.containsKey("job"));
                assertEquals(2, own.size(), all::toString);
                assertEquals(own, scraped, name);
            }
            assertEquals(3.0, Double.parseDouble(query(prom, "interop:three{kind=\"constant\"}").get(0).at("/value/1").asText()));
        } finally {
            if (prometheus != null) {
                prometheus.destroy(); // SIGTERM to its pid
                if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static int freePort() throws Exception {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    /** Waits up to 60 s for {@code check}; fails with Prometheus's log if it exits or the time runs out. */
    private static void await(Process p, Path log, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("prometheus exited (" + p.exitValue() + "): " + Files.readString(log));
            }
            try {
                if (check.ok()) {
                    return;
                }
            } catch (java.io.IOException e) {
                last = e; // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " within 60 s (" + last + "); log: " + Files.readString(log));
    }

    private static JsonNode getJson(String url) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new java.io.IOException(url + ": " + r.statusCode() + " " + r.body());
        }
        return ServeHarness.JSON.readTree(r.body());
    }

    /** An instant query's result vector. */
    private static List<JsonNode> query(String prom, String q) throws Exception {
        JsonNode r = getJson(prom + "/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        var out = new ArrayList<JsonNode>();
        r.at("/data/result").forEach(out::add);
        return out;
    }

    private static JsonNode rules(String prom) throws Exception {
        return getJson(prom + "/api/v1/rules").get("data");
    }

    private static JsonNode group(JsonNode data, String name) {
        for (JsonNode g : data.get("groups")) {
            if (g.get("name").asText().equals(name)) {
                return g;
            }
        }
        throw new AssertionError("no group " + name + " in " + data);
    }

    /** The value of the agent's sample with the metric's name and labels (job and instance aside). */
    private static double agentValue(JsonNode latest, JsonNode metric) {
        Map<String, String> want = new HashMap<>();
        metric.fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().asText()));
        String name = want.remove("__name__");
        want.remove("job");
        want.remove("instance");
        for (JsonNode s : latest.get("samples")) {
            Map<String, String> labels = new HashMap<>();
            s.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            if (s.get("name").asText().equals(name) && labels.equals(want)) {
                return s.get("value").asDouble();
            }
        }
        throw new AssertionError("the agent has no " + metric);
    }

    private static List<JsonNode> interopAlerts(JsonNode answer) {
        var out = new ArrayList<JsonNode>();
        answer.at("/data/alerts").forEach(a -> {
            if (a.at("/labels/alertname").asText().startsWith("Interop")) {
                out.add(a);
            }
        });
        out.sort((a, b) -> a.at("/labels/alertname").asText().compareTo(b.at("/labels/alertname").asText()));
        return out;
    }

    private static Set<Map<String, String>> labelSets(List<JsonNode> result, Predicate<Map<String, String>> keep) {
        var out = new HashSet<Map<String, String>>();
        for (JsonNode r : result) {
            Map<String, String> m = new TreeMap<>();
            r.get("metric").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            if (keep.test(m)) {
                m.remove("job");
                m.remove("instance");
                out.add(m);
            }
        }
        return out;
    }

    /** A deep copy without the fields that hold times (activeAt, lastEvaluation, evaluationTime). */
    private static JsonNode withoutTimes(Object node) {
        JsonNode copy = ServeHarness.JSON.valueToTree(node);
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove(List.of("activeAt", "lastEvaluation", "evaluationTime"));
        }
        n.forEach(PrometheusInteropTest::strip);
    }

    private static List<String> fields(JsonNode n) {
        var out = new ArrayList<String>();
        n.fieldNames().forEachRemaining(out::add);
        assertFalse(out.isEmpty());
        return out;
    }
}
