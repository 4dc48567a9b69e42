package psutil4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import psutil4j.agent.rules.Notifier;
import psutil4j.agent.rules.NotifierConfig;
import psutil4j.agent.rules.Notifiers;
import psutil4j.agent.rules.RuleEngine;
import psutil4j.agent.rules.RuleFiles;
import psutil4j.agent.rules.RuleGroup;
import psutil4j.agent.tsdb.RecentStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import psutil4j.agent.collect.Collector;
import psutil4j.agent.config.AgentConfig;
import psutil4j.agent.config.ConfigLoader;
import psutil4j.agent.config.Durations;
import psutil4j.agent.dashboard.Dashboard;
import psutil4j.agent.http.AgentServer;
import psutil4j.agent.http.AlertsApi;
import psutil4j.agent.otlp.OtlpExporter;
import psutil4j.agent.http.HistoryApi;
import psutil4j.agent.history.DataDir;
import psutil4j.agent.history.HistoryStore;
import psutil4j.agent.history.Layout;
import psutil4j.agent.report.ReportMailer;
import psutil4j.agent.report.ReportPages;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j serve}: the monitoring agent in the foreground. It collects every interval
 * and serves /metrics, /healthz and /api/v1/latest until Ctrl-C (or SIGTERM) stops it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the monitoring agent: collect every interval and serve Prometheus /metrics.")
