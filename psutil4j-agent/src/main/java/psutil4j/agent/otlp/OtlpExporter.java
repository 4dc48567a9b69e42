package psutil4j.agent.otlp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.metrics.ObservableMeasurement;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import psutil4j.agent.model.SampleBatch;

/**
 * Pushes the latest collection to an OTLP/HTTP endpoint every {@link OtlpConfig#interval()},
 * under OpenTelemetry's semantic-convention names ({@link Semconv}), with the OpenTelemetry SDK:
 * one observable instrument per metric, all fed by one batch callback that reads the collector's
 * latest {@link SampleBatch} when the SDK's periodic reader collects. Counters are cumulative.
 * The resource carries {@code service.name=psutil4j-agent}, {@code host.name} (the kernel's host
 * name) and the SDK's {@code telemetry.sdk.*}.
 *
 * <p>A failed export is reported once on the error log (not at every interval while it lasts)
 * and again when exports work again; the SDK's own logging of it is silenced.
 */
public final class OtlpExporter implements AutoCloseable {

    /** The resource's service.name. */
    public static final String SERVICE_NAME = "psutil4j-agent";
    /** The instrumentation scope. */
    public static final String SCOPE = "io.github.psutil4j.agent";
    /** Enough series per instrument for 10,000 process groups in two CPU modes. */
    private static final int CARDINALITY_LIMIT = 100_000;

    /**
     * The SDK's exporter logs why an export failed ("Server responded with HTTP status code 500
     * ...") to java.util.logging; its failure result carries no message. Its records are kept
     * here, not printed, and the last one goes into our one line per outage. Held strongly so
     * the settings stick (JUL holds loggers weakly).
     */
    private static final Logger SDK_EXPORT_LOG = Logger.getLogger("io.opentelemetry.exporter");
    private static volatile String lastSdkMessage;
    /** Its "Exporter failed" repeats every interval: our line says it once. */
    private static final Logger SDK_READER_LOG = Logger.getLogger(PeriodicMetricReader.class.getName());

