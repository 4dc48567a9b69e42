package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import psutil4j.agent.collect.Collector;
import psutil4j.agent.config.HistoryConfig;
import psutil4j.agent.history.HistoryStore;

/** {@code ./psutil4j report} over a history written by the real collector. */
class ReportCommandTest {

    @Test
    void writesTheHtmlAndTheJsonFromTheAgentsHistory(@TempDir Path dir) throws Exception {
        try (var collector = new Collector(Duration.ofSeconds(1), 10, null);
             var store = HistoryStore.open(dir.resolve("history"), Duration.ofSeconds(1), HistoryConfig.defaults(),
                     InstantSource.system(), line -> { })) {
            collector.addSink(store);
            for (int i = 0; i < 4; i++) {
                collector.collectOnce();
                Thread.sleep(1100);
            }
        }
        Path html = dir.resolve("r.html");
        var r = Cli.ours("report", "--data-dir", dir.toString(), "--range", "1h", "--out", html.toString());
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().matches("report: wrote " + java.util.regex.Pattern.quote(html.toString())
                + " \\(\\d+ charts, \\d+ KiB\\)\n"), r.out());
        String page = Files.readString(html);
        assertTrue(page.contains("<h2>CPU</h2>") && page.contains("<h2>Memory</h2>") && page.contains("<h2>Network</h2>"),
                page);
        assertTrue(page.contains("src=\"data:image/png;base64,"));

        var j = Cli.ours("report", "--data-dir", dir.toString(), "--range", "1h", "--json");
        assertEquals(0, j.rc(), j.err());
        JsonNode root = new ObjectMapper().readTree(j.out());
        JsonNode cpu = root.get("sections").get(0).get("charts").get(0);
        assertEquals("cpu", cpu.get("id").asText());
        assertEquals(1, cpu.get("step").asLong());
        double busy = cpu.get("rows").get(0).get("avg").asDouble();
        assertTrue(busy >= 0 && busy <= 100, "CPU busy " + busy);
        JsonNode mem = root.get("sections").get(1).get("charts").get(0);
        double usedPct = mem.get("rows").get(0).get("avg").asDouble();
        assertTrue(usedPct > 0 && usedPct < 100, "memory used % " + usedPct);
        assertTrue(Files.notExists(Path.of("psutil4j-report-" + java.time.LocalDate.now() + ".html")), "--json writes no file");
    }

    @Test
    void noHistoryIsOneLine(@TempDir Path dir) {
        var r = Cli.ours("report", "--data-dir", dir.toString());
        assertEquals(1, r.rc());
        assertEquals("report: no history in " + dir.resolve("history") + ": start the agent (./psutil4j serve) with the"
                + " same data_dir first\n", r.err());
        assertEquals(1, Cli.ours("report", "--data-dir", dir.toString(), "--range", "3y").rc());
        assertEquals(1, Cli.ours("report", "--data-dir", dir.toString(), "--send").rc());
    }
}
