package psutil4j.agent.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;
import psutil4j.agent.rules.Json;

/**
 * The agent's read-only HTTP API on the JDK's built-in server:
 * <ul>
 * <li>{@code GET /metrics}: the latest batch in Prometheus text format 0.0.4, or OpenMetrics 1.0
 *     when the Accept header asks for {@code application/openmetrics-text};</li>
 * <li>{@code GET /healthz}: 200 "ok" once a collection exists, 503 before;</li>
 * <li>{@code GET /api/v1/latest}: the latest batch as JSON.</li>
 * </ul>
 * Other parts of the agent (history, dashboard, alerts, reports) add their pages with
 * {@link #route}. Only GET and HEAD are served (405 otherwise). Binding an address other than loopback requires a
 * token, which every request must then carry as {@code Authorization: Bearer TOKEN} (or HTTP
 * basic auth with the token as password); without it the answer is 401.
 */
public final class AgentServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    /**
     * Renders /metrics on a platform thread: on a virtual thread, java.io.BufferedWriter (which the
     * client's writers wrap the stream in) starts with 512 chars and grows by exactly what each
     * write needs, copying its buffer every time: some 10 MB of garbage per scrape of 400 series.
     */
    private final ExecutorService renderer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "psutil4j-metrics");
        t.setDaemon(true);
        return t;
    });
    /** The last body rendered: a second scrape of the same collection (another scraper) reuses it. */
    private volatile Rendered lastRendered;

    private record Rendered(SampleBatch batch, ExpositionFormatWriter writer, byte[] body) {
    }
    private final Supplier<SampleBatch> latest;
    private final byte[] token;
    private final PrometheusTextFormatWriter prometheus = PrometheusTextFormatWriter.create();
    private final OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();
    /** /healthz answers 503 once the latest batch is older than this (0: never). */
    private volatile long staleAfterMillis;
    /** Added pages: exact paths, or prefixes ending in '/'; guarded by this. */
    private final Map<String, Route> routes = new LinkedHashMap<>();

    /** What an added page answers. */
    public record Response(int status, String contentType, byte[] body) {

        public static Response json(String body) {
            return new Response(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }

        public static Response text(int status, String body) {
            return new Response(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A page added with {@link #route}: answers one GET (or HEAD) after the token check. */
    @FunctionalInterface
    public interface Route {

        /**
         * @param path  the request path (decoded)
         * @param query the query parameters (decoded; the first value of each name)
         */
        Response get(String path, Map<String, String> query) throws IOException;

        /** A deferred answer, for routes that wrap another (a concurrency bound, say). */
        @FunctionalInterface
        interface Call {
            Response get() throws IOException;
        }
    }

    private AgentServer(HttpServer server, Supplier<SampleBatch> latest, Optional<String> token) {
        this.server = server;
        this.latest = latest;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Binds and starts the server.
     *
     * @param host   the address to bind (a non-loopback one needs a token)
     * @param port   the port, 0 for any free one
     * @param token  the token requests must carry, or empty for none
     * @param latest supplies the batch to serve (null before the first collection)
     * @throws IllegalArgumentException when binding a non-loopback address without a token
     * @throws IOException              when the address cannot be bound
     */
    public static AgentServer start(String host, int port, Optional<String> token, Supplier<SampleBatch> latest)
            throws IOException {
        InetAddress addr = InetAddress.getByName(host);
        if (!addr.isLoopbackAddress() && token.isEmpty()) {
            throw new IllegalArgumentException("listening on " + host + " (not loopback) requires a token: set 'token' in"
                    + " the config; clients then send 'Authorization: Bearer <token>'");
        }
        HttpServer s = HttpServer.create(new InetSocketAddress(addr, port), 0);
        AgentServer a = new AgentServer(s, latest, token);
        s.start();
        return a;
    }

    /** The bound address (with the real port when 0 was asked). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Adds a page: {@code path} is an exact path ({@code /api/v1/history}) or, ending in '/', a
     * prefix ({@code /static/}); "/" itself is exact. Added pages take precedence over the built-in
     * ones, so "/" can be replaced by a dashboard. A route that throws answers 500 with the message.
     */
    public void route(String path, Route route) {
        synchronized (routes) {
            routes.put(path, route);
        }
    }

    private Route findRoute(String path) {
        synchronized (routes) {
            Route exact = routes.get(path);
            if (exact != null) {
                return exact;
            }
            Route best = null;
            int bestLen = -1;
            for (var e : routes.entrySet()) {
                String k = e.getKey();
                if (k.length() > 1 && k.endsWith("/") && path.startsWith(k) && k.length() > bestLen) {
                    best = e.getValue();
                    bestLen = k.length();
                }
            }
            return best;
        }
    }

    /** Decodes {@code a=1&b=x%20y}; the first value of each name wins. */
    static Map<String, String> query(String raw) {
        var m = new LinkedHashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            m.putIfAbsent(k, v);
        }
        return m;
    }

    /**
     * Makes /healthz answer 503 when the latest collection is older than {@code millis} (serve
     * passes three intervals): a collector that stopped is unhealthy, not "ok" forever.
     */
    public void staleAfter(long millis) {
        staleAfterMillis = millis;
    }

    /** Whether requests must carry the token. */
    public boolean requiresToken() {
        return token != null;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:9633}. */
    public String url() {
        InetSocketAddress a = address();
        String h = a.getAddress().getHostAddress();
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + a.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
        renderer.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", "method not allowed: the API is read-only\n");
                return;
            }
            if (token == null && !loopbackHost(ex.getRequestHeaders().getFirst("Host"))) {
                // Without a token only loopback names may reach us: a web page that rebinds its own
                // DNS name to 127.0.0.1 must not read the process list through the visitor's browser.
                send(ex, 403, "text/plain; charset=utf-8", "forbidden: Host must be localhost or a loopback address"
                        + " (set a token to serve other names)\n");
                return;
            }
            if (token != null && !authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
                // Basic first: a browser then asks for the token (as password) for the dashboard.
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"psutil4j\", charset=\"UTF-8\"");
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"psutil4j\"");
                send(ex, 401, "text/plain; charset=utf-8", "unauthorized: send Authorization: Bearer <token>\n");
                return;
            }
            String path = ex.getRequestURI().getPath();
            Route route = findRoute(path);
            if (route != null) {
                Response r;
                try {
                    r = route.get(path, query(ex.getRequestURI().getRawQuery()));
                } catch (IllegalArgumentException e) {
                    r = Response.text(400, e.getMessage() + "\n");
                } catch (IOException | RuntimeException e) {
                    r = Response.text(500, "error: " + e + "\n");
                }
                send(ex, r.status(), r.contentType(), r.body());
                return;
            }
            switch (path) {
                case "/metrics" -> metrics(ex);
                case "/healthz" -> {
                    SampleBatch b = latest.get();
                    long age = b == null ? -1 : System.currentTimeMillis() - b.timeMillis();
                    boolean ok = b != null && (staleAfterMillis <= 0 || age <= staleAfterMillis);
                    send(ex, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n"
                            : b == null ? "no collection yet\n" : "stale: the latest collection is " + age / 1000 + " s old\n");
                }
                case "/api/v1/latest" -> {
                    SampleBatch b = latest.get();
                    if (b == null) {
                        send(ex, 503, "application/json", "{\"error\":\"no collection yet\"}\n");
                    } else {
                        send(ex, 200, "application/json", json(b));
                    }
                }
                case "/" -> send(ex, 200, "text/plain; charset=utf-8",
                        "psutil4j agent\n  /metrics        Prometheus / OpenMetrics\n"
                                + "  /healthz        health\n  /api/v1/latest  latest samples as JSON\n");
                default -> send(ex, 404, "text/plain; charset=utf-8", "not found\n");
            }
        }
    }

    private void metrics(HttpExchange ex) throws IOException {
        SampleBatch b = latest.get();
        if (b == null) {
            send(ex, 503, "text/plain; charset=utf-8", "no collection yet\n");
            return;
        }
        String accept = ex.getRequestHeaders().getFirst("Accept");
        ExpositionFormatWriter writer = openMetrics.accepts(accept) ? openMetrics : prometheus;
        Rendered r = lastRendered;
        if (r == null || r.batch() != b || r.writer() != writer) {
            try {
                r = new Rendered(b, writer, renderer.submit(() -> {
                    var buf = new ByteArrayOutputStream(64 * 1024);
                    writer.write(buf, Exposition.snapshots(b));
                    return buf.toByteArray();
                }).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            lastRendered = r;
        }
        send(ex, 200, writer.getContentType(), r.body());
    }

    /** Whether a Host header names this machine's loopback: localhost, 127.x.y.z or [::1], with any port. */
    static boolean loopbackHost(String host) {
        if (host == null || host.isEmpty()) {
            return true; // HTTP/1.0 sends none; it cannot be a rebinding browser
        }
        String h = host.strip().toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1") && (end == h.length() - 1 || h.charAt(end + 1) == ':');
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        if (name.equals("localhost") || name.equals("localhost.")) {
            return true;
        }
        return name.matches("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    }

    boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        byte[] given = null;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String userPass = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = userPass.indexOf(':');
                given = userPass.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return given != null && MessageDigest.isEqual(given, token);
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : (body.length == 0 ? -1 : body.length));
        if (!head && body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /** {"time_millis":..., "samples":[{"name":..., "labels":{...}, "value":...}]}; non-finite values are null. */
    static String json(SampleBatch b) {
        var sb = new StringBuilder(b.samples().size() * 96 + 64);
        sb.append("{\"time_millis\":").append(b.timeMillis()).append(",\"samples\":[");
        boolean first = true;
        for (Sample s : b.samples()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append("{\"name\":");
            Json.string(sb, s.name());
            sb.append(",\"labels\":{");
            boolean f2 = true;
            for (var e : new java.util.TreeMap<>(s.labels()).entrySet()) {
                if (!f2) {
                    sb.append(',');
                }
                f2 = false;
                Json.string(sb, e.getKey());
                sb.append(':');
                Json.string(sb, e.getValue());
            }
            sb.append("},\"value\":");
            double v = s.value();
            if (Double.isFinite(v)) {
                if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                    sb.append((long) v);
                } else {
                    sb.append(v);
                }
            } else {
                sb.append("null");
            }
            sb.append('}');
        }
        return sb.append("]}\n").toString();
    }
}
