package psutil4j.agent.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import psutil4j.agent.collect.Collector;
import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;

/**
 * OTLP export of a real collection to an in-process OTLP/HTTP receiver that decodes the protobuf
 * request with the OpenTelemetry proto classes: every metric, attribute and value is checked
 * against the batch it came from.
 */
class OtlpExporterTest {

    private HttpServer receiver;
    private final LinkedBlockingQueue<Received> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger failNext = new AtomicInteger();

    record Received(String path, Map<String, String> headers, ExportMetricsServiceRequest body) {
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            try (ex) {
                var headers = new HashMap<String, String>();
                ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
                InputStream in = ex.getRequestBody();
                if ("gzip".equals(headers.get("content-encoding"))) {
                    in = new GZIPInputStream(in);
                }
                var req = ExportMetricsServiceRequest.parseFrom(in.readAllBytes());
                requests.add(new Received(ex.getRequestURI().getPath(), headers, req));
                if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    byte[] msg = "collector busy".getBytes();
                    ex.sendResponseHeaders(500, msg.length);
                    ex.getResponseBody().write(msg);
                    return;
                }
                ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                ex.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String endpoint() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @Test
    void aCollectionArrivesUnderSemconvNamesWithTheBatchsValues() throws Exception {
        SampleBatch batch;
        try (var c = new Collector(Duration.ofSeconds(1), 10_000, null)) {
            batch = c.collectOnce();
        }
        var cfg = OtlpConfig.fromMap(Map.of("endpoint", endpoint(), "interval", "1h", "compression", "gzip",
                "headers", Map.of("Authorization", "Bearer t0k")));
        var errors = new CopyOnWriteArrayList<String>();
        Received r;
        try (var exporter = OtlpExporter.start(cfg, () -> batch, errors::add)) {
            assertTrue(exporter.flush());
            r = requests.poll(10, TimeUnit.SECONDS);
        }
        assertTrue(r != null, "nothing received");
        assertTrue(errors.isEmpty(), errors::toString);
        assertEquals("/v1/metrics", r.path());
        assertEquals("application/x-protobuf", r.headers().get("content-type"));
        assertEquals("Bearer t0k", r.headers().get("authorization"));
        assertEquals("gzip", r.headers().get("content-encoding"));

        assertEquals(1, r.body().getResourceMetricsCount());
        ResourceMetrics rm = r.body().getResourceMetrics(0);
        Map<String, Object> resource = attrs(rm.getResource().getAttributesList());
        assertEquals("psutil4j-agent", resource.get("service.name"));
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), resource.get("host.name"));
        assertEquals("java", resource.get("telemetry.sdk.language"));
        assertEquals(1, rm.getScopeMetricsCount());
        assertEquals(OtlpExporter.SCOPE, rm.getScopeMetrics(0).getScope().getName());

        // Every point, by metric name and attributes; each at most once.
        var metrics = new HashMap<String, Metric>();
        var points = new HashMap<String, Map<Map<String, Object>, Double>>();
        for (Metric m : rm.getScopeMetrics(0).getMetricsList()) {
            assertTrue(metrics.put(m.getName(), m) == null, "twice: " + m.getName());
            var byAttrs = new HashMap<Map<String, Object>, Double>();
            List<NumberDataPoint> dps = m.hasSum() ? m.getSum().getDataPointsList() : m.getGauge().getDataPointsList();
            for (NumberDataPoint p : dps) {
                double v = p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
                assertTrue(byAttrs.put(attrs(p.getAttributesList()), v) == null, m.getName() + " twice: " + p);
            }
            points.put(m.getName(), byAttrs);
        }

