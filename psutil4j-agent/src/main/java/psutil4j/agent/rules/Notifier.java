package psutil4j.agent.rules;

import java.util.List;

/**
 * Receives alerts that started firing or were resolved. The engine calls it once per evaluation
 * and alert name with every alert of that name that changed, on its own notification thread.
 */
@FunctionalInterface
public interface Notifier {

    /**
     * Sends the alerts (each FIRING or RESOLVED).
     *
     * @throws Exception when delivery failed; the engine reports it and goes on
     */
    void send(List<Alert> alerts) throws Exception;

    /**
     * Whether firing alerts should be re-sent every minute while they fire (Alertmanager needs it
     * or it resolves them itself); plain receivers are told only about changes.
     */
    default boolean resends() {
        return false;
    }
}
