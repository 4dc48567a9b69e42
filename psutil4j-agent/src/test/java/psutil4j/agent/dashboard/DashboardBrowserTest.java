package psutil4j.agent.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import psutil4j.agent.collect.Collector;
import psutil4j.agent.http.AgentServer;
import psutil4j.agent.http.HistoryApi;
import psutil4j.agent.model.HistorySource;
import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;

/**
 * The dashboard in a real headless Chromium against a real agent: an {@link AgentServer} with a
 * real {@link Collector} (collected by the test, three times, so the page's rates come from
 * batches the test knows), a fake history source and a fake {@code /api/v1/alerts}. What the page
 * shows is checked against those batches, /proc and the JSON API; the charts are checked on
 * screenshots (the series colours must be there); the screenshots are kept in
 * target/dashboard-screenshots/ for people to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    /** dashboard.js's first two series colours (COLORS[0], COLORS[1]). */
    private static final int BLUE = 0x1f77b4;
    private static final int RED = 0xd62728;
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ALERTS = """
            {"status":"success","data":{"alerts":[
             {"labels":{"alertname":"DiskAlmostFull","severity":"warning","mountpoint":"/data"},
              "annotations":{"summary":"/data is 91% full"},"state":"pending",
              "activeAt":"2026-01-02T03:04:05.123Z","value":"9.1e+01"},
             {"labels":{"alertname":"HighLoad","severity":"critical","instance":"host:9633"},
              "annotations":{"summary":"load 12 on 4 CPUs","description":"load1 above 3 per CPU for 5m"},
              "state":"firing","activeAt":"2026-01-02T01:00:00Z","value":"1.2e+01"}]}}
            """;

    private final FakeHistory history = new FakeHistory();
    private final HttpClient http = HttpClient.newHttpClient();
    private Collector collector;
    private AgentServer server;
    private HeadlessChromium chromium;
    private WebDriver driver;
    private Process busy;
    private final List<SampleBatch> batches = new ArrayList<>();
    /** utime + stime of the busy child (clock ticks) right after each collection. */
    private final List<Long> busyTicks = new ArrayList<>();
    /** /proc/loadavg's load1 read just before and just after each collection: {min, max}. */
    private final List<double[]> loadBounds = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(SHOTS);
        busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        collector = new Collector(Duration.ofHours(1), 50, null); // the test collects
        collect();
        server = AgentServer.start("127.0.0.1", 0, Optional.empty(), collector::latest);
        Dashboard.register(server, collector);
        HistoryApi.register(server, history);
        server.route("/api/v1/alerts", (path, q) -> AgentServer.Response.json(ALERTS));
        chromium = new HeadlessChromium(1400, 3200);
        driver = chromium.driver;
        driver.get(server.url() + "/");
        waitRendered(batches.getLast());
        // two more collections a second apart: the page computes rates from the last two
        for (int i = 0; i < 2; i++) {
            Thread.sleep(1000);
            collect();
            waitRendered(batches.getLast());
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (collector != null) {
                collector.close();
            }
            if (busy != null) {
                busy.destroyForcibly();
                busy.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private void collect() throws IOException {
        double before = loadavg1();
        batches.add(collector.collectOnce());
        busyTicks.add(ticks(busy.pid()));
        double after = loadavg1();
        loadBounds.add(new double[] {Math.min(before, after), Math.max(before, after)});
    }

    private static double loadavg1() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime: fields 14, 15
    }

    private void waitRendered(SampleBatch b) {
        waitFor(d -> String.valueOf(b.timeMillis()).equals(
                d.findElement(By.id("status")).getDomAttribute("data-rendered")), "the page to show batch " + b.timeMillis());
    }

    private void waitFor(Function<WebDriver, Boolean> condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.apply(driver))) {
                    return;
                }
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("timed out waiting for " + what + "; status: "
                + driver.findElement(By.id("status")).getText(), last);
    }

    private Object js(String script, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script, args);
    }

    private double value(String id) {
        String v = driver.findElement(By.id(id)).getDomAttribute("data-value");
        assertNotNull(v, "#" + id + " has no data-value (text '" + driver.findElement(By.id(id)).getText() + "')");
        return Double.parseDouble(v);
    }

    private static List<Sample> named(SampleBatch b, String name) {
        return b.samples().stream().filter(s -> s.name().equals(name)).toList();
    }

    private static double one(SampleBatch b, String name) {
        return named(b, name).getFirst().value();
    }

    private static Map<String, Long> meminfo() throws IOException {
        Map<String, Long> m = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            String[] f = line.split(":\\s+|\\s+");
            m.put(f[0], Long.parseLong(f[1]) * (line.endsWith("kB") ? 1024 : 1));
        }
        return m;
    }

    // ------------------------------------------------------------------ live figures

    @Test
    @Order(1)
    void memoryLoadAndCpuAgreeWithProcAndTheBatches() throws Exception {
        SampleBatch b2 = batches.get(1);
        SampleBatch b3 = batches.get(2);
        JsonNode latest = JSON.readTree(get("/api/v1/latest").body());
        assertEquals(b3.timeMillis(), latest.get("time_millis").asLong(), "the API serves the batch the page shows");

        Map<String, Long> mem = meminfo();
        assertEquals(mem.get("MemTotal"), (long) value("mem-total"));
        assertEquals(mem.get("SwapTotal"), (long) value("swap-total"));
        assertEquals(one(b3, "node_memory_MemTotal_bytes") - one(b3, "node_memory_MemAvailable_bytes"), value("mem-used"));
        assertEquals(one(b3, "node_memory_SwapTotal_bytes") - one(b3, "node_memory_SwapFree_bytes"), value("swap-used"));
        assertEquals(one(b3, "node_memory_Cached_bytes"), value("mem-cached"));

        assertEquals(one(b3, "node_load1"), value("load1"));
        double[] load = loadBounds.get(2);
        assertTrue(value("load1") >= load[0] - 0.01 && value("load1") <= load[1] + 0.01,
                "load1 " + value("load1") + " against /proc/loadavg around the collection " + Arrays.toString(load));
        assertEquals(one(b3, "node_load15"), value("load15"));

        // one bar per CPU of /proc/stat, each busy share as computed here from the same two batches
        long procStatCpus = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        @SuppressWarnings("unchecked")
        var bars = (List<Map<String, Object>>) js("return [...document.querySelectorAll('#cpu-bars .cpu')]"
                + ".map(b => ({cpu: b.dataset.cpu, busy: b.dataset.busy}))");
        assertEquals(procStatCpus, bars.size(), "CPU bars");
        assertEquals(String.valueOf(procStatCpus), driver.findElement(By.id("cpu-card")).getDomAttribute("data-cpus"));
        Map<String, double[]> busy = cpuBusy(b2, b3);
        double[] all = busy.remove("all");
        for (var bar : bars) {
            double[] expect = busy.get((String) bar.get("cpu"));
            assertNotNull(expect, "cpu " + bar.get("cpu"));
            double shown = Double.parseDouble((String) bar.get("busy"));
            assertEquals(100 * expect[0] / expect[1], shown, 1e-6, "busy % of cpu " + bar.get("cpu"));
            assertTrue(shown >= 0 && shown <= 100, "busy " + shown);
        }
        assertEquals(100 * all[0] / all[1], value("cpu-summary"), 1e-6, "all CPUs");
    }

    /** cpu -> {busy seconds, total seconds} between two batches, and "all". */
    private static Map<String, double[]> cpuBusy(SampleBatch a, SampleBatch b) {
        Map<String, Double> before = new HashMap<>();
        for (Sample s : named(a, "node_cpu_seconds_total")) {
            before.put(s.labels().get("cpu") + "/" + s.labels().get("mode"), s.value());
        }
        Map<String, double[]> out = new HashMap<>();
        double[] all = new double[2];
        for (Sample s : named(b, "node_cpu_seconds_total")) {
            double d = s.value() - before.get(s.labels().get("cpu") + "/" + s.labels().get("mode"));
            double[] c = out.computeIfAbsent(s.labels().get("cpu"), k -> new double[2]);
            String mode = s.labels().get("mode");
            boolean idle = mode.equals("idle") || mode.equals("iowait");
            c[0] += idle ? 0 : d;
            c[1] += d;
            all[0] += idle ? 0 : d;
            all[1] += d;
        }
        out.put("all", all);
        return out;
    }

    @Test
    @Order(2)
    void diskNetworkFilesystemsAndPressureRows() throws Exception {
        SampleBatch b2 = batches.get(1);
        SampleBatch b3 = batches.get(2);
        double dt = (b3.timeMillis() - b2.timeMillis()) / 1000.0;

        Map<String, Map<String, String>> net = rows("#net-table");
        assertEquals(labelValues(b3, "node_network_receive_bytes_total", "device"), net.keySet());
        assertTrue(net.containsKey("lo"), net.keySet().toString());
        for (String dev : net.keySet()) {
            double expect = (value(b3, "node_network_receive_bytes_total", "device", dev)
                    - value(b2, "node_network_receive_bytes_total", "device", dev)) / dt;
            assertEquals(expect, Double.parseDouble(net.get(dev).get("rx")), 1e-6 * Math.max(1, expect), "rx/s of " + dev);
        }

        Map<String, Map<String, String>> disks = rows("#disk-table");
        assertEquals(labelValues(b3, "node_disk_read_bytes_total", "device"), disks.keySet());
        for (String dev : disks.keySet()) {
            double expect = (value(b3, "node_disk_written_bytes_total", "device", dev)
                    - value(b2, "node_disk_written_bytes_total", "device", dev)) / dt;
            assertEquals(expect, Double.parseDouble(disks.get(dev).get("write")), 1e-6 * Math.max(1, expect), "write/s of " + dev);
        }

        Map<String, Map<String, String>> fs = rows("#fs-table");
        assertEquals(labelValues(b3, "node_filesystem_size_bytes", "mountpoint"), fs.keySet());
        assertTrue(fs.containsKey("/"), fs.keySet().toString());
        for (String mp : fs.keySet()) {
            double used = value(b3, "node_filesystem_size_bytes", "mountpoint", mp)
                    - value(b3, "node_filesystem_free_bytes", "mountpoint", mp);
            assertEquals(used, Double.parseDouble(fs.get(mp).get("used")), "used on " + mp);
        }

        Map<String, Map<String, String>> psi = rows("#psi-table");
        if (Files.isReadable(Path.of("/proc/pressure/cpu"))) {
            assertTrue(psi.containsKey("cpu") && psi.containsKey("memory") && psi.containsKey("io"), psi.toString());
            double some = Double.parseDouble(psi.get("memory").get("some"));
            double expect = 100 * (one(b3, "node_pressure_memory_waiting_seconds_total")
                    - one(b2, "node_pressure_memory_waiting_seconds_total")) / dt;
            assertEquals(expect, some, 1e-6, "memory some %");
        } else {
            assertTrue(psi.isEmpty());
            assertTrue(driver.findElement(By.id("psi-note")).isDisplayed());
        }
    }

    /** The rows of a live table: first cell -> data-key -> data-value. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, String>> rows(String table) {
        var list = (List<Map<String, Object>>) js("""
                return [...document.querySelectorAll(arguments[0] + ' tbody tr')].map(tr => {
                  const m = {_id: tr.cells[0].textContent};
                  tr.querySelectorAll('td[data-key]').forEach(td => m[td.dataset.key] = td.dataset.value ?? null);
                  return m;
                })""", table);
        Map<String, Map<String, String>> out = new HashMap<>();
        for (var m : list) {
            Map<String, String> r = new HashMap<>();
            m.forEach((k, v) -> r.put(k, v == null ? null : String.valueOf(v)));
            out.put(r.remove("_id"), r);
        }
        return out;
    }

    private static Set<String> labelValues(SampleBatch b, String name, String label) {
        Set<String> s = new TreeSet<>();
        named(b, name).forEach(x -> s.add(x.labels().get(label)));
        return s;
    }

    private static double value(SampleBatch b, String name, String label, String v) {
        return named(b, name).stream().filter(s -> v.equals(s.labels().get(label))).findFirst().orElseThrow().value();
    }

    // ------------------------------------------------------------------ processes

    @Test
    @Order(3)
    void processTableShowsTheBusyChildAndSortsByColumn() throws Exception {
        JsonNode api = JSON.readTree(get("/api/v1/processes").body());
        long sweep = api.get("time_millis").asLong();
        assertTrue(sweep >= batches.getLast().timeMillis() && sweep < batches.getLast().timeMillis() + 5000,
                "the sweep of the last collection: " + sweep);
        List<Map<String, String>> rows = procRows();
        assertTrue(rows.size() <= 2 * Collector.TOP_PROCESSES, rows.size() + " rows");
        // the same sweep: the API now answers the rows the page got, less processes that exited since
        Set<Long> onPage = new HashSet<>();
        rows.forEach(r -> onPage.add(Long.parseLong(r.get("pid"))));
        Set<Long> now = new HashSet<>();
        api.get("processes").forEach(p -> now.add(p.get("pid").asLong()));
        assertTrue(onPage.containsAll(now), "rows the page lacks: " + now + " vs " + onPage);
        for (long pid : onPage) {
            assertTrue(now.contains(pid) || ProcessHandle.of(pid).isEmpty(), "pid " + pid + " left out but alive");
        }

        // the child spinning on a CPU: its cpu % against its /proc ticks around the last two sweeps
        Map<String, String> child = rows.stream().filter(r -> r.get("pid").equals(String.valueOf(busy.pid())))
                .findFirst().orElseThrow(() -> new AssertionError("busy child " + busy.pid() + " not in the table"));
        double seconds = (batches.get(2).timeMillis() - batches.get(1).timeMillis()) / 1000.0;
        double expect = 100.0 * (busyTicks.get(2) - busyTicks.get(1)) / clockTicks() / seconds;
        double shown = Double.parseDouble(child.get("cpu_percent"));
        assertEquals(expect, shown, 10, "cpu % of the busy child");
        assertTrue(shown > 5, "a spinning child uses a CPU: " + shown);
        assertEquals("sh", child.get("name"));
        assertEquals("1", child.get("num_threads"));
        assertEquals(System.getProperty("user.name"), child.get("username"));
        long rss = Long.parseLong(Files.readString(Path.of("/proc/" + busy.pid() + "/statm")).split(" ")[1]) * pageSize();
        assertEquals(rss, Long.parseLong(child.get("rss")), 256 * 1024, "rss of the child against /proc/pid/statm");

        // default: by CPU, descending
        WebElement cpuHeader = driver.findElement(By.cssSelector("#proc-table th[data-key=cpu_percent]"));
        assertEquals("descending", cpuHeader.getDomAttribute("aria-sort"));
        assertSorted(rows, "cpu_percent", true);
        List<String> byCpu = rows.stream().map(r -> r.get("pid")).toList();

        clickHeader("rss");
        rows = procRows();
        assertEquals("descending", header("rss").getDomAttribute("aria-sort"));
        assertSorted(rows, "rss", true);
        assertNotEquals(byCpu, rows.stream().map(r -> r.get("pid")).toList(), "sorting by RSS reorders the rows");
        clickHeader("rss");
        assertEquals("ascending", header("rss").getDomAttribute("aria-sort"));
        assertSorted(procRows(), "rss", false);

        clickHeader("pid");
        assertSorted(procRows(), "pid", true);
        clickHeader("name");
        assertEquals("ascending", header("name").getDomAttribute("aria-sort"));
        assertEquals(null, header("pid").getDomAttribute("aria-sort"));
        rows = procRows();
        assertTrue(rows.getFirst().get("name").compareToIgnoreCase(rows.getLast().get("name")) <= 0,
                rows.getFirst().get("name") + " before " + rows.getLast().get("name"));

        // the filter box
        WebElement filter = driver.findElement(By.id("proc-filter"));
        filter.sendKeys(String.valueOf(busy.pid()));
        rows = procRows();
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(String.valueOf(busy.pid()), rows.getFirst().get("pid"));
        filter.clear();
        js("document.getElementById('proc-filter').dispatchEvent(new Event('input'))");
        clickHeader("cpu_percent");
    }

    private WebElement header(String key) {
        return driver.findElement(By.cssSelector("#proc-table th[data-key=" + key + "]"));
    }

    private void clickHeader(String key) {
        header(key).click();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, String>> procRows() {
        var list = (List<Map<String, Object>>) js("""
                return [...document.querySelectorAll('#proc-table tbody tr')].map(tr => {
                  const m = {};
                  tr.querySelectorAll('td').forEach(td => m[td.dataset.key] = td.dataset.value ?? null);
                  return m;
                })""");
        var out = new ArrayList<Map<String, String>>();
        for (var m : list) {
            Map<String, String> r = new HashMap<>();
            m.forEach((k, v) -> r.put(k, v == null ? null : String.valueOf(v)));
            out.add(r);
        }
        return out;
    }

    /** Sorted on a numeric column; unknown values (no data-value) last in either direction. */
    private static void assertSorted(List<Map<String, String>> rows, String key, boolean descending) {
        boolean nulls = false;
        double last = descending ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (var r : rows) {
            String v = r.get(key);
            if (v == null) {
                nulls = true;
                continue;
            }
            assertFalse(nulls, "a known " + key + " after unknown ones");
            double d = Double.parseDouble(v);
            assertTrue(descending ? d <= last : d >= last, key + " out of order at " + r);
            last = d;
        }
    }

    private static long clockTicks() throws Exception {
        return Long.parseLong(run("getconf", "CLK_TCK"));
    }

    private static long pageSize() throws Exception {
        return Long.parseLong(run("getconf", "PAGESIZE"));
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    // ------------------------------------------------------------------ alerts

    @Test
    @Order(4)
    void activeAlertsFromTheAlertsApi() {
        @SuppressWarnings("unchecked")
        var alerts = (List<Map<String, Object>>) js("return [...document.querySelectorAll('#alerts-table tbody tr')]"
                + ".map(tr => ({state: tr.dataset.state, name: tr.dataset.alertname, text: tr.textContent}))");
        assertEquals(2, alerts.size(), alerts.toString());
        assertEquals("firing", alerts.get(0).get("state"), "firing first");
        assertEquals("HighLoad", alerts.get(0).get("name"));
        assertTrue(((String) alerts.get(0).get("text")).contains("load 12 on 4 CPUs"), alerts.toString());
        assertEquals("pending", alerts.get(1).get("state"));
        assertTrue(((String) alerts.get(1).get("text")).contains("mountpoint=\"/data\""), alerts.toString());
        assertEquals("1 firing", driver.findElement(By.id("alert-badge")).getText());
    }

    // ------------------------------------------------------------------ charts, screenshots

    @Test
    @Order(5)
    void liveChartsAreDrawn() throws Exception {
        byte[] page = chromium.driver.getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve("live.png"), page);
        BufferedImage full = ImageIO.read(new ByteArrayInputStream(page));
        assertEquals(1400, full.getWidth(), "window width");
        assertTrue(count(full, BLUE) > 1000, "the page shows the user/CPU colour: " + count(full, BLUE));

        for (String chart : List.of("chart-cpu", "chart-mem", "chart-load")) {
            WebElement e = driver.findElement(By.id(chart));
            assertTrue(Integer.parseInt(e.getDomAttribute("data-points")) >= 2, chart + " points");
            BufferedImage img = element(e.findElement(By.tagName("canvas")), "live-" + chart + ".png");
            // on a quiet machine load 1, 5 and 15 are nearly equal and the later lines (green, purple)
            // cover the first: any of the three colours shows the chart drew
            int drawn = chart.equals("chart-load") ? count(img, BLUE) + count(img, 0x2ca02c) + count(img, 0x9467bd)
                    : count(img, BLUE);
            assertTrue(drawn >= 20, chart + ": series colour pixels " + drawn);
        }
    }

    @Test
    @Order(6)
    void historyViewDrawsEveryChartForEachRange() throws Exception {
        // the tab opens on 1h and asks for it at once: clear before, so none of its requests is lost
        history.asked.clear();
        driver.findElement(By.id("tab-history")).click();
        for (String range : List.of("1h", "1d", "1w", "1y")) {
            if (!range.equals("1h")) {
                history.asked.clear();
            }
            driver.findElement(By.cssSelector("button.range[data-range='" + range + "']")).click();
            waitFor(d -> range.equals(d.findElement(By.id("history-charts")).getDomAttribute("data-range")),
                    "the history view for " + range);
            Duration asked = switch (range) {
                case "1h" -> Duration.ofHours(1);
                case "1d" -> Duration.ofDays(1);
                case "1w" -> Duration.ofDays(7);
                default -> Duration.ofDays(365);
            };
            Set<String> want = Set.of("cpu:" + asked, "net.lo:" + asked, "load:" + asked);
            // the three requests run concurrently: wait until all have reached the source
            waitFor(d -> new HashSet<>(history.asked).containsAll(want), "the " + range + " requests");
            assertEquals(want, new HashSet<>(history.asked));
            // and until every chart has drawn its answer
            String points = String.valueOf(FakeHistory.points(asked));
            waitFor(d -> d.findElements(By.cssSelector("#history-charts .hchart")).stream()
                    .filter(c -> range.equals(c.getDomAttribute("data-range")) && points.equals(c.getDomAttribute("data-points")))
                    .count() == FakeHistory.CHARTS.size(), "the " + range + " charts drawn");
            List<WebElement> charts = driver.findElements(By.cssSelector("#history-charts .hchart"));
            assertEquals(FakeHistory.CHARTS.size(), charts.size());
            Files.write(SHOTS.resolve("history-" + range + ".png"), chromium.driver.getScreenshotAs(OutputType.BYTES));
            for (WebElement c : charts) {
                String id = c.getDomAttribute("data-chart");
                assertEquals(range, c.getDomAttribute("data-range"), id);
                assertEquals(String.valueOf(FakeHistory.points(asked)), c.getDomAttribute("data-points"), id);
                assertEquals(String.valueOf(FakeHistory.step(asked)), c.getDomAttribute("data-step"), id);
                // the plot's canvas only: the legend's markers have the series colours too
                BufferedImage img = element(c.findElement(By.tagName("canvas")), "history-" + range + "-" + id + ".png");
                assertTrue(count(img, BLUE) >= 100, id + " " + range + ": first line's colour " + count(img, BLUE));
                if (!id.equals("load")) {
                    assertTrue(count(img, RED) >= 100, id + " " + range + ": second line's colour " + count(img, RED));
                }
            }
        }
        driver.findElement(By.id("tab-live")).click();
    }

    private BufferedImage element(WebElement e, String file) throws IOException {
        byte[] png = e.getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(file), png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img, file);
        return img;
    }

    /** Pixels within a small distance of {@code rgb} (lines are anti-aliased). */
    private static int count(BufferedImage img, int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs((p >> 16 & 0xff) - r) + Math.abs((p >> 8 & 0xff) - g) + Math.abs((p & 0xff) - b) <= 30) {
                    n++;
                }
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ no external URL, token

    @Test
    @Order(7)
    void loadsNothingFromOutsideTheAgent() throws Exception {
        @SuppressWarnings("unchecked")
        var urls = (List<String>) js("return [location.href, ...performance.getEntriesByType('resource').map(e => e.name)]");
        assertTrue(urls.size() > 5, urls.toString());
        for (String u : urls) {
            assertTrue(u.startsWith(server.url() + "/"), u + " is not from the agent");
        }
        assertTrue(urls.stream().anyMatch(u -> u.endsWith("/static/uplot/uPlot.iife.min.js")), urls.toString());
        for (String f : List.of("/", "/static/dashboard.js", "/static/dashboard.css")) {
            String body = get(f).body();
            assertFalse(body.matches("(?s).*(https?:|(src|href)=\"//|url\\(|@import).*"), f + " names an external resource");
        }
    }

    @Test
    @Order(8)
    void withATokenTheBrowserSendsItAsBasicAuth() throws Exception {
        String token = "t0ken-" + ProcessHandle.current().pid();
        try (AgentServer secured = AgentServer.start("127.0.0.1", 0, Optional.of(token), collector::latest)) {
            Dashboard.register(secured, collector);
            var denied = http.send(HttpRequest.newBuilder(URI.create(secured.url() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, denied.statusCode());
            assertTrue(denied.headers().allValues("WWW-Authenticate").stream().anyMatch(h -> h.startsWith("Basic ")),
                    denied.headers().map().toString());
            // what a person does when the browser asks: any user name, the token as password
            driver.get(secured.url().replace("http://", "http://viewer:" + token + "@") + "/");
            SampleBatch b = collector.latest();
            waitRendered(b);
            assertFalse(procRows().isEmpty(), "process rows through the token");
            assertEquals((double) meminfo().get("MemTotal"), value("mem-total"));
            waitFor(d -> "none".equals(d.findElement(By.id("alerts-card")).getDomAttribute("data-state")), "the alerts 404");
            assertTrue(driver.findElement(By.id("alerts-note")).getText().contains("No alert rules configured"));
            driver.findElement(By.id("tab-history")).click();
            waitFor(d -> d.findElement(By.id("history-charts")).getDomAttribute("data-range") != null, "the history 404");
            assertEquals("This agent keeps no history.", driver.findElement(By.id("history-note")).getText());
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r;
    }

    /** Three charts whose step follows the range, as the tiered store's does; records what is asked. */
    static final class FakeHistory implements HistorySource {

        static final List<Chart> CHARTS = List.of(
                new Chart("cpu", "CPU", "percent", List.of("user", "system", "iowait")),
                new Chart("net.lo", "Network lo", "bytes/s", List.of("receive", "transmit")),
                new Chart("load", "Load", "load", List.of("load1")));

        final List<String> asked = new CopyOnWriteArrayList<>();

        static long step(Duration range) {
            long s = range.toSeconds();
            return s <= 3600 ? 10 : s <= 86400 ? 300 : s <= 7 * 86400 ? 1800 : 86400;
        }

        static int points(Duration range) {
            return (int) (range.toSeconds() / step(range));
        }

        @Override
        public List<Chart> charts() {
            return CHARTS;
        }

        @Override
        public Optional<Window> query(String id, Duration range) {
            asked.add(id + ":" + range);
            Chart c = CHARTS.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
            if (c == null) {
                return Optional.empty();
            }
            long step = step(range);
            int n = points(range);
            long start = (System.currentTimeMillis() / 1000 / step) * step - (long) (n - 1) * step;
            int lines = c.lines().size();
            double[][] min = new double[lines][n];
            double[][] avg = new double[lines][n];
            double[][] max = new double[lines][n];
            double scale = c.unit().equals("bytes/s") ? 1e6 : c.unit().equals("load") ? 2 : 30;
            for (int l = 0; l < lines; l++) {
                for (int i = 0; i < n; i++) {
                    // the first steps unknown, as before the agent ran
                    double v = i < n / 10 ? Double.NaN : scale * (1.2 + Math.sin(i / 15.0 + 2 * l)) / (l + 1);
                    avg[l][i] = v;
                    min[l][i] = v * 0.7;
                    max[l][i] = v * 1.3;
                }
            }
            return Optional.of(new Window(c, start, step, min, avg, max));
        }
    }
}
