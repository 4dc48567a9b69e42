package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void checkConfigAcceptsAValidFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("agent.yml");
        Files.writeString(f, "listen: 127.0.0.1:0\ninterval: 2s\ndata_dir: " + dir.resolve("data") + "\n");
        var r = Cli.ours("serve", "--config", f.toString(), "--check-config");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().startsWith(f + ": ok\nhistory: at most 65 charts, "), r.out());
        assertTrue(r.out().endsWith(" MiB, in " + dir.resolve("data/history") + " (2s for 2d, 1m for 30d, 1h for 2y)\n"), r.out());
        assertTrue(Files.notExists(dir.resolve("data")), "a check creates nothing");
        var j = Cli.ours("serve", "--config", f.toString(), "--check-config", "--json");
        assertEquals(0, j.rc(), j.err());
        assertTrue(j.out().startsWith("{\"config\":\"" + f + "\",\"ok\":true,\"history\":{\"enabled\":true,\"dir\":\""
                + dir.resolve("data/history") + "\",\"max_charts\":65,\"max_bytes\":"), j.out());
    }

    @Test
    void checkConfigRefusesWithFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("agent.yml");
        Files.writeString(f, "listen: 127.0.0.1:0\ninterval: 100ms\n");
        var r = Cli.ours("serve", "--config", f.toString(), "--check-config");
        assertEquals(1, r.rc());
        assertEquals("serve: " + f + ":2: interval must be at least 1s, got 100ms\n", r.err());
        Files.writeString(f, "listen: 127.0.0.1:0\nbogus: 1\n");
        var u = Cli.ours("serve", "--config", f.toString(), "--check-config");
        assertEquals(1, u.rc());
        assertTrue(u.err().startsWith("serve: " + f + ":2: unknown key 'bogus'"), u.err());
        var missing = Cli.ours("serve", "--config", dir.resolve("no.yml").toString(), "--check-config");
        assertEquals(1, missing.rc());
    }

    @Test
    void flagsAreValidated() {
        assertEquals(1, Cli.ours("serve", "--interval", "200ms", "--check-config").rc());
        assertEquals(1, Cli.ours("serve", "--listen", "nope", "--check-config").rc());
        assertEquals(0, Cli.ours("serve", "--listen", "127.0.0.1:0", "--interval", "3s", "--check-config").rc());
        assertEquals(2, Cli.ours("serve", "--no-such-flag").rc());
    }

    @Test
    void nonLoopbackWithoutTokenIsRefused() {
        var r = Cli.ours("serve", "--listen", "0.0.0.0:0");
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("requires a token"), r.err());
    }

    @Test
    void portInUseIsOneLine() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var r = Cli.ours("serve", "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertEquals(1, r.rc());
            assertTrue(r.err().startsWith("serve: cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void servesUntilStopped(@TempDir Path dir) throws Exception {
        var cmd = new ServeCommand();
        var cl = new CommandLine(cmd);
        var out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        Thread t = Thread.ofPlatform().start(() -> cl.execute("--listen", "127.0.0.1:0", "--interval", "1s",
                "--data-dir", dir.toString()));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (cmd.server == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            var s = cmd.server;
            assertTrue(s != null, "server did not start");
            var http = HttpClient.newHttpClient();
            var resp = http.send(HttpRequest.newBuilder(URI.create(s.url() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, resp.statusCode());
            assertTrue(resp.body().contains("node_load1 "));
            // the startup lines follow the first collection, which creates the history files
            while (!out.toString().contains("\nhistory: ") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(out.toString().startsWith("psutil4j agent: dashboard " + s.url() + "/ , metrics " + s.url()
                            + "/metrics, every 1s"),
                    out.toString());
            assertTrue(out.toString().contains("\nhistory: at most 65 charts, "), out.toString());
            var charts = http.send(HttpRequest.newBuilder(URI.create(s.url() + "/api/v1/history")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(charts.body().contains("{\"id\":\"cpu\",\"title\":\"CPU\",\"unit\":\"percent\""), charts.body());
            assertTrue(Files.isRegularFile(dir.resolve("history/cpu.rrd")));
        } finally {
            cmd.stop.countDown();
            t.join(10_000);
        }
        assertTrue(!t.isAlive());
        assertTrue(cmd.stopped.await(1, TimeUnit.SECONDS));
    }
}
