package psutil4j.agent.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import psutil4j.agent.rules.GoFormat;
import psutil4j.agent.rules.Json;
import psutil4j.agent.rules.Rule;
import psutil4j.agent.rules.RuleEngine;
import psutil4j.agent.rules.RuleStatus;

/**
 * {@code GET /api/v1/alerts} and {@code GET /api/v1/rules} in Prometheus's format, so what reads
 * Prometheus's API (Grafana's alert list, a dashboard, {@code amtool}-style scripts) reads the
 * agent's alerts unchanged:
 *
 * <pre>
 * {"status":"success","data":{"alerts":[{"labels":{...},"annotations":{...},"state":"pending|firing",
 *   "activeAt":"2024-05-01T10:00:00.123Z","value":"4.2e-01"}]}}
 * {"status":"success","data":{"groups":[{"name","file","rules":[{"state","name","query","duration",
 *   "keepFiringFor","labels","annotations","alerts":[...],"health","evaluationTime","lastEvaluation",
 *   "type":"alerting"} | {"name","query","health","evaluationTime","lastEvaluation","type":"recording"}],
 *   "interval","limit","evaluationTime","lastEvaluation"}]}}
 * </pre>
 *
 * Times are RFC 3339 with Go's RFC3339Nano trimming, {@code value} is Go's
 * {@code strconv.FormatFloat(v, 'e', -1, 64)}, durations are seconds, all as Prometheus 2.42
 * writes them (checked against a real Prometheus in the CLI's tests). Without rules both answer
 * 404 with Prometheus's error object, {@code {"status":"error","errorType":"not_found","error":...}}.
 */
public final class AlertsApi {

    private AlertsApi() {
    }

    /**
     * Adds the two pages to {@code server}.
     *
     * @param engine          the rule engine, or null when no rules are configured (both pages 404)
     * @param defaultInterval what a group without {@code interval} reports: the collection interval
     */
    public static void register(AgentServer server, RuleEngine engine, Duration defaultInterval) {
        server.route("/api/v1/alerts", (path, q) -> engine == null ? noRules() : ok(alerts(engine.status())));
        server.route("/api/v1/rules", (path, q) -> {
            if (engine == null) {
                return noRules();
            }
            String type = q.get("type");
            if (type != null && !type.equals("alert") && !type.equals("record")) {
                return error(400, "bad_data", "invalid parameter \"type\": must be alert or record, got " + type);
            }
            return ok(rules(engine.status(), type, defaultInterval));
        });
    }

    private static AgentServer.Response noRules() {
        return error(404, "not_found", "no rules configured: add rule_files to the agent's config");
    }

    /** Prometheus's error object. */
    static AgentServer.Response error(int status, String type, String message) {
        var m = new LinkedHashMap<String, Object>();
        m.put("status", "error");
        m.put("errorType", type);
        m.put("error", message);
        return new AgentServer.Response(status, "application/json",
                (Json.write(m) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static AgentServer.Response ok(Map<String, Object> data) {
        var m = new LinkedHashMap<String, Object>();
        m.put("status", "success");
        m.put("data", data);
        return AgentServer.Response.json(Json.write(m) + "\n");
    }

    /** {@code {"alerts":[...]}}: every pending and firing alert, in rule order. */
    static Map<String, Object> alerts(List<RuleStatus.Group> groups) {
        var list = new ArrayList<Object>();
        for (RuleStatus.Group g : groups) {
            for (RuleStatus r : g.rules()) {
                r.alerts().forEach(a -> list.add(alert(a)));
            }
        }
        var m = new LinkedHashMap<String, Object>();
        m.put("alerts", list);
        return m;
    }

    /** {@code {"groups":[...]}}; {@code type} "alert" or "record" keeps only those rules (null: all). */
    static Map<String, Object> rules(List<RuleStatus.Group> groups, String type, Duration defaultInterval) {
        var list = new ArrayList<Object>();
        for (RuleStatus.Group g : groups) {
            var rules = new ArrayList<Object>();
            for (RuleStatus r : g.rules()) {
                boolean alerting = r.rule() instanceof Rule.Alerting;
                if (type == null || type.equals(alerting ? "alert" : "record")) {
                    rules.add(rule(r));
                }
            }
            if (type != null && rules.isEmpty()) {
                continue; // as Prometheus: a filter leaves out groups it empties
            }
            var m = new LinkedHashMap<String, Object>();
            m.put("name", g.group().name());
            m.put("file", g.file());
            m.put("rules", rules);
            long interval = g.group().intervalMillis() > 0 ? g.group().intervalMillis() : defaultInterval.toMillis();
            m.put("interval", interval / 1000.0);
            m.put("limit", 0);
            m.put("evaluationTime", g.evalNanos() / 1e9);
            m.put("lastEvaluation", GoFormat.time(g.lastEvalMillis()));
            list.add(m);
        }
        var m = new LinkedHashMap<String, Object>();
        m.put("groups", list);
        return m;
    }

    private static Map<String, Object> rule(RuleStatus r) {
        var m = new LinkedHashMap<String, Object>();
        switch (r.rule()) {
            case Rule.Alerting a -> {
                m.put("state", r.state().text());
                m.put("name", a.name());
                m.put("query", query(a.exprText()));
                m.put("duration", a.forMillis() / 1000.0);
                m.put("keepFiringFor", a.keepFiringForMillis() / 1000.0);
                m.put("labels", new java.util.TreeMap<>(a.labels()));
                m.put("annotations", new java.util.TreeMap<>(a.annotations()));
                var alerts = new ArrayList<Object>();
                r.alerts().forEach(x -> alerts.add(alert(x)));
                m.put("alerts", alerts);
            }
            case Rule.Recording rec -> {
                m.put("name", rec.name());
                m.put("query", query(rec.exprText()));
                if (!rec.labels().isEmpty()) {
                    m.put("labels", new java.util.TreeMap<>(rec.labels()));
                }
            }
        }
        m.put("health", r.health());
        if (r.lastError() != null) {
            m.put("lastError", r.lastError());
        }
        m.put("evaluationTime", r.evalNanos() / 1e9);
        m.put("lastEvaluation", GoFormat.time(r.lastEvalMillis()));
        m.put("type", r.rule() instanceof Rule.Alerting ? "alerting" : "recording");
        return m;
    }

    private static Map<String, Object> alert(RuleStatus.ActiveAlert x) {
        var a = x.alert();
        var m = new LinkedHashMap<String, Object>();
        m.put("labels", a.labels());
        m.put("annotations", a.annotations());
        m.put("state", a.state().text());
        m.put("activeAt", GoFormat.time(a.activeAt().toEpochMilli()));
        x.keepFiringSince().ifPresent(t -> m.put("keepFiringSince", GoFormat.time(t.toEpochMilli())));
        m.put("value", GoFormat.exponent(a.value()));
        return m;
    }

    /**
     * The expression on one line: runs of white space outside string literals become one space
     * (Prometheus prints its own normalised form; for expressions written in its style, as the
     * example rules are, the two agree).
     */
    static String query(String expr) {
        var sb = new StringBuilder(expr.length());
        char quote = 0;
        boolean space = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                sb.append(c);
                if (c == '\\' && quote != '`' && i + 1 < expr.length()) {
                    sb.append(expr.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && !sb.isEmpty()) {
                    sb.append(' ');
                }
                space = false;
                if (c == '"' || c == '\'' || c == '`') {
                    quote = c;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
