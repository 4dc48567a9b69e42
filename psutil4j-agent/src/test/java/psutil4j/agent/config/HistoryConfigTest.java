package psutil4j.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import psutil4j.agent.rules.NotifierConfig;

/** The {@code history:} and {@code report:} sections of the agent's config. */
class HistoryConfigTest {

    private static AgentConfig parse(String yaml) {
        return ConfigLoader.parse("agent.yml", new StringReader(yaml), Path.of("/etc/psutil4j"));
    }

    private static String refused(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void historyCapsAndSwitch() {
        assertEquals(HistoryConfig.defaults(), AgentConfig.defaults().history());
        assertEquals(new HistoryConfig(false, 2, 3, 0, 1_000),
                parse("history:\n  enabled: false\n  disks: 2\n  nics: 3\n  filesystems: 0\n  process_groups: 1_000\n").history());
        assertEquals(new HistoryConfig(true, 8, 1, 16, 10), parse("history: {nics: 1}").history());
        assertEquals("agent.yml:3: unknown key 'history.disk' (known: enabled, disks, nics, filesystems, process_groups)",
                refused("interval: 5s\nhistory:\n  disk: 2\n"));
        assertEquals("agent.yml:2: history.nics must be 0..1000, got 1001", refused("history:\n  nics: 1001\n"));
        assertEquals("agent.yml:1: history.enabled must be true or false", refused("history: {enabled: maybe}"));
        assertEquals("agent.yml:1: history must be a mapping (enabled, disks, nics, filesystems, process_groups)",
                refused("history: 5"));
        assertEquals("agent.yml:3: duplicate key 'history.disks'", refused("history:\n  disks: 1\n  disks: 2\n"));
    }

    @Test
    void reportScheduleAndMail() {
        var r = parse("""
                report:
                  every: weekly
                  at: "6:30"
                  email:
                    smarthost: mx.example.org:587
                    security: starttls
                    from: agent@example.org
                    to: [ops@example.org]
                """).report().orElseThrow();
        assertEquals(ReportConfig.Every.WEEKLY, r.every());
        assertEquals(LocalTime.of(6, 30), r.at());
        assertEquals(new NotifierConfig.Email("mx.example.org", 587, "agent@example.org", List.of("ops@example.org"),
                java.util.Optional.empty(), java.util.Optional.empty(), NotifierConfig.SmtpSecurity.STARTTLS,
                NotifierConfig.DEFAULT_TIMEOUT), r.email());
        assertEquals("agent.yml:2: report.every must be daily or weekly, not hourly",
                refused("report:\n  every: hourly\n  email: {smarthost: 'a:25', from: a@b, to: c@d}\n"));
        assertEquals("agent.yml:3: report.email: field 'from' is required",
                refused("report:\n  every: daily\n  email: {smarthost: 'a:25', to: c@d}\n"));
        assertEquals("agent.yml:2: report needs 'every' (daily or weekly) and 'email' (smarthost, from, to);"
                + " remove the section for no scheduled report", refused("report:\n  every: daily\n"));
        assertEquals("agent.yml:2: report.at must be a time of day such as \"06:30\", not 25:00",
                refused("report:\n  at: '25:00'\n"));
        assertEquals("agent.yml:2: report needs the history: remove 'history: {enabled: false}'",
                refused("history: {enabled: false}\nreport: {every: daily, email: {smarthost: 'a:25', from: a@b, to: c@d}}\n"));
    }

    @Test
    void nextSendTime() {
        var zone = ZoneId.of("Europe/Paris");
        var email = new NotifierConfig.Email("h", 25, "a@b", List.of("c@d"), java.util.Optional.empty(),
                java.util.Optional.empty(), NotifierConfig.SmtpSecurity.NONE, NotifierConfig.DEFAULT_TIMEOUT);
        var daily = new ReportConfig(ReportConfig.Every.DAILY, LocalTime.of(6, 0), email);
        var wed = ZonedDateTime.of(2026, 3, 4, 5, 0, 0, 0, zone); // a Wednesday
        assertEquals(ZonedDateTime.of(2026, 3, 4, 6, 0, 0, 0, zone), daily.next(wed));
        assertEquals(ZonedDateTime.of(2026, 3, 5, 6, 0, 0, 0, zone), daily.next(wed.withHour(6)));
        var weekly = new ReportConfig(ReportConfig.Every.WEEKLY, LocalTime.MIDNIGHT, email);
        assertEquals(ZonedDateTime.of(2026, 3, 9, 0, 0, 0, 0, zone), weekly.next(wed));
        var monday = ZonedDateTime.of(2026, 3, 9, 0, 0, 0, 0, zone);
        assertEquals(monday.plusWeeks(1), weekly.next(monday));
        // the night clocks go forward in Paris (29 March 2026): 02:30 does not exist, it is 03:30
        var at0230 = new ReportConfig(ReportConfig.Every.DAILY, LocalTime.of(2, 30), email);
        assertEquals(ZonedDateTime.of(2026, 3, 29, 3, 30, 0, 0, zone), at0230.next(ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, zone)));
    }
}
