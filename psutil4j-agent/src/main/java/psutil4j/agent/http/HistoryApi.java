package psutil4j.agent.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import psutil4j.agent.config.Durations;
import psutil4j.agent.model.HistorySource;
import psutil4j.agent.rules.Json;

/**
 * {@code GET /api/v1/history}: the charts there is history for,
 * {@code {"charts":[{"id","title","unit","lines":[...]}]}}; and
 * {@code GET /api/v1/history?chart=ID&range=1h} (1h, 1d, 1w, 1y or any duration up to 2 years):
 * {@code {"chart":{...},"start":S,"step":S,"times":[...],"min":{line:[...]},"avg":{...},"max":{...}}}
 * with epoch seconds and null where a value is unknown.
 */
public final class HistoryApi {

    /**
     * The most steps answered per line: a longer window is merged, k steps into one (min of the
     * minima, mean of the known averages, max of the maxima), so a day at 1 s is 4000 points,
     * not 86,400 (what a chart can draw, and a bounded answer).
     */
    public static final int MAX_POINTS = 4000;

    /** The longest range asked for: the coarsest tier's span. */
    public static final Duration MAX_RANGE = Duration.ofDays(2 * 365);

    private HistoryApi() {
    }

    /** Adds the history pages to {@code server}. */
    public static void register(AgentServer server, HistorySource history) {
        server.route("/api/v1/history", (path, q) -> AgentServer.Response.json(answer(history, q)));
    }

    static String answer(HistorySource history, Map<String, String> q) {
        String id = q.get("chart");
        if (id == null) {
            var charts = new ArrayList<Object>();
            for (var c : history.charts()) {
                charts.add(chart(c));
            }
            return Json.write(Map.of("charts", charts)) + "\n";
        }
        Duration range = Durations.parse(q.getOrDefault("range", "1h"));
        if (range.isNegative() || range.isZero() || range.compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("range must be more than 0 and at most 2 years, got " + q.get("range"));
        }
        var w = merge(history.query(id, range)
                .orElseThrow(() -> new IllegalArgumentException("no history for chart '" + id + "'")), MAX_POINTS);
        var m = new LinkedHashMap<String, Object>();
        m.put("chart", chart(w.chart()));
        m.put("start", w.startSeconds());
        m.put("step", w.stepSeconds());
        var times = new ArrayList<Long>(w.length());
        for (int i = 0; i < w.length(); i++) {
            times.add(w.startSeconds() + i * w.stepSeconds());
        }
        m.put("times", times);
        m.put("min", lines(w.chart().lines(), w.min()));
        m.put("avg", lines(w.chart().lines(), w.avg()));
        m.put("max", lines(w.chart().lines(), w.max()));
        return Json.write(m) + "\n";
    }

    /** {@code w} with at most {@code maxPoints} steps per line (see {@link #MAX_POINTS}). */
    static HistorySource.Window merge(HistorySource.Window w, int maxPoints) {
        int n = w.length();
        if (n <= maxPoints) {
            return w;
        }
        int k = Math.ceilDiv(n, maxPoints);
        int m = Math.ceilDiv(n, k);
        int lines = w.avg().length;
        double[][] min = new double[lines][m];
        double[][] avg = new double[lines][m];
        double[][] max = new double[lines][m];
        for (int l = 0; l < lines; l++) {
            for (int j = 0; j < m; j++) {
                double lo = Double.NaN;
                double hi = Double.NaN;
                double sum = 0;
                int known = 0;
                for (int i = j * k; i < Math.min(n, (j + 1) * k); i++) {
                    double a = w.avg()[l][i];
                    if (!Double.isNaN(a)) {
                        sum += a;
                        known++;
                    }
                    double x = w.min()[l][i];
                    if (!Double.isNaN(x) && (Double.isNaN(lo) || x < lo)) {
                        lo = x;
                    }
                    double y = w.max()[l][i];
                    if (!Double.isNaN(y) && (Double.isNaN(hi) || y > hi)) {
                        hi = y;
                    }
                }
                min[l][j] = lo;
                avg[l][j] = known == 0 ? Double.NaN : sum / known;
                max[l][j] = hi;
            }
        }
        return new HistorySource.Window(w.chart(), w.startSeconds(), w.stepSeconds() * k, min, avg, max);
    }

    private static Map<String, Object> chart(HistorySource.Chart c) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", c.id());
        m.put("title", c.title());
        m.put("unit", c.unit());
        m.put("lines", c.lines());
        return m;
    }

    private static Map<String, Object> lines(List<String> names, double[][] values) {
        var m = new LinkedHashMap<String, Object>();
        for (int l = 0; l < names.size(); l++) {
            var col = new ArrayList<Double>(values[l].length);
            for (double v : values[l]) {
                col.add(Double.isFinite(v) ? v : null);
            }
            m.put(names.get(l), col);
        }
        return m;
    }
}
