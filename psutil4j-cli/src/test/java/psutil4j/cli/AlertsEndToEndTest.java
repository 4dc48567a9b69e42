package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code serve} with a CPU rule over a process group, a busy loop of our own under a
 * unique name, and a local webhook. The alert goes pending, then firing (at the webhook, in
 * /api/v1/alerts, as ALERTS in /metrics, and through a second rule that reads ALERTS), and is
 * resolved once the busy loop is killed.
 */
class AlertsEndToEndTest {

    private static final long TIMEOUT_S = 40;

    @Test
    void cpuBurnerAlertGoesPendingFiringResolved(@TempDir Path dir) throws Exception {
        // A copy of sh under a name no other process has: its process group is ours alone.
        String name = "p4jburn" + (ProcessHandle.current().pid() % 100_000);
        Path exe = dir.resolve(name);
        Files.copy(Path.of("/bin/sh"), exe);
        assertTrue(exe.toFile().setExecutable(true));

        var hooks = new LinkedBlockingQueue<JsonNode>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            try (ex) {
                hooks.add(ServeHarness.JSON.readTree(new String(ex.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)));
                ex.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        Files.writeString(dir.resolve("rules.yml"), String.join("\n",
                "groups:",
                "  - name: e2e",
                "    rules:",
                "      - alert: CpuBurner",
                "        expr: sum by (groupname) (rate(namedprocess_namegroup_cpu_seconds_total{groupname=\"" + name
                        + "\"}[5s])) > 0.1",
                "        for: 3s",
                "        labels: {severity: page}",
                "        annotations: {summary: \"{{ $labels.groupname }} uses {{ $value | humanizePercentage }} of a CPU\"}",
                "      - alert: CpuBurnerFiring",
                "        expr: ALERTS{alertname=\"CpuBurner\", alertstate=\"firing\"} == 1",
                ""));
        Path cfg = dir.resolve("agent.yml");
        Files.writeString(cfg, String.join("\n",
                "listen: 127.0.0.1:0",
                "interval: 1s",
                "process_groups: 10000",
                "rule_files: [rules.yml]",
                "notifiers:",
                "  - type: webhook",
                "    url: http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                ""));

        Process burner = new ProcessBuilder(exe.toString(), "-c", "while :; do :; done").start();
        try (var agent = new ServeHarness(cfg)) {
            // Pending first: for 3s keeps it there for at least three collections.
            JsonNode pending = null;
            JsonNode firing = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (firing == null && System.nanoTime() < deadline) {
                JsonNode a = alert(agent.json("/api/v1/alerts"), "CpuBurner");
                if (a != null && a.get("state").asText().equals("pending") && pending == null) {
                    pending = a;
                } else if (a != null && a.get("state").asText().equals("firing")) {
                    firing = a;
                }
                Thread.sleep(100);
            }
            assertTrue(pending != null, "never pending; stderr: " + agent.stderr());
            assertTrue(firing != null, "never firing; stderr: " + agent.stderr());
            assertEquals(name, pending.at("/labels/groupname").asText());
            assertEquals("page", pending.at("/labels/severity").asText());
            assertTrue(Double.parseDouble(pending.get("value").asText()) > 0.1, pending::toString);
            assertTrue(pending.get("value").asText().matches("\\d(\\.\\d+)?e[-+]\\d\\d"), pending::toString);
            assertEquals(pending.get("activeAt"), firing.get("activeAt"), "one alert, pending then firing");
            Instant activeAt = Instant.parse(firing.get("activeAt").asText());

            // The webhook got it with Alertmanager's payload.
            JsonNode hook = hook(hooks, "CpuBurner", "firing");
            assertEquals("4", hook.get("version").asText());
            assertEquals("psutil4j", hook.get("receiver").asText());
            assertEquals(agent.url(), hook.get("externalURL").asText());
            JsonNode ha = hook.at("/alerts/0");
            assertEquals("firing", ha.get("status").asText());
            assertEquals(name, ha.at("/labels/groupname").asText());
            assertTrue(ha.at("/annotations/summary").asText().startsWith(name + " uses "), ha::toString);
            assertEquals("0001-01-01T00:00:00Z", ha.get("endsAt").asText());
            Instant firedAt = Instant.parse(ha.get("startsAt").asText());
            assertFalse(firedAt.isBefore(activeAt.plusSeconds(3)), "not before the rule's for: 3s");
            // within for plus one interval, by the agent's own evaluation clock (1 s of slack for a
            // collection the scheduler started late on a loaded machine)
            assertFalse(firedAt.isAfter(activeAt.plusSeconds(3 + 1 + 1)), "fired at " + firedAt + ", active at " + activeAt);
            assertTrue(ha.get("fingerprint").asText().matches("[0-9a-f]{16}"));

            // ALERTS in /metrics, and a rule over ALERTS fires too.
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (alert(agent.json("/api/v1/alerts"), "CpuBurnerFiring") == null && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(alert(agent.json("/api/v1/alerts"), "CpuBurnerFiring") != null, "no alert over ALERTS");
            String metrics = agent.get("/metrics").body();
            assertEquals(1.0, value(metrics, "ALERTS{alertname=\"CpuBurner\",alertstate=\"firing\",groupname=\""
                    + name + "\",severity=\"page\"}"), metrics);
            assertEquals(activeAt.getEpochSecond(), value(metrics, "ALERTS_FOR_STATE{alertname=\"CpuBurner\",groupname=\""
                    + name + "\",severity=\"page\"}"), metrics);
            assertFalse(metrics.contains("alertstate=\"pending\",groupname=\"" + name), "pending series ended");

            burner.destroyForcibly().waitFor(); // SIGKILL to its pid
            JsonNode resolved = hook(hooks, "CpuBurner", "resolved");
            assertEquals("resolved", resolved.at("/alerts/0/status").asText());
            assertNotEquals("0001-01-01T00:00:00Z", resolved.at("/alerts/0/endsAt").asText());
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (alert(agent.json("/api/v1/alerts"), "CpuBurnerFiring") != null && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(null, alert(agent.json("/api/v1/alerts"), "CpuBurner"));
            assertEquals(null, alert(agent.json("/api/v1/alerts"), "CpuBurnerFiring"));
            assertFalse(agent.get("/metrics").body().contains("alertname=\"CpuBurner"));
            var rules = agent.json("/api/v1/rules").at("/data/groups/0/rules");
            assertEquals("inactive", rules.at("/0/state").asText());
            assertEquals("ok", rules.at("/0/health").asText());
        } finally {
            burner.destroyForcibly();
            receiver.stop(0);
        }
    }

    /** The value of one series in the text format, NaN when it is not there. */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1))).findFirst().orElse(Double.NaN);
    }

    /** The alert of that name in an /api/v1/alerts answer, or null. */
    private static JsonNode alert(JsonNode answer, String alertname) {
        assertEquals("success", answer.get("status").asText());
        for (JsonNode a : answer.at("/data/alerts")) {
            if (a.at("/labels/alertname").asText().equals(alertname)) {
                return a;
            }
        }
        return null;
    }

    /** The next webhook call about {@code alertname} with that status (others are skipped). */
    private static JsonNode hook(LinkedBlockingQueue<JsonNode> hooks, String alertname, String status)
            throws InterruptedException {
        var skipped = new ArrayList<JsonNode>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            JsonNode h = hooks.poll(1, TimeUnit.SECONDS);
            if (h == null) {
                continue;
            }
            if (h.at("/groupLabels/alertname").asText().equals(alertname) && h.get("status").asText().equals(status)) {
                return h;
            }
            skipped.add(h);
        }
        throw new AssertionError("no " + status + " " + alertname + " at the webhook; got " + List.copyOf(skipped));
    }
}
