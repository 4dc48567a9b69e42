package psutil4j.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import com.sun.net.httpserver.HttpServer;

class NotifiersTest {

    private static final Instant ACTIVE = Instant.parse("2026-01-02T03:04:00Z");
    private static final Instant FIRED = Instant.parse("2026-01-02T03:09:00Z");
    private static final Instant RESOLVED = Instant.parse("2026-01-02T03:20:00Z");

    private static List<Alert> alerts() {
        var a = new Alert(AlertState.FIRING, Map.of("alertname", "DiskFull", "mountpoint", "/", "severity", "critical"),
                Map.of("summary", "disk / full"), 0.01, ACTIVE, Optional.of(FIRED), Optional.empty(),
                "http://h:9100/graph?g0.expr=x&g0.tab=1");
        var b = new Alert(AlertState.RESOLVED, Map.of("alertname", "DiskFull", "mountpoint", "/home", "severity", "critical"),
                Map.of("summary", "disk /home full"), 0.02, ACTIVE, Optional.of(FIRED), Optional.of(RESOLVED),
                "http://h:9100/graph?g0.expr=x&g0.tab=1");
        return List.of(a, b);
    }

    /** JSON is YAML: snakeyaml reads the payloads back. */
    @SuppressWarnings("unchecked")
    private static <T> T json(String s) {
        return (T) new Yaml().load(s);
    }

