package psutil4j.agent.collect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;


/**
 * Builds {@link TopProcesses} from one sweep: {@link ProcessGroups} feeds it every process with
 * its CPU percent since the previous sweep; {@link #finish()} keeps the top rows.
 */
final class TopProcessesBuilder {

    /** By CPU percent (unknown last), then RSS, descending. */
    static final Comparator<TopProcess> BY_CPU = Comparator
            .comparingDouble((TopProcess t) -> Double.isNaN(t.cpuPercent()) ? -1 : t.cpuPercent()).reversed()
            .thenComparing(Comparator.comparingLong(TopProcess::rss).reversed());
    static final Comparator<TopProcess> BY_RSS = Comparator.comparingLong(TopProcess::rss).reversed();

    private final int perOrder;
    private final List<TopProcess> all = new ArrayList<>(1024);
    private long startMillis;
    private volatile TopProcesses latest = TopProcesses.NONE;

    TopProcessesBuilder(int perOrder) {
        this.perOrder = perOrder;
    }

    void begin() {
        all.clear();
        startMillis = System.currentTimeMillis();
    }

    void add(TopProcess p) {
        all.add(p);
    }

    void finish() {
        int total = all.size();
        List<TopProcess> rows = new ArrayList<>(Math.min(total, 2 * perOrder));
        var picked = new IdentityHashMap<TopProcess, Boolean>();
        all.sort(BY_RSS);
        for (int i = 0; i < Math.min(perOrder, total); i++) {
            picked.put(all.get(i), Boolean.TRUE);
        }
        all.sort(BY_CPU);
        for (int i = 0; i < total; i++) {
            TopProcess t = all.get(i);
            if (i < perOrder || picked.containsKey(t)) {
                rows.add(t);
            }
        }
        all.clear();
        latest = new TopProcesses(startMillis, total, rows);
    }

    TopProcesses latest() {
        return latest;
    }
}
