package psutil4j.cli.top;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import psutil4j.cli.render.Units;

/**
 * top's and iotop's screen as a pure function of the sample, the view state and the screen size:
 * no terminal, no clock, no /proc. The live UI prints these lines; batch mode prints them with an
 * unlimited height; tests assert on them.
 */
public final class Render {

    /** The widest the meters get. */
    static final int METERS_MAX = 160;

    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Render() {
    }

    /**
     * The input of one frame.
     *
     * @param sys system figures
     * @param procs every process of the sample, any order
     * @param view sort/filter/tree/prompt
     * @param width screen columns (lines are cut to it)
     * @param height screen rows; 0 or less = unlimited (batch mode)
     * @param zone time zone of the clock in the first line
     */
    public record Model(SysInfo sys, List<ProcRow> procs, ViewState view, int width, int height, ZoneId zone) {
    }

    /**
     * A rendered frame.
     *
     * @param lines the screen's lines, each at most width characters, no control codes
     * @param tableHeader index of the table's header line (the live UI shows it in reverse video)
     * @param rows the processes in the order shown (all of them, also those past the screen's end)
     * @param sortFrom first character of the sort column's title in the header line
     * @param sortTo end (exclusive) of the sort column's title; the live UI highlights this span
     */
    public record Screen(List<String> lines, int tableHeader, List<ProcRow> rows, int sortFrom, int sortTo) {
    }

    /** Renders one frame. */
    public static Screen render(Model m) {
        var lines = new ArrayList<String>();
        if (m.view().iotop()) {
            iotopHeader(m, lines);
        } else {
            topHeader(m, lines);
        }
        lines.add(m.view().prompt());
        List<Column> cols = Column.of(m.view().iotop());
        int header = lines.size();
        var rows = rows(m.procs(), m.view());
        int[] span = new int[2];
        lines.add(row(cols, c -> c.header, m.view().sort(), span));
        for (Shown s : rows) {
            if (m.height() > 0 && lines.size() >= m.height()) {
                break;
            }
            lines.add(row(cols, c -> c == Column.COMMAND ? s.indent + c.format(s.row) : c.format(s.row), null, null));
        }
        var cut = new ArrayList<String>(lines.size());
        for (String l : lines) {
            cut.add(l.length() > m.width() ? l.substring(0, m.width()) : l);
        }
        if (m.height() > 0 && cut.size() > m.height()) {
            cut.subList(m.height(), cut.size()).clear();
        }
        int w = m.width();
        return new Screen(List.copyOf(cut), header, rows.stream().map(s -> s.row).toList(),
                Math.min(span[0], w), Math.min(span[1], w));
    }

    private record Shown(ProcRow row, String indent) {
    }

    /** Filter, then sort, then (in tree view) put children under their parents. */
    static List<Shown> rows(List<ProcRow> procs, ViewState v) {
        String f = v.filter().toLowerCase(Locale.ROOT);
        var kept = procs.stream()
                .filter(r -> f.isEmpty() || r.command().toLowerCase(Locale.ROOT).contains(f))
                .sorted(v.sort().order(v.reverse()))
                .toList();
        if (!v.tree()) {
            return kept.stream().map(r -> new Shown(r, "")).toList();
        }
        // htop's tree: roots are rows whose parent is not shown; siblings keep the sort order.
        Set<Integer> shown = new HashSet<>();
        kept.forEach(r -> shown.add(r.pid()));
        Map<Integer, List<ProcRow>> children = new HashMap<>();
        var roots = new ArrayList<ProcRow>();
        for (ProcRow r : kept) {
            if (r.ppid() != r.pid() && shown.contains(r.ppid())) {
                children.computeIfAbsent(r.ppid(), k -> new ArrayList<>()).add(r);
            } else {
                roots.add(r);
            }
        }
        var out = new ArrayList<Shown>(kept.size());
        Set<Integer> seen = new HashSet<>();
        for (ProcRow r : roots) {
            walk(r, 0, children, out, seen);
        }
        return out;
    }

    private static void walk(ProcRow r, int depth, Map<Integer, List<ProcRow>> children, List<Shown> out, Set<Integer> seen) {
        if (!seen.add(r.pid())) {
            return;
        }
        out.add(new Shown(r, depth == 0 ? "" : "  ".repeat(depth - 1) + "`- "));
        for (ProcRow c : children.getOrDefault(r.pid(), List.of())) {
            walk(c, depth + 1, children, out, seen);
        }
    }