    @Test
    @SuppressWarnings("unchecked")
    void webhookPostsAlertmanagersPayload() throws Exception {
        BlockingQueue<String[]> got = new ArrayBlockingQueue<>(4);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", ex -> {
            got.add(new String[] {ex.getRequestMethod(), ex.getRequestHeaders().getFirst("Content-Type"),
                ex.getRequestHeaders().getFirst("Authorization"),
                new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/fail", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            var cfg = (NotifierConfig.Webhook) NotifierConfig.fromMap(Map.of("type", "webhook", "url", base + "/hook",
                    "headers", Map.of("Authorization", "Bearer t"), "timeout", "5s"));
            Notifiers.create(cfg, "http://agent:9100").send(alerts());
            String[] req = got.poll(10, TimeUnit.SECONDS);
            assertEquals("POST", req[0]);
            assertEquals("application/json", req[1]);
            assertEquals("Bearer t", req[2]);
            Map<String, Object> p = json(req[3]);
            assertEquals("4", p.get("version"));
            assertEquals("firing", p.get("status"));
            assertEquals("psutil4j", p.get("receiver"));
            assertEquals(Map.of("alertname", "DiskFull"), p.get("groupLabels"));
            assertEquals(Map.of("alertname", "DiskFull", "severity", "critical"), p.get("commonLabels"));
            assertEquals(Map.of(), p.get("commonAnnotations"));
            assertEquals("http://agent:9100", p.get("externalURL"));
            var list = (List<Map<String, Object>>) p.get("alerts");
            assertEquals(2, list.size());
            assertEquals("firing", list.get(0).get("status"));
            assertEquals("2026-01-02T03:09:00Z", list.get(0).get("startsAt"));
            assertEquals("0001-01-01T00:00:00Z", list.get(0).get("endsAt"));
            assertEquals("resolved", list.get(1).get("status"));
            assertEquals("2026-01-02T03:20:00Z", list.get(1).get("endsAt"));
            assertEquals("disk /home full", ((Map<String, String>) list.get(1).get("annotations")).get("summary"));
            assertEquals(alerts().get(0).fingerprint(), list.get(0).get("fingerprint"));
            assertEquals(16, ((String) list.get(0).get("fingerprint")).length());
            assertEquals("http://h:9100/graph?g0.expr=x&g0.tab=1", list.get(0).get("generatorURL"));

            var failing = Notifiers.create(new NotifierConfig.Webhook(base + "/fail", "r", Map.of(), Duration.ofSeconds(5)), "");
            var e = assertThrows(IOException.class, () -> failing.send(alerts()));
            assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void alertmanagerPushPostsPostableAlerts() throws Exception {
        BlockingQueue<String[]> got = new ArrayBlockingQueue<>(4);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            got.add(new String[] {ex.getRequestURI().getPath(),
                new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            var n = Notifiers.create(NotifierConfig.fromMap(Map.of("type", "alertmanager",
                    "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/")), "");
            assertTrue(n.resends());
            n.send(alerts());
            String[] req = got.poll(10, TimeUnit.SECONDS);
            assertEquals("/api/v2/alerts", req[0]);
            List<Map<String, Object>> list = json(req[1]);
            assertEquals(2, list.size());
            assertEquals("DiskFull", ((Map<String, String>) list.get(0).get("labels")).get("alertname"));
            assertEquals("2026-01-02T03:09:00Z", list.get(0).get("startsAt"));
            assertTrue(Instant.parse((String) list.get(0).get("endsAt")).isAfter(Instant.now()), "firing: valid 4 min ahead");
            assertEquals("2026-01-02T03:20:00Z", list.get(1).get("endsAt"));
            assertTrue(list.get(0).containsKey("generatorURL"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void execGetsThePayloadOnStdinWithoutAShell(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out $(touch pwned).json"); // a shell would expand this; argv does not
        Notifiers.create(new NotifierConfig.Exec(List.of("/usr/bin/tee", out.toString()), Duration.ofSeconds(10)), "")
                .send(alerts());
        Map<String, Object> p = json(Files.readString(out));
        assertEquals("4", p.get("version"));
        assertEquals("exec", p.get("receiver"));
        assertTrue(Files.notExists(dir.resolve("pwned")));

        var failing = Notifiers.create(new NotifierConfig.Exec(List.of("/bin/sh", "-c", "echo oops >&2; exit 3"),
                Duration.ofSeconds(10)), "");
        var e = assertThrows(IOException.class, () -> failing.send(alerts()));
        assertTrue(e.getMessage().contains("exited with 3: oops"), e.getMessage());

        var slow = Notifiers.create(new NotifierConfig.Exec(List.of("/bin/sleep", "30"), Duration.ofMillis(300)), "");
        long t0 = System.nanoTime();
        e = assertThrows(IOException.class, () -> slow.send(alerts()));
        assertTrue(e.getMessage().contains("killed after"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
        assertThrows(IllegalArgumentException.class, () -> NotifierConfig.fromMap(Map.of("type", "exec", "command", "rm -rf /")));
    }

    @Test
    void emailOverSmtpWithAuthPlain() throws Exception {
        try (var smtp = new TestSmtpServer()) {
            var cfg = NotifierConfig.fromMap(Map.of("type", "email", "smarthost", "127.0.0.1:" + smtp.port(),
                    "from", "agent@example.org", "to", List.of("ops@example.org", "me@example.org"),
                    "username", "u", "password", "p"));
            var alerts = new ArrayList<>(alerts());
            alerts.set(0, new Alert(AlertState.FIRING, alerts.get(0).labels(), Map.of("summary", "two lines\n.starts with a dot"),
                    0, ACTIVE, Optional.of(FIRED), Optional.empty(), "u"));
            Notifiers.create(cfg, "http://agent:9100").send(alerts);
            smtp.thread.join(5000);
            assertTrue(smtp.commands.get(0).startsWith("EHLO "));
            assertEquals("AUTH PLAIN " + Base64.getEncoder().encodeToString("\0u\0p".getBytes(StandardCharsets.UTF_8)),
                    smtp.commands.get(1));
            assertEquals(List.of("MAIL FROM:<agent@example.org>", "RCPT TO:<ops@example.org>", "RCPT TO:<me@example.org>",
                    "DATA", "QUIT"), smtp.commands.subList(2, 7));
            String msg = smtp.data.toString();
            assertTrue(msg.contains("Subject: [FIRING:1] DiskFull\n"), msg);
            assertTrue(msg.contains("To: ops@example.org, me@example.org\n"), msg);
            assertTrue(msg.contains("  summary: two lines\n..starts with a dot\n"), "dot-stuffed: " + msg);
            assertTrue(msg.contains("RESOLVED: DiskFull"), msg);
        }
    }

    @Test
    void smtpRejectionIsAnError() throws Exception {
        try (var smtp = new TestSmtpServer()) {
            var n = Notifiers.create(new NotifierConfig.Email("127.0.0.1", smtp.port(), "a@b", List.of("nobody@x"),
                    Optional.empty(), Optional.empty(), NotifierConfig.SmtpSecurity.NONE, Duration.ofSeconds(5)), "");
            var e = assertThrows(IOException.class, () -> n.send(alerts()));
            assertTrue(e.getMessage().contains("RCPT TO:<nobody@x>: 550 no such user"), e.getMessage());
        }
    }

    @Test
    void engineResendsFiringAlertsOnlyToNotifiersThatAskForIt() {
        var groups = RuleFiles.parse("g.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: Up
                        expr: vector(1)
                """);
        var plain = new ArrayList<List<Alert>>();
        var am = new ArrayList<List<Alert>>();
        Notifier amNotifier = new Notifier() {
            @Override
            public void send(List<Alert> alerts) {
                am.add(alerts);
            }

            @Override
            public boolean resends() {
                return true;
            }
        };
        var engine = new RuleEngine(groups, new psutil4j.agent.tsdb.RecentStore(), List.of(plain::add, amNotifier), "",
                e -> { }, true);
        for (long t = 0; t <= 180_000; t += 30_000) {
            engine.evaluate(t, true);
        }
        assertEquals(1, plain.size());
        assertEquals(4, am.size()); // fired at 0, re-sent at 60, 120, 180 s
    }

    @Test
    @SuppressWarnings("unchecked")
    void engineToWebhookEndToEndOnTheNotificationThread() throws Exception {
        BlockingQueue<String> got = new ArrayBlockingQueue<>(4);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            got.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        var groups = RuleFiles.parse("g.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: Hot
                        expr: temp_celsius > 80
                        keep_firing_for: 1m
                        annotations:
                          summary: "{{ $labels.sensor }} at {{ $value }}"
                """);
        var errors = new ArrayList<String>();
        var engine = new RuleEngine(groups, new psutil4j.agent.tsdb.RecentStore(),
                List.of(Notifiers.create(new NotifierConfig.Webhook("http://127.0.0.1:" + server.getAddress().getPort() + "/",
                        "ops", Map.of(), Duration.ofSeconds(5)), "http://agent:9100")),
                "http://agent:9100", errors::add, false);
        try {
            java.util.function.LongFunction<psutil4j.agent.model.SampleBatch> at = t -> new psutil4j.agent.model.SampleBatch(t,
                    List.of(new psutil4j.agent.model.Sample("temp_celsius", Map.of("sensor", "cpu"), t < 90_000 ? 90 : 20)));
            engine.accept(at.apply(0));
            Map<String, Object> p = json(got.poll(10, TimeUnit.SECONDS));
            assertEquals("firing", p.get("status"));
            assertEquals("ops", p.get("receiver"));
            var alert = ((List<Map<String, Object>>) p.get("alerts")).get(0);
            assertEquals(Map.of("alertname", "Hot", "sensor", "cpu"), alert.get("labels"));
            assertEquals(Map.of("summary", "cpu at 90"), alert.get("annotations"));
            assertEquals("1970-01-01T00:00:00Z", alert.get("startsAt"));
            assertEquals("http://agent:9100/graph?g0.expr=temp_celsius+%3E+80&g0.tab=1", alert.get("generatorURL"));
            engine.accept(at.apply(60_000)); // still firing: a webhook is not re-sent
            engine.accept(at.apply(90_000)); // false, but last seen 30 s ago: keep_firing_for 1m
            assertEquals(null, got.poll(300, TimeUnit.MILLISECONDS));
            engine.accept(at.apply(120_000)); // 1m after it was last seen: resolved
            Map<String, Object> r = json(got.poll(10, TimeUnit.SECONDS));
            assertEquals("resolved", r.get("status"));
            assertEquals("1970-01-01T00:02:00Z", ((List<Map<String, Object>>) r.get("alerts")).get(0).get("endsAt"));
            assertTrue(errors.isEmpty(), errors::toString);
        } finally {
            engine.close();
            server.stop(0);
        }
    }

    @Test
    void notifierConfigErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> NotifierConfig.fromMap(Map.of("type", "slack")));
        assertTrue(e.getMessage().contains("webhook, alertmanager, email or exec"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NotifierConfig.fromMap(Map.of("type", "webhook")));
        assertEquals("webhook notifier: field 'url' is required", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NotifierConfig.fromMap(Map.of("type", "webhook", "url", "http://x", "uri", "y")));
        assertTrue(e.getMessage().contains("unknown field 'uri'"), e.getMessage());
        var mail = (NotifierConfig.Email) NotifierConfig.fromMap(Map.of("type", "email", "smarthost", "mx:587",
                "from", "a@b", "to", "c@d, e@f", "security", "starttls", "timeout", "30s"));
        assertEquals(List.of("c@d", "e@f"), mail.to());
        assertEquals(587, mail.port());
        assertEquals(NotifierConfig.SmtpSecurity.STARTTLS, mail.security());
        assertEquals(Duration.ofSeconds(30), mail.timeout());
    }
}
