package psutil4j.agent.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import psutil4j.agent.tsdb.Labels;
import psutil4j.agent.tsdb.RecentStore;

/**
 * Runs rule unit tests in promtool's format ({@code promtool test rules}):
 * <pre>
 * rule_files: [rules.yml]          # relative to the test file
 * evaluation_interval: 1m
 * tests:
 *   - interval: 1m
 *     input_series:
 *       - series: 'node_memory_MemAvailable_bytes{instance="a"}'
 *         values: '100+10x5 _ 90 _x2 stale'
 *     alert_rule_test:
 *       - eval_time: 10m
 *         alertname: MemoryLow
 *         exp_alerts:
 *           - exp_labels: {severity: warning, instance: a}
 *             exp_annotations: {summary: "..."}
 *     promql_expr_test:
 *       - expr: sum(x)
 *         eval_time: 5m
 *         exp_samples:
 *           - labels: '{job="a"}'
 *             value: 3
 * </pre>
 * Series notation: {@code a+bxN} (and {@code a-bxN}) is the N+1 values a, a+b, ..., a+N·b;
 * {@code axN} is a repeated N+1 times; {@code _} is a missing point and {@code _xN} N of them;
 * {@code stale} is a staleness marker: the series ends there, as in promtool. The points are at 0, interval, 2·interval... All groups
 * are evaluated every evaluation_interval from 0 to the last eval_time; an alert test compares
 * the FIRING alerts of its name (pending ones are not compared, as promtool) after the last
 * evaluation at or before eval_time; {@code alertname} is added to exp_labels.
 */
public final class RuleUnitTests {

    private static final String NUM = "(?:[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?Inf|NaN)";
    private static final Pattern EXPAND = Pattern.compile("(" + NUM + ")([+-])(" + NUM + ")x(\\d+)");
    private static final Pattern REPEAT = Pattern.compile("(" + NUM + "|_)x(\\d+)");

    private RuleUnitTests() {
    }

    /**
     * The outcome of a test file.
     *
     * @param passed   whether every test passed
     * @param failures one block of text per failed check
     */
    public record Result(boolean passed, List<String> failures) {
    }

    /** Expands promtool's series notation; null entries are missing points. */
    public static List<Double> expandValues(String values) {
        var out = new ArrayList<Double>();
        for (String tok : values.trim().split("\\s+")) {
            if (tok.isEmpty()) {
                continue;
            }
            if (tok.equals("_")) {
                out.add(null);
                continue;
            }
            if (tok.equals("stale")) {
                out.add(RecentStore.STALE); // ends the series, as promtool's staleness marker
                continue;
            }
            var m = EXPAND.matcher(tok);
            if (m.matches()) {
                double a = num(m.group(1));
                double b = num(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
                int n = Integer.parseInt(m.group(4));
                for (int i = 0; i <= n; i++) {
                    out.add(a + i * b);
                }
                continue;
            }
            m = REPEAT.matcher(tok);
            if (m.matches()) {
                int n = Integer.parseInt(m.group(2));
                if (m.group(1).equals("_")) {
                    for (int i = 0; i < n; i++) {
                        out.add(null);
                    }
                } else {
                    for (int i = 0; i <= n; i++) {
                        out.add(num(m.group(1)));
                    }
                }
                continue;
            }
            try {
                out.add(num(tok));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad value in series notation: \"" + tok + "\"");
            }
        }
        return out;
    }

