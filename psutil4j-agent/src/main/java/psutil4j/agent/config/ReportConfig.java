package psutil4j.agent.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import psutil4j.agent.rules.NotifierConfig;

/**
 * The {@code report:} section: e-mail the service-quality report (CPU, memory, disk, network over
 * the last day or week) on a schedule.
 *
 * @param every daily (each day at {@code at}, covering the day before) or weekly (Mondays at
 *              {@code at}, covering the week before)
 * @param at    the local time of day it is sent
 * @param email the SMTP settings, as an {@code email} notifier's (smarthost, from, to, ...)
 */
public record ReportConfig(Every every, LocalTime at, NotifierConfig.Email email) {

    /** The keys of the {@code report:} mapping. */
    public static final List<String> KEYS = List.of("every", "at", "email");

    /** How often the report is sent. */
    public enum Every {
        DAILY(Duration.ofDays(1)), WEEKLY(Duration.ofDays(7));

        private final Duration range;

        Every(Duration range) {
            this.range = range;
        }

        /** The period a report covers: one day or one week. */
        public Duration range() {
            return range;
        }
    }

    public ReportConfig {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(email, "email");
    }

    /** The first send time strictly after {@code now}: the next {@code at} (on a Monday when weekly). */
    public ZonedDateTime next(ZonedDateTime now) {
        ZonedDateTime t = now.with(at).withSecond(0).withNano(0);
        if (every == Every.WEEKLY) {
            t = t.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        }
        while (!t.isAfter(now)) {
            t = every == Every.WEEKLY ? t.plusWeeks(1) : t.plusDays(1);
        }
        return t;
    }

    /** Parses the {@code report:} mapping; ConfigException with the line of what is wrong. */
    static ReportConfig parse(String file, Node v) {
        if (!(v instanceof MappingNode map)) {
            throw new ConfigException(file, ConfigLoader.line(v), "report must be a mapping (every, at, email)");
        }
        Every every = null;
        LocalTime at = LocalTime.MIDNIGHT;
        NotifierConfig.Email email = null;
        var seen = new java.util.HashSet<String>();
        for (NodeTuple t : map.getValue()) {
            String key = ConfigLoader.key(file, t, KEYS, "report.", seen);
            Node n = t.getValueNode();
            try {
                switch (key) {
                    case "every" -> {
                        String s = ConfigLoader.scalar(n, "report.every", "daily or weekly");
                        every = switch (s) {
                            case "daily" -> Every.DAILY;
                            case "weekly" -> Every.WEEKLY;
                            default -> throw new IllegalArgumentException("report.every must be daily or weekly, not " + s);
                        };
                    }
                    case "at" -> {
                        String s = ConfigLoader.scalar(n, "report.at", "a time of day such as \"06:30\"");
                        try {
                            at = LocalTime.parse(s.length() == 4 ? "0" + s : s);
                        } catch (DateTimeParseException e) {
                            throw new IllegalArgumentException("report.at must be a time of day such as \"06:30\", not " + s);
                        }
                    }
                    default -> {
                        if (!(ConfigLoader.plain(n) instanceof Map<?, ?> m)) {
                            throw new IllegalArgumentException("report.email must be a mapping (smarthost, from, to, ...)");
                        }
                        var withType = new LinkedHashMap<String, Object>();
                        withType.put("type", "email");
                        m.forEach((k, x) -> withType.put(String.valueOf(k), x));
                        try {
                            email = (NotifierConfig.Email) NotifierConfig.fromMap(withType);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("report." + e.getMessage().replace("email notifier: ", "email: "));
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, ConfigLoader.line(n), e.getMessage());
            }
        }
        if (every == null || email == null) {
            throw new ConfigException(file, ConfigLoader.line(v), "report needs 'every' (daily or weekly) and 'email'"
                    + " (smarthost, from, to); remove the section for no scheduled report");
        }
        return new ReportConfig(every, at, email);
    }
}
