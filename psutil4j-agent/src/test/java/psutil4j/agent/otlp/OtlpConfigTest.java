package psutil4j.agent.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import psutil4j.agent.config.AgentConfig;
import psutil4j.agent.config.ConfigException;
import psutil4j.agent.config.ConfigLoader;

/** The {@code otlp:} key of the agent's config: defaults, the endpoint URL, errors with their line. */
class OtlpConfigTest {

    private static AgentConfig parse(String yaml) {
        return ConfigLoader.parse("agent.yml", new StringReader(yaml), Path.of("/etc/psutil4j"));
    }

    private static String refused(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void defaultsAndEveryField() {
        assertEquals(Optional.empty(), AgentConfig.defaults().otlp());
        OtlpConfig d = parse("otlp: {endpoint: http://collector:4318}\n").otlp().orElseThrow();
        assertEquals(new OtlpConfig("http://collector:4318/v1/metrics", Duration.ofSeconds(60), Map.of(),
                Duration.ofSeconds(10), "none"), d);
        OtlpConfig all = parse("""
                otlp:
                  endpoint: https://otlp.example.org/otlp/
                  interval: 30s
                  headers: {Authorization: "Bearer abc", X-Scope-OrgID: "7"}
                  protocol: http/protobuf
                  timeout: 5s
                  compression: gzip
                """).otlp().orElseThrow();
        assertEquals(new OtlpConfig("https://otlp.example.org/otlp/v1/metrics", Duration.ofSeconds(30),
                Map.of("Authorization", "Bearer abc", "X-Scope-OrgID", "7"), Duration.ofSeconds(5), "gzip"), all);
        assertEquals("http://h:4318/v1/metrics", OtlpConfig.metricsUrl("http://h:4318/v1/metrics"));
    }

    @Test
    void errorsNameTheLine() {
        assertEquals("agent.yml:3: otlp: unknown field 'intervall' (allowed: endpoint, interval, headers, protocol, "
                + "timeout, compression)", refused("listen: :0\notlp:\n  intervall: 5s\n  endpoint: http://h:4318\n"));
        assertEquals("agent.yml:2: otlp: field 'endpoint' is required (e.g. http://localhost:4318)",
                refused("otlp:\n  interval: 5s\n"));
        assertEquals("agent.yml:3: otlp: protocol must be http/protobuf (OTLP over HTTP, port 4318), got grpc",
                refused("otlp:\n  endpoint: http://h:4317\n  protocol: grpc\n"));
        assertEquals("agent.yml:2: otlp: endpoint must be an http:// or https:// URL, got h:4318",
                refused("otlp:\n  endpoint: h:4318\n"));
        assertEquals("agent.yml:3: otlp: interval must be at least 1s, got 100ms",
                refused("otlp:\n  endpoint: http://h:4318\n  interval: 100ms\n"));
        assertEquals("agent.yml:3: otlp: timeout must be a duration such as 30s, got 'soon'",
                refused("otlp:\n  endpoint: http://h:4318\n  timeout: soon\n"));
        assertEquals("agent.yml:3: otlp: compression must be none or gzip, got zstd",
                refused("otlp:\n  endpoint: http://h:4318\n  compression: zstd\n"));
        assertTrue(refused("otlp: http://h:4318\n").startsWith("agent.yml:1: otlp must be a mapping"));
    }
}
