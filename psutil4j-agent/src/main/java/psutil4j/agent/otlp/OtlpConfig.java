package psutil4j.agent.otlp;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import psutil4j.agent.config.Durations;

/**
 * Where and how the agent pushes its metrics over OTLP: the {@code otlp:} mapping of the agent's
 * config.
 *
 * <pre>
 * otlp:
 *   endpoint: http://collector:4318     # the OTLP/HTTP base URL; /v1/metrics is appended
 *   interval: 60s                       # export interval (at least 1s)
 *   headers: {Authorization: "Bearer x"}
 *   protocol: http/protobuf             # the only one (gRPC would need another HTTP/2 client)
 *   timeout: 10s
 *   compression: none                   # or gzip
 * </pre>
 *
 * @param metricsUrl  the URL requests go to: {@code endpoint} + {@code /v1/metrics}, as the
 *                    OpenTelemetry SDKs treat {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * @param interval    time between exports
 * @param headers     extra HTTP headers on every request
 * @param timeout     how long one export may take
 * @param compression {@code none} or {@code gzip}
 */
public record OtlpConfig(String metricsUrl, Duration interval, Map<String, String> headers, Duration timeout,
                         String compression) {

    /** The OpenTelemetry SDKs' default export interval ({@code OTEL_METRIC_EXPORT_INTERVAL}). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** The SDKs' default export timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The fields {@code otlp:} may hold. */
    public static final List<String> KEYS = List.of("endpoint", "interval", "headers", "protocol", "timeout", "compression");

    public OtlpConfig {
        headers = Map.copyOf(headers);
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("otlp: interval must be at least 1s, got " + Durations.format(interval));
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("otlp: timeout must be positive");
        }
        if (!compression.equals("none") && !compression.equals("gzip")) {
            throw new IllegalArgumentException("otlp: compression must be none or gzip, got " + compression);
        }
    }

    /**
     * The config from the parsed {@code otlp:} mapping (scalars as strings).
     *
     * @throws IllegalArgumentException naming the field that is missing, unknown or malformed
     */
    public static OtlpConfig fromMap(Map<String, ?> m) {
        for (String k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("otlp: unknown field '" + k + "' (allowed: " + String.join(", ", KEYS) + ")");
            }
        }
        Object endpoint = m.get("endpoint");
        if (endpoint == null || String.valueOf(endpoint).isBlank()) {
            throw new IllegalArgumentException("otlp: field 'endpoint' is required (e.g. http://localhost:4318)");
        }
        String protocol = text(m, "protocol", "http/protobuf");
        if (!protocol.equals("http/protobuf")) {
            throw new IllegalArgumentException("otlp: protocol must be http/protobuf (OTLP over HTTP, port 4318), got "
                    + protocol);
        }
        var headers = new LinkedHashMap<String, String>();
        Object h = m.get("headers");
        if (h != null) {
            if (!(h instanceof Map<?, ?> hm)) {
                throw new IllegalArgumentException("otlp: headers must be a mapping of names to values");
            }
            hm.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        return new OtlpConfig(metricsUrl(String.valueOf(endpoint).strip()), duration(m, "interval", DEFAULT_INTERVAL),
                headers, duration(m, "timeout", DEFAULT_TIMEOUT), text(m, "compression", "none"));
    }

    private static Duration duration(Map<String, ?> m, String key, Duration dflt) {
        String t = text(m, key, null);
        if (t == null) {
            return dflt;
        }
        try {
            return Durations.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("otlp: " + key + " must be a duration such as 30s, got '" + t + "'");
        }
    }

    /** {@code http://h:4318} and {@code http://h:4318/} become {@code http://h:4318/v1/metrics}; a path is kept before it. */
    static String metricsUrl(String endpoint) {
        URI u;
        try {
            u = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("otlp: endpoint is not a URL: " + endpoint);
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("otlp: endpoint must be an http:// or https:// URL, got " + endpoint);
        }
        String base = endpoint.replaceAll("/+$", "");
        return base.endsWith("/v1/metrics") ? base : base + "/v1/metrics";
    }

    private static String text(Map<String, ?> m, String key, String dflt) {
        Object v = m.get(key);
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new IllegalArgumentException("otlp: " + key + " must be a single value");
        }
        return v == null ? dflt : String.valueOf(v).strip();
    }
}
