package psutil4j.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import psutil4j.agent.tsdb.Labels;
import psutil4j.agent.tsdb.RecentStore;

/** The evaluator against hand-computed values on synthetic series with 15 s steps. */
class PromQLTest {

    private RecentStore store;
    private Evaluator ev;

    private void series(String labels, long stepMillis, double... values) {
        var l = PromQL.parseSeries(labels);
        for (int i = 0; i < values.length; i++) {
            store.append(l, i * stepMillis, values[i]);
        }
    }

    @BeforeEach
    void setUp() {
        store = new RecentStore();
        ev = new Evaluator(store);
        // Counters: idle grows 0.9/s on cpu 0 and 0.5/s on cpu 1; user grows 0.1/s and 0.5/s.
        double[] idle0 = new double[21];
        double[] idle1 = new double[21];
        double[] user0 = new double[21];
        double[] user1 = new double[21];
        for (int i = 0; i <= 20; i++) {
            idle0[i] = 13.5 * i;
            idle1[i] = 7.5 * i;
            user0[i] = 1.5 * i;
            user1[i] = 7.5 * i;
        }
        series("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}", 15_000, idle0);
        series("node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"}", 15_000, idle1);
        series("node_cpu_seconds_total{cpu=\"0\",mode=\"user\"}", 15_000, user0);
        series("node_cpu_seconds_total{cpu=\"1\",mode=\"user\"}", 15_000, user1);
        series("mem_avail{host=\"a\"}", 15_000, 100, 90, 80, 70, 60);
        series("mem_total{host=\"a\"}", 15_000, 1000, 1000, 1000, 1000, 1000);
        series("gauge", 60_000, 1, 5, 3, 9, 2);
    }

    private Map<String, Double> at(String expr, long t) {
        var v = ev.evalVector(PromQL.parse(expr), t);
        return v.elements().stream().collect(Collectors.toMap(e -> Labels.format(e.labels()), Value.Element::value,
                (a, b) -> { throw new AssertionError("duplicate"); }, TreeMap::new));
    }

    private double one(String expr, long t) {
        var m = at(expr, t);
        assertEquals(1, m.size(), () -> expr + " -> " + m);
        return m.values().iterator().next();
    }

    @Test
    void instantSelectorTakesTheNewestPointInTheLookback() {
        assertEquals(Map.of("mem_avail{host=\"a\"}", 60.0), at("mem_avail", 60_000));
        assertEquals(80, one("mem_avail", 40_000)); // newest at or before 40 s is the 30 s point
        assertEquals(60, one("mem_avail", 60_000 + 299_000));
        assertTrue(at("mem_avail", 60_000 + 300_000).isEmpty()); // lookback (t-5m, t] excludes it
        assertEquals(70, one("mem_avail offset 15s", 60_000));
    }

    @Test
    void rateOnAlignedCounterIsExact() {
        // 5m window (0, 300s] at t=300s: points 15s..300s, 20 points, first 13.5, last 270, span 285 s.
        // durationToStart 15 s < 1.1*15: extrapolate to the start but not below zero: durationToZero
        // = 285 * 13.5/256.5 = 15 s; end distance 0. So increase = 256.5 * 300/285 = 270, rate 0.9.
        assertEquals(0.9, one("rate(node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}[5m])", 300_000), 1e-12);
        assertEquals(270, one("increase(node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}[5m])", 300_000), 1e-9);
        assertEquals(0.9, one("irate(node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}[1m])", 300_000), 1e-12);
        var m = at("rate(node_cpu_seconds_total[5m])", 300_000);
        assertEquals(4, m.size());
        assertTrue(m.keySet().stream().noneMatch(k -> k.startsWith("node_")), "rate drops the name");
    }

    @Test
    void rateExtrapolatesByHalfAnIntervalWhenTheWindowEdgeIsFar() {
        // A counter with points every 60 s: 0@0 10@60 20@120 (a fresh series). Window [5m] at 150 s:
        // (−150 s, 150 s]: points at 0, 60, 120; sampled 120 s, avg 60 s; to start 150 s > 66 s but
        // durationToZero = 120 * 0/20 = 0 -> start extrapolation 0; to end 30 s < 66 s -> +30 s.
        // increase = 20 * 150/120 = 25.
        series("c_total", 60_000, 0, 10, 20);
        assertEquals(25, one("increase(c_total[5m])", 150_000), 1e-9);
        // Starting at 100: durationToZero = 120*100/20 = 600 s > 150 s, so start side is 150 s, which is
        // over the 66 s threshold: extrapolate by half an interval (30 s). (20 * (120+30+30)/120 = 30.)
        series("d_total", 60_000, 100, 110, 120);
        assertEquals(30, one("increase(d_total[5m])", 150_000), 1e-9);
        assertEquals(30 / 300.0, one("rate(d_total[5m])", 150_000), 1e-12);
    }

