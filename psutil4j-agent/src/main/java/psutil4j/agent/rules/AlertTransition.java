package psutil4j.agent.rules;

/**
 * A change of state of one alert at one evaluation.
 *
 * @param rule  the alerting rule's name
 * @param from  the state before
 * @param alert the alert after (its {@link Alert#state()} is the new state)
 */
public record AlertTransition(String rule, AlertState from, Alert alert) {

    /** The new state. */
    public AlertState to() {
        return alert.state();
    }
}
