package psutil4j.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class JsonTest {

    enum Family {
        AF_INET(2);

        private final int v;

        Family(int v) {
            this.v = v;
        }

        public int value() {
            return v;
        }
    }

    enum Plain { RUNNING }

    record Counters(long readMergedCount, double busyTime, OptionalDouble high, OptionalLong max,
                    Optional<String> host, Family family, Plain status, int[] cpus) {
    }

    @Test
    void snakeCaseMatchesPsutilNames() {
        assertEquals("read_merged_count", Json.snakeCase("readMergedCount"));
        assertEquals("guest_nice", Json.snakeCase("guestNice"));
        assertEquals("isup", Json.snakeCase("isup"));
        assertEquals("avg10", Json.snakeCase("avg10"));
    }

    @Test
    void recordsOptionalsEnumsAndArrays() {
        var c = new Counters(3, 12.0, OptionalDouble.empty(), OptionalLong.of(7), Optional.empty(),
                Family.AF_INET, Plain.RUNNING, new int[] {0, 1});
        assertEquals("{\"read_merged_count\":3,\"busy_time\":12.0,\"high\":null,\"max\":7,\"host\":null,"
                + "\"family\":2,\"status\":\"RUNNING\",\"cpus\":[0,1]}", Json.write(c, false));
    }

    @Test
    void mapsListsAndEscapes() {
        var m = new LinkedHashMap<String, Object>();
        m.put("/mnt/a b", List.of("x\"y", "t\tz"));
        m.put("nan", Double.NaN);
        m.put("pct", 12.5);
        assertEquals("{\"/mnt/a b\":[\"x\\\"y\",\"t\\tz\"],\"nan\":null,\"pct\":12.5}", Json.write(m, false));
    }

    @Test
    void largeDoublesPrintAsPythonDoes() {
        assertEquals("[1795697570.2,12345678.5,0.25,1.0E20]",
                Json.write(List.of(1795697570.2, 12345678.5, 0.25, 1e20), false));
    }

    @Test
    void prettyPrintIsStillValidStructure() {
        var m = new LinkedHashMap<String, Object>();
        m.put("a", List.of(1, 2));
        m.put("b", new LinkedHashMap<>());
        assertEquals("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}", Json.write(m, true));
    }
}
