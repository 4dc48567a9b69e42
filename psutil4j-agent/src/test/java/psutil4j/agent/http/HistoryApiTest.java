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
}
