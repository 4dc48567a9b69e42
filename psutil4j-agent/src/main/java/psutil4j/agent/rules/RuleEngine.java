package psutil4j.agent.rules;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import psutil4j.agent.model.SampleBatch;
import psutil4j.agent.model.SampleSink;
import psutil4j.agent.rules.Value.Element;
import psutil4j.agent.tsdb.Labels;
import psutil4j.agent.tsdb.RecentStore;

/**
 * Evaluates rule groups against a {@link RecentStore} and tells notifiers about alerts that start
 * firing or are resolved.
 *
 * <p>As a {@link SampleSink} it appends each batch to the store, then evaluates every group whose
 * interval has elapsed (a group without {@code interval} is evaluated on every batch) at the
 * batch's time. The state machine per alert label set follows Prometheus: the first evaluation
 * that returns it makes it PENDING (activeAt); once it has been returned for {@code for} it is
 * FIRING (immediately when {@code for} is 0); when the expression stops returning it, a pending
 * alert is dropped (INACTIVE, not notified) and a firing one is RESOLVED (after
 * {@code keep_firing_for}, if set). Notifiers get FIRING and RESOLVED transitions, grouped by
 * alert name, on a separate thread so a slow webhook never holds up the collector; firing alerts
 * are re-sent every minute only to notifiers that ask for it (Alertmanager), others
 * hear only of changes.
 */
public final class RuleEngine implements SampleSink, AutoCloseable {

    private final List<RuleGroup> groups;
    private final RecentStore store;
    private final Evaluator evaluator;
    private final List<Notifier> notifiers;
    private final String externalUrl;
    private final Consumer<String> errors;
    private final ExecutorService dispatcher;
    private final Map<String, Long> lastEval = new HashMap<>();
    /** Active alerts per rule (keyed by group name + rule index), then by label set. */
    private final Map<String, Map<Map<String, String>, Active>> active = new LinkedHashMap<>();

    private static final class Active {
        AlertState state;
        Map<String, String> labels;
        Map<String, String> annotations;
        double value;
        long activeAt;
        long firedAt = -1;
        long lastSeen;
        long lastSent;
    }

    /** How often firing alerts are re-sent to notifiers that want it (Prometheus's resend delay). */
    public static final long RESEND_MILLIS = 60_000;

