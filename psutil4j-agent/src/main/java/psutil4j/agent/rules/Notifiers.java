package psutil4j.agent.rules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Builds notifiers from {@link NotifierConfig}s, and the payloads they send. */
public final class Notifiers {

    private Notifiers() {
    }

    /**
     * A notifier for a config.
     *
     * @param externalUrl the agent's URL, the payload's {@code externalURL}
     */
    public static Notifier create(NotifierConfig config, String externalUrl) {
        return switch (config) {
            case NotifierConfig.Webhook w -> new WebhookNotifier(w, externalUrl);
            case NotifierConfig.Alertmanager a -> new AlertmanagerNotifier(a);
            case NotifierConfig.Email e -> new SmtpNotifier(e, externalUrl);
            case NotifierConfig.Exec x -> new ExecNotifier(x, externalUrl);
        };
    }

    /**
     * Sends one e-mail through the SMTP server of {@code config} (the email notifier's settings),
     * as the email notifier does: used for the scheduled report.
     *
     * @param contentType the body's MIME type, e.g. {@code multipart/related; boundary="..."}
     * @param body        the body, ASCII (7bit: base64 parts)
     */
    public static void sendMail(NotifierConfig.Email config, String subject, String contentType, String body)
            throws IOException {
        SmtpNotifier.deliver(config, SmtpNotifier.headers(config, subject, contentType, "7bit") + body);
    }

    /**
     * Alertmanager's webhook payload (version 4) for alerts of one name: status is firing if any
     * alert fires; groupLabels is {alertname}; commonLabels/commonAnnotations are those all alerts
     * share; startsAt is when the alert started firing; endsAt is the zero time until resolved.
     */
    public static String webhookPayload(List<Alert> alerts, String receiver, String externalUrl) {
        var p = new LinkedHashMap<String, Object>();
        String name = alerts.isEmpty() ? "" : alerts.get(0).name();
        p.put("version", "4");
        p.put("groupKey", "{}:{alertname=\"" + name.replace("\"", "\\\"") + "\"}");
        p.put("truncatedAlerts", 0);
        p.put("status", alerts.stream().anyMatch(a -> a.state() == AlertState.FIRING) ? "firing" : "resolved");
        p.put("receiver", receiver);
        p.put("groupLabels", Map.of("alertname", name));
        p.put("commonLabels", common(alerts.stream().map(Alert::labels).toList()));
        p.put("commonAnnotations", common(alerts.stream().map(Alert::annotations).toList()));
        p.put("externalURL", externalUrl == null ? "" : externalUrl);
        var list = new ArrayList<Map<String, Object>>();
        for (Alert a : alerts) {
            var m = new LinkedHashMap<String, Object>();
            m.put("status", a.state() == AlertState.FIRING ? "firing" : "resolved");
            m.put("labels", a.labels());
            m.put("annotations", a.annotations());
            m.put("startsAt", startsAt(a));
            m.put("endsAt", a.resolvedAt().map(Instant::toString).orElse(GoFormat.ZERO_TIME));
            m.put("generatorURL", a.generatorURL());
            m.put("fingerprint", a.fingerprint());
            list.add(m);
        }
        p.put("alerts", list);
        return Json.write(p);
    }

    /**
     * The body of a POST to Alertmanager's /api/v2/alerts: postable alerts. A firing alert's endsAt
     * is 4 minutes ahead (4 resend periods, as Prometheus's ValidUntil), a resolved one's its
     * resolution time.
     */
    public static String alertmanagerPayload(List<Alert> alerts, Instant now) {
        var list = new ArrayList<Map<String, Object>>();
        for (Alert a : alerts) {
            var m = new LinkedHashMap<String, Object>();
            m.put("labels", a.labels());
            m.put("annotations", a.annotations());
            m.put("startsAt", startsAt(a));
            m.put("endsAt", a.resolvedAt().orElse(now.plus(Duration.ofMinutes(4))).toString());
            m.put("generatorURL", a.generatorURL());
            list.add(m);
        }
        return Json.write(list);
    }

    private static String startsAt(Alert a) {
        return a.firedAt().orElse(a.activeAt()).toString();
    }

    private static Map<String, String> common(List<Map<String, String>> maps) {
        if (maps.isEmpty()) {
            return Map.of();
        }
        var out = new java.util.TreeMap<>(maps.get(0));
        for (var m : maps) {
            out.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return out;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static void post(String url, String body, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        var req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "psutil4j-agent");
        headers.forEach(req::header);
        HttpResponse<String> resp = HTTP.send(req.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() / 100 != 2) {
            String b = resp.body();
            throw new IOException("POST " + url + ": HTTP " + resp.statusCode()
                    + (b.isBlank() ? "" : ": " + b.substring(0, Math.min(200, b.length())).strip()));
        }
    }

    /** Webhook: POSTs {@link #webhookPayload}. */
    record WebhookNotifier(NotifierConfig.Webhook config, String externalUrl) implements Notifier {
        @Override
        public void send(List<Alert> alerts) throws Exception {
            post(config.url(), webhookPayload(alerts, config.receiver(), externalUrl), config.headers(), config.timeout());
        }

        @Override
        public String toString() {
            return "webhook " + config.url();
        }
    }

    /** Alertmanager API v2. */
    record AlertmanagerNotifier(NotifierConfig.Alertmanager config) implements Notifier {
        @Override
        public void send(List<Alert> alerts) throws Exception {
            post(config.url().replaceAll("/+$", "") + "/api/v2/alerts", alertmanagerPayload(alerts, Instant.now()),
                    Map.of(), config.timeout());
        }

        @Override
        public boolean resends() {
            return true;
        }

        @Override
        public String toString() {
            return "alertmanager " + config.url();
        }
    }

    /** Runs argv with the webhook payload on stdin. */
    record ExecNotifier(NotifierConfig.Exec config, String externalUrl) implements Notifier {
        @Override
        public void send(List<Alert> alerts) throws Exception {
            var pb = new ProcessBuilder(config.command()).redirectErrorStream(true);
            Process p = pb.start();
            try {
                var output = new ByteArrayOutputStream();
                Thread reader = Thread.ofVirtual().start(() -> drain(p.getInputStream(), output));
                try (var stdin = p.getOutputStream()) {
                    stdin.write(webhookPayload(alerts, "exec", externalUrl).getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // The program may exit without reading its input; its exit status decides.
                }
                if (!p.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException(config.command().get(0) + ": killed after " + config.timeout().toSeconds() + " s");
                }
                reader.join(1000);
                if (p.exitValue() != 0) {
                    String out;
                    synchronized (output) {
                        out = output.toString(StandardCharsets.UTF_8).strip();
                    }
                    throw new IOException(config.command().get(0) + " exited with " + p.exitValue()
                            + (out.isEmpty() ? "" : ": " + out.substring(Math.max(0, out.length() - 300))));
                }
            } finally {
                if (p.isAlive()) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
        }

        private static void drain(InputStream in, ByteArrayOutputStream out) {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (out) {
                        if (out.size() < 65536) {
                            out.write(buf, 0, n);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process went away
            }
        }

        @Override
        public String toString() {
            return "exec " + config.command().get(0);
        }
    }
}
