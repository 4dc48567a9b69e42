package psutil4j.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import psutil4j.agent.tsdb.Labels;
import psutil4j.agent.tsdb.RecentStore;

/**
 * Our evaluator against Prometheus's own: each expression is evaluated here, and the results are
 * written as a promtool unit test (promql_expr_test with our values as the expectation) that
 * promtool must pass. promtool compares floats exactly, so this checks the extrapolation maths
 * bit for bit. Evaluation times fall between sample times: Prometheus 2.x (Debian's promtool)
 * selects [t-r, t] and 3.x (t-r, t], which differ only for a point exactly at t-r.
 *
 * <p>avg and avg_over_time are left out: Prometheus 2.42 computes an incremental mean, which can
 * differ from sum/count in the last bit (61.599999999999994 for 61.6); Prometheus 3 sums (with
 * Kahan compensation) and divides, as we do. They are covered by hand-computed tests.
 */
class PromtoolDifferentialTest {

    private static final String PROMTOOL = "/usr/bin/promtool";

    private static final List<String[]> SERIES = List.of(
            new String[] {"c_total{job=\"a\",i=\"1\"}", "0+7x10 3+5x10 1000 1010"},       // a reset at 11m
            new String[] {"c_total{job=\"a\",i=\"2\"}", "100+13x22"},                      // starts far from zero
            new String[] {"c_total{job=\"b\",i=\"1\"}", "_ _ _ 5+1.5x8 _ _ 20+3x8"},      // gaps
            new String[] {"g{job=\"a\"}", "10 12 9 15 20 18 25 30 28 35 40 38 45 50 48 55 60 58 65 70 68 75"},
            new String[] {"g{job=\"b\"}", "1000-37x21"});

    private static final List<String> EXPRS = List.of(
            "rate(c_total[5m])", "increase(c_total[7m])", "irate(c_total[3m])", "rate(c_total[10m])",
            "increase(c_total[100s])", "delta(g[6m])", "idelta(g[4m])", "deriv(g[8m])",
            "predict_linear(g[10m], 3600)", "max_over_time(g[5m])",
            "min_over_time(g[5m])", "sum_over_time(g[5m])", "count_over_time(c_total[5m])",
            "sum by (job) (rate(c_total[5m]))", "max without (i) (rate(c_total[5m]))",
            "max(g) - min(g)", "g / on(job) sum by (job) (c_total)", "g > 40", "g > bool 40",
            "1 - g / 100", "-g % 7", "2 ^ (g / 100)", "count(c_total) by (job)", "stddev(g)",
            "g and on(job) c_total", "g unless g > 40", "abs(g - 50)", "resets(c_total[15m])",
            "changes(g[10m])", "g offset 3m", "rate(c_total[5m] offset 2m)", "topk(1, g)",
            "quantile(0.3, c_total)", "clamp_max(g, 30)", "round(g / 7, 0.5)", "time() - g");

    private static final long[] TIMES = {450_000, 740_000, 1_185_000};

    @Test
    void promtoolAgreesWithOurValues(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(Path.of(PROMTOOL)), "promtool (Debian package prometheus) is needed");
        var store = new RecentStore();
        for (String[] s : SERIES) {
            var labels = PromQL.parseSeries(s[0]);
            List<Double> v = RuleUnitTests.expandValues(s[1]);
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i) != null) {
                    store.append(labels, i * 60_000L, v.get(i));
                }
            }
        }
        var ev = new Evaluator(store);
        var yml = new StringBuilder("rule_files: []\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n");
        for (String[] s : SERIES) {
            yml.append("      - series: '").append(s[0]).append("'\n        values: '").append(s[1]).append("'\n");
        }
        yml.append("    promql_expr_test:\n");
        int checks = 0;
        for (String e : EXPRS) {
            for (long t : TIMES) {
                yml.append("      - expr: '").append(e).append("'\n        eval_time: ").append(t / 1000).append("s\n");
                var v = ev.evalVector(PromQL.parse(e), t);
                if (v.elements().isEmpty()) {
                    yml.append("        exp_samples: []\n");
                }
                for (var el : v.elements()) {
                    String l = Labels.format(el.labels());
                    yml.append("        exp_samples:\n".repeat(el == v.elements().get(0) ? 1 : 0));
                    yml.append("          - labels: '").append(l).append("'\n            value: ")
                            .append(value(el.value())).append('\n');
                    checks++;
                }
            }
        }
        assertTrue(checks > 100, "the expressions return data: " + checks);
        Path f = dir.resolve("diff.test.yml");
        Files.writeString(f, yml);
        Process p = new ProcessBuilder(PROMTOOL, "test", "rules", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    private static String value(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(d);
    }
}