    static {
        SDK_READER_LOG.setUseParentHandlers(false);
        SDK_EXPORT_LOG.setUseParentHandlers(false);
        SDK_EXPORT_LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    String m = r.getMessage();
                    if (r.getParameters() != null && m != null) {
                        m = java.text.MessageFormat.format(m, r.getParameters());
                    }
                    lastSdkMessage = r.getThrown() == null ? m : m + ": " + r.getThrown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private final SdkMeterProvider provider;
    private final OtlpConfig config;

    private OtlpExporter(SdkMeterProvider provider, OtlpConfig config) {
        this.provider = provider;
        this.config = config;
    }

    /**
     * Starts exporting; the first export is one interval from now.
     *
     * @param latest the batch to export (null before the first collection: nothing is sent)
     * @param errors receives one line when exports start failing and one when they work again
     */
    public static OtlpExporter start(OtlpConfig config, Supplier<SampleBatch> latest, Consumer<String> errors) {
        var otlp = OtlpHttpMetricExporter.builder()
                .setEndpoint(config.metricsUrl())
                .setTimeout(config.timeout())
                .setCompression(config.compression())
                .setMeterProvider(MeterProvider::noop);
        config.headers().forEach(otlp::addHeader);
        MetricExporter exporter = new Reporting(otlp.build(), config.metricsUrl(), errors);
        // LEGACY: the reader does not report on itself (otel.sdk.metric_reader.*) through our provider.
        var reader = PeriodicMetricReader.builder(exporter).setInterval(config.interval())
                .setInternalTelemetryVersion(InternalTelemetryVersion.LEGACY).build();
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), SERVICE_NAME,
                AttributeKey.stringKey("host.name"), hostName())));
        SdkMeterProvider provider = SdkMeterProvider.builder()
                .setResource(resource)
                .registerMetricReader(reader, type -> CARDINALITY_LIMIT)
                .build();
        register(provider.get(SCOPE), latest);
        return new OtlpExporter(provider, config);
    }

    /** One observer per instrument, filled by one callback per collection. */
    private static void register(Meter meter, Supplier<SampleBatch> latest) {
        var observers = new EnumMap<Semconv.Instrument, ObservableMeasurement>(Semconv.Instrument.class);
        for (Semconv.Instrument i : Semconv.Instrument.values()) {
            observers.put(i, observer(meter, i));
        }
        List<ObservableMeasurement> all = List.copyOf(observers.values());
        meter.batchCallback(() -> {
            SampleBatch b = latest.get();
            if (b == null) {
                return;
            }
            for (Semconv.Point p : Semconv.points(b)) {
                // The SDK's measurement objects implement both interfaces: the instrument says which it is.
                ObservableMeasurement m = observers.get(p.instrument());
                if (p.instrument().integer) {
                    ((ObservableLongMeasurement) m).record(Math.round(p.value()), p.attributes());
                } else {
                    ((ObservableDoubleMeasurement) m).record(p.value(), p.attributes());
                }
            }
        }, all.get(0), all.subList(1, all.size()).toArray(ObservableMeasurement[]::new));
    }

    private static ObservableMeasurement observer(Meter meter, Semconv.Instrument i) {
        return switch (i.kind) {
            case COUNTER -> {
                var b = meter.counterBuilder(i.metricName).setUnit(i.unit).setDescription(i.description);
                yield i.integer ? b.buildObserver() : b.ofDoubles().buildObserver();
            }
            case UP_DOWN_COUNTER -> {
                var b = meter.upDownCounterBuilder(i.metricName).setUnit(i.unit).setDescription(i.description);
                yield i.integer ? b.buildObserver() : b.ofDoubles().buildObserver();
            }
            case GAUGE -> {
                var b = meter.gaugeBuilder(i.metricName).setUnit(i.unit).setDescription(i.description);
                yield i.integer ? b.ofLongs().buildObserver() : b.buildObserver();
            }
        };
    }

    /** The kernel's host name (what {@code hostname} prints, and the Collector's resource detection reports). */
    static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException e) {
            // not Linux, or /proc not mounted: fall through
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "localhost" : env;
    }

    /** The config this exporter runs with. */
    public OtlpConfig config() {
        return config;
    }

    /** Collects and exports now, waiting up to the timeout; true when the export worked. */
    public boolean flush() {
        CompletableResultCode r = provider.forceFlush();
        return r.join(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS).isSuccess();
    }

    /** Exports one last time and stops. */
    @Override
    public void close() {
        // a last export, but never long: serve's whole stop must fit the shutdown hook's wait
        provider.shutdown().join(Math.min(config.timeout().toMillis() + 1000, 3000), TimeUnit.MILLISECONDS);
    }

    /** Delegates to the OTLP exporter and reports failures once per outage. */
    private static final class Reporting implements MetricExporter {

        private final MetricExporter delegate;
        private final String url;
        private final Consumer<String> errors;
        private volatile boolean failing;

        Reporting(MetricExporter delegate, String url, Consumer<String> errors) {
            this.delegate = delegate;
            this.url = url;
            this.errors = errors == null ? s -> { } : errors;
        }

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            CompletableResultCode r = delegate.export(metrics);
            r.whenComplete(() -> {
                if (r.isSuccess()) {
                    if (failing) {
                        failing = false;
                        errors.accept("otlp: export to " + url + " works again");
                    }
                } else if (!failing) {
                    failing = true;
                    Throwable t = r.getFailureThrowable();
                    String why = lastSdkMessage != null ? lastSdkMessage
                            : t == null ? "no details" : t.getMessage() != null ? t.getMessage() : t.toString();
                    errors.accept("otlp: export to " + url + " failed: " + why);
                }
                lastSdkMessage = null;
            });
            return r;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return delegate.getAggregationTemporality(type);
        }

        @Override
        public Aggregation getDefaultAggregation(InstrumentType type) {
            return delegate.getDefaultAggregation(type);
        }

        @Override
        public io.opentelemetry.sdk.common.export.MemoryMode getMemoryMode() {
            return delegate.getMemoryMode();
        }

        @Override
        public String toString() {
            return "otlp " + url;
        }
    }

    @Override
    public String toString() {
        return "OtlpExporter[" + config.metricsUrl() + " every " + config.interval() + "]";
    }
}
