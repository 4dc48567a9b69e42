package psutil4j.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The shipped example rules load, and their unit tests pass (the CLI test also runs promtool on them). */
class ExampleRulesTest {

    private static final Path DIR = Path.of("src", "main", "resources", "rules");

    @Test
    void exampleRulesLoad() throws Exception {
        List<RuleGroup> groups = RuleFiles.load(DIR.resolve("example-rules.yml"));
        assertEquals(List.of("HighCpu", "MemoryLow", "DiskWillFillIn4Hours", "SwapInUse", "MemoryPressure", "ProcessDown"),
                groups.stream().flatMap(g -> g.rules().stream()).map(Rule::name).toList());
        // The store must keep the 1 h range of the disk rule plus the lookback.
        assertEquals(65 * 60_000L, RuleEngine.requiredRetention(groups).toMillis());
    }

    @Test
    void exampleUnitTestsPass() throws Exception {
        var r = RuleUnitTests.run(DIR.resolve("example-rules.test.yml"));
        assertTrue(r.passed(), () -> String.join("\n", r.failures()));
    }

    @Test
    void seriesNotation() {
        assertEquals(List.of(1.0, 3.0, 5.0, 7.0), RuleUnitTests.expandValues("1+2x3"));
        assertEquals(List.of(10.0, 7.0, 4.0), RuleUnitTests.expandValues("10-3x2"));
        assertEquals(List.of(-1.0, -1.0, -1.0), RuleUnitTests.expandValues("-1x2"));
        var gaps = RuleUnitTests.expandValues("_ 1 _x2 stale 2");
        assertEquals(6, gaps.size());
        assertEquals(null, gaps.get(0));
        assertEquals(1.0, gaps.get(1));
        assertEquals(null, gaps.get(3));
        assertEquals(2.0, gaps.get(5));
        assertEquals(List.of(1.5e3, Double.POSITIVE_INFINITY), RuleUnitTests.expandValues("1.5e3 Inf"));
    }
}
