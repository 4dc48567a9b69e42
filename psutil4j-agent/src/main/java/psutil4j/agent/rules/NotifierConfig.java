package psutil4j.agent.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where alerts go. The YAML shape ({@code notifiers:} list in the agent's config, see
 * docs/ALERTS.md) maps one entry to one of these records through {@link #fromMap}.
 */
public sealed interface NotifierConfig {

    /** The default timeout of a delivery. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * POST Alertmanager's webhook payload (version 4) to {@code url}.
     *
     * @param receiver the payload's {@code receiver} field
     * @param headers  extra HTTP headers (e.g. Authorization)
     */
    record Webhook(String url, String receiver, Map<String, String> headers, Duration timeout) implements NotifierConfig {
        public Webhook {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * POST alerts to an Alertmanager's {@code /api/v2/alerts}; firing alerts are re-sent every minute
     * as Prometheus does, so Alertmanager does not resolve them on its own.
     *
     * @param url the Alertmanager's base URL, e.g. {@code http://alertmanager:9093}
     */
    record Alertmanager(String url, Duration timeout) implements NotifierConfig {
    }

    /** How the SMTP connection is secured. */
    enum SmtpSecurity {
        /** Plain text (port 25 on a trusted network). */
        NONE,
        /** Plain connection upgraded with STARTTLS (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        TLS
    }

    /**
     * Send one e-mail per notification over SMTP.
     *
     * @param host     the SMTP server
     * @param port     its port
     * @param from     the envelope and header sender
     * @param to       the recipients
     * @param username for AUTH PLAIN, if the server needs it
     * @param password for AUTH PLAIN
     * @param security NONE, STARTTLS or TLS
     */
    record Email(String host, int port, String from, List<String> to, Optional<String> username, Optional<String> password,
                 SmtpSecurity security, Duration timeout) implements NotifierConfig {
        public Email {
            to = List.copyOf(to);
            if (to.isEmpty()) {
                throw new IllegalArgumentException("email notifier: 'to' must list at least one address");
            }
        }
    }

    /**
     * Run a program (never through a shell) with the webhook JSON payload on its standard input;
     * killed after {@code timeout}.
     *
     * @param command the argv: program path and arguments
     */
    record Exec(List<String> command, Duration timeout) implements NotifierConfig {
        public Exec {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("exec notifier: 'command' must not be empty");
            }
        }
    }

    /**
     * A config from one parsed YAML/JSON entry ({@code type: webhook|alertmanager|email|exec} and
     * that type's fields).
     *
     * @throws IllegalArgumentException on a missing or unknown field
     */
    public static NotifierConfig fromMap(Map<String, ?> m) {
        Object type = m.get("type");
        Duration timeout = m.containsKey("timeout")
                ? Duration.ofMillis(PromQL.parseDuration(String.valueOf(m.get("timeout")))) : DEFAULT_TIMEOUT;
        var allowed = switch (String.valueOf(type)) {
            case "webhook" -> List.of("type", "url", "receiver", "headers", "timeout");
            case "alertmanager" -> List.of("type", "url", "timeout");
            case "email" -> List.of("type", "smarthost", "from", "to", "username", "password", "security", "timeout");
            case "exec" -> List.of("type", "command", "timeout");
            default -> throw new IllegalArgumentException("notifier type must be webhook, alertmanager, email or exec, not "
                    + type);
        };
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(type + " notifier: unknown field '" + k + "' (allowed: " + allowed + ")");
            }
        }
        return switch (String.valueOf(type)) {
            case "webhook" -> new Webhook(req(m, "url"), m.containsKey("receiver") ? req(m, "receiver") : "psutil4j",
                    strings(m.get("headers")), timeout);
            case "alertmanager" -> new Alertmanager(req(m, "url"), timeout);
            case "email" -> {
                String host = req(m, "smarthost");
                int colon = host.lastIndexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("email notifier: smarthost must be host:port, not " + host);
                }
                Object to = m.get("to");
                List<String> tos = to instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                        : to == null ? List.of() : List.of(String.valueOf(to).split("\\s*,\\s*"));
                var security = SmtpSecurity.valueOf(String.valueOf(m.containsKey("security") ? m.get("security") : "none")
                        .toUpperCase(java.util.Locale.ROOT));
                yield new Email(host.substring(0, colon), Integer.parseInt(host.substring(colon + 1)), req(m, "from"), tos,
                        Optional.ofNullable(m.get("username")).map(String::valueOf),
                        Optional.ofNullable(m.get("password")).map(String::valueOf), security, timeout);
            }
            default -> {
                if (!(m.get("command") instanceof List<?> argv)) {
                    throw new IllegalArgumentException("exec notifier: command must be a list (argv), it is never run by a shell");
                }
                yield new Exec(argv.stream().map(String::valueOf).toList(), timeout);
            }
        };
    }

    private static String req(Map<String, ?> m, String k) {
        Object v = m.get(k);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new IllegalArgumentException(m.get("type") + " notifier: field '" + k + "' is required");
        }
        return String.valueOf(v);
    }

    private static Map<String, String> strings(Object o) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("headers must be a mapping");
        }
        var out = new java.util.LinkedHashMap<String, String>();
        m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}
