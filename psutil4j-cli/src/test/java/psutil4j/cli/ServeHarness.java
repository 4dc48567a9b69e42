package psutil4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * {@code serve --config FILE} in this JVM on its own thread, for end-to-end tests, with the history
 * in a data directory next to the config (never the system's /var/lib/psutil4j); close() stops it.
 */
final class ServeHarness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ServeCommand cmd = new ServeCommand();
    private final Thread thread;
    private final StringWriter err = new StringWriter();

    ServeHarness(Path config) throws InterruptedException {
        var cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err, true));
        Path data = config.toAbsolutePath().resolveSibling("serve-harness-data");
        thread = Thread.ofPlatform().name("serve-harness").start(() -> cl.execute("--config", config.toString(),
                "--data-dir", data.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (cmd.server == null && thread.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (cmd.server == null) {
            close();
            throw new IllegalStateException("serve did not start: " + err);
        }
    }

    /** The agent's base URL. */
    String url() {
        return cmd.server.url();
    }

    /** What serve printed on stderr so far. */
    String stderr() {
        synchronized (err) {
            return err.toString();
        }
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET a JSON page that must answer 200. */
    JsonNode json(String path) throws Exception {
        var r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    @Override
    public void close() throws InterruptedException {
        cmd.stop.countDown();
        thread.join(10_000);
    }
}
