package psutil4j.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static AgentConfig parse(String yaml) {
        return ConfigLoader.parse("agent.yml", new StringReader(yaml), Path.of("/etc/psutil4j"));
    }

    private static ConfigException refused(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml));
    }

    @Test
    void exampleFileIsValidAndHoldsTheDefaults() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/psutil4j-agent.example.yml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(AgentConfig.defaults(), parse(text));
        }
    }

    @Test
    void emptyFileMeansDefaults() {
        assertEquals(AgentConfig.defaults(), parse(""));
        assertEquals(AgentConfig.defaults(), parse("# nothing\n"));
    }

    @Test
    void allKeys() {
        AgentConfig c = parse("""
                listen: 0.0.0.0:9100
                interval: 1500ms
                token: abc
                data_dir: /tmp/x
                rule_files:
                  - rules/a.yml
                  - /abs/b.yml
                process_groups: 7
                """);
        assertEquals("0.0.0.0", c.host());
        assertEquals(9100, c.port());
        assertEquals(Duration.ofMillis(1500), c.interval());
        assertEquals(Optional.of("abc"), c.token());
        assertEquals(Path.of("/tmp/x"), c.dataDir());
        assertEquals(List.of(Path.of("/etc/psutil4j/rules/a.yml"), Path.of("/abs/b.yml")), c.ruleFiles());
        assertEquals(7, c.processGroups());
        assertEquals(Duration.ofMinutes(2), parse("interval: 2m").interval());
        assertEquals(Duration.ofSeconds(10), parse("interval: 10").interval());
        assertEquals("::1", parse("listen: \"[::1]:9633\"").host());
        assertEquals(9634, parse("listen: :9634").port());
    }

    @Test
    void syntaxErrorGivesFileAndLine() {
        var e = refused("listen: 127.0.0.1:9633\ninterval: 5s\n  bad: [unclosed\n");
        assertTrue(e.getMessage().startsWith("agent.yml:3: YAML syntax error"), e.getMessage());
        assertEquals(3, e.line());
        var tabs = refused("interval: 5s\n\tlisten: x\n");
        assertEquals(2, tabs.line(), tabs.getMessage());
    }

    @Test
    void unknownKeyGivesItsLine() {
        var e = refused("listen: 127.0.0.1:1\n\nintervall: 5s\n");
        assertEquals("agent.yml:3: unknown key 'intervall' (known: listen, interval, token, data_dir, rule_files,"
                + " process_groups, notifiers" + String.join("", ConfigLoader.KEYS.subList(7, ConfigLoader.KEYS.size())
                        .stream().map(k -> ", " + k).toList()) + ")", e.getMessage());
    }

    @Test
    void badValuesGiveTheirLine() {
        assertEquals("agent.yml:2: interval must be at least 1s, got 500ms",
                refused("listen: 127.0.0.1:1\ninterval: 500ms\n").getMessage());
        assertEquals("agent.yml:1: not a duration: 'often' (use e.g. 5s, 500ms, 1m)",
                refused("interval: often").getMessage());
        assertEquals("agent.yml:1: listen port must be 0..65535, got 70000", refused("listen: x:70000").getMessage());
        assertEquals("agent.yml:1: listen must be HOST:PORT, got 'localhost'", refused("listen: localhost").getMessage());
        assertEquals("agent.yml:2: process_groups must be an integer", refused("\nprocess_groups: many").getMessage());
        assertEquals("agent.yml:1: process_groups must be 1..10000, got 0", refused("process_groups: 0").getMessage());
        assertEquals("agent.yml:1: rule_files must be a list of paths", refused("rule_files: a.yml").getMessage());
        assertEquals("agent.yml:3: each rule_files entry must be a path",
                refused("rule_files:\n  - a.yml\n  - {x: 1}\n").getMessage());
        assertEquals("agent.yml:1: token must be a string", refused("token:").getMessage());
        assertEquals("agent.yml:1: listen must be \"HOST:PORT\"", refused("listen: [1, 2]").getMessage());
        assertEquals("agent.yml:2: duplicate key 'interval'", refused("interval: 5s\ninterval: 6s").getMessage());
        assertEquals("agent.yml:1: the config must be a mapping of keys to values", refused("- a\n- b\n").getMessage());
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path f = dir.resolve("nope.yml");
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertEquals(f + ": no such file", e.getMessage());
    }

    @Test
    void loadResolvesRuleFilesNextToTheConfig(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("agent.yml");
        Files.writeString(f, "rule_files: [r.yml]\n");
        assertEquals(List.of(dir.resolve("r.yml")), ConfigLoader.load(f).ruleFiles());
    }

    @Test
    void durations() {
        assertEquals("5s", Durations.format(Duration.ofSeconds(5)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals(Duration.ofMillis(2500), Durations.parse("2.5s"));
        assertEquals(Duration.ofDays(5), Durations.parse("5d"));
        assertEquals(Duration.ofDays(14), Durations.parse("2w"));
        assertEquals(Duration.ofDays(365), Durations.parse("1y"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("5x"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(""));
    }
}
