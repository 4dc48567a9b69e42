package psutil4j.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;
import psutil4j.agent.rules.GoFormat;
import psutil4j.agent.rules.RuleEngine;
import psutil4j.agent.rules.RuleFiles;
import psutil4j.agent.tsdb.Matcher;
import psutil4j.agent.tsdb.RecentStore;

/**
 * /api/v1/alerts and /api/v1/rules over a real server and engine driven with a fake clock; the
 * expected JSON is what Prometheus 2.42 answers for the same rules (the CLI's
 * PrometheusInteropTest compares with a running Prometheus).
 */
class AlertsApiTest {

    private static final String RULES = """
            groups:
              - name: g1
                interval: 1s
                rules:
                  - alert: Pend
                    expr: load > 0.4
                    for: 1h
                    labels: {severity: warning}
                    annotations: {summary: "v={{ $value }}"}
                  - alert: Fire
                    expr: load > 0
                    keep_firing_for: 10s
                  - alert: Never
                    expr: load < 0
                  - record: r:x
                    expr: load * 2
                    labels: {via: rule}
                  - alert: FireSeen
                    expr: ALERTS{alertname="Fire", alertstate="firing"} == 1
            """;

    /** 2024-01-01T00:00:00Z */
    private static final long T0 = 1_704_067_200_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SampleBatch batch(long t, double load) {
        return new SampleBatch(t, List.of(new Sample("load", Map.of(), load)));
    }

