package psutil4j.agent.tsdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;

class RecentStoreTest {

    private static SampleBatch batch(long t, double idle, double user) {
        return new SampleBatch(t, List.of(
                new Sample("node_cpu_seconds_total", Map.of("cpu", "0", "mode", "idle"), idle),
                new Sample("node_cpu_seconds_total", Map.of("cpu", "0", "mode", "user"), user)));
    }

    @Test
    void selectsByMatchersAndRange() {
        var store = new RecentStore();
        for (int i = 0; i < 10; i++) {
            store.accept(batch(i * 1000L, i, 10 * i));
        }
        List<Series> s = store.select(List.of(Matcher.eq("__name__", "node_cpu_seconds_total"),
                Matcher.of("mode", Matcher.Op.RE, "id.*")), 3000, 5000);
        assertEquals(1, s.size());
        assertEquals("idle", s.get(0).labels().get("mode"));
        assertEquals("node_cpu_seconds_total", s.get(0).labels().get("__name__"));
        assertArrayEquals(new long[] {3000, 4000, 5000}, s.get(0).timestamps());
        assertArrayEquals(new double[] {3, 4, 5}, s.get(0).values());
        assertEquals(2, store.select(List.of(Matcher.of("mode", Matcher.Op.NE, "x")), 0, 0).size());
        assertEquals(0, store.select(List.of(Matcher.of("mode", Matcher.Op.NRE, "idle|user")), 0, 9000).size());
        assertEquals(0, store.select(List.of(Matcher.eq("mode", "idle")), 10_000, 20_000).size());
    }

    @Test
    void regexIsFullyAnchored() {
        var m = Matcher.of("mode", Matcher.Op.RE, "id");
        assertEquals(false, m.matches(Map.of("mode", "idle")));
        assertEquals(true, Matcher.of("mode", Matcher.Op.RE, "idle|user").matches(Map.of("mode", "user")));
        assertEquals(true, Matcher.eq("missing", "").matches(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Matcher.of("a", Matcher.Op.RE, "("));
    }

    @Test
    void dropsPointsAndSeriesOlderThanRetention() {
        var store = new RecentStore(Duration.ofSeconds(10), 100);
        for (int i = 0; i < 1000; i++) {
            store.accept(batch(i * 1000L, i, i));
        }
        Series s = store.select(List.of(Matcher.eq("mode", "idle")), 0, Long.MAX_VALUE).get(0);
        assertEquals(11, s.size()); // 989 s .. 999 s
        assertEquals(989_000, s.timestamps()[0]);
        store.accept(new SampleBatch(2_000_000, List.of(Sample.of("other", 1))));
        assertEquals(1, store.seriesCount());
    }

    @Test
    void capsTheNumberOfSeriesAndIgnoresOutOfOrderPoints() {
        var store = new RecentStore(Duration.ofHours(1), 1);
        store.accept(batch(1000, 1, 1));
        assertEquals(1, store.seriesCount());
        assertEquals(1, store.droppedSeries());
        store.append(Map.of("__name__", "node_cpu_seconds_total", "cpu", "0", "mode", "idle"), 500, 9);
        assertArrayEquals(new double[] {1}, store.select(List.of(Matcher.eq("mode", "idle")), 0, 5000).get(0).values());
    }

    @Test
    void aSeriesMissingFromACollectionEndsThere() {
        var store = new RecentStore(Duration.ofHours(1), 100);
        store.accept(new SampleBatch(1000, List.of(Sample.of("up", 1), Sample.of("gone", 1))));
        store.accept(new SampleBatch(2000, List.of(Sample.of("up", 1))));
        // the instant view no longer has it; the range view keeps its real points, not the marker
        assertEquals(0, store.selectInstant(List.of(Matcher.eq("__name__", "gone")), 0, 5000).size());
        assertEquals(1, store.selectInstant(List.of(Matcher.eq("__name__", "up")), 0, 5000).size());
        Series range = store.select(List.of(Matcher.eq("__name__", "gone")), 0, 5000).get(0);
        assertArrayEquals(new double[] {1}, range.values());
        // back again: a value again
        store.accept(new SampleBatch(3000, List.of(Sample.of("up", 1), Sample.of("gone", 2))));
        double[] v = store.selectInstant(List.of(Matcher.eq("__name__", "gone")), 0, 5000).get(0).values();
        assertEquals(2.0, v[v.length - 1]);
    }
}
