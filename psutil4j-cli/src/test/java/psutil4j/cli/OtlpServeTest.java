package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with {@code otlp:} pushes to the endpoint every interval. The payload itself is
 * decoded and checked value by value in the agent's OtlpExporterTest; here: the wiring.
 */
class OtlpServeTest {

    @Test
    void servePushesOtlpEveryInterval(@TempDir Path dir) throws Exception {
        var bodies = new LinkedBlockingQueue<String>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            try (ex) {
                String type = ex.getRequestHeaders().getFirst("Content-Type");
                // protobuf strings are UTF-8 bytes in the message: good enough to find names
                bodies.add(ex.getRequestURI().getPath() + " " + type + " "
                        + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
                ex.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        Path cfg = dir.resolve("agent.yml");
        Files.writeString(cfg, String.join("\n",
                "listen: 127.0.0.1:0",
                "interval: 1s",
                "otlp:",
                "  endpoint: http://127.0.0.1:" + receiver.getAddress().getPort(),
                "  interval: 1s",
                ""));
        try (var agent = new ServeHarness(cfg)) {
            String first = bodies.poll(30, TimeUnit.SECONDS);
            String second = bodies.poll(30, TimeUnit.SECONDS);
            assertTrue(first != null && second != null, "fewer than two exports in 60 s: " + agent.stderr());
            assertTrue(first.startsWith("/v1/metrics application/x-protobuf "), first.substring(0, 60));
            for (String name : new String[] {"psutil4j-agent", "system.cpu.time", "cpu.logical_number",
                    "system.memory.usage", "system.filesystem.usage", "process.cpu.time", "process.executable.name"}) {
                assertTrue(second.contains(name), name);
            }
            assertFalse(agent.stderr().contains("otlp"), agent.stderr());
        } finally {
            receiver.stop(0);
        }
    }
}