    @Test
    void counterResetsAreAddedBack() {
        series("r_total", 60_000, 10, 20, 5, 15);
        // raw delta 5, plus 20 at the reset = 25, over points 0..180 s; window at 180 s [3m]: (0, 180]
        // excludes the point at 0: 20, 5, 15 -> 15-20 = -5 + 20 = 15 across 120 s; durationToZero = 120*20/15
        // = 160 > 60 to start; 60 < 66 -> extrapolate 60 s; end 0. 15 * 180/120 = 22.5.
        assertEquals(22.5, one("increase(r_total[3m])", 180_000), 1e-9);
        assertEquals(10 / 60.0, one("irate(r_total[3m])", 180_000), 1e-12); // 5 -> 15 in 60 s
        assertEquals(1, one("resets(r_total[5m])", 180_000));
        assertEquals(3, one("changes(r_total[5m])", 180_000));
    }

    @Test
    void overTimeFunctions() {
        // gauge: 1@0 5@60 3@120 9@180 2@240; [3m] at 240 s is (60, 240]: 3, 9, 2
        assertEquals(14 / 3.0, one("avg_over_time(gauge[3m])", 240_000), 1e-12);
        assertEquals(2, one("min_over_time(gauge[3m])", 240_000));
        assertEquals(9, one("max_over_time(gauge[3m])", 240_000));
        assertEquals(14, one("sum_over_time(gauge[3m])", 240_000));
        assertEquals(3, one("count_over_time(gauge[3m])", 240_000));
        assertEquals(2, one("last_over_time(gauge[3m])", 240_000));
        assertEquals(-7, one("idelta(gauge[2m])", 240_000));
        assertTrue(at("delta(gauge[1m])", 240_000).isEmpty(), "one point: no result");
        // delta over (0, 240]: 5, 3, 9, 2: -3 over 180 s, both edges within 1.1*60: -3 * 240/180
        assertEquals(-4, one("delta(gauge[4m])", 240_000), 1e-12);
    }

    @Test
    void predictLinearAndDeriv() {
        // mem_avail falls 10 per 15 s: 100@0 .. 60@60. At t=60 s, in 4 min it would be 60 - 160 = -100.
        assertEquals(-100, one("predict_linear(mem_avail[1m] offset 0s, 240)", 60_000), 1e-9);
        assertEquals(-10 / 15.0, one("deriv(mem_avail[5m])", 60_000), 1e-12);
        assertEquals(60, one("predict_linear(mem_total[5m], 3600) - 940", 60_000), 1e-9);
    }

    @Test
    void aggregationsByAndWithout() {
        long t = 300_000;
        assertEquals(Map.of("{cpu=\"0\"}", 1.0, "{cpu=\"1\"}", 1.0),
                rounded(at("sum by (cpu) (rate(node_cpu_seconds_total[5m]))", t)));
        assertEquals(Map.of("{mode=\"idle\"}", 0.7, "{mode=\"user\"}", 0.3),
                rounded(at("avg without (cpu) (rate(node_cpu_seconds_total[5m]))", t)));
        assertEquals(0.3, one("1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))", t), 1e-12);
        assertEquals(4, one("count(node_cpu_seconds_total)", t));
        assertEquals(0.1, one("min(rate(node_cpu_seconds_total[5m]))", t), 1e-12);
        assertEquals(0.9, one("max(rate(node_cpu_seconds_total[5m])) by (nothing)", t), 1e-12);
        assertEquals(2, at("topk(2, rate(node_cpu_seconds_total[5m]))", t).size());
        assertEquals(0.2, one("stddev(rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))", t), 1e-12);
    }

    private static Map<String, Double> rounded(Map<String, Double> m) {
        var out = new TreeMap<String, Double>();
        m.forEach((k, v) -> out.put(k, Math.round(v * 1e9) / 1e9));
        return out;
    }

