package psutil4j.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import psutil4j.agent.model.HistorySource;

class HistoryApiTest {

    private static final HistorySource.Chart LOAD = new HistorySource.Chart("load", "Load", "load", List.of("load1", "load5"));

    /** A source with one chart whose step follows the range asked, as a tiered store's does. */
    private static final HistorySource FAKE = new HistorySource() {
        @Override
        public List<Chart> charts() {
            return List.of(LOAD);
        }

        @Override
        public Optional<Window> query(String id, Duration range) {
            if (!id.equals("load")) {
                return Optional.empty();
            }
            long step = range.toSeconds() <= 7200 ? 5 : 60;
            double[][] avg = {{1.5, Double.NaN, 0.25}, {2, 2, 2}};
            return Optional.of(new Window(LOAD, 1_000_000, step, avg, avg, avg));
        }
    };

    @Test
    void listsCharts() {
        assertEquals("{\"charts\":[{\"id\":\"load\",\"title\":\"Load\",\"unit\":\"load\",\"lines\":[\"load1\",\"load5\"]}]}\n",
                HistoryApi.answer(FAKE, Map.of()));
    }

    @Test
    void windowWithTimesAndNullsForUnknownSteps() {
        String j = HistoryApi.answer(FAKE, Map.of("chart", "load", "range", "1h"));
        assertTrue(j.contains("\"start\":1000000,\"step\":5,\"times\":[1000000,1000005,1000010]"), j);
        assertTrue(j.contains("\"avg\":{\"load1\":[1.5,null,0.25],\"load5\":[2,2,2]}"), j);
        assertTrue(HistoryApi.answer(FAKE, Map.of("chart", "load", "range", "1w")).contains("\"step\":60"));
    }

    @Test
    void refusesUnknownChartsAndBadRanges() {
        var e = assertThrows(IllegalArgumentException.class, () -> HistoryApi.answer(FAKE, Map.of("chart", "nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HistoryApi.answer(FAKE, Map.of("chart", "load", "range", "3y")));
        assertThrows(IllegalArgumentException.class, () -> HistoryApi.answer(FAKE, Map.of("chart", "load", "range", "soon")));
    }

    @Test
    void longWindowsAreMergedToAtMostMaxPointsWithMinAvgMaxKept() {
        int n = 10_001;
        double[][] min = new double[1][n];
        double[][] avg = new double[1][n];
        double[][] max = new double[1][n];
        for (int i = 0; i < n; i++) {
            avg[0][i] = i % 3 == 2 ? Double.NaN : i;
            min[0][i] = i - 0.5;
            max[0][i] = i + 0.5;
        }
        var c = new HistorySource.Chart("x", "X", "load", List.of("v"));
        var w = HistoryApi.merge(new HistorySource.Window(c, 100, 1, min, avg, max), 4000);
        // 3 steps per point: ceil(10001 / 4000) = 3, ceil(10001 / 3) = 3334 points
        assertEquals(3, w.stepSeconds());
        assertEquals(3334, w.length());
        assertEquals(100, w.startSeconds());
        assertEquals(-0.5, w.min()[0][0]);
        assertEquals(0.5, w.avg()[0][0], 1e-12, "mean of the known 0 and 1; the NaN at 2 left out");
        assertEquals(2.5, w.max()[0][0]);
        assertEquals(9999.5, w.avg()[0][3333], 1e-9, "the last, partial point: steps 9999 and 10000");
        var small = new HistorySource.Window(c, 100, 1, new double[][] {{1}}, new double[][] {{1}}, new double[][] {{1}});
        assertEquals(small, HistoryApi.merge(small, 4000));
    }
}
