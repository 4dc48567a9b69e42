package psutil4j.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;
import psutil4j.agent.tsdb.RecentStore;

/** Rule files and the alert state machine, driven by batches with a fake clock (the batch times). */
class RuleEngineTest {

    private static final String RULES = """
            groups:
              - name: mem
                rules:
                  - alert: MemoryLow
                    expr: mem_avail / mem_total < 0.1
                    for: 2m
                    labels:
                      severity: warning
                      source: "{{ $labels.host }}"
                    annotations:
                      summary: "{{ $labels.host }} has {{ $value | humanizePercentage }} free"
                  - record: host:mem_free:ratio
                    expr: mem_avail / mem_total
            """;

    private static SampleBatch batch(long t, double avail) {
        return new SampleBatch(t, List.of(new Sample("mem_avail", Map.of("host", "a"), avail),
                new Sample("mem_total", Map.of("host", "a"), 1000)));
    }

    @Test
    void pendingThenFiringAfterForThenResolved() {
        List<RuleGroup> groups = RuleFiles.parse("mem.yml", RULES);
        var store = new RecentStore();
        var sent = new ArrayList<List<Alert>>();
        var errs = new ArrayList<String>();
        var engine = new RuleEngine(groups, store, List.of(sent::add), "http://h:9100", errs::add, true);

        engine.accept(batch(0, 500));
        assertTrue(engine.alerts().isEmpty());

        engine.accept(batch(60_000, 50)); // true: pending
        assertEquals(AlertState.PENDING, engine.alerts().get(0).state());
        assertTrue(sent.isEmpty(), "pending is not notified");

        engine.accept(batch(120_000, 40)); // 1 min pending
        assertEquals(AlertState.PENDING, engine.alerts().get(0).state());

        List<AlertTransition> tr = engine.evaluate(180_000, true); // no new data: lookback still sees 40
        assertEquals(1, tr.size());
        assertEquals(AlertState.FIRING, tr.get(0).to());
        assertEquals(1, sent.size());
        Alert a = sent.get(0).get(0);
        assertEquals(Map.of("alertname", "MemoryLow", "host", "a", "severity", "warning", "source", "a"), a.labels());
        assertEquals("a has 4% free", a.annotations().get("summary"));
        assertEquals(60_000, a.activeAt().toEpochMilli());
        assertEquals(180_000, a.firedAt().orElseThrow().toEpochMilli());
        assertTrue(a.generatorURL().startsWith("http://h:9100/graph?g0.expr=mem_avail+%2F+mem_total"));

        engine.accept(batch(240_000, 900)); // false: resolved
        assertEquals(2, sent.size());
        Alert r = sent.get(1).get(0);
        assertEquals(AlertState.RESOLVED, r.state());
        assertEquals(240_000, r.resolvedAt().orElseThrow().toEpochMilli());
        assertTrue(engine.alerts().isEmpty());
        assertTrue(errs.isEmpty(), errs::toString);

        // The recording rule wrote its series back.
        var rec = store.select(List.of(psutil4j.agent.tsdb.Matcher.eq("__name__", "host:mem_free:ratio")), 0, 240_000);
        assertEquals(0.9, rec.get(0).values()[rec.get(0).size() - 1], 1e-12);
    }

    @Test
    void pendingThatStopsIsDroppedWithoutNotification() {
        var sent = new ArrayList<List<Alert>>();
        var engine = new RuleEngine(RuleFiles.parse("mem.yml", RULES), new RecentStore(), List.of(sent::add), "",
                e -> { }, true);
        engine.accept(batch(0, 50));
        List<AlertTransition> tr = engine.evaluate(60_000, true);
        assertTrue(tr.isEmpty());
        engine.accept(batch(90_000, 500));
        assertTrue(engine.alerts().isEmpty());
        assertTrue(sent.isEmpty());
    }

    @Test
    void forZeroFiresAtOnceAndGroupIntervalIsHonoured() {
        String yml = """
                groups:
                  - name: g
                    interval: 1m
                    rules:
                      - alert: Low
                        expr: mem_avail < 100
                """;
        var sent = new ArrayList<List<Alert>>();
        var engine = new RuleEngine(RuleFiles.parse("g.yml", yml), new RecentStore(), List.of(sent::add), "",
                e -> { }, true);
        engine.accept(batch(0, 500));
        engine.accept(batch(15_000, 50)); // not due: interval 1m since the evaluation at 0
        assertTrue(sent.isEmpty());
        engine.accept(batch(60_000, 50));
        assertEquals(1, sent.size());
        assertEquals(AlertState.FIRING, sent.get(0).get(0).state());
        assertEquals("mem_avail{host=\"a\"}".length(), "mem_avail{host=\"a\"}".length());
    }