    /** One table line; for the header, {@code span} receives where the {@code sorted} column's title is. */
    private static String row(List<Column> cols, java.util.function.Function<Column, String> cell, Column sorted, int[] span) {
        var sb = new StringBuilder(160);
        for (Column c : cols) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            int start = sb.length();
            String t = cell.apply(c);
            if (c.width == 0) {
                sb.append(t);
            } else if (c.right) {
                sb.append(" ".repeat(Math.max(0, c.width - t.length()))).append(t);
            } else {
                sb.append(t);
                sb.append(" ".repeat(Math.max(0, c.width - t.length())));
            }
            if (c == sorted && span != null) {
                span[0] = start;
                span[1] = sb.length();
            }
        }
        return sb.toString();
    }

    // ---- headers

    private static void topHeader(Model m, List<String> lines) {
        SysInfo s = m.sys();
        lines.add(clockLine("top", m));
        lines.add(tasksLine(m.procs()));
        lines.add(String.format(Locale.ROOT, "%%Cpu(s): %5.1f used", s.cpuTotal()));
        // meters span the screen, but batch mode's 512 columns would make them unreadable
        int meters = Math.min(m.width(), METERS_MAX);
        cpuBars(s.percpu(), meters, lines);
        int half = Math.max(20, (meters - 2) / 2);
        double memUsed = s.vm().total() - s.vm().available();
        lines.add(bar("Mem", memUsed / Math.max(1, s.vm().total()),
                Units.human((long) memUsed) + "/" + Units.human(s.vm().total()), half)
                + "  " + bar("Swp", s.swap().total() == 0 ? 0 : (double) s.swap().used() / s.swap().total(),
                Units.human(s.swap().used()) + "/" + Units.human(s.swap().total()), half));
        var vm = s.vm();
        long buffCache = vm.buffers() + vm.cached() + vm.slab();
        lines.add(String.format(Locale.ROOT, "MiB Mem : %9.1f total, %9.1f free, %9.1f used, %9.1f buff/cache",
                mib(vm.total()), mib(vm.free()), mib(vm.used()), mib(buffCache)));
        lines.add(String.format(Locale.ROOT, "MiB Swap: %9.1f total, %9.1f free, %9.1f used. %9.1f avail Mem",
                mib(s.swap().total()), mib(s.swap().free()), mib(s.swap().used()), mib(vm.available())));
        lines.add(psiLine(s));
    }

    private static void iotopHeader(Model m, List<String> lines) {
        SysInfo s = m.sys();
        double r = 0;
        double w = 0;
        for (ProcRow p : m.procs()) {
            r += Double.isNaN(p.readRate()) ? 0 : p.readRate();
            w += Double.isNaN(p.writeRate()) ? 0 : p.writeRate();
        }
        lines.add(clockLine("iotop", m));
        lines.add(String.format(Locale.ROOT, "Total DISK READ: %14s | Total DISK WRITE: %14s",
                Column.rate(r), Column.rate(w)));
        lines.add(String.format(Locale.ROOT, "Actual DISK READ: %13s | Actual DISK WRITE: %13s",
                Column.rate(s.diskReadRate()), Column.rate(s.diskWriteRate())));
        lines.add(psiLine(s));
    }

    private static double mib(long b) {
        return b / 1048576.0;
    }

    /** "top - 13:16:03 up 3 days,  2:01,  1 user,  load average: 0.52, 0.40, 0.33", as procps. */
    static String clockLine(String tool, Model m) {
        SysInfo s = m.sys();
        LocalTime t = Instant.ofEpochMilli((long) (s.time() * 1000)).atZone(m.zone()).toLocalTime();
        long up = (long) s.uptime();
        long days = up / 86400;
        long hours = (up % 86400) / 3600;
        long mins = (up % 3600) / 60;
        String upText = (days > 0 ? days + (days == 1 ? " day, " : " days, ") : "")
                + (hours > 0 ? String.format(Locale.ROOT, "%2d:%02d", hours, mins) : mins + " min");
        // procps: "0 user", "1 user", "2 users"
        String users = s.users() < 0 ? "" : s.users() + (s.users() > 1 ? " users,  " : " user,  ");
        return String.format(Locale.ROOT, "%s - %s up %s,  %sload average: %.2f, %.2f, %.2f",
                tool, HMS.format(t), upText, users, s.load().load1(), s.load().load5(), s.load().load15());
    }

    /** procps top's task line: idle and disk-sleep tasks count as sleeping, tracing-stop as stopped. */
    static String tasksLine(List<ProcRow> procs) {
        int running = 0;
        int sleeping = 0;
        int stopped = 0;
        int zombie = 0;
        for (ProcRow p : procs) {
            switch (p.state()) {
                case 'R' -> running++;
                case 'S', 'D', 'I', 'P', 'W', 'K' -> sleeping++;
                case 'T', 't' -> stopped++;
                case 'Z', 'X' -> zombie++;
                default -> { }
            }
        }
        return String.format(Locale.ROOT, "Tasks: %d total, %d running, %d sleeping, %d stopped, %d zombie",
                procs.size(), running, sleeping, stopped, zombie);
    }

    static String psiLine(SysInfo s) {
        return "PSI some avg10: cpu " + psi(s.psiCpu()) + "  memory " + psi(s.psiMemory()) + "  io " + psi(s.psiIo());
    }

    private static String psi(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f", v.getAsDouble()) : "n/a";
    }

    /** Per-CPU bars, as many side by side as fit in columns of at least 30 characters (at most 4). */
    static void cpuBars(List<Double> percpu, int width, List<String> lines) {
        int n = percpu.size();
        if (n == 0) {
            return;
        }
        int perRow = Math.max(1, Math.min(4, Math.min(n, width / 30)));
        int cellWidth = (width - 2 * (perRow - 1)) / perRow;
        int rowsNeeded = (n + perRow - 1) / perRow;
        int label = Integer.toString(n - 1).length();
        for (int r = 0; r < rowsNeeded; r++) {
            var sb = new StringBuilder();
            for (int c = 0; c < perRow; c++) {
                int i = c * rowsNeeded + r;   // htop fills columns top to bottom
                if (i >= n) {
                    break;
                }
                if (c > 0) {
                    sb.append("  ");
                }
                String name = String.format(Locale.ROOT, "%" + label + "d", i);
                sb.append(bar(name, percpu.get(i) / 100, String.format(Locale.ROOT, "%.1f%%", percpu.get(i)), cellWidth));
            }
            lines.add(sb.toString());
        }
    }

    /** htop's meter: {@code NAME[|||||      text]} exactly {@code width} wide. */
    static String bar(String name, double fraction, String text, int width) {
        int inner = Math.max(text.length() + 1, width - name.length() - 2);
        double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        int fill = (int) Math.round(f * inner);
        var sb = new StringBuilder(inner);
        for (int i = 0; i < inner; i++) {
            sb.append(i < fill ? '|' : ' ');
        }
        sb.replace(inner - text.length(), inner, text);
        return name + "[" + sb + "]";
    }
}
