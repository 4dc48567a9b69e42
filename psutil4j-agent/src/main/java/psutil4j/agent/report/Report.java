package psutil4j.agent.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import psutil4j.agent.model.HistorySource;
import psutil4j.agent.rules.Json;

/**
 * The service-quality report: CPU, memory, disk and network over a period (a day, a week), a
 * graph and a summary table per chart (min, average, 95th percentile, max, and how much of the
 * period is known), and a few headline figures. Built from any {@link HistorySource}: the agent's
 * live store ({@code GET /report}, the scheduled e-mail) or its files ({@code ./psutil4j report}).
 *
 * <p>Min and max are the extremes of the steps' min and max (at 5 s, the collections
 * themselves); the average is that of the steps; the 95th percentile is of the step averages
 * (nearest rank), so at the window's resolution: 5 s for a day, 1 min for a week. Derived rows
 * (CPU busy, memory and file system use %) are computed per step from the averages.
 *
 * @param host      the machine's name
 * @param generated when the report was made
 * @param range     the period, ending at {@code generated}
 * @param sections  CPU, Memory, Disk, Network (a section without charts is left out)
 * @param glance    headline figures: label to value, formatted
 */
public record Report(String host, Instant generated, Duration range, List<Section> sections, Map<String, String> glance) {

    /** The graphs' size in a report. */
    static final int WIDTH = 760;
    static final int HEIGHT = 240;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    /** A part of the report. */
    public record Section(String title, List<Item> items) {
    }

    /** One chart: its window over the period, its table rows, its graph. */
    public record Item(HistorySource.Window window, List<Row> rows, byte[] png) {
    }

    /** One table row: a line of the chart or a derived one (CPU busy, use %). */
    public record Row(String name, String unit, Stats stats) {
    }

    /**
     * A line over the period.
     *
     * @param known the share of the period's steps with a value, 0..1
     */
    public record Stats(double min, double avg, double max, double p95, double known) {

        static final Stats NONE = new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

        /** From a line's min, avg and max per step. */
        static Stats of(double[] min, double[] avg, double[] max) {
            double lo = Double.NaN;
            double hi = Double.NaN;
            for (int i = 0; i < avg.length; i++) {
                if (!Double.isNaN(min[i])) {
                    lo = Double.isNaN(lo) ? min[i] : Math.min(lo, min[i]);
                }
                if (!Double.isNaN(max[i])) {
                    hi = Double.isNaN(hi) ? max[i] : Math.max(hi, max[i]);
                }
            }
            double[] known = Arrays.stream(avg).filter(v -> !Double.isNaN(v)).sorted().toArray();
            if (known.length == 0) {
                return NONE;
            }
            double sum = 0;
            for (double v : known) {
                sum += v;
            }
            double p95 = known[(int) Math.ceil(0.95 * known.length) - 1];
            return new Stats(lo, sum / known.length, hi, p95, known.length / (double) avg.length);
        }

        /** A derived line: min, avg, max and the 95th all from its per-step values. */
        static Stats of(double[] perStep) {
            return of(perStep, perStep, perStep);
        }
    }

    /** Which section a chart belongs to (by its id), or null for none. */
    static String section(String chartId) {
        String prefix = chartId.contains(".") ? chartId.substring(0, chartId.indexOf('.')) : chartId;
        return switch (prefix) {
            case "cpu", "load", "pressure" -> "CPU";
            case "memory", "swap" -> "Memory";
            case "disk", "diskops", "fs" -> "Disk";
            case "net" -> "Network";
            default -> null;
        };
    }

