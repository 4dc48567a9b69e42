package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import psutil4j.testing.Cmd;

/** Completion script and man pages come from the live command model: every tool shows up. */
class DocsCommandsTest {

    static List<String> tools() {
        return Main.commandLine().getSubcommands().keySet().stream().toList();
    }

    @Test
    void completionScriptNamesEveryToolAndOption() {
        var r = TopBatchTest.run("generate-completion");
        assertEquals(0, r.rc(), r.err());
        String script = r.out();
        assertTrue(script.startsWith("#!/usr/bin/env bash"), script);
        for (String tool : tools()) {
            // picocli lists the subcommand names in the root's completion function
            assertTrue(script.matches("(?s).*local commands=\"[^\"]*\\b" + java.util.regex.Pattern.quote(tool) + "\\b.*"), tool);
        }
        for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
            for (var o : sub.getCommandSpec().options()) {
                if (!o.hidden()) {
                    assertTrue(script.contains(o.longestName()), sub.getCommandName() + " " + o.longestName());
                }
            }
        }
        assertTrue(script.contains("complete -F _complete_psutil4j -o default ./psutil4j"), "the checkout's launcher too");
    }

    @Test
    void bashCompletesToolsAndOptions(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("psutil4j.bash");
        Files.writeString(script, TopBatchTest.run("generate-completion").out());
        String words = Cmd.run("bash", "-c", "source '" + script + "' 2>/dev/null; "
                + "COMP_WORDS=(psutil4j io); COMP_CWORD=1; COMP_LINE='psutil4j io'; COMP_POINT=11; "
                + "_complete_psutil4j 2>/dev/null; echo \"${COMPREPLY[*]}\"; "
                + "COMP_WORDS=(./psutil4j top --j); COMP_CWORD=2; COMP_LINE='./psutil4j top --j'; COMP_POINT=18; "
                + "_complete_psutil4j 2>/dev/null; echo \"${COMPREPLY[*]}\"");
        var lines = words.lines().toList();
        // every tool whose name starts with "io" (iotop, and iostat once merged), nothing else
        assertEquals(tools().stream().filter(t -> t.startsWith("io")).sorted().toList(),
                List.of(lines.get(0).trim().split(" ")).stream().sorted().toList());
        assertTrue(lines.get(0).contains("iotop"), lines.get(0));
        assertEquals("--json", lines.get(1).trim());
    }

    @Test
    void zshRegistersTheSameScriptThroughBashcompinit(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("psutil4j.bash");
        Files.writeString(script, TopBatchTest.run("generate-completion").out());
        // zsh's compadd filters by prefix itself, so the function offers every candidate here
        String out = Cmd.run("zsh", "-c", "source '" + script + "' 2>/dev/null; "
                + "echo \"${_comps[psutil4j]}|${_comps[./psutil4j]}\"; setopt ksharrays; "
                + "COMP_WORDS=(psutil4j io); COMP_CWORD=1; COMP_LINE='psutil4j io'; COMP_POINT=11; "
                + "_complete_psutil4j 2>/dev/null; echo \"${COMPREPLY[*]}\"; "
                + "COMP_WORDS=(psutil4j top --j); COMP_CWORD=2; COMP_LINE='psutil4j top --j'; COMP_POINT=16; "
                + "_complete_psutil4j 2>/dev/null; echo \"${COMPREPLY[*]}\"");
        var lines = out.lines().toList();
        assertEquals("_bash_complete -F _complete_psutil4j -o default|_bash_complete -F _complete_psutil4j -o default",
                lines.get(0));
        assertTrue(List.of(lines.get(1).split(" ")).containsAll(tools()), lines.get(1));
        assertTrue(List.of(lines.get(2).split(" ")).contains("--json"), lines.get(2));
    }

    @Test
    void manPagesForEveryToolRenderWithMan(@TempDir Path dir) throws Exception {
        DocsCommands.writeAll(Main.commandLine(), dir);
        assertTrue(Files.exists(dir.resolve("completion/psutil4j.bash")));
        assertTrue(Files.exists(dir.resolve("man/man1/psutil4j.1")));
        String root = Files.readString(dir.resolve("man/man1/psutil4j.1"));
        for (String tool : tools()) {
            if (tool.equals("help")) {
                continue;
            }
            Path page = dir.resolve("man/man1/psutil4j-" + tool + ".1");
            assertTrue(Files.exists(page), tool);
            String troff = Files.readString(page);
            assertTrue(troff.startsWith(".TH \"PSUTIL4J\\-" + tool.toUpperCase().replace("-", "\\-") + "\" 1 "), troff);
            assertTrue(root.contains(".B " + tool.replace("-", "\\-") + "\n"), "root page lists " + tool);
        }
        // man(1) formats it: sections and options as text, no troff left over
        String text = Cmd.run("man", "-l", "-P", "cat", dir.resolve("man/man1/psutil4j-top.1").toString())
                .replaceAll("\\s+", " ");   // man justifies lines with extra blanks
        assertTrue(text.contains("NAME"), text);
        assertTrue(text.contains("psutil4j-top - Live process viewer"), text);
        assertTrue(text.contains("SYNOPSIS") && text.contains("OPTIONS"), text);
        assertTrue(text.contains("Sort by this field: %CPU, %MEM, TIME+"), text);
        assertTrue(!text.contains("\\-") && !text.contains(".TP"), text);
    }

    @Test
    void manSubcommand() {
        var r = TopBatchTest.run("man", "iotop");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().startsWith(".TH \"PSUTIL4J\\-IOTOP\""), r.out());
        var json = TopBatchTest.run("man", "--json", "top");
        assertEquals(0, json.rc(), json.err());
        assertTrue(json.out().startsWith("{\"name\":\"psutil4j-top\",\"section\":1,\"file\":\"psutil4j-top.1\",\"troff\":\".TH "), json.out());
        var comp = TopBatchTest.run("generate-completion", "--json");
        assertEquals(0, comp.rc(), comp.err());
        assertTrue(comp.out().startsWith("{\"shell\":\"bash\",\"name\":\"psutil4j\",\"script\":\"#!/usr/bin/env bash\\n"), comp.out());
        var bad = TopBatchTest.run("man", "nosuchtool");
        assertEquals(1, bad.rc());
        assertTrue(bad.err().contains("no such tool 'nosuchtool'"), bad.err());
    }

    @Test
    void buildWroteTheGeneratedDocs() throws Exception {
        // written by exec-maven-plugin at package time; absent when only tests ran
        Path built = Path.of("target/generated-docs/completion/psutil4j.bash");
        if (Files.exists(built) && Files.getLastModifiedTime(built).toMillis()
                >= Files.getLastModifiedTime(Path.of("target/classes/psutil4j/cli/Main.class")).toMillis()) {
            assertEquals(TopBatchTest.run("generate-completion").out(), Files.readString(built));
        }
    }
}