final class ServeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Option(names = "--config", paramLabel = "FILE", description = "The YAML config (see psutil4j-agent.example.yml).")
    Path config;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", description = "Address to listen on (default 127.0.0.1:9633).")
    String listen;

    @Option(names = "--interval", paramLabel = "DURATION", description = "Collection interval, e.g. 5s (at least 1s).")
    String interval;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the history is kept (overrides data_dir).")
    Path dataDir;

    @Option(names = "--check-config", description = "Validate the config and exit: 0 valid, 1 not (file:line: problem).")
    boolean checkConfig;

    /** Released to stop a running agent; tests use it, the shutdown hook does on Ctrl-C. */
    final CountDownLatch stop = new CountDownLatch(1);

    /** Released once the server and collector are closed. */
    final CountDownLatch stopped = new CountDownLatch(1);

    /** Set once the server listens (for tests). */
    volatile AgentServer server;

    /** The rule engine, null without rule files: its ALERTS series are served with each batch. */
    private volatile RuleEngine rules;

    /** The latest batch, with the ALERTS and ALERTS_FOR_STATE series of the active alerts. */
    private psutil4j.agent.model.SampleBatch withAlerts(Collector collector) {
        RuleEngine r = rules;
        return r == null ? collector.latest() : r.withAlertSeries(collector.latest());
    }

    @Override
    public void run() {
        AgentConfig cfg = resolve();
        List<RuleGroup> groups = loadRules(cfg);
        PrintWriter out = spec.commandLine().getOut();
        if (checkConfig) {
            String name = config == null ? "(defaults)" : config.toString();
            var history = historyPlan(cfg);
            String historyLine = (String) history.get("line");
            if (json.json) {
                var m = new LinkedHashMap<String, Object>();
                m.put("config", name);
                m.put("ok", true);
                history.remove("line");
                m.put("history", history);
                out.println(Json.write(m, json.pretty));
            } else {
                out.println(name + ": ok");
                out.println(historyLine);
            }
            out.flush();
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        try (Collector collector = new Collector(cfg.interval(), cfg.processGroups(), line -> log(err, line))) {
            try (AgentServer s = AgentServer.start(cfg.host(), cfg.port(), cfg.token(), () -> withAlerts(collector));
                 RuleEngine rules = startRules(cfg, groups, collector, s.url(), err);
                 OtlpExporter otlp = cfg.otlp().map(o -> OtlpExporter.start(o, collector::latest,
                         line -> log(err, line))).orElse(null);
                 HistoryStore history = openHistory(cfg, err);
                 ReportMailer reports = history == null ? null : cfg.report().map(r -> ReportMailer.start(r, history,
                         line -> log(err, line))).orElse(null)) {
                Dashboard.register(s, collector);
                this.rules = rules;
                AlertsApi.register(s, rules, cfg.interval());
                if (history != null) {
                    collector.addSink(history);
                    HistoryApi.register(s, history);
                    ReportPages.register(s, history);
                }
                collector.collectOnce();
                collector.start();
                s.staleAfter(3 * cfg.interval().toMillis());
                server = s; // ready: every page registered, a collection made
                String metrics = s.url() + "/metrics";
                if (json.json) {
                    var m = new LinkedHashMap<String, Object>();
                    m.put("url", s.url());
                    m.put("metrics", metrics);
                    m.put("dashboard", s.url() + "/");
                    m.put("interval_seconds", cfg.interval().toMillis() / 1000.0);
                    m.put("token_required", s.requiresToken());
                    if (history != null) {
                        m.put("history_dir", history.dir().toString());
                        m.put("history_max_bytes", history.maxBytes());
                    }
                    out.println(Json.write(m, json.pretty));
                } else {
                    out.println("psutil4j agent: dashboard " + s.url() + "/ , metrics " + metrics + ", every "
                            + Durations.format(cfg.interval())
                            + (s.requiresToken() ? " (token required: Authorization: Bearer <token>)" : "")
                            + "; Ctrl-C stops");
                    out.println(history != null ? history.summary()
                            : "history: off" + (historyError == null ? "" : " (" + historyError + ")"));
                    if (reports != null) {
                        out.println(reports.describe());
                    }
                }
                out.flush();
                // On Ctrl-C/SIGTERM the hook releases us and waits (a little) for the clean stop below.
                Thread hook = new Thread(() -> {
                    stop.countDown();
                    try {
                        stopped.await(15, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "psutil4j-serve-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException e) {
                        // shutting down already: the hook is what released us
                    }
                    // Stop collecting first, so no batch reaches a history, rule engine or exporter
                    // that is closing; then the resources close in reverse order of opening.
                    collector.close();
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot listen on " + cfg.host() + ":" + cfg.port() + ": "
                        + e.getMessage(), e);
            }
        } finally {
            stopped.countDown();
        }
    }

    /** The groups of every rule file in the config; a bad file is refused with file:line. */
    private static List<RuleGroup> loadRules(AgentConfig cfg) {
        var groups = new ArrayList<RuleGroup>();
        for (Path p : cfg.ruleFiles()) {
            try {
                groups.addAll(RuleFiles.load(p));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read rule file " + p + ": " + e.getMessage(), e);
            }
        }
        return groups;
    }

    /**
     * With rules: a store of recent samples and the rule engine, fed by every collection, telling
     * the configured notifiers (and stderr) when alerts fire and resolve. Null without rules.
     */
    private static RuleEngine startRules(AgentConfig cfg, List<RuleGroup> groups, Collector collector, String url,
                                         PrintWriter err) {
        if (groups.isEmpty()) {
            return null;
        }
        Consumer<String> log = line -> log(err, line);
        var notifiers = new ArrayList<Notifier>();
        notifiers.add(alerts -> alerts.forEach(a -> log.accept("alert " + a.state() + " " + a.labels())));
        for (var m : cfg.notifiers()) {
            notifiers.add(Notifiers.create(NotifierConfig.fromMap(m), url));
        }
        var store = new RecentStore(RuleEngine.requiredRetention(groups), 100_000);
        var engine = new RuleEngine(groups, store, notifiers, url, log, false);
        collector.addSink(store);
        collector.addSink(engine);
        return engine;
    }

    /**
     * The history store in DATA_DIR/history (or the user's fallback, said on stderr), or null when
     * history is off; a store that cannot be opened stops the agent with one line.
     */
    /**
     * The history store, or null when off. A store that cannot open (the interval changed, another
     * agent holds the directory, the disk is read-only) turns the history off with one stderr line;
     * the agent still serves metrics, alerts and the dashboard, and the startup line says why.
     */
    private HistoryStore openHistory(AgentConfig cfg, PrintWriter err) {
        if (!cfg.history().enabled()) {
            return null;
        }
        try {
            DataDir dir = DataDir.forWriting(cfg.dataDir(), System.getenv(), false);
            dir.note().ifPresent(n -> log(err, n));
            return HistoryStore.open(dir.dir(), cfg.interval(), cfg.history(), java.time.InstantSource.system(),
                    line -> log(err, line));
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            historyError = why.startsWith("history") ? why.substring(why.indexOf(':') + 1).strip() : why;
            log(err, "history off: " + historyError);
            return null;
        }
    }

    /** Why the history is off although configured, or null. */
    private volatile String historyError;

    private static void log(PrintWriter err, String line) {
        synchronized (err) {
            err.println("serve: " + line);
            err.flush();
        }
    }

    /** What --check-config says of the history: where, how many charts and bytes at most; nothing is created. */
    private static LinkedHashMap<String, Object> historyPlan(AgentConfig cfg) {
        var m = new LinkedHashMap<String, Object>();
        m.put("enabled", cfg.history().enabled());
        if (!cfg.history().enabled()) {
            m.put("line", "history: off");
            return m;
        }
        DataDir dir;
        try {
            dir = DataDir.forWriting(cfg.dataDir(), System.getenv(), true);
        } catch (IOException e) {
            throw new IllegalArgumentException("history: " + e.getMessage(), e);
        }
        Layout layout = Layout.forInterval(cfg.interval());
        var caps = HistoryStore.caps(cfg.history());
        int charts = Layout.maxCharts(caps);
        long bytes = layout.maxBytes(caps);
        m.put("dir", dir.dir().toString());
        m.put("max_charts", charts);
        m.put("max_bytes", bytes);
        m.put("tiers", layout.describe());
        m.put("line", HistoryStore.summary(charts, bytes, dir.dir(), layout) + dir.note().map(n -> "\n" + n).orElse(""));
        return m;
    }

    /** The config file (or the defaults) with the command-line overrides applied. */
    AgentConfig resolve() {
        AgentConfig cfg = config == null ? AgentConfig.defaults() : ConfigLoader.load(config);
        if (listen != null) {
            Object[] hp = AgentConfig.parseListen(listen);
            cfg = cfg.withListen((String) hp[0], (Integer) hp[1]);
        }
        if (interval != null) {
            cfg = cfg.withInterval(Durations.parse(interval));
        }
        if (dataDir != null) {
            cfg = cfg.withDataDir(dataDir);
        }
        return cfg;
    }
}