    /**
     * Builds the report of the last {@code range} with a graph per chart; charts with no value in
     * the period are left out.
     */
    public static Report build(HistorySource history, Duration range, String host, Instant now) throws IOException {
        var sections = new LinkedHashMap<String, List<Item>>();
        for (String s : List.of("CPU", "Memory", "Disk", "Network")) {
            sections.put(s, new ArrayList<>());
        }
        var glance = new LinkedHashMap<String, String>();
        double[] totals = new double[4]; // disk read, disk written, net rx, net tx (bytes)
        String fullest = null;
        double fullestUse = Double.NaN;
        String label = "last " + label(range);
        for (HistorySource.Chart c : history.charts()) {
            String section = section(c.id());
            if (section == null) {
                continue;
            }
            var w = history.query(c.id(), range).orElse(null);
            if (w == null) {
                continue;
            }
            var rows = new ArrayList<Row>();
            boolean any = false;
            for (int l = 0; l < c.lines().size(); l++) {
                Stats s = Stats.of(w.min()[l], w.avg()[l], w.max()[l]);
                any |= s.known() > 0;
                rows.add(new Row(c.lines().get(l), c.unit(), s));
            }
            if (!any) {
                continue;
            }
            String prefix = c.id().contains(".") ? c.id().substring(0, c.id().indexOf('.')) : c.id();
            switch (prefix) {
                case "cpu" -> {
                    Stats busy = Stats.of(perStep(w, (v, i) -> 100 - v.apply("idle")[i] - v.apply("iowait")[i]));
                    rows.addFirst(new Row("busy (not idle, not iowait)", "percent", busy));
                    glance.put("CPU busy: average / 95th / max", Units.format(busy.avg(), "percent") + " / "
                            + Units.format(busy.p95(), "percent") + " / " + Units.format(busy.max(), "percent"));
                }
                case "load" -> glance.put("Load (1 min): average / max", Units.format(rows.getFirst().stats().avg(), "load")
                        + " / " + Units.format(rows.getFirst().stats().max(), "load"));
                case "memory" -> {
                    Stats used = Stats.of(perStep(w, (v, i) -> 100 * v.apply("used")[i]
                            / (v.apply("used")[i] + v.apply("available")[i])));
                    rows.addFirst(new Row("used %", "percent", used));
                    glance.put("Memory used: average / max", Units.format(used.avg(), "percent") + " / "
                            + Units.format(used.max(), "percent"));
                }
                case "swap" -> glance.put("Swap used: max", Units.format(rows.getFirst().stats().max(), "bytes"));
                case "fs" -> {
                    Stats use = Stats.of(perStep(w, (v, i) -> 100 * v.apply("used")[i]
                            / (v.apply("used")[i] + v.apply("avail")[i])));
                    rows.addFirst(new Row("use % (as df)", "percent", use));
                    if (Double.isNaN(fullestUse) || use.max() > fullestUse) {
                        fullestUse = use.max();
                        fullest = c.id().substring(3);
                    }
                }
                case "disk" -> {
                    // device-mapper and md devices pass their I/O on to disks counted already
                    String dev = c.id().substring("disk.".length());
                    if (!dev.startsWith("dm-") && !dev.startsWith("md")) {
                        totals[0] += total(w, 0);
                        totals[1] += total(w, 1);
                    }
                }
                case "net" -> {
                    if (!c.id().equals("net.lo")) {
                        totals[2] += total(w, 0);
                        totals[3] += total(w, 1);
                    }
                }
                default -> {
                }
            }
            sections.get(section).add(new Item(w, rows, Graphs.png(w, label, WIDTH, HEIGHT)));
        }
        if (fullest != null) {
            glance.put("Fullest file system: max use", fullest + ": " + Units.format(fullestUse, "percent"));
        }
        if (!sections.get("Disk").isEmpty()) {
            glance.put("Disks: read / written", Units.bytes(totals[0]) + " / " + Units.bytes(totals[1]));
        }
        if (!sections.get("Network").isEmpty()) {
            glance.put("Network (not lo): received / sent", Units.bytes(totals[2]) + " / " + Units.bytes(totals[3]));
        }
        var list = new ArrayList<Section>();
        sections.forEach((t, items) -> {
            if (!items.isEmpty()) {
                list.add(new Section(t, items));
            }
        });
        return new Report(host, now, range, list, glance);
    }

    /** A value per step computed from the chart's averages by line name. */
    @FunctionalInterface
    private interface PerStep {
        double at(Function<String, double[]> line, int step);
    }

    private static double[] perStep(HistorySource.Window w, PerStep f) {
        Function<String, double[]> line = name -> w.avg()[w.chart().lines().indexOf(name)];
        double[] out = new double[w.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.at(line, i);
        }
        return out;
    }

    /** The bytes a rate line adds up to over the window: average times step, summed. */
    private static double total(HistorySource.Window w, int line) {
        double sum = 0;
        for (double v : w.avg()[line]) {
            if (!Double.isNaN(v)) {
                sum += v * w.stepSeconds();
            }
        }
        return sum;
    }