    /**
     * An engine.
     *
     * @param groups      the rule groups (from {@link RuleFiles})
     * @param store       the store rules read; recorded series are appended to it
     * @param notifiers   told about FIRING and RESOLVED alerts
     * @param externalUrl the base of alerts' generatorURL (e.g. {@code http://host:9100})
     * @param errors      receives one line per failed evaluation or notification
     * @param synchronous notify on the evaluating thread (for tests and {@code rules test})
     */
    public RuleEngine(List<RuleGroup> groups, RecentStore store, List<Notifier> notifiers, String externalUrl,
                      Consumer<String> errors, boolean synchronous) {
        this.groups = List.copyOf(groups);
        this.store = store;
        this.evaluator = new Evaluator(store);
        this.notifiers = List.copyOf(notifiers);
        this.externalUrl = externalUrl == null ? "" : externalUrl.replaceAll("/+$", "");
        this.errors = errors;
        this.dispatcher = synchronous ? null
                : Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("psutil4j-notify").factory());
    }

    /** The retention the store needs for these rules: the longest lookback plus 5 minutes, at least 1 hour. */
    public static Duration requiredRetention(List<RuleGroup> groups) {
        long max = 0;
        for (RuleGroup g : groups) {
            for (Rule r : g.rules()) {
                max = Math.max(max, Expr.lookbackMillis(r.expr()));
            }
        }
        return Duration.ofMillis(Math.max(max + 5 * 60_000L, RecentStore.DEFAULT_RETENTION.toMillis()));
    }

    @Override
    public void accept(SampleBatch batch) {
        store.accept(batch);
        evaluate(batch.timeMillis(), false);
    }

    /**
     * Evaluates the groups due at {@code timeMillis} (all of them if {@code force}) and returns the
     * transitions; FIRING and RESOLVED ones are also sent to the notifiers.
     */
    public synchronized List<AlertTransition> evaluate(long timeMillis, boolean force) {
        var transitions = new ArrayList<AlertTransition>();
        var resend = new ArrayList<AlertTransition>();
        for (RuleGroup g : groups) {
            Long last = lastEval.get(g.name());
            // Allow 1% jitter so a 30 s group is not skipped when batches come every 29.9 s.
            if (!force && last != null && g.intervalMillis() > 0 && timeMillis - last < g.intervalMillis() * 99 / 100) {
                continue;
            }
            lastEval.put(g.name(), timeMillis);
            for (int i = 0; i < g.rules().size(); i++) {
                Rule r = g.rules().get(i);
                try {
                    switch (r) {
                        case Rule.Recording rec -> record(rec, timeMillis);
                        case Rule.Alerting a -> alert(g.name() + "/" + i, a, timeMillis, transitions, resend);
                    }
                } catch (RuntimeException e) {
                    errors.accept("rule " + r.name() + " (" + r.source() + "): " + e.getMessage());
                }
            }
        }
        notify(transitions, false);
        notify(resend, true);
        return transitions;
    }

    private void record(Rule.Recording rec, long t) {
        for (Element e : evaluator.evalVector(rec.expr(), t).elements()) {
            var labels = new TreeMap<>(e.labels());
            labels.putAll(rec.labels());
            labels.put(Labels.NAME, rec.name());
            store.append(labels, t, e.value());
        }
    }

    private void alert(String key, Rule.Alerting rule, long t, List<AlertTransition> out,
                       List<AlertTransition> resend) {
        Map<Map<String, String>, Active> alerts = active.computeIfAbsent(key, k -> new LinkedHashMap<>());
        var seen = new HashMap<Map<String, String>, Boolean>();
        for (Element e : evaluator.evalVector(rule.expr(), t).elements()) {
            Map<String, String> series = Evaluator.dropName(e.labels());
            var labels = new TreeMap<>(series);
            for (var l : rule.labels().entrySet()) {
                labels.put(l.getKey(), Template.expand(l.getValue(), series, e.value()));
            }
            labels.put("alertname", rule.name());
            var annotations = new TreeMap<String, String>();
            for (var a : rule.annotations().entrySet()) {
                annotations.put(a.getKey(), Template.expand(a.getValue(), series, e.value()));
            }
            if (seen.put(labels, true) != null) {
                throw new Evaluator.EvalException("vector contains metrics with the same labelset after applying alert labels");
            }
            Active a = alerts.get(labels);
            if (a == null) {
                a = new Active();
                a.state = AlertState.PENDING;
                a.activeAt = t;
                a.labels = labels;
                alerts.put(labels, a);
                out.add(new AlertTransition(rule.name(), AlertState.INACTIVE, snapshot(rule, a, -1)));
            }
            a.value = e.value();
            a.annotations = annotations;
            a.lastSeen = t;
        }
        var it = alerts.values().iterator();
        while (it.hasNext()) {
            Active a = it.next();
            if (!seen.containsKey(a.labels)) {
                if (a.state == AlertState.PENDING) {
                    it.remove();
                    a.state = AlertState.INACTIVE;
                    out.add(new AlertTransition(rule.name(), AlertState.PENDING, snapshot(rule, a, -1)));
                } else if (t - a.lastSeen >= rule.keepFiringForMillis()) {
                    it.remove();
                    a.state = AlertState.RESOLVED;
                    out.add(new AlertTransition(rule.name(), AlertState.FIRING, snapshot(rule, a, t)));
                }
                continue;
            }
            if (a.state == AlertState.PENDING && t - a.activeAt >= rule.forMillis()) {
                a.state = AlertState.FIRING;
                a.firedAt = t;
                a.lastSent = t;
                out.add(new AlertTransition(rule.name(), AlertState.PENDING, snapshot(rule, a, -1)));
            } else if (a.state == AlertState.FIRING && t - a.lastSent >= RESEND_MILLIS) {
                a.lastSent = t;
                resend.add(new AlertTransition(rule.name(), AlertState.FIRING, snapshot(rule, a, -1)));
            }
        }
    }

    private Alert snapshot(Rule.Alerting rule, Active a, long resolvedAt) {
        return new Alert(a.state, a.labels, a.annotations == null ? Map.of() : a.annotations, a.value,
                Instant.ofEpochMilli(a.activeAt),
                a.firedAt < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(a.firedAt)),
                resolvedAt < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(resolvedAt)),
                externalUrl + "/graph?g0.expr=" + URLEncoder.encode(rule.exprText().strip(), StandardCharsets.UTF_8)
                        + "&g0.tab=1");
    }

    /** Every pending and firing alert now. */
    public synchronized List<Alert> alerts() {
        var out = new ArrayList<Alert>();
        for (RuleGroup g : groups) {
            for (int i = 0; i < g.rules().size(); i++) {
                if (g.rules().get(i) instanceof Rule.Alerting rule) {
                    var m = active.get(g.name() + "/" + i);
                    if (m != null) {
                        m.values().forEach(a -> out.add(snapshot(rule, a, -1)));
                    }
                }
            }
        }
        return out;
    }

    private void notify(List<AlertTransition> transitions, boolean resending) {
        var byName = new LinkedHashMap<String, List<Alert>>();
        for (AlertTransition tr : transitions) {
            if (tr.to() == AlertState.FIRING || tr.to() == AlertState.RESOLVED) {
                byName.computeIfAbsent(tr.rule(), k -> new ArrayList<>()).add(tr.alert());
            }
        }
        for (List<Alert> batch : byName.values()) {
            for (Notifier n : notifiers) {
                if (resending && !n.resends()) {
                    continue;
                }
                Runnable send = () -> {
                    try {
                        n.send(batch);
                    } catch (Exception e) {
                        errors.accept("notifier " + n + ": " + e);
                    }
                };
                if (dispatcher == null) {
                    send.run();
                } else {
                    dispatcher.execute(send);
                }
            }
        }
    }

    /** Stops the notification thread after queued notifications are sent. */
    public void close() {
        if (dispatcher != null) {
            dispatcher.shutdown();
        }
    }
}
