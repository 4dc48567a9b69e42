package psutil4j.agent.rules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the engine knows about one rule after its last evaluation, as Prometheus's
 * {@code /api/v1/rules} reports it.
 *
 * @param rule           the rule
 * @param lastEvalMillis when it was last evaluated, epoch milliseconds; -1 before the first time
 * @param evalNanos      how long that evaluation took
 * @param lastError      why that evaluation failed, or null when it worked
 * @param alerts         the rule's pending and firing alerts (empty for recording rules)
 */
public record RuleStatus(Rule rule, long lastEvalMillis, long evalNanos, String lastError, List<ActiveAlert> alerts) {

    public RuleStatus {
        alerts = List.copyOf(alerts);
    }

    /** Prometheus's rule health: {@code unknown} before the first evaluation, {@code err} after a failed one, else {@code ok}. */
    public String health() {
        return lastEvalMillis < 0 ? "unknown" : lastError == null ? "ok" : "err";
    }

    /** An alerting rule's state: firing if any alert fires, else pending if any is pending, else inactive. */
    public AlertState state() {
        AlertState s = AlertState.INACTIVE;
        for (ActiveAlert a : alerts) {
            if (a.alert().state() == AlertState.FIRING) {
                return AlertState.FIRING;
            }
            s = AlertState.PENDING;
        }
        return s;
    }

    /**
     * One pending or firing alert.
     *
     * @param keepFiringSince when a firing alert's expression stopped returning it while
     *                        {@code keep_firing_for} keeps it firing
     */
    public record ActiveAlert(Alert alert, Optional<Instant> keepFiringSince) {
    }

    /**
     * One group: its rules in file order.
     *
     * @param group          the group
     * @param lastEvalMillis when it was last evaluated, epoch milliseconds; -1 before the first time
     * @param evalNanos      how long that evaluation took
     */
    public record Group(RuleGroup group, long lastEvalMillis, long evalNanos, List<RuleStatus> rules) {

        public Group {
            rules = List.copyOf(rules);
        }

        /** The rule file the group is in ({@link RuleGroup#source()} without the line). */
        public String file() {
            String s = group.source();
            int colon = s.lastIndexOf(':');
            return colon < 0 ? s : s.substring(0, colon);
        }
    }
}
