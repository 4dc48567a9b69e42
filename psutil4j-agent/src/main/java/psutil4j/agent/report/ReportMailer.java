package psutil4j.agent.report;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import psutil4j.agent.config.ReportConfig;
import psutil4j.agent.model.HistorySource;
import psutil4j.agent.rules.NotifierConfig;
import psutil4j.agent.rules.Notifiers;

/**
 * Sends the report by e-mail every day or week ({@code report:} in the config), through the
 * SMTP client of the email notifier. The mail is HTML with the graphs attached inline
 * ({@code multipart/related}, {@code cid:} links: mail readers block {@code data:} images).
 * A failed send is logged and the next one still happens.
 */
public final class ReportMailer implements AutoCloseable {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final ReportConfig config;
    private final HistorySource history;
    private final String host;
    private final Consumer<String> log;
    private final ScheduledExecutorService executor;

    private ReportMailer(ReportConfig config, HistorySource history, String host, Consumer<String> log) {
        this.config = config;
        this.history = history;
        this.host = host;
        this.log = log;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "psutil4j-report");
            t.setDaemon(true);
            return t;
        });
    }

    /** Schedules the first report at the next {@code at} (a Monday's for weekly). */
    public static ReportMailer start(ReportConfig config, HistorySource history, Consumer<String> log) {
        var m = new ReportMailer(config, history, Report.hostname(), log);
        m.scheduleNext();
        return m;
    }

    /** When the next report goes out. */
    public ZonedDateTime next() {
        return config.next(ZonedDateTime.now());
    }

    /** The startup line: "report: daily at 06:00 to ops@example.org; next 2026-03-05 06:00 CET". */
    public String describe() {
        return "report: " + (config.every() == ReportConfig.Every.DAILY ? "daily" : "weekly on Mondays") + " at "
                + config.at() + " to " + String.join(", ", config.email().to()) + "; next "
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").format(next());
    }

    private void scheduleNext() {
        ZonedDateTime now = ZonedDateTime.now();
        long delay = Duration.between(now, config.next(now)).toMillis();
        executor.schedule(this::run, delay, TimeUnit.MILLISECONDS);
    }

    /** Sends one report now and schedules the next (the scheduled task). */
    void run() {
        try {
            send(config, history, host, Instant.now());
            log.accept("report: sent the " + config.every().name().toLowerCase(Locale.ROOT) + " report to "
                    + String.join(", ", config.email().to()));
        } catch (IOException | RuntimeException e) {
            log.accept("report: cannot send the " + config.every().name().toLowerCase(Locale.ROOT) + " report: " + e);
        } finally {
            if (!executor.isShutdown()) {
                scheduleNext();
            }
        }
    }

    /** Builds the report of the period ending {@code now} and mails it; IOException when the SMTP server refuses. */
    public static void send(ReportConfig config, HistorySource history, String host, Instant now) throws IOException {
        mail(Report.build(history, config.every().range(), host, now), config.email());
    }

    /** Mails a report: HTML with the graphs inline. */
    public static void mail(Report r, NotifierConfig.Email email) throws IOException {
        String boundary = "psutil4j-" + UUID.randomUUID();
        Notifiers.sendMail(email, subject(r), "multipart/related; boundary=\"" + boundary + "\"; type=\"text/html\"",
                mime(r, boundary));
    }

    /** "psutil4j: HOST, report of 2026-03-03", "psutil4j: HOST, report of 2026-03-02 to 2026-03-08". */
    static String subject(Report r) {
        ZoneId zone = ZoneId.systemDefault();
        // the period's first and last day (a period ending at midnight ends on the day before)
        String first = DAY.format(r.generated().minus(r.range()).atZone(zone));
        String last = DAY.format(r.generated().minusSeconds(1).atZone(zone));
        return "psutil4j: " + r.host() + ", report of " + (first.equals(last) ? first : first + " to " + last);
    }

    /** The multipart/related body: the HTML (base64), then each graph as an inline PNG part. */
    static String mime(Report r, String boundary) {
        var cids = new IdentityHashMap<Report.Item, String>();
        int n = 0;
        for (Report.Item it : r.items()) {
            cids.put(it, "graph" + (++n) + "@psutil4j");
        }
        var sb = new StringBuilder(256 * 1024);
        sb.append("This is an HTML message with inline images.\r\n");
        sb.append("--").append(boundary).append("\r\nContent-Type: text/html; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: base64\r\n\r\n");
        base64(sb, r.html(it -> "cid:" + cids.get(it)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        n = 0;
        for (Report.Item it : r.items()) {
            String file = "graph" + (++n) + ".png";
            sb.append("--").append(boundary).append("\r\nContent-Type: image/png; name=\"").append(file).append("\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\nContent-ID: <").append(cids.get(it)).append(">\r\n")
                    .append("Content-Disposition: inline; filename=\"").append(file).append("\"\r\n\r\n");
            base64(sb, it.png());
        }
        return sb.append("--").append(boundary).append("--\r\n").toString();
    }

    /** Base64 in lines of 76 characters (RFC 2045). */
    private static void base64(StringBuilder sb, byte[] data) {
        String b = Base64.getEncoder().encodeToString(data);
        for (int i = 0; i < b.length(); i += 76) {
            sb.append(b, i, Math.min(b.length(), i + 76)).append("\r\n");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
