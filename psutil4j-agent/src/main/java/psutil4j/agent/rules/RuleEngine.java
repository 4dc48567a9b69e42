package psutil4j.agent.rules;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import psutil4j.agent.model.Sample;
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
 *
 * <p>As in Prometheus, each evaluation writes the {@code ALERTS} and {@code ALERTS_FOR_STATE}
 * series of every pending and firing alert into the store (so rules can refer to them), and a
 * series a rule wrote at its previous evaluation but not at this one (an alert that resolved or
 * went from pending to firing, a recorded series that vanished) gets a staleness marker.
 * {@link #status()} is what {@code /api/v1/rules} and {@code /api/v1/alerts} serve.
 */
public final class RuleEngine implements SampleSink, AutoCloseable {

    private final List<RuleGroup> groups;
    private final RecentStore store;
    private final Evaluator evaluator;
    private final List<Notifier> notifiers;
    private final String externalUrl;
    private final Consumer<String> errors;
    private final ExecutorService dispatcher;
    /** Per group (by index): when it was last evaluated (-1: never) and how long that took. */
    private final long[] groupEval;
    private final long[] groupNanos;
    /** Per group, per rule: its last evaluation and the series it wrote then. */
    private final Evaluated[][] evaluated;
    /** Active alerts per rule (keyed by group index + rule index), then by label set. */
    private final Map<String, Map<Map<String, String>, Active>> active = new LinkedHashMap<>();

    /** The name of the series that holds each pending and firing alert, with an {@code alertstate} label. */
    public static final String ALERTS = "ALERTS";
    /** The name of the series that holds each active alert's activeAt, in epoch seconds. */
    public static final String ALERTS_FOR_STATE = "ALERTS_FOR_STATE";

    private static final class Evaluated {
        long time = -1;
        long nanos;
        String error;
        /** The series the last successful evaluation wrote: those missing next time get a staleness marker. */
        Set<Map<String, String>> written = Set.of();
    }

    private static final class Active {
        AlertState state;
        Map<String, String> labels;
        Map<String, String> annotations;
        double value;
        long activeAt;
        long firedAt = -1;
        long lastSeen;
        long lastSent;
        /** When a firing alert's expression stopped returning it (keep_firing_for); -1 while it does. */
        long keepFiringSince = -1;
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
        this.groupEval = new long[this.groups.size()];
        this.groupNanos = new long[this.groups.size()];
        java.util.Arrays.fill(groupEval, -1);
        this.evaluated = new Evaluated[this.groups.size()][];
        for (int g = 0; g < evaluated.length; g++) {
            evaluated[g] = new Evaluated[this.groups.get(g).rules().size()];
            for (int i = 0; i < evaluated[g].length; i++) {
                evaluated[g][i] = new Evaluated();
            }
        }
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
        for (int gi = 0; gi < groups.size(); gi++) {
            RuleGroup g = groups.get(gi);
            long last = groupEval[gi];
            // Allow 1% jitter so a 30 s group is not skipped when batches come every 29.9 s.
            if (!force && last >= 0 && g.intervalMillis() > 0 && timeMillis - last < g.intervalMillis() * 99 / 100) {
                continue;
            }
            long groupStart = System.nanoTime();
            groupEval[gi] = timeMillis;
            for (int i = 0; i < g.rules().size(); i++) {
                Rule r = g.rules().get(i);
                Evaluated ev = evaluated[gi][i];
                long start = System.nanoTime();
                var written = new HashSet<Map<String, String>>();
                try {
                    switch (r) {
                        case Rule.Recording rec -> record(rec, timeMillis, written);
                        case Rule.Alerting a -> alert(gi + "/" + i, a, timeMillis, transitions, resend, written);
                    }
                    // As Prometheus: a series this rule wrote last time and not now is marked stale.
                    for (Map<String, String> gone : ev.written) {
                        if (!written.contains(gone)) {
                            store.append(gone, timeMillis, RecentStore.STALE);
                        }
                    }
                    ev.written = written;
                    ev.error = null;
                } catch (RuntimeException e) {
                    ev.error = e.getMessage();
                    errors.accept("rule " + r.name() + " (" + r.source() + "): " + e.getMessage());
                }
                ev.time = timeMillis;
                ev.nanos = System.nanoTime() - start;
            }
            groupNanos[gi] = System.nanoTime() - groupStart;
        }
        notify(transitions, false);
        notify(resend, true);
        return transitions;
    }

    private void record(Rule.Recording rec, long t, Set<Map<String, String>> written) {
        for (Element e : evaluator.evalVector(rec.expr(), t).elements()) {
            var labels = new TreeMap<>(e.labels());
            labels.putAll(rec.labels());
            labels.put(Labels.NAME, rec.name());
            store.append(labels, t, e.value());
            written.add(Labels.sorted(labels));
        }
    }

    private void alert(String key, Rule.Alerting rule, long t, List<AlertTransition> out,
                       List<AlertTransition> resend, Set<Map<String, String>> written) {
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
            a.keepFiringSince = -1;
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
                } else if (a.keepFiringSince < 0) {
                    a.keepFiringSince = t;
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
        for (Active a : alerts.values()) {
            for (Sample s : alertSamples(a)) {
                var labels = Labels.withName(s.name(), s.labels());
                store.append(labels, t, s.value());
                written.add(labels);
            }
        }
    }

    /**
     * An active alert's two series, as Prometheus writes them at each evaluation:
     * {@code ALERTS{alertname, alertstate="pending|firing", <labels>} 1} and
     * {@code ALERTS_FOR_STATE{alertname, <labels>}} = activeAt in whole epoch seconds (what
     * Prometheus reads back to restore {@code for} state after a restart).
     */
    private static List<Sample> alertSamples(Active a) {
        var alerts = new TreeMap<>(a.labels);
        alerts.put("alertstate", a.state.text());
        return List.of(new Sample(ALERTS, alerts, 1),
                new Sample(ALERTS_FOR_STATE, a.labels, Math.floorDiv(a.activeAt, 1000)));
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
        for (RuleStatus.Group g : status()) {
            for (RuleStatus r : g.rules()) {
                r.alerts().forEach(a -> out.add(a.alert()));
            }
        }
        return out;
    }

    /** The ALERTS and ALERTS_FOR_STATE series of every pending and firing alert now (for /metrics). */
    public synchronized List<Sample> alertSeries() {
        var out = new ArrayList<Sample>();
        for (var m : active.values()) {
            m.values().forEach(a -> out.addAll(alertSamples(a)));
        }
        return out;
    }

    /**
     * {@code batch} with the {@link #alertSeries()} appended, or {@code batch} itself when no alert
     * is active (null stays null).
     */
    public SampleBatch withAlertSeries(SampleBatch batch) {
        List<Sample> extra = alertSeries();
        if (batch == null || extra.isEmpty()) {
            return batch;
        }
        var all = new ArrayList<Sample>(batch.samples().size() + extra.size());
        all.addAll(batch.samples());
        all.addAll(extra);
        return new SampleBatch(batch.timeMillis(), all);
    }

    /** Every group and rule: last evaluation, health, active alerts (what /api/v1/rules serves). */
    public synchronized List<RuleStatus.Group> status() {
        var out = new ArrayList<RuleStatus.Group>(groups.size());
        for (int gi = 0; gi < groups.size(); gi++) {
            RuleGroup g = groups.get(gi);
            var rules = new ArrayList<RuleStatus>(g.rules().size());
            for (int i = 0; i < g.rules().size(); i++) {
                Rule r = g.rules().get(i);
                Evaluated ev = evaluated[gi][i];
                var alerts = new ArrayList<RuleStatus.ActiveAlert>();
                Map<Map<String, String>, Active> m = active.get(gi + "/" + i);
                if (r instanceof Rule.Alerting rule && m != null) {
                    for (Active a : m.values()) {
                        alerts.add(new RuleStatus.ActiveAlert(snapshot(rule, a, -1), a.keepFiringSince < 0
                                ? Optional.empty() : Optional.of(Instant.ofEpochMilli(a.keepFiringSince))));
                    }
                }
                rules.add(new RuleStatus(r, ev.time, ev.nanos, ev.error, alerts));
            }
            out.add(new RuleStatus.Group(g, groupEval[gi], groupNanos[gi], rules));
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
