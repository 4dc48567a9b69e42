package psutil4j.cli.top;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;
import psutil4j.Psutil;
import psutil4j.PsutilException;

/**
 * The live full-screen UI of top and iotop on a JLine terminal (FFM provider: no JNI, no JNA):
 * raw mode, alternate screen, hidden cursor; redraws on every sample, key and SIGWINCH; restores
 * the terminal on q, on Ctrl-C (SIGINT) and, through a shutdown hook, on SIGTERM/SIGHUP.
 */
public final class TopUi {

    private static final String ALT_ON = "\033[?1049h";
    private static final String ALT_OFF = "\033[?1049l";
    private static final String CURSOR_OFF = "\033[?25l";
    private static final String CURSOR_ON = "\033[?25h";

    /** What the prompt line is asking for. */
    private enum Ask { NONE, FILTER, KILL_PID, KILL_SIGNAL, RENICE_PID, RENICE_VALUE }

    private final Terminal term;
    private final PrintWriter out;
    private final Sampler sampler;
    private final Set<Integer> only;
    private final boolean onlyActive;
    private final AtomicBoolean quit = new AtomicBoolean();
    private final AtomicBoolean resized = new AtomicBoolean();
    private ViewState view;
    private Sampler.Sample sample;
    private Render.Screen screen;
    private Ask ask = Ask.NONE;
    private final StringBuilder input = new StringBuilder();
    private int targetPid;
    private String message = "";

    private TopUi(Terminal term, ViewState view, Sampler sampler, Set<Integer> only, boolean onlyActive) {
        this.term = term;
        this.out = term.writer();
        this.view = view;
        this.sampler = sampler;
        this.only = only;
        this.onlyActive = onlyActive;
    }

    /** The rows -p and iotop -o keep. */
    public static List<ProcRow> select(List<ProcRow> rows, Set<Integer> only, boolean onlyActive) {
        return rows.stream()
                .filter(r -> only.isEmpty() || only.contains(r.pid()))
                .filter(r -> !onlyActive || r.readRate() > 0 || r.writeRate() > 0)
                .toList();
    }

