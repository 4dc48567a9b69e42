package psutil4j.agent.rules;

/** The life of an alert. */
public enum AlertState {
    /** The expression does not return the label set (a pending alert that stopped goes back here). */
    INACTIVE,
    /** The expression returns it, for less than the rule's {@code for}. */
    PENDING,
    /** The expression has returned it for at least {@code for}: notifiers are told. */
    FIRING,
    /** It was firing and the expression stopped returning it: notifiers are told. */
    RESOLVED;

    /** The name as Prometheus's API writes it. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
