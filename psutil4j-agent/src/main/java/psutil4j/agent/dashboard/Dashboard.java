package psutil4j.agent.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import psutil4j.agent.collect.Collector;
import psutil4j.agent.http.AgentServer;
import psutil4j.agent.http.AgentServer.Response;

/**
 * The agent's web dashboard: a static page at {@code /} (HTML, CSS and plain JavaScript from the
 * class path, no build step) that polls the JSON API and draws with uPlot, which comes from its
 * WebJar ({@code org.webjars.npm:uplot}) and is served at {@code /static/uplot/}. Nothing is
 * loaded from anywhere else. It adds:
 * <ul>
 * <li>{@code GET /}: the page;</li>
 * <li>{@code GET /static/...}: its script, style sheet and uPlot;</li>
 * <li>{@code GET /api/v1/processes}: the top processes of the latest sweep ({@link ProcessesApi}).</li>
 * </ul>
 * The page also reads {@code /api/v1/latest}, {@code /api/v1/history} and {@code /api/v1/alerts}
 * when the agent serves them. With a token, the browser asks for it (HTTP basic auth, any user
 * name, the token as password) and sends it with every request the page makes.
 */
public final class Dashboard {

    /** The uPlot WebJar's version, as in the pom. */
    static final String UPLOT_VERSION = "1.6.30";

    private static final String OWN = "/psutil4j/agent/dashboard/";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";

    /** URL path -> class-path resource: only these are served. */
    static final Map<String, String> FILES = Map.of(
            "/", OWN + "index.html",
            "/static/dashboard.js", OWN + "dashboard.js",
            "/static/dashboard.css", OWN + "dashboard.css",
            "/static/uplot/uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
            "/static/uplot/uPlot.min.css", UPLOT + "uPlot.min.css",
            "/static/uplot/LICENSE", "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/LICENSE");

    private Dashboard() {
    }

    /** Adds the page, its files and {@code /api/v1/processes} to {@code server}. */
    public static void register(AgentServer server, Collector collector) {
        AgentServer.Route files = (path, q) -> file(path);
        server.route("/", files);
        server.route("/static/", files);
        server.route("/api/v1/processes", (path, q) -> Response.json(ProcessesApi.answer(collector.topProcesses())));
    }

    /** The file served at {@code path}, or 404. */
    static Response file(String path) throws IOException {
        String res = FILES.get(path);
        if (res == null) {
            return Response.text(404, "not found\n");
        }
        try (InputStream in = Dashboard.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IOException("missing class-path resource " + res);
            }
            return new Response(200, contentType(res), in.readAllBytes());
        }
    }

    static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/plain; charset=utf-8";
    }
}