    /** Runs the UI until q, Ctrl-C, or {@code iterations} refreshes (0 = no limit). */
    public static void run(ViewState view, Sampler sampler, Set<Integer> only, boolean onlyActive,
            double delay, int iterations) {
        // JLine reports provider fallbacks through java.util.logging; a full-screen tool must not.
        Logger.getLogger("org.jline").setLevel(Level.OFF);
        Terminal term;
        try {
            // FFM first (no JNI/JNA, no forks); exec (stty) where FFM is unavailable
            term = TerminalBuilder.builder().system(true).providers("ffm,exec").dumb(false)
                    .nativeSignals(true).build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot open the terminal: " + e.getMessage());
        }
        var ui = new TopUi(term, view, sampler, only, onlyActive);
        Attributes saved = term.enterRawMode();
        AtomicBoolean restored = new AtomicBoolean();
        Runnable restore = () -> {
            if (restored.compareAndSet(false, true)) {
                ui.out.print(CURSOR_ON + ALT_OFF);
                ui.out.flush();
                term.setAttributes(saved);
                try {
                    term.close();
                } catch (IOException ignored) {
                    // nothing left to restore
                }
            }
        };
        // SIGTERM/SIGHUP: stop drawing, then restore (the loop may still be between two frames)
        Thread hook = new Thread(() -> {
            ui.quit.set(true);
            restore.run();
        }, "top-restore-terminal");
        Runtime.getRuntime().addShutdownHook(hook);
        term.handle(Terminal.Signal.WINCH, s -> ui.resized.set(true));
        term.handle(Terminal.Signal.INT, s -> ui.quit.set(true));
        try {
            ui.out.print(ALT_ON + CURSOR_OFF);
            ui.loop(delay, iterations);
        } finally {
            restore.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private void loop(double delay, int iterations) {
        NonBlockingReader reader = term.reader();
        sample = sampler.sample();
        // a short first interval, so the first real figures come quickly
        long next = System.nanoTime() + (long) (Math.min(delay, 0.3) * 1e9);
        int done = 0;
        draw();
        while (!quit.get()) {
            long wait = next - System.nanoTime();
            if (wait <= 0) {
                sample = sampler.sample();
                done++;
                draw();
                if (iterations > 0 && done >= iterations) {
                    break;
                }
                next = System.nanoTime() + (long) (delay * 1e9);
                continue;
            }
            int c;
            try {
                c = reader.read(Math.max(1, Math.min(wait / 1_000_000, 100)));
            } catch (IOException e) {
                break;
            }
            if (c == -1) {
                break;   // end of input
            }
            if (c >= 0) {
                if (key(c, reader)) {
                    next = System.nanoTime();   // resample now (after kill/renice)
                }
                draw();
            }
            if (resized.getAndSet(false)) {
                draw();
            }
        }
    }

    /** Handles one key; true when the process list should be sampled again at once. */
    private boolean key(int c, NonBlockingReader reader) {
        if (c == 27) {
            // Esc, or the start of an escape sequence (arrow keys): swallow the rest
            try {
                while (reader.peek(20) >= 0) {
                    reader.read(1);
                }
            } catch (IOException ignored) {
                // nothing more to read
            }
            if (ask != Ask.NONE) {
                ask = Ask.NONE;
                message = "";
            }
            return false;
        }
        if (ask != Ask.NONE) {
            return promptKey(c);
        }
        message = "";
        switch (c) {
            case 'q', 3 -> quit.set(true);
            case 'P' -> view = view.withSort(Column.CPU);
            case 'M' -> view = view.withSort(Column.MEM);
            case 'T' -> view = view.withSort(Column.TIME);
            case 'N' -> view = view.withSort(Column.PID);
            case '<', ',' -> view = view.moveSort(-1);
            case '>', '.' -> view = view.moveSort(1);
            case 'R', 'I' -> view = view.withReverse(!view.reverse());
            case 't' -> view = view.withTree(!view.tree());
            case '/', 'o' -> {
                ask = Ask.FILTER;
                input.setLength(0);
                input.append(view.filter());
            }
            case 'k' -> {
                ask = Ask.KILL_PID;
                input.setLength(0);
            }
            case 'r' -> {
                ask = Ask.RENICE_PID;
                input.setLength(0);
            }
            case 'h', '?' -> message = view.iotop()
                    ? "Keys: < > sort column, R reverse, t tree, / filter, k kill, r renice, q quit"
                    : "Keys: P M T N sort by %CPU %MEM TIME+ PID, < > sort column, R reverse, t tree, / filter, k kill, r renice, q quit";
            case 12 -> term.puts(org.jline.utils.InfoCmp.Capability.clear_screen);   // Ctrl-L
            default -> { }
        }
        if (view.iotop() && (view.sort() == Column.CPU || view.sort() == Column.MEM || view.sort() == Column.TIME)) {
            view = ViewState.initial(true).withTree(view.tree()).withFilter(view.filter());
        }
        return false;
    }

    private boolean promptKey(int c) {
        if (c == 127 || c == 8) {
            if (!input.isEmpty()) {
                input.setLength(input.length() - 1);
            }
            if (ask == Ask.FILTER) {
                view = view.withFilter(input.toString());
            }
            return false;
        }
        if (c != '\r' && c != '\n') {
            if (c >= 32) {
                input.append((char) c);
                if (ask == Ask.FILTER) {
                    view = view.withFilter(input.toString());
                }
            }
            return false;
        }
        String text = input.toString().trim();
        input.setLength(0);
        Ask was = ask;
        ask = Ask.NONE;
        switch (was) {
            case FILTER -> view = view.withFilter(text);
            case KILL_PID, RENICE_PID -> {
                int def = defaultPid();
                try {
                    targetPid = text.isEmpty() ? def : Integer.parseInt(text);
                    if (targetPid <= 0) {
                        // kill(0, sig) would signal the whole process group, top included
                        message = "Invalid PID '" + (text.isEmpty() ? def : text) + "'";
                    } else {
                        ask = was == Ask.KILL_PID ? Ask.KILL_SIGNAL : Ask.RENICE_VALUE;
                    }
                } catch (NumberFormatException e) {
                    message = "Invalid PID '" + text + "'";
                }
            }
            case KILL_SIGNAL -> {
                try {
                    int sig = text.isEmpty() ? 15 : Signals.parse(text);
                    Psutil.process(targetPid).sendSignal(sig);
                    message = "Sent signal " + sig + " to pid " + targetPid;
                    return true;
                } catch (PsutilException | IllegalArgumentException e) {
                    message = "Failed signal pid '" + targetPid + "': " + e.getMessage();
                }
            }
            case RENICE_VALUE -> {
                try {
                    int nice = Integer.parseInt(text);
                    Psutil.process(targetPid).nice(nice);
                    message = "Reniced pid " + targetPid + " to " + nice;
                    return true;
                } catch (NumberFormatException e) {
                    message = "Invalid nice value '" + text + "'";
                } catch (PsutilException | IllegalArgumentException e) {
                    message = "Failed renice of pid " + targetPid + ": " + e.getMessage();
                }
            }
            case NONE -> { }
        }
        return false;
    }

    /** The first row shown (top's default for k and r). */
    private int defaultPid() {
        return screen == null || screen.rows().isEmpty() ? 0 : screen.rows().get(0).pid();
    }

    private String promptText() {
        return switch (ask) {
            case FILTER -> "Filter (command substring, Enter to keep, Esc to close): " + input;
            case KILL_PID -> "PID to signal/kill [default pid = " + defaultPid() + "] " + input;
            case KILL_SIGNAL -> "Send pid " + targetPid + " signal [15/sigterm] " + input;
            case RENICE_PID -> "PID to renice [default pid = " + defaultPid() + "] " + input;
            case RENICE_VALUE -> "Renice PID " + targetPid + " to value " + input;
            case NONE -> message.isEmpty() && !view.filter().isEmpty() ? "Filter: " + view.filter() : message;
        };
    }

    private void draw() {
        if (quit.get()) {
            return;
        }
        Size size = term.getSize();
        int w = size.getColumns() > 0 ? size.getColumns() : 80;
        int h = size.getRows() > 0 ? size.getRows() : 24;
        var rows = select(sample.rows(), only, onlyActive);
        screen = Render.render(new Render.Model(sample.sys(), rows, view.withPrompt(promptText()), w, h, ZoneId.systemDefault()));
        var sb = new StringBuilder(w * h + 64);
        sb.append("\033[H");
        var lines = screen.lines();
        for (int i = 0; i < lines.size(); i++) {
            String l = fit(lines.get(i), w);
            if (i == screen.tableHeader()) {
                // reverse video; the sort column's title also bold and underlined, as htop marks it
                String padded = l + " ".repeat(Math.max(0, w - l.length()));
                int from = Math.min(screen.sortFrom(), padded.length());
                int to = Math.min(screen.sortTo(), padded.length());
                sb.append("\033[7m").append(padded, 0, from)
                        .append("\033[1;4m").append(padded, from, to)
                        .append("\033[22;24m").append(padded, to, padded.length()).append("\033[m");
            } else {
                sb.append(l).append("\033[K");
            }
            if (i < lines.size() - 1) {
                sb.append("\r\n");
            }
        }
        sb.append("\033[J");
        out.print(sb);
        out.flush();
    }

    /**
     * Cuts a line to {@code width} terminal columns: wide characters (CJK, emoji) take two, so a
     * command line with them would otherwise wrap and push the table down.
     */
    static String fit(String line, int width) {
        int cols = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int cw = Math.max(0, org.jline.utils.WCWidth.wcwidth(cp));
            if (cols + cw > width) {
                return line.substring(0, i);
            }
            cols += cw;
            i += Character.charCount(cp);
        }
        return line;
    }

    /** Signal names and numbers as kill(1) accepts them. */
    static final class Signals {
        private static final List<String> NAMES = List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS",
                "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP",
                "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

        private Signals() {
        }

        static int parse(String s) {
            String u = s.toUpperCase(Locale.ROOT);
            if (u.startsWith("SIG")) {
                u = u.substring(3);
            }
            try {
                int n = Integer.parseInt(u);
                if (n < 0 || n > 64) {
                    throw new IllegalArgumentException("bad signal number " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                int i = NAMES.indexOf(u);
                if (i <= 0) {
                    throw new IllegalArgumentException("unknown signal '" + s + "'");
                }
                return i;
            }
        }
    }
}