    /** "1d", "1w", "12h". */
    static String label(Duration d) {
        long s = d.toSeconds();
        if (s % (7 * 86400) == 0) {
            return s / (7 * 86400) + "w";
        }
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** The title: "Service quality report: HOST, last 1d". */
    public String title() {
        return "Service quality report: " + host + ", last " + label(range);
    }

    /** The charts in the report. */
    public List<Item> items() {
        return sections.stream().flatMap(s -> s.items().stream()).toList();
    }

    /** One self-contained HTML page, the graphs inlined as {@code data:} PNGs. */
    public String html() {
        return html(item -> "data:image/png;base64," + Base64.getEncoder().encodeToString(item.png()));
    }

    /**
     * The HTML page, each graph's {@code src} given by {@code imageSrc} (a data: URI for a file,
     * a cid: for a mail).
     */
    public String html(Function<Item, String> imageSrc) {
        ZoneId zone = ZoneId.systemDefault();
        var sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title()))
                .append("</title>\n<style>\n")
                .append("body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;max-width:800px;margin:1em auto;"
                        + "color:#222;padding:0 8px}\n")
                .append("h1{font-size:1.4em}h2{border-bottom:2px solid #555;margin-top:1.6em}h3{font-size:1em;margin-bottom:4px}\n")
                .append("table{border-collapse:collapse;margin:4px 0 20px;font-size:.9em}\n")
                .append("th,td{padding:2px 10px;text-align:right;border-bottom:1px solid #ddd}\n")
                .append("th:first-child,td:first-child{text-align:left}img{display:block;max-width:100%;height:auto}\n")
                .append(".note{color:#666;font-size:.85em}\n</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(esc(title())).append("</h1>\n<p class=\"note\">")
                .append(esc(TIME.format(generated.minus(range).atZone(zone)))).append(" to ")
                .append(esc(TIME.format(generated.atZone(zone)))).append(". Min and max: the extremes of the period;"
                        + " average: of the period; 95th: the 95th percentile of the step averages; known: the share of"
                        + " the period with data.</p>\n");
        if (!glance.isEmpty()) {
            sb.append("<h2>At a glance</h2>\n<table>\n");
            glance.forEach((k, v) -> sb.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v))
                    .append("</td></tr>\n"));
            sb.append("</table>\n");
        }
        if (sections.isEmpty()) {
            sb.append("<p>No history in this period.</p>\n");
        }
        for (Section s : sections) {
            sb.append("<h2>").append(esc(s.title())).append("</h2>\n");
            for (Item it : s.items()) {
                var c = it.window().chart();
                sb.append("<h3>").append(esc(c.title())).append("</h3>\n<img src=\"").append(imageSrc.apply(it))
                        .append("\"\n width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" alt=\"")
                        .append(esc(c.title())).append("\">\n<table>\n<tr><th>").append(esc(c.unit()))
                        .append(" (step ").append(label(Duration.ofSeconds(it.window().stepSeconds())))
                        .append(")</th><th>min</th><th>average</th><th>95th</th><th>max</th><th>known</th></tr>\n");
                for (Row r : it.rows()) {
                    Stats st = r.stats();
                    sb.append("<tr><td>").append(esc(r.name())).append("</td><td>").append(esc(Units.format(st.min(), r.unit())))
                            .append("</td><td>").append(esc(Units.format(st.avg(), r.unit())))
                            .append("</td><td>").append(esc(Units.format(st.p95(), r.unit())))
                            .append("</td><td>").append(esc(Units.format(st.max(), r.unit())))
                            .append("</td><td>").append(Math.round(st.known() * 100)).append(" %</td></tr>\n");
                }
                sb.append("</table>\n");
            }
        }
        sb.append("<p class=\"note\">psutil4j agent, history in rrd4j files; generated ")
                .append(esc(TIME.format(generated.atZone(zone)))).append(".</p>\n</body>\n</html>\n");
        return sb.toString();
    }

    /** The tables as JSON (no graphs): {host, generated, start, end, range_seconds, glance, sections: [...]}. */
    public String json() {
        var m = new LinkedHashMap<String, Object>();
        m.put("host", host);
        m.put("generated", generated.getEpochSecond());
        m.put("start", generated.minus(range).getEpochSecond());
        m.put("end", generated.getEpochSecond());
        m.put("range_seconds", range.toSeconds());
        m.put("glance", glance);
        var secs = new ArrayList<Object>();
        for (Section s : sections) {
            var charts = new ArrayList<Object>();
            for (Item it : s.items()) {
                var c = new LinkedHashMap<String, Object>();
                c.put("id", it.window().chart().id());
                c.put("title", it.window().chart().title());
                c.put("unit", it.window().chart().unit());
                c.put("step", it.window().stepSeconds());
                var rows = new ArrayList<Object>();
                for (Row r : it.rows()) {
                    var row = new LinkedHashMap<String, Object>();
                    row.put("line", r.name());
                    row.put("unit", r.unit());
                    row.put("min", num(r.stats().min()));
                    row.put("avg", num(r.stats().avg()));
                    row.put("p95", num(r.stats().p95()));
                    row.put("max", num(r.stats().max()));
                    row.put("known", r.stats().known());
                    rows.add(row);
                }
                c.put("rows", rows);
                charts.add(c);
            }
            var sec = new LinkedHashMap<String, Object>();
            sec.put("title", s.title());
            sec.put("charts", charts);
            secs.add(sec);
        }
        m.put("sections", secs);
        return Json.write(m) + "\n";
    }

    private static Double num(double v) {
        return Double.isNaN(v) ? null : v;
    }

    static String esc(String s) {
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** This machine's name, from the kernel; "localhost" when unreadable. */
    public static String hostname() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            return h.isEmpty() ? "localhost" : h;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