        // Types and units: counters are cumulative monotonic sums, usages non-monotonic sums, the rest gauges.
        for (Semconv.Instrument i : Semconv.Instrument.values()) {
            Metric m = metrics.get(i.metricName);
            if (m == null) {
                continue; // e.g. no swap, no readable /proc/<pid>/io
            }
            assertEquals(i.unit, m.getUnit(), i.metricName);
            assertEquals(i.description, m.getDescription());
            switch (i.kind) {
                case COUNTER, UP_DOWN_COUNTER -> {
                    assertTrue(m.hasSum(), i.metricName);
                    assertEquals(i.kind == Semconv.Kind.COUNTER, m.getSum().getIsMonotonic(), i.metricName);
                    assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                            m.getSum().getAggregationTemporality());
                }
                case GAUGE -> assertTrue(m.hasGauge(), i.metricName);
            }
            NumberDataPoint first = m.hasSum() ? m.getSum().getDataPoints(0) : m.getGauge().getDataPoints(0);
            assertEquals(i.integer ? NumberDataPoint.ValueCase.AS_INT : NumberDataPoint.ValueCase.AS_DOUBLE,
                    first.getValueCase(), i.metricName);
        }
        for (String always : List.of("system.cpu.time", "system.memory.usage", "system.memory.utilization",
                "system.cpu.load_average.1m", "system.network.io", "system.filesystem.usage", "process.cpu.time",
                "process.memory.usage")) {
            assertTrue(metrics.containsKey(always), always + " missing: " + metrics.keySet());
        }

        // Values: each from the batch, under semconv's attributes.
        var expected = new HashMap<String, Map<Map<String, Object>, Double>>();
        Map<String, Double> single = new HashMap<>();
        for (Sample s : batch.samples()) {
            var l = s.labels();
            double v = s.value();
            switch (s.name()) {
                case "node_cpu_seconds_total" -> put(expected, "system.cpu.time", Map.of("cpu.logical_number",
                        Long.parseLong(l.get("cpu")), "cpu.mode", l.get("mode").equals("irq") ? "interrupt" : l.get("mode")), v);
                case "node_load1" -> put(expected, "system.cpu.load_average.1m", Map.of(), v);
                case "node_load5" -> put(expected, "system.cpu.load_average.5m", Map.of(), v);
                case "node_load15" -> put(expected, "system.cpu.load_average.15m", Map.of(), v);
                case "node_disk_read_bytes_total" -> put(expected, "system.disk.io",
                        Map.of("system.device", l.get("device"), "disk.io.direction", "read"), v);
                case "node_disk_written_bytes_total" -> put(expected, "system.disk.io",
                        Map.of("system.device", l.get("device"), "disk.io.direction", "write"), v);
                case "node_network_receive_bytes_total" -> put(expected, "system.network.io",
                        Map.of("network.interface.name", l.get("device"), "network.io.direction", "receive"), v);
                case "node_network_transmit_bytes_total" -> put(expected, "system.network.io",
                        Map.of("network.interface.name", l.get("device"), "network.io.direction", "transmit"), v);
                case "node_network_receive_packets_total" -> put(expected, "system.network.packet.count",
                        Map.of("system.device", l.get("device"), "network.io.direction", "receive"), v);
                case "node_filesystem_size_bytes" -> put(expected, "system.filesystem.limit", Map.of("system.device",
                        l.get("device"), "system.filesystem.mountpoint", l.get("mountpoint"),
                        "system.filesystem.type", l.get("fstype")), v);
                case "node_filesystem_avail_bytes" -> put(expected, "system.filesystem.usage", Map.of("system.device",
                        l.get("device"), "system.filesystem.mountpoint", l.get("mountpoint"),
                        "system.filesystem.type", l.get("fstype"), "system.filesystem.state", "free"), v);
                case "namedprocess_namegroup_cpu_seconds_total" -> put(expected, "process.cpu.time",
                        Map.of("process.executable.name", l.get("groupname"), "cpu.mode", l.get("mode")), v);
                case "namedprocess_namegroup_memory_bytes" -> put(expected,
                        l.get("memtype").equals("resident") ? "process.memory.usage" : "process.memory.virtual",
                        Map.of("process.executable.name", l.get("groupname")), v);
                default -> {
                    if (s.labels().isEmpty()) {
                        single.put(s.name(), v);
                    }
                }
            }
        }
        double total = single.get("node_memory_MemTotal_bytes");
        double used = total - single.get("node_memory_MemAvailable_bytes");
        put(expected, "system.memory.usage", Map.of("system.memory.state", "used"), used);
        double available = single.get("node_memory_MemAvailable_bytes");
        put(expected, "system.memory.usage", Map.of("system.memory.state", "available"), available);
        put(expected, "system.memory.utilization", Map.of("system.memory.state", "used"), used / total);
        put(expected, "system.memory.limit", Map.of(), total);
        put(expected, "system.uptime", Map.of(), single.get("node_time_seconds") - single.get("node_boot_time_seconds"));

        // only used and available, which sum to the limit as semconv asks (free, cached overlap used)
        assertEquals(Set.of("used", "available"), points.get("system.memory.usage").keySet().stream()
                .map(k -> k.get("system.memory.state")).collect(java.util.stream.Collectors.toSet()));
        for (var e : expected.entrySet()) {
            Map<Map<String, Object>, Double> got = points.get(e.getKey());
            assertTrue(got != null, e.getKey() + " not exported");
            for (var p : e.getValue().entrySet()) {
                assertTrue(got.containsKey(p.getKey()), e.getKey() + p.getKey() + " not exported; got " + got.keySet());
                assertEquals(p.getValue(), got.get(p.getKey()), e.getKey() + p.getKey());
            }
        }
        // Nothing more than the batch has: one system.cpu.time point per node_cpu_seconds_total sample,
        // one process.cpu.time per group and mode, three file-system states adding up to each size.
        assertEquals(expected.get("system.cpu.time").size(), points.get("system.cpu.time").size());
        assertEquals(expected.get("process.cpu.time").size(), points.get("process.cpu.time").size());
        assertEquals(expected.get("system.network.io").size(), points.get("system.network.io").size());
        var fsSums = new HashMap<Map<String, Object>, Double>();
        points.get("system.filesystem.usage").forEach((a, v) -> {
            var fs = new TreeMap<>(a);
            fs.remove("system.filesystem.state");
            fsSums.merge(fs, v, Double::sum);
        });
        assertEquals(expected.get("system.filesystem.limit"), fsSums);
        assertEquals(3 * fsSums.size(), points.get("system.filesystem.usage").size());
    }

    @Test
    void failuresAreReportedOnceAndRecoveryOnce() throws Exception {
        var batch = new SampleBatch(1000, List.of(Sample.of("node_load1", 0.5)));
        var cfg = OtlpConfig.fromMap(Map.of("endpoint", endpoint() + "/", "interval", "1h"));
        var errors = new CopyOnWriteArrayList<String>();
        failNext.set(2);
        try (var exporter = OtlpExporter.start(cfg, () -> batch, errors::add)) {
            assertFalse(exporter.flush());
            assertFalse(exporter.flush());
            assertEquals(1, errors.size(), errors::toString);
            assertTrue(errors.get(0).startsWith("otlp: export to " + endpoint() + "/v1/metrics failed: "), errors.get(0));
            assertTrue(errors.get(0).contains("HTTP status code 500"), errors.get(0));
            assertTrue(exporter.flush());
            assertEquals(List.of(errors.get(0), "otlp: export to " + endpoint() + "/v1/metrics works again"), errors);
        }
        var last = new ArrayList<Received>();
        requests.drainTo(last);
        assertTrue(last.size() >= 3);
        Metric load = last.get(0).body().getResourceMetrics(0).getScopeMetrics(0).getMetrics(0);
        assertEquals("system.cpu.load_average.1m", load.getName());
        assertEquals(0.5, load.getGauge().getDataPoints(0).getAsDouble());
    }

    @Test
    void nothingIsSentBeforeTheFirstCollection() throws Exception {
        var cfg = OtlpConfig.fromMap(Map.of("endpoint", endpoint(), "interval", "1h"));
        try (var exporter = OtlpExporter.start(cfg, () -> null, null)) {
            exporter.flush();
        }
        assertTrue(requests.isEmpty(), () -> "an empty export was sent: " + requests.peek().body());
    }

    private static void put(Map<String, Map<Map<String, Object>, Double>> m, String name, Map<String, Object> attrs,
                            double v) {
        m.computeIfAbsent(name, k -> new HashMap<>()).put(attrs, v);
    }

    private static Map<String, Object> attrs(List<KeyValue> kvs) {
        var m = new HashMap<String, Object>();
        for (KeyValue kv : kvs) {
            AnyValue v = kv.getValue();
            m.put(kv.getKey(), switch (v.getValueCase()) {
                case INT_VALUE -> v.getIntValue();
                case DOUBLE_VALUE -> v.getDoubleValue();
                case BOOL_VALUE -> v.getBoolValue();
                default -> v.getStringValue();
            });
        }
        return m;
    }
}