    private static HttpResponse<String> get(AgentServer s, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.url() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void alertsAndRulesInPrometheusFormat() throws Exception {
        var store = new RecentStore();
        var errors = new ArrayList<String>();
        var engine = new RuleEngine(RuleFiles.parse("rules.yml", RULES), store, List.of(), "", errors::add, true);
        try (var server = AgentServer.start("127.0.0.1", 0, Optional.empty(), () -> null)) {
            AlertsApi.register(server, engine, Duration.ofSeconds(5));
            var r0 = JSON.readTree(get(server, "/api/v1/rules").body());
            JsonNode before = r0.at("/data/groups/0/rules/0");
            assertEquals("unknown", before.get("health").asText());
            assertEquals("0001-01-01T00:00:00Z", before.get("lastEvaluation").asText());

            engine.accept(batch(T0 + 150, 0.42));
            var alerts = get(server, "/api/v1/alerts");
            assertEquals(200, alerts.statusCode());
            assertEquals("application/json", alerts.headers().firstValue("Content-Type").orElseThrow());
            // Exactly Prometheus's bytes for these alerts (its activeAt has nanoseconds, ours milliseconds).
            assertEquals("{\"status\":\"success\",\"data\":{\"alerts\":["
                    + "{\"labels\":{\"alertname\":\"Pend\",\"severity\":\"warning\"},\"annotations\":{\"summary\":\"v=0.42\"},"
                    + "\"state\":\"pending\",\"activeAt\":\"2024-01-01T00:00:00.15Z\",\"value\":\"4.2e-01\"},"
                    + "{\"labels\":{\"alertname\":\"Fire\"},\"annotations\":{},"
                    + "\"state\":\"firing\",\"activeAt\":\"2024-01-01T00:00:00.15Z\",\"value\":\"4.2e-01\"},"
                    + "{\"labels\":{\"alertname\":\"FireSeen\",\"alertstate\":\"firing\"},\"annotations\":{},"
                    + "\"state\":\"firing\",\"activeAt\":\"2024-01-01T00:00:00.15Z\",\"value\":\"1e+00\"}"
                    + "]}}\n", alerts.body());

            var rules = JSON.readTree(get(server, "/api/v1/rules").body());
            assertEquals("success", rules.get("status").asText());
            JsonNode g = rules.at("/data/groups/0");
            assertEquals("g1", g.get("name").asText());
            assertEquals("rules.yml", g.get("file").asText());
            assertEquals(1.0, g.get("interval").asDouble());
            assertEquals(0, g.get("limit").asInt());
            assertEquals("2024-01-01T00:00:00.15Z", g.get("lastEvaluation").asText());
            assertTrue(g.get("evaluationTime").asDouble() > 0);
            assertEquals(List.of("name", "file", "rules", "interval", "limit", "evaluationTime", "lastEvaluation"),
                    fields(g));

            JsonNode pend = g.at("/rules/0");
            assertEquals(List.of("state", "name", "query", "duration", "keepFiringFor", "labels", "annotations",
                    "alerts", "health", "evaluationTime", "lastEvaluation", "type"), fields(pend));
            assertEquals("pending", pend.get("state").asText());
            assertEquals("load > 0.4", pend.get("query").asText());
            assertEquals(3600, pend.get("duration").asInt());
            assertEquals("v={{ $value }}", pend.at("/annotations/summary").asText());
            assertEquals("ok", pend.get("health").asText());
            assertEquals("alerting", pend.get("type").asText());
            assertEquals(1, pend.get("alerts").size());
            assertEquals(10, g.at("/rules/1/keepFiringFor").asInt());
            assertEquals("firing", g.at("/rules/1/state").asText());
            assertEquals("inactive", g.at("/rules/2/state").asText());
            assertEquals(0, g.at("/rules/2/alerts").size());
            JsonNode rec = g.at("/rules/3");
            assertEquals(List.of("name", "query", "labels", "health", "evaluationTime", "lastEvaluation", "type"),
                    fields(rec));
            assertEquals("recording", rec.get("type").asText());

            var onlyRec = JSON.readTree(get(server, "/api/v1/rules?type=record").body());
            assertEquals(1, onlyRec.at("/data/groups/0/rules").size());
            var bad = get(server, "/api/v1/rules?type=x");
            assertEquals(400, bad.statusCode());
            assertEquals("bad_data", JSON.readTree(bad.body()).get("errorType").asText());

            // The expression stops returning Fire: keep_firing_for holds it, with keepFiringSince.
            engine.accept(batch(T0 + 2_000, 0));
            var kept = JSON.readTree(get(server, "/api/v1/alerts").body()).at("/data/alerts/0");
            assertEquals("Fire", kept.at("/labels/alertname").asText());
            assertEquals("2024-01-01T00:00:02Z", kept.get("keepFiringSince").asText());
            assertTrue(errors.isEmpty(), errors::toString);
        }
    }

    @Test
    void alertSeriesAreWrittenAndGoStaleAsInPrometheus() {
        var store = new RecentStore();
        var engine = new RuleEngine(RuleFiles.parse("rules.yml", RULES), store, List.of(), "", e -> { }, true);
        engine.accept(batch(T0, 0.42));
        var firing = store.selectInstant(List.of(Matcher.eq("__name__", "ALERTS"),
                Matcher.eq("alertname", "Pend")), T0 - 1, T0);
        assertEquals(1, firing.size());
        assertEquals(Map.of("__name__", "ALERTS", "alertname", "Pend", "alertstate", "pending", "severity", "warning"),
                firing.get(0).labels());
        assertEquals(1.0, firing.get(0).values()[0]);
        var forState = store.selectInstant(List.of(Matcher.eq("__name__", "ALERTS_FOR_STATE"),
                Matcher.eq("alertname", "Pend")), T0 - 1, T0);
        assertEquals(Map.of("__name__", "ALERTS_FOR_STATE", "alertname", "Pend", "severity", "warning"),
                forState.get(0).labels());
        assertEquals(T0 / 1000.0, forState.get(0).values()[0]);

        // The same series for /metrics, alongside the batch.
        var served = engine.withAlertSeries(batch(T0, 0.42));
        assertTrue(served.samples().contains(new Sample("ALERTS",
                Map.of("alertname", "Fire", "alertstate", "firing"), 1)), served.samples()::toString);
        assertTrue(served.samples().contains(new Sample("ALERTS_FOR_STATE", Map.of("alertname", "Fire"), T0 / 1000)));

        // Load drops below 0.4: Pend is dropped, its series go stale at once (no 5 m lookback).
        engine.accept(batch(T0 + 1_000, 0.1));
        assertTrue(store.selectInstant(List.of(Matcher.eq("__name__", "ALERTS"), Matcher.eq("alertname", "Pend")),
                T0 - 300_000, T0 + 1_000).isEmpty());
        assertFalse(store.selectInstant(List.of(Matcher.eq("__name__", "ALERTS"), Matcher.eq("alertname", "Fire")),
                T0 - 300_000, T0 + 1_000).isEmpty());
        // Past keep_firing_for Fire resolves, and FireSeen (a rule over ALERTS) with it.
        engine.accept(batch(T0 + 2_000, 0));
        engine.accept(batch(T0 + 13_000, 0));
        assertTrue(engine.alerts().isEmpty(), engine.alerts()::toString);
        assertTrue(store.selectInstant(List.of(Matcher.eq("__name__", "ALERTS")), T0 - 300_000, T0 + 13_000).isEmpty());
        assertEquals(batch(T0, 1).samples(), engine.withAlertSeries(batch(T0, 1)).samples());
    }

    @Test
    void withoutRulesBothAre404WithPrometheusErrorObject() throws Exception {
        try (var server = AgentServer.start("127.0.0.1", 0, Optional.empty(), () -> null)) {
            AlertsApi.register(server, null, Duration.ofSeconds(5));
            for (String p : List.of("/api/v1/alerts", "/api/v1/rules")) {
                var r = get(server, p);
                assertEquals(404, r.statusCode());
                JsonNode j = JSON.readTree(r.body());
                assertEquals("error", j.get("status").asText());
                assertEquals("not_found", j.get("errorType").asText());
                assertTrue(j.get("error").asText().contains("rule_files"));
            }
        }
    }

    @Test
    void goFormats() {
        // strconv.FormatFloat(v, 'e', -1, 64)
        assertEquals("4.2e-01", GoFormat.exponent(0.42));
        assertEquals("1e+00", GoFormat.exponent(1));
        assertEquals("1.23456789e+05", GoFormat.exponent(123456.789));
        assertEquals("1e-07", GoFormat.exponent(1e-7));
        assertEquals("1e+300", GoFormat.exponent(1e300));
        assertEquals("-2.5e+00", GoFormat.exponent(-2.5));
        assertEquals("0e+00", GoFormat.exponent(0));
        assertEquals("1.7976931348623157e+308", GoFormat.exponent(Double.MAX_VALUE));
        assertEquals("5e-324", GoFormat.exponent(Double.MIN_VALUE));
        assertEquals("NaN", GoFormat.exponent(Double.NaN));
        assertEquals("+Inf", GoFormat.exponent(Double.POSITIVE_INFINITY));
        assertEquals("a == 0 or absent(b{x=\"a  b\\\"  c\"})", AlertsApi.query("  a == 0\n    or absent(b{x=\"a  b\\\"  c\"})\n"));
        // time.Time's JSON: RFC3339Nano
        assertEquals("2024-01-01T00:00:00Z", GoFormat.time(T0));
        assertEquals("2024-01-01T00:00:00.1Z", GoFormat.time(T0 + 100));
        assertEquals("2024-01-01T00:00:00.012Z", GoFormat.time(T0 + 12));
        assertEquals("0001-01-01T00:00:00Z", GoFormat.time(-1));
    }

    private static List<String> fields(JsonNode n) {
        var out = new ArrayList<String>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
