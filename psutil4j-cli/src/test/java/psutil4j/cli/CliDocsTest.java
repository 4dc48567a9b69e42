package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** docs/CLI.md stays true: every tool has its page, and the assembled file lists them all. */
class CliDocsTest {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void everyToolIsDocumented() throws Exception {
        List<String> missing = new ArrayList<>();
        String cliMd = Files.readString(DOCS.resolve("CLI.md"));
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            if (!Files.exists(DOCS.resolve("cli").resolve(name + ".md")) || !cliMd.contains("[`" + name + "`]")) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "tools without docs/cli/<tool>.md or not in docs/CLI.md "
                + "(run scripts/make-cli-doc.sh)");
    }

    @Test
    void everyToolTakesJsonAndHelp() {
        for (var e : Main.commandLine().getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            var opts = e.getValue().getCommandSpec().optionsMap();
            assertTrue(opts.containsKey("--json"), e.getKey() + " has no --json");
            assertTrue(opts.containsKey("--help"), e.getKey() + " has no --help");
        }
    }
}