    private static double num(String s) {
        return switch (s) {
            case "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /**
     * Runs a test file.
     *
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if the test file is malformed
     * @throws RuleFileException        if a rule file is invalid
     */
    @SuppressWarnings("unchecked")
    public static Result run(Path testFile) throws IOException {
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(testFile));
        if (!(loaded instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException(testFile + ": not a promtool test file (expected a mapping)");
        }
        Path dir = testFile.toAbsolutePath().getParent();
        var groups = new ArrayList<RuleGroup>();
        for (Object f : list(root.get("rule_files"), "rule_files")) {
            Path p = dir.resolve(String.valueOf(f));
            groups.addAll(RuleFiles.load(p));
        }
        long evalInterval = duration(root.get("evaluation_interval"), 60_000);
        var failures = new ArrayList<String>();
        int n = 0;
        for (Object t : list(root.get("tests"), "tests")) {
            n++;
            runTest((Map<String, Object>) t, n, groups, evalInterval, failures);
        }
        return new Result(failures.isEmpty(), failures);
    }

    private record AlertCheck(long evalTime, String alertname, List<Map<String, Object>> expected) {
    }

    @SuppressWarnings("unchecked")
    private static void runTest(Map<String, Object> test, int index, List<RuleGroup> groups, long evalInterval,
                                List<String> failures) {
        String name = test.containsKey("name") ? String.valueOf(test.get("name")) : "test " + index;
        long interval = duration(test.get("interval"), evalInterval);
        var store = new RecentStore();
        for (Object o : list(test.get("input_series"), "input_series")) {
            var s = (Map<String, Object>) o;
            var labels = PromQL.parseSeries(String.valueOf(s.get("series")));
            List<Double> values = expandValues(String.valueOf(Objects.requireNonNullElse(s.get("values"), "")));
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) != null) {
                    store.append(labels, i * interval, values.get(i));
                }
            }
        }
        var checks = new ArrayList<AlertCheck>();
        for (Object o : list(test.get("alert_rule_test"), "alert_rule_test")) {
            var a = (Map<String, Object>) o;
            var exp = new ArrayList<Map<String, Object>>();
            for (Object e : list(a.get("exp_alerts"), "exp_alerts")) {
                exp.add((Map<String, Object>) e);
            }
            checks.add(new AlertCheck(duration(a.get("eval_time"), 0), String.valueOf(a.get("alertname")), exp));
        }
        checks.sort(Comparator.comparingLong(AlertCheck::evalTime));
        var exprTests = list(test.get("promql_expr_test"), "promql_expr_test");
        long last = 0;
        for (AlertCheck c : checks) {
            last = Math.max(last, c.evalTime());
        }
        for (Object o : exprTests) {
            last = Math.max(last, duration(((Map<String, Object>) o).get("eval_time"), 0));
        }
        var errors = new ArrayList<String>();
        var engine = new RuleEngine(groups, store, List.of(), "", errors::add, true);
        int next = 0;
        for (long t = 0; t <= last; t += evalInterval) {
            engine.evaluate(t, true);
            while (next < checks.size() && checks.get(next).evalTime() < t + evalInterval) {
                compareAlerts(name, checks.get(next++), engine.alerts(), failures);
            }
        }
        for (String e : errors) {
            failures.add("    " + name + ": " + e);
        }
        var evaluator = new Evaluator(store);
        for (Object o : exprTests) {
            var et = (Map<String, Object>) o;
            String expr = String.valueOf(et.get("expr"));
            long at = duration(et.get("eval_time"), 0);
            var want = new TreeMap<String, Double>();
            for (Object x : list(et.get("exp_samples"), "exp_samples")) {
                var sm = (Map<String, Object>) x;
                String l = sm.get("labels") == null ? "{}" : String.valueOf(sm.get("labels"));
                want.put(Labels.format(l.equals("{}") ? Map.of() : PromQL.parseSeries(l)), num(String.valueOf(sm.get("value"))));
            }
            var got = new TreeMap<String, Double>();
            try {
                for (var e : evaluator.evalVector(PromQL.parse(expr), at).elements()) {
                    got.put(Labels.format(e.labels()), e.value());
                }
            } catch (RuntimeException e) {
                failures.add("    " + name + ": expr: \"" + expr + "\", time: " + fmt(at) + ": " + e.getMessage());
                continue;
            }
            if (!sameSamples(want, got)) {
                failures.add("    " + name + ": expr: \"" + expr + "\", time: " + fmt(at) + ",\n        exp: " + want
                        + "\n        got: " + got);
            }
        }
    }

    private static boolean sameSamples(Map<String, Double> want, Map<String, Double> got) {
        if (!want.keySet().equals(got.keySet())) {
            return false;
        }
        for (var e : want.entrySet()) {
            double a = e.getValue();
            double b = got.get(e.getKey());
            boolean eq = Double.isNaN(a) ? Double.isNaN(b) : a == b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
            if (!eq) {
                return false;
            }
        }
        return true;
    }

    private static void compareAlerts(String test, AlertCheck c, List<Alert> alerts, List<String> failures) {
        var got = new ArrayList<String>();
        for (Alert a : alerts) {
            if (a.state() == AlertState.FIRING && a.name().equals(c.alertname())) {
                got.add(describe(a.labels(), a.annotations()));
            }
        }
        var exp = new ArrayList<String>();
        for (Map<String, Object> e : c.expected()) {
            var labels = new TreeMap<String, String>();
            strings(e.get("exp_labels")).forEach(labels::put);
            labels.putIfAbsent("alertname", c.alertname());
            exp.add(describe(labels, strings(e.get("exp_annotations"))));
        }
        got.sort(null);
        exp.sort(null);
        if (!got.equals(exp)) {
            failures.add("    " + test + ": alertname: " + c.alertname() + ", time: " + fmt(c.evalTime()) + ",\n        exp: "
                    + exp + "\n        got: " + got);
        }
    }

    private static String describe(Map<String, String> labels, Map<String, String> annotations) {
        return "Labels:" + Labels.format(labels) + " Annotations:" + Labels.format(annotations);
    }

    private static Map<String, String> strings(Object o) {
        var out = new TreeMap<String, String>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    private static List<?> list(Object o, String field) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException(field + " must be a list");
        }
        return l;
    }

    private static long duration(Object o, long dflt) {
        if (o == null) {
            return dflt;
        }
        return PromQL.parseDuration(String.valueOf(o).strip());
    }

    /** A duration as promtool prints it (10m, 1h30m, 0s). */
    static String fmt(long ms) {
        if (ms == 0) {
            return "0s";
        }
        var sb = new StringBuilder();
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        long s = ms / 1000 % 60;
        long r = ms % 1000;
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (s > 0 || r > 0) {
            sb.append(s);
            if (r > 0) {
                sb.append('.').append(String.format("%03d", r).replaceAll("0+$", ""));
            }
            sb.append('s');
        }
        return sb.toString();
    }
}
