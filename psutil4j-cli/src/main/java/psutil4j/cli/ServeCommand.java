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
            if (json.json) {
                var m = new LinkedHashMap<String, Object>();
                m.put("config", name);
                m.put("ok", true);
                out.println(Json.write(m, json.pretty));
            } else {
                out.println(name + ": ok");
            }
            out.flush();
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        try (Collector collector = new Collector(cfg.interval(), cfg.processGroups(), line -> {
            synchronized (err) {
                err.println("serve: " + line);
                err.flush();
            }
        })) {
            try (AgentServer s = AgentServer.start(cfg.host(), cfg.port(), cfg.token(), () -> withAlerts(collector));
                 RuleEngine rules = startRules(cfg, groups, collector, s.url(), err);
                 OtlpExporter otlp = cfg.otlp().map(o -> OtlpExporter.start(o, collector::latest, line -> {
                     synchronized (err) {
                         err.println("serve: " + line);
                         err.flush();
                     }
                 })).orElse(null)) {
                server = s;
                Dashboard.register(s, collector);
                this.rules = rules;
                AlertsApi.register(s, rules, cfg.interval());
                collector.collectOnce();
                collector.start();
                String metrics = s.url() + "/metrics";
                if (json.json) {
                    var m = new LinkedHashMap<String, Object>();
                    m.put("url", s.url());
                    m.put("metrics", metrics);
                    m.put("dashboard", s.url() + "/");
                    m.put("interval_seconds", cfg.interval().toMillis() / 1000.0);
                    m.put("token_required", s.requiresToken());
                    out.println(Json.write(m, json.pretty));
                } else {
                    out.println("psutil4j agent: serving " + metrics + " every " + Durations.format(cfg.interval())
                            + (s.requiresToken() ? " (token required: Authorization: Bearer <token>)" : "")
                            + "; Ctrl-C stops");
                }
                out.flush();
                // On Ctrl-C/SIGTERM the hook releases us and waits (a little) for the clean stop below.
                Thread hook = new Thread(() -> {
                    stop.countDown();
                    try {
                        stopped.await(5, java.util.concurrent.TimeUnit.SECONDS);
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
        Consumer<String> log = line -> {
            synchronized (err) {
                err.println("serve: " + line);
                err.flush();
            }
        };
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
        return cfg;
    }
}
