package psutil4j.agent.collect;

import java.util.List;

/**
 * The processes of the latest sweep that use the most CPU or memory: the union of the top
 * {@code perOrder} by CPU percent and the top {@code perOrder} by RSS, so at most twice that many.
 *
 * @param timeMillis when the sweep started, epoch milliseconds
 * @param total      how many processes the sweep saw
 * @param processes  the rows, by CPU percent then RSS, descending
 */
public record TopProcesses(long timeMillis, int total, List<TopProcess> processes) {

    public TopProcesses {
        processes = List.copyOf(processes);
    }

    /** Before the first sweep. */
    public static final TopProcesses NONE = new TopProcesses(0, 0, List.of());
}
