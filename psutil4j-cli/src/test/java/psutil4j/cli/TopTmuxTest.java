package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import psutil4j.testing.Cmd;

/**
 * Drives the live {@code top} in a detached tmux session (160x50) with keystrokes and reads the
 * screen with capture-pane: sort keys, tree, filter, kill, resize, quit and Ctrl-C, and the
 * terminal's state afterwards. Runs the CLI from the test class path (not ./psutil4j, which could
 * start a nested build).
 */
class TopTmuxTest {

    private static final long TIMEOUT_MS = 30_000;

    private String session;
    private Path dir;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        session = "psutil4j-top-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        dir = Files.createTempDirectory("toptmux");
    }

    @AfterEach
    void tearDown() throws Exception {
        // each test has its own tmux server (-L): a server still shutting down after the previous
        // test's last session must not take the next test's new-session with it
        new ProcessBuilder("tmux", "-L", session, "kill-server").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        children.clear();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Starts top in tmux; after it exits, the script records the terminal modes and waits. */
    private void start(String... args) throws Exception {
        startTool("top", " PID USER ", args);
    }

    private void startTool(String tool, String ready, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Path script = dir.resolve("run.sh");
        // bash, not sh: on Ctrl-C bash goes on when its child handled SIGINT and exited normally
        Files.writeString(script, "#!/bin/bash\n"
                + "'" + java + "' --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '" + cp
                + "' psutil4j.cli.Main " + tool + " " + String.join(" ", args) + "\n"
                + "rc=$?\n"
                + "stty -a > '" + dir.resolve("stty.txt") + "'\n"
                + "echo \"EXITED rc=$rc\"\n"
                + "sleep 600\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "50", script.toString());
        waitFor(s -> s.contains(ready), tool + "'s table");
    }

    private String tmux(String... args) throws Exception {
        var cmd = new ArrayList<String>();
        cmd.add("tmux");
        cmd.add("-L");
        cmd.add(session);
        cmd.add("-f");
        cmd.add("/dev/null");   // no user configuration
        cmd.addAll(List.of(args));
        return Cmd.run(cmd);
    }

    private void keys(String... keys) throws Exception {
        var a = new ArrayList<String>(List.of("send-keys", "-t", session));
        a.addAll(List.of(keys));
        tmux(a.toArray(String[]::new));
    }

    /** Literal text (no key-name lookup). */
    private void type(String text) throws Exception {
        tmux("send-keys", "-t", session, "-l", text);
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", session);
    }

    private String waitFor(Predicate<String> ok, String what) throws Exception {
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        String s = "";
        while (System.currentTimeMillis() < end) {
            s = screen();
            if (ok.test(s)) {
                return s;
            }
            Thread.sleep(200);
        }
        fail("timed out waiting for " + what + "; screen:\n" + s);
        return s;
    }

    /** The process rows of a screen, split on blanks (12 fields, COMMAND last). */
    static List<String[]> rows(String screen) {
        var lines = screen.lines().toList();
        var rows = new ArrayList<String[]>();
        boolean table = false;
        for (String l : lines) {
            if (table && !l.isBlank()) {
                rows.add(l.trim().split(" +", 12));
            }
            if (l.matches(" *PID USER .*")) {
                table = true;
            }
        }
        return rows;
    }

    static boolean sortedDesc(List<String[]> rows, int field) {
        for (int i = 1; i < rows.size(); i++) {
            if (Double.parseDouble(rows.get(i - 1)[field]) < Double.parseDouble(rows.get(i)[field])) {
                return false;
            }
        }
        return rows.size() > 3;
    }

    static boolean pidsAscending(List<String[]> rows) {
        for (int i = 1; i < rows.size(); i++) {
            if (Integer.parseInt(rows.get(i - 1)[0]) >= Integer.parseInt(rows.get(i)[0])) {
                return false;
            }
        }
        return rows.size() > 3 && rows.get(0)[0].equals("1");
    }

    @Test
    void keysSortFilterTreeKillAndQuit() throws Exception {
        // sh -> sleep: two rows matching the filter, the sleep under the shell in tree view
        Process sh = new ProcessBuilder("sh", "-c", "sleep 7654321; :").start();
        children.add(sh);
        long end = System.currentTimeMillis() + 10_000;
        while (sh.children().findAny().isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        ProcessHandle sleep = sh.children().findFirst().orElseThrow();
        start();

        keys("h");
        waitFor(s -> s.contains("Keys: P M T N sort"), "key help");
        keys("M");
        waitFor(s -> sortedDesc(rows(s), 9) && !s.contains("Keys:"), "rows sorted by %MEM, help line gone");
        keys("N");
        waitFor(s -> pidsAscending(rows(s)), "rows sorted by PID");
        keys("P");
        waitFor(s -> sortedDesc(rows(s), 8), "rows sorted by %CPU");
        keys("N", "R");
        waitFor(s -> !rows(s).isEmpty() && Integer.parseInt(rows(s).get(0)[0]) > Integer.parseInt(rows(s).get(rows(s).size() - 1)[0]),
                "R: PIDs highest first");
        keys("R");
        keys("t");
        waitFor(s -> s.contains("`- "), "tree view");
        keys("t");
        waitFor(s -> !s.contains("`- "), "flat view again");

        keys("/");
        waitFor(s -> s.contains("Filter (command substring"), "filter prompt");
        type("7654321");
        keys("Enter");
        String filtered = waitFor(s -> rows(s).size() == 2 && s.contains("Filter: 7654321"), "two filtered rows");
        assertTrue(rows(filtered).stream().allMatch(r -> r[11].contains("7654321")), filtered);
        keys("t");
        String tree = waitFor(s -> s.contains("`- "), "tree view of the filtered rows");
        var t = rows(tree);
        assertEquals(List.of(Long.toString(sh.pid()), Long.toString(sleep.pid())), List.of(t.get(0)[0], t.get(1)[0]), tree);
        assertEquals("sh -c sleep 7654321; :", t.get(0)[11]);
        assertEquals("`- sleep 7654321", t.get(1)[11]);

        keys("r");
        waitFor(s -> s.contains("PID to renice [default pid = " + sh.pid() + "]"), "renice prompt");
        type(Long.toString(sleep.pid()));
        keys("Enter");
        waitFor(s -> s.contains("Renice PID " + sleep.pid() + " to value"), "renice value prompt");
        type("7");
        keys("Enter");
        waitFor(s -> s.contains("Reniced pid " + sleep.pid() + " to 7"), "renice done");
        assertEquals("7", Cmd.run("ps", "-o", "ni=", "-p", Long.toString(sleep.pid())).trim());
        waitFor(s -> rows(s).stream().anyMatch(r -> r[0].equals(Long.toString(sleep.pid())) && r[3].equals("7") && r[2].equals("27")),
                "NI 7 and PR 27 in the table");

        keys("k");
        waitFor(s -> s.contains("PID to signal/kill [default pid = " + sh.pid() + "]"), "kill prompt with default pid");
        type(Long.toString(sleep.pid()));
        keys("Enter");
        waitFor(s -> s.contains("Send pid " + sleep.pid() + " signal [15/sigterm]"), "signal prompt");
        keys("Enter");
        assertTrue(sh.waitFor(10, TimeUnit.SECONDS), "sleep got SIGTERM and its shell ended");
        String after = waitFor(s -> rows(s).isEmpty(), "the killed child gone from the table");
        assertTrue(after.contains("Sent signal 15 to pid " + sleep.pid()), after);
        assertTrue(!sleep.isAlive());

        keys("q");
        String exited = waitFor(s -> s.contains("EXITED rc="), "top to exit");
        assertTrue(exited.contains("EXITED rc=0"), exited);
        assertTerminalRestored();
    }

    @Test
    void resizeRedrawsToTheNewWidthAndCtrlCRestoresTheTerminal() throws Exception {
        start("-d", "5");
        String wide = screen();
        int wideMem = memLine(wide).length();
        assertTrue(wideMem > 140 && wideMem <= 160, wide);
        tmux("resize-window", "-t", session, "-x", "100", "-y", "30");
        String narrow = waitFor(s -> memLine(s).length() <= 100 && memLine(s).length() > 80, "meters redrawn at 100 columns");
        assertTrue(narrow.lines().count() <= 30);
        // the table still ends at the bottom line: no line was lost or left over
        assertTrue(rows(narrow).size() >= 10, narrow);

        keys("C-c");
        String exited = waitFor(s -> s.contains("EXITED rc="), "top to exit on Ctrl-C");
        assertTrue(exited.contains("EXITED rc=0"), exited);
        assertTerminalRestored();
    }

    @Test
    void sigtermRestoresTheTerminal() throws Exception {
        start("-d", "0.5");
        long panePid = Long.parseLong(tmux("display-message", "-p", "-t", session, "#{pane_pid}").trim());
        ProcessHandle jvm = ProcessHandle.of(panePid).orElseThrow().children().findFirst().orElseThrow();
        assertTrue(jvm.info().command().orElse("").endsWith("java"), jvm.info().toString());
        new ProcessBuilder("kill", "-TERM", Long.toString(jvm.pid())).start().waitFor(10, TimeUnit.SECONDS);
        String exited = waitFor(s -> s.contains("EXITED rc="), "top to exit on SIGTERM");
        assertTrue(exited.contains("EXITED rc=143"), exited);
        assertTerminalRestored();
    }

    @Test
    void iotopShowsItsHeaderAndColumnsAndQuits() throws Exception {
        startTool("iotop", "DISK READ  DISK WRITE", "-d", "0.5");
        String s = waitFor(x -> x.contains("Total DISK READ:") && x.contains("Actual DISK WRITE:"), "iotop header");
        assertTrue(s.lines().anyMatch(l -> l.matches(" +PID PRIO  USER +DISK READ +DISK WRITE +IO> COMMAND *")), s);
        keys(">");
        waitFor(x -> x.lines().anyMatch(l -> l.matches(" +PID PRIO  USER +DISK READ +DISK WRITE +IO> COMMAND *")), "still iotop");
        keys("q");
        assertTrue(waitFor(x -> x.contains("EXITED rc="), "iotop to exit").contains("EXITED rc=0"));
        assertTerminalRestored();
    }

    private static String memLine(String screen) {
        return screen.lines().filter(l -> l.startsWith("Mem[")).findFirst().orElse("").stripTrailing();
    }

    /** Normal screen, visible cursor, and the tty back in canonical mode with echo. */
    private void assertTerminalRestored() throws Exception {
        String state = tmux("display-message", "-p", "-t", session, "#{alternate_on} #{cursor_flag}").trim();
        assertEquals("0 1", state, "alternate screen off, cursor shown");
        String stty = Files.readString(dir.resolve("stty.txt"));
        assertTrue(stty.matches("(?s).*(^|\\s)icanon(\\s|$).*"), stty);
        assertTrue(stty.matches("(?s).*(^|\\s)echo(\\s|$).*"), stty);
        assertTrue(stty.matches("(?s).*(^|\\s)isig(\\s|$).*"), stty);
        // the tool's screen is gone: the main screen shows only what the script printed
        assertTrue(!screen().contains(" PID "), screen());
    }
}