    @Test
    void ruleFileErrorsCarryFileAndLine() {
        String bad = """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: rate(foo) > 1
                      - alert: B
                        expr: up == 0
                        for: 5x
                      - alert: C
                        exp: up
                      - record: 'bad name'
                        expr: up
                      - alert: D
                        expr: up
                        annotations:
                          x: "{{ $value | nosuch }}"
                  - name: g
                    rules: []
                """;
        var e = assertThrows(RuleFileException.class, () -> RuleFiles.parse("bad.yml", bad));
        var errs = e.errors();
        assertTrue(errs.get(0).startsWith("bad.yml:5: A: 1:6: parse error: expected type range vector"), errs::toString);
        assertTrue(errs.get(1).startsWith("bad.yml:8: for: not a valid duration"), errs::toString);
        assertTrue(errs.get(2).startsWith("bad.yml:10: field exp not found"), errs::toString);
        assertTrue(errs.stream().anyMatch(s -> s.startsWith("bad.yml:9: field 'expr' must be set")), errs::toString);
        assertTrue(errs.stream().anyMatch(s -> s.startsWith("bad.yml:11: invalid recording rule name")), errs::toString);
        assertTrue(errs.stream().anyMatch(s -> s.startsWith("bad.yml:16: annotation x: function \"nosuch\"")), errs::toString);
        assertTrue(errs.stream().anyMatch(s -> s.startsWith("bad.yml:17: groupname: \"g\" is repeated")), errs::toString);
        var y = assertThrows(RuleFileException.class, () -> RuleFiles.parse("y.yml", "groups:\n  - name: [\n"));
        assertTrue(y.getMessage().startsWith("y.yml:"), y::getMessage);
    }

    @Test
    void multiLineExpressionErrorsPointAtTheLine() {
        String yml = """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: |
                          sum(rate(x[5m]))
                            > bool bool 1
                """;
        var e = assertThrows(RuleFileException.class, () -> RuleFiles.parse("m.yml", yml));
        assertTrue(e.getMessage().startsWith("m.yml:7: A: 2:"), e::getMessage);
    }

    @Test
    void templates() {
        var labels = Map.of("host", "a", "mountpoint", "/");
        assertEquals("a / 1.234k", Template.expand("{{ $labels.host }} {{ .Labels.mountpoint }} {{ $value | humanize }}",
                labels, 1234.5)); // 1.2345 is 1.23449999... in binary, as Go rounds it
        assertEquals("12.35%", Template.expand("{{ humanizePercentage $value }}", labels, 0.12345));
        assertEquals("1h 1m 1s", Template.expand("{{ $value | humanizeDuration }}", labels, 3661));
        assertEquals("2Gi", Template.expand("{{ $value | humanize1024 }}", labels, 2 * 1024.0 * 1024 * 1024));
        assertEquals("0.50", Template.expand("{{ printf \"%.2f\" $value }}", labels, 0.5));
        assertEquals("x=0.25", Template.expand("x={{- \" \" -}}  {{$value}}", labels, 0.25).replace(" ", ""));
        assertEquals("A", Template.expand("{{ index $labels \"host\" | toUpper }}", labels, 0));
        assertEquals("{host=\"a\", mountpoint=\"/\"}", Template.expand("{{ $labels }}", labels, 0));
        assertEquals("1.5m", Template.humanize(0.0015, 1000));
        assertEquals("1e+30", Template.g4(1e30));
        // {{ $value }} prints as Go's %v: exponent form from 1e6 and below 1e-4.
        assertEquals("1e+06", Template.expand("{{ $value }}", labels, 1e6));
        assertEquals("123456", Template.expand("{{ $value }}", labels, 123456));
        assertEquals("1.234567e+06", Template.g(1234567));
        assertEquals("0.0001", Template.g(0.0001));
        assertEquals("1.5e-05", Template.g(0.000015));
        assertEquals("0.05", Template.g(0.05));
        assertEquals("-2.5", Template.g(-2.5));
        assertThrows(IllegalArgumentException.class, () -> Template.validate("{{ $value"));
        assertThrows(IllegalArgumentException.class, () -> Template.validate("{{ range .Alerts }}"));
    }

    @Test
    void fingerprintIsAlertmanagers() {
        // FNV-1a 64 of "" is the offset basis; one label adds name 0xff value 0xff.
        assertEquals("cbf29ce484222325", Alert.fingerprint(Map.of()));
        assertEquals(Alert.fingerprint(Map.of("a", "b", "c", "d")), Alert.fingerprint(Map.of("c", "d", "a", "b")));
        assertTrue(!Alert.fingerprint(Map.of("a", "bc")).equals(Alert.fingerprint(Map.of("ab", "c"))));
    }

    @Test
    void requiredRetentionCoversTheLongestRange() {
        var groups = RuleFiles.parse("r.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: Disk
                        expr: predict_linear(x[6h] offset 1h, 3600) < 0
                """);
        assertEquals(7 * 3600_000L + 300_000, RuleEngine.requiredRetention(groups).toMillis());
    }
}
