package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rules check / rules test: messages and exit codes as promtool's, checked against promtool itself. */
class RulesCommandTest {

    private static final Path EXAMPLES = Path.of("..", "psutil4j-agent", "src", "main", "resources", "rules");
    private static final String PROMTOOL = "/usr/bin/promtool";

    @Test
    void checkAcceptsTheExampleRules() {
        var r = Cli.ours("rules", "check", EXAMPLES.resolve("example-rules.yml").toString());
        assertEquals(0, r.rc(), r.err() + r.out());
        assertEquals("Checking " + EXAMPLES.resolve("example-rules.yml") + "\n  SUCCESS: 6 rules found\n\n", r.out());
    }

    @Test
    void checkReportsFileAndLineAndExits1(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: rate(up) > 1
                      - alert: B
                        expr: up == 0
                        for: 5q
                """);
        var r = Cli.ours("rules", "check", bad.toString());
        assertEquals(1, r.rc());
        assertTrue(r.out().contains("  FAILED:\n" + bad + ":5: A: 1:6: parse error: expected type range vector"), r.out());
        assertTrue(r.out().contains(bad + ":8: for: not a valid duration string: \"5q\""), r.out());
        var j = Cli.ours("rules", "check", "--json", bad.toString());
        assertEquals(1, j.rc());
        assertTrue(j.out().startsWith("[{\"file\":"), j.out());
        assertEquals(1, Cli.ours("rules", "check", dir.resolve("missing.yml").toString()).rc());
        assertEquals(2, Cli.ours("rules", "check", "--nope", bad.toString()).rc());
        assertEquals(2, Cli.ours("rules", "check").rc());
    }

    @Test
    void testRunsTheExampleUnitTests() {
        var r = Cli.ours("rules", "test", EXAMPLES.resolve("example-rules.test.yml").toString());
        assertEquals(0, r.rc(), r.out() + r.err());
        assertEquals("Unit Testing:  " + EXAMPLES.resolve("example-rules.test.yml") + "\n  SUCCESS\n\n", r.out());
    }

    private static Path failingTest(Path dir) throws Exception {
        Files.copy(EXAMPLES.resolve("example-rules.yml"), dir.resolve("example-rules.yml"));
        Path t = dir.resolve("t.yml");
        Files.writeString(t, """
                rule_files: [example-rules.yml]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'node_memory_MemAvailable_bytes'
                        values: '50x10'
                      - series: 'node_memory_MemTotal_bytes'
                        values: '1000x10'
                    alert_rule_test:
                      - eval_time: 4m        # pending, not yet firing: expecting it must fail
                        alertname: MemoryLow
                        exp_alerts:
                          - exp_labels: {severity: warning}
                            exp_annotations: {summary: "Only 5% of memory is available"}
                """);
        return t;
    }

    @Test
    void aFailingUnitTestExits1(@TempDir Path dir) throws Exception {
        Path t = failingTest(dir);
        var r = Cli.ours("rules", "test", t.toString());
        assertEquals(1, r.rc());
        assertTrue(r.out().contains("  FAILED:\n    test 1: alertname: MemoryLow, time: 4m,"), r.out());
        assertTrue(r.out().contains("got: []"), r.out());
    }

    @Test
    void promtoolAgrees(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(Path.of(PROMTOOL)), "promtool (Debian package prometheus) is needed");
        var check = Cli.theirs(PROMTOOL, "check", "rules", EXAMPLES.resolve("example-rules.yml").toString());
        assertEquals(0, check.rc(), check.out() + check.err());
        assertTrue(check.out().contains("SUCCESS: 6 rules found"), check.out());
        var test = Cli.theirs(PROMTOOL, "test", "rules", EXAMPLES.resolve("example-rules.test.yml").toString());
        assertEquals(0, test.rc(), test.out() + test.err());
        var failing = Cli.theirs(PROMTOOL, "test", "rules", failingTest(dir).toString());
        assertEquals(1, failing.rc(), failing.out() + failing.err());
    }
}