    @Test
    void arithmeticAndComparison() {
        long t = 60_000;
        assertEquals(0.06, one("mem_avail / mem_total", t), 1e-12);
        assertEquals(Map.of("{host=\"a\"}", 0.06), at("mem_avail / mem_total < 0.1", t));
        assertTrue(at("mem_avail / mem_total > 0.1", t).isEmpty());
        assertEquals(Map.of("mem_avail{host=\"a\"}", 60.0), at("mem_avail < 100", t), "a filter keeps the name");
        assertEquals(Map.of("{host=\"a\"}", 0.0), at("mem_avail > bool 100", t));
        assertEquals(1, one("2 > bool 1", t));
        assertEquals(-4, one("-2 ^ 2", t));
        assertEquals(512, one("2 ^ 3 ^ 2", t));
        assertEquals(7, one("1 + 2 * 3", t));
        assertEquals(1, one("(1 + 2) % 2", t));
        assertEquals(14400, one("4*3600", t));
        assertEquals(-60, one("-mem_avail", t));
        assertEquals(60, one("abs(-mem_avail)", t));
        assertEquals(300, one("5m", t)); // a duration is a number of seconds
        assertEquals(60, one("time()", t));
        assertEquals(1060, one("mem_avail + on(host) mem_total", t));
        assertEquals(Map.of("{host=\"a\"}", 1060.0), at("mem_avail + ignoring(nothing) mem_total", t));
        assertEquals(0, at("mem_avail + on() node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}", t).size() - 1);
    }

    @Test
    void setOperatorsAndAbsent() {
        long t = 60_000;
        assertEquals(1, at("mem_avail and mem_total", t).size());
        assertEquals(0, at("mem_avail unless mem_total", t).size());
        assertEquals(2, at("mem_avail or gauge", t).size());
        assertEquals(Map.of("{job=\"x\"}", 1.0), at("absent(nope{job=\"x\",a=~\"b\"})", t));
        assertTrue(at("absent(mem_avail)", t).isEmpty());
        assertEquals(1, one("absent_over_time(nope[1m])", t));
    }

    @Test
    void manyToManyIsAnError() {
        assertThrows(Evaluator.EvalException.class,
                () -> ev.eval(PromQL.parse("node_cpu_seconds_total + on(cpu) node_cpu_seconds_total"), 60_000));
    }

    @Test
    void parseErrorsCarryTheColumn() {
        var e = assertThrows(PromQLException.class, () -> PromQL.parse("rate(foo[5m]) > "));
        assertEquals(17, e.column());
        assertEquals("1:17: parse error: unexpected end of input", e.getMessage());
        e = assertThrows(PromQLException.class, () -> PromQL.parse("rate(foo) > 1"));
        assertEquals(6, e.column());
        assertTrue(e.getMessage().contains("expected type range vector in call to function \"rate\", got instant vector"));
        e = assertThrows(PromQLException.class, () -> PromQL.parse("foo{a~\"b\"}"));
        assertEquals(6, e.column());
        e = assertThrows(PromQLException.class, () -> PromQL.parse("nosuch(foo)"));
        assertEquals("1:1: parse error: unknown function with name \"nosuch\"", e.getMessage());
        e = assertThrows(PromQLException.class, () -> PromQL.parse("1 > 2"));
        assertTrue(e.getMessage().contains("BOOL"));
        e = assertThrows(PromQLException.class, () -> PromQL.parse("foo\n  + bar{x=~\"(\"}"));
        assertEquals(2, e.line());
        assertEquals(12, e.column());
        assertThrows(PromQLException.class, () -> PromQL.parse("{a=\"\"}"));
        assertThrows(PromQLException.class, () -> PromQL.parse("foo[5x]"));
        assertThrows(PromQLException.class, () -> PromQL.parse("rate(foo[5m:1m])"));
        assertThrows(PromQLException.class, () -> PromQL.parse("a + on(b) group_left c"));
        assertInstanceOf(Expr.Aggregate.class, PromQL.parse("sum without (a, b,) (x)"));
    }

    @Test
    void durations() {
        assertEquals(5_400_000, PromQL.parseDuration("1h30m"));
        assertEquals(250, PromQL.parseDuration("250ms"));
        assertEquals(604_800_000L + 86_400_000L, PromQL.parseDuration("1w1d"));
        assertEquals(365 * 86_400_000L, PromQL.parseDuration("1y"));
        assertThrows(IllegalArgumentException.class, () -> PromQL.parseDuration("5"));
        assertEquals(List.of(), List.of());
    }
}
