package psutil4j.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import psutil4j.agent.config.ReportConfig;
import psutil4j.agent.rules.NotifierConfig;
import psutil4j.agent.rules.TestSmtpServer;

class ReportMailerTest {

    /** A MIME part: its headers (lower-case names) and body lines joined. */
    record Part(Map<String, String> headers, String body) {
    }

    /** Splits a multipart body (as the test SMTP server recorded it, LF line ends) at the boundary. */
    static List<Part> parts(String message, String boundary) {
        var parts = new ArrayList<Part>();
        String[] chunks = message.split("--" + java.util.regex.Pattern.quote(boundary));
        for (int i = 1; i < chunks.length; i++) {
            String c = chunks[i];
            if (c.startsWith("--")) {
                break;
            }
            int blank = c.indexOf("\n\n");
            var headers = new LinkedHashMap<String, String>();
            for (String h : c.substring(0, blank).strip().split("\n")) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).toLowerCase(), h.substring(colon + 1).strip());
            }
            parts.add(new Part(headers, c.substring(blank + 2).replace("\n", "")));
        }
        return parts;
    }

    @Test
    void mailsTheReportAsHtmlWithInlineGraphs(@TempDir Path dir) throws Exception {
        var now = new AtomicLong();
        try (var store = ReportTest.twoHours(dir, now); var smtp = new TestSmtpServer()) {
            var email = (NotifierConfig.Email) NotifierConfig.fromMap(Map.of("type", "email", "smarthost",
                    "127.0.0.1:" + smtp.port(), "from", "agent@example.org", "to", List.of("ops@example.org"),
                    "username", "u", "password", "p"));
            var cfg = new ReportConfig(ReportConfig.Every.DAILY, LocalTime.MIDNIGHT, email);
            ReportMailer.send(cfg, store, "testhost", Instant.ofEpochSecond(now.get()));
            smtp.thread.join(10_000);
            assertEquals(List.of("MAIL FROM:<agent@example.org>", "RCPT TO:<ops@example.org>", "DATA", "QUIT"),
                    smtp.commands.subList(2, 6));
            String msg = smtp.data.toString();
            var fmt = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd");
            String first = fmt.format(Instant.ofEpochSecond(now.get() - 86400).atZone(ZoneId.systemDefault()));
            String last = fmt.format(Instant.ofEpochSecond(now.get() - 1).atZone(ZoneId.systemDefault()));
            assertTrue(msg.contains("\nSubject: psutil4j: testhost, report of " + first
                    + (first.equals(last) ? "" : " to " + last) + "\n"), msg.substring(0, 600));
            var m = java.util.regex.Pattern.compile("Content-Type: multipart/related; boundary=\"([^\"]+)\"; type=\"text/html\"")
                    .matcher(msg);
            assertTrue(m.find(), msg.substring(0, 600));
            assertTrue(msg.lines().allMatch(l -> l.length() <= 998), "SMTP line limit");

            List<Part> parts = parts(msg, m.group(1));
            Part html = parts.getFirst();
            assertEquals("text/html; charset=UTF-8", html.headers().get("content-type"));
            assertEquals("base64", html.headers().get("content-transfer-encoding"));
            String page = new String(Base64.getDecoder().decode(html.body()), StandardCharsets.UTF_8);
            assertTrue(page.contains("Service quality report: testhost, last 1d"), page);
            assertTrue(!page.contains("data:image"), "mail readers block data: images");
            assertEquals(10, parts.size(), "the page and the 9 graphs");
            for (int i = 1; i < parts.size(); i++) {
                Part p = parts.get(i);
                assertEquals("image/png; name=\"graph" + i + ".png\"", p.headers().get("content-type"));
                assertEquals("<graph" + i + "@psutil4j>", p.headers().get("content-id"));
                assertTrue(page.contains("src=\"cid:graph" + i + "@psutil4j\""), "graph " + i + " is shown");
                var img = GraphsTest.decode(Base64.getDecoder().decode(p.body()));
                assertEquals(Report.WIDTH, img.getWidth());
            }
        }
    }

    @Test
    void scheduledSendsAreLoggedAndAFailureIsNotFatal(@TempDir Path dir) throws Exception {
        var now = new AtomicLong();
        try (var store = ReportTest.twoHours(dir, now)) {
            var log = new ArrayList<String>();
            int closedPort;
            try (var s = new java.net.ServerSocket(0)) {
                closedPort = s.getLocalPort();
            }
            var email = new NotifierConfig.Email("127.0.0.1", closedPort, "a@b", List.of("c@d"), Optional.empty(),
                    Optional.empty(), NotifierConfig.SmtpSecurity.NONE, Duration.ofSeconds(5));
            var cfg = new ReportConfig(ReportConfig.Every.WEEKLY, LocalTime.of(6, 0), email);
            try (var mailer = ReportMailer.start(cfg, store, log::add)) {
                assertEquals(java.time.DayOfWeek.MONDAY, mailer.next().getDayOfWeek());
                mailer.run();
                assertEquals(1, log.size(), log::toString);
                assertTrue(log.getFirst().startsWith("report: cannot send the weekly report: java.net.ConnectException"),
                        log.getFirst());
            }
        }
    }
}
