package psutil4j.agent.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the agent remembers: a bounded set of charts (system CPU, memory, per disk, per NIC, per
 * file system, per process group ...), each with a few lines, kept at several resolutions with
 * min, average and max per step. The history store implements it; the HTTP API
 * ({@code /api/v1/history}), the dashboard and the reports read it.
 */
public interface HistorySource {

    /** The charts there is history for, in display order. */
    List<Chart> charts();

    /**
     * The history of one chart over the last {@code range}, at the finest resolution that covers it.
     *
     * @return empty when there is no such chart
     */
    Optional<Window> query(String chartId, Duration range);

    /**
     * One chart.
     *
     * @param id    a stable identifier, e.g. {@code cpu}, {@code disk.sda}, {@code net.eth0}, {@code fs./home}
     * @param title what a person reads, e.g. "CPU", "Disk sda"
     * @param unit  {@code percent}, {@code bytes}, {@code bytes/s}, {@code ops/s}, {@code load}, {@code seconds/s} ...
     * @param lines the line names, e.g. {@code user, system, iowait}
     */
    record Chart(String id, String title, String unit, List<String> lines) {

        public Chart {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Values of one chart: {@code avg[line][i]} is the average of line {@code lines.get(line)}
     * over the step starting at {@code startSeconds + i * stepSeconds}; NaN where unknown.
     */
    record Window(Chart chart, long startSeconds, long stepSeconds, double[][] min, double[][] avg, double[][] max) {

        /** How many steps. */
        public int length() {
            return avg.length == 0 ? 0 : avg[0].length;
        }
    }
}
