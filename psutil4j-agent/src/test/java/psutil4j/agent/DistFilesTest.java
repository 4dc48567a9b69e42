package psutil4j.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import psutil4j.agent.config.ConfigLoader;

/** The systemd unit and the docs stay in step with the code. */
class DistFilesTest {

    @Test
    void systemdUnitStartsServeWithTheConfig() throws IOException {
        List<String> unit = Files.readAllLines(Path.of("src/main/dist/psutil4j-agent.service"));
        assertTrue(unit.contains("ExecStart=/opt/psutil4j/psutil4j serve --config /etc/psutil4j/agent.yml"));
        assertTrue(unit.contains("Restart=on-failure"));
        assertTrue(unit.contains("NoNewPrivileges=yes"));
        assertTrue(unit.contains("ProtectSystem=strict"));
        assertTrue(unit.contains("StateDirectory=psutil4j"), "the state dir is the default data_dir");
    }

    @Test
    void agentDocListsEveryConfigKey() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "AGENT.md"));
        for (String key : ConfigLoader.KEYS) {
            assertTrue(doc.contains("| `" + key + "` |"), key);
        }
        assertTrue(doc.contains("psutil4j-agent.example.yml"));
    }
}
