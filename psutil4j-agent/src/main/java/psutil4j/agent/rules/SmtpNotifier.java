package psutil4j.agent.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal SMTP client (RFC 5321) for alert e-mails: EHLO, optional STARTTLS, optional AUTH
 * PLAIN, MAIL FROM, RCPT TO, DATA (dot-stuffed), QUIT. One plain-text UTF-8 message per
 * notification, subject {@code [FIRING:2] AlertName} as Alertmanager's default template.
 */
final class SmtpNotifier implements Notifier {

    private final NotifierConfig.Email config;
    private final String externalUrl;

    SmtpNotifier(NotifierConfig.Email config, String externalUrl) {
        this.config = config;
        this.externalUrl = externalUrl;
    }

    @Override
    public void send(List<Alert> alerts) throws IOException {
        deliver(config, message(alerts));
    }

    /**
     * Sends one RFC 5322 message (headers and body, any line endings) to {@code config}'s
     * recipients: EHLO, STARTTLS and AUTH PLAIN as configured, MAIL FROM, RCPT TO, DATA.
     */
    static void deliver(NotifierConfig.Email config, String message) throws IOException {
        int timeout = (int) config.timeout().toMillis();
        Socket socket = config.security() == NotifierConfig.SmtpSecurity.TLS
                ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try (socket) {
            socket.connect(new InetSocketAddress(config.host(), config.port()), timeout);
            socket.setSoTimeout(timeout);
            var c = new Conn(config, socket);
            c.expect(220, null);
            String me = localName();
            List<String> ext = c.expect(250, "EHLO " + me);
            if (config.security() == NotifierConfig.SmtpSecurity.STARTTLS) {
                if (ext.stream().noneMatch(l -> l.toUpperCase().startsWith("STARTTLS"))) {
                    throw new IOException("SMTP server " + config.host() + " does not offer STARTTLS");
                }
                c.expect(220, "STARTTLS");
                SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, config.host(), config.port(), true);
                tls.startHandshake();
                c = new Conn(config, tls);
                c.expect(250, "EHLO " + me);
            }
            if (config.username().isPresent()) {
                String token = "\0" + config.username().get() + "\0" + config.password().orElse("");
                c.expect(235, "AUTH PLAIN " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
            }
            c.expect(250, "MAIL FROM:<" + config.from() + ">");
            for (String to : config.to()) {
                c.expect(250, "RCPT TO:<" + to + ">");
            }
            c.expect(354, "DATA");
            c.write(dotStuff(message) + ".\r\n");
            c.expect(250, null);
            c.expect(221, "QUIT");
        }
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The RFC 5322 message, CRLF line endings. */
    String message(List<Alert> alerts) {
        long firing = alerts.stream().filter(a -> a.state() == AlertState.FIRING).count();
        String name = alerts.isEmpty() ? "" : alerts.get(0).name();
        String subject = (firing > 0 ? "[FIRING:" + firing + "] " : "[RESOLVED] ") + name;
        var sb = new StringBuilder(headers(config, subject, "text/plain; charset=UTF-8", "8bit"));
        for (Alert a : alerts) {
            sb.append(a.state() == AlertState.FIRING ? "FIRING" : "RESOLVED").append(": ").append(a.name()).append("\r\n");
            for (Map.Entry<String, String> e : a.annotations().entrySet()) {
                sb.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
            }
            sb.append("  labels: ").append(psutil4j.agent.tsdb.Labels.format(a.labels())).append("\r\n");
            sb.append("  since: ").append(a.firedAt().orElse(a.activeAt()));
            a.resolvedAt().ifPresent(r -> sb.append(", resolved: ").append(r));
            sb.append("\r\n  source: ").append(a.generatorURL()).append("\r\n\r\n");
        }
        if (externalUrl != null && !externalUrl.isEmpty()) {
            sb.append("Sent by psutil4j-agent at ").append(externalUrl).append("\r\n");
        }
        return sb.toString();
    }

    /** The header block of a message to {@code config}'s recipients, ending with the empty line. */
    static String headers(NotifierConfig.Email config, String subject, String contentType, String transferEncoding) {
        var sb = new StringBuilder();
        header(sb, "From", config.from());
        header(sb, "To", String.join(", ", config.to()));
        header(sb, "Subject", encodeHeader(subject));
        header(sb, "Date", ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        header(sb, "Message-ID", "<" + UUID.randomUUID() + "@psutil4j>");
        header(sb, "MIME-Version", "1.0");
        header(sb, "Content-Type", contentType);
        header(sb, "Content-Transfer-Encoding", transferEncoding);
        return sb.append("\r\n").toString();
    }

    private static void header(StringBuilder sb, String name, String value) {
        sb.append(name).append(": ").append(value.replace("\r", " ").replace("\n", " ")).append("\r\n");
    }

    /** RFC 2047 for a non-ASCII subject. */
    private static String encodeHeader(String s) {
        if (s.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return s;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** Normalises line endings to CRLF, doubles leading dots, ends with CRLF. */
    static String dotStuff(String body) {
        var sb = new StringBuilder();
        for (String line : body.replace("\r\n", "\n").split("\n", -1)) {
            if (line.startsWith(".")) {
                sb.append('.');
            }
            sb.append(line).append("\r\n");
        }
        String s = sb.toString();
        return s.endsWith("\r\n\r\n") ? s.substring(0, s.length() - 2) : s;
    }

    /** One SMTP connection's line protocol. */
    private static final class Conn {
        private final NotifierConfig.Email config;
        private final BufferedReader in;
        private final OutputStream out;

        Conn(NotifierConfig.Email config, Socket s) throws IOException {
            this.config = config;
            this.in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            this.out = s.getOutputStream();
        }

        void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Sends a command (if any) and reads a possibly multi-line reply, which must have code {@code want}. */
        List<String> expect(int want, String command) throws IOException {
            if (command != null) {
                write(command + "\r\n");
            }
            var lines = new java.util.ArrayList<String>();
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    throw new IOException("SMTP server " + config.host() + " closed the connection"
                            + (command == null ? "" : " after " + redact(command)));
                }
                if (line.length() < 3) {
                    throw new IOException("bad SMTP reply: " + line);
                }
                lines.add(line.length() > 4 ? line.substring(4) : "");
                if (line.length() == 3 || line.charAt(3) != '-') {
                    int code = Integer.parseInt(line.substring(0, 3));
                    if (code != want && !(want == 250 && code == 251)) {
                        throw new IOException("SMTP " + (command == null ? "" : redact(command) + ": ") + line);
                    }
                    return lines;
                }
            }
        }

        private static String redact(String command) {
            return command.startsWith("AUTH") ? "AUTH PLAIN ***" : command;
        }
    }

    @Override
    public String toString() {
        return "email " + config.host() + ":" + config.port();
    }
}
