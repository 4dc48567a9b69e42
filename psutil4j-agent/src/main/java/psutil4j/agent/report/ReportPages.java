package psutil4j.agent.report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import psutil4j.agent.config.Durations;
import psutil4j.agent.http.AgentServer;
import psutil4j.agent.http.HistoryApi;
import psutil4j.agent.model.HistorySource;

/**
 * The agent's pages over its history: {@code GET /graph/ID.png?range=1d&width=760&height=260}
 * (a chart as a PNG) and {@code GET /report?range=1d} (the service-quality report, one
 * self-contained HTML page).
 */
public final class ReportPages {

    /**
     * Graphs and reports drawn at once, at most: each takes tens of milliseconds of CPU and
     * megabytes of heap, so a burst of requests waits its turn (503 after a few seconds) instead
     * of starving the collector or the heap.
     */
    static final int CONCURRENT = 2;
    private static final java.util.concurrent.Semaphore DRAWING = new java.util.concurrent.Semaphore(CONCURRENT);

    private ReportPages() {
    }

    /** Adds the pages to {@code server}. */
    public static void register(AgentServer server, HistorySource history) {
        server.route("/graph/", (path, q) -> bounded(() -> graph(history, path, q)));
        server.route("/report", (path, q) -> bounded(() -> {
            Duration range = range(q.getOrDefault("range", "1d"));
            String html = Report.build(history, range, Report.hostname(), java.time.Instant.now()).html();
            return new AgentServer.Response(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        }));
    }

    private static AgentServer.Response bounded(AgentServer.Route.Call call) throws java.io.IOException {
        try {
            if (!DRAWING.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS)) {
                return AgentServer.Response.text(503, "busy: " + CONCURRENT + " graphs or reports are being drawn\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AgentServer.Response.text(503, "interrupted\n");
        }
        try {
            return call.get();
        } finally {
            DRAWING.release();
        }
    }

    static AgentServer.Response graph(HistorySource history, String path, Map<String, String> q) throws java.io.IOException {
        String name = path.substring("/graph/".length());
        if (!name.endsWith(".png")) {
            return AgentServer.Response.text(404, "not found: graphs are /graph/CHART.png\n");
        }
        String id = name.substring(0, name.length() - 4);
        String rangeText = q.getOrDefault("range", "1d");
        Duration range = range(rangeText);
        int width = size(q, "width", Graphs.WIDTH);
        int height = size(q, "height", Graphs.HEIGHT);
        var w = history.query(id, range);
        if (w.isEmpty()) {
            return AgentServer.Response.text(404, "no history for chart '" + id + "'\n");
        }
        return new AgentServer.Response(200, "image/png", Graphs.png(w.get(), "last " + rangeText, width, height));
    }

    /** A range of more than 0 and at most 2 years; IllegalArgumentException (400) otherwise. */
    static Duration range(String text) {
        Duration d = Durations.parse(text);
        if (d.isNegative() || d.isZero() || d.compareTo(HistoryApi.MAX_RANGE) > 0) {
            throw new IllegalArgumentException("range must be more than 0 and at most 2 years, got " + text);
        }
        return d;
    }

    private static int size(Map<String, String> q, String key, int dflt) {
        String v = q.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of pixels, got " + v);
        }
    }
}
