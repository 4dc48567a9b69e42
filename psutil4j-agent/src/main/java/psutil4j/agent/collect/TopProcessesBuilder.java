package psutil4j.agent.collect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.PriorityQueue;


/**
 * Builds {@link TopProcesses} from one sweep: {@link ProcessGroups} feeds it every process with
 * its CPU percent since the previous sweep; {@link #finish()} keeps the top rows.
 */
final class TopProcessesBuilder {

    /** By CPU percent (unknown last), then RSS, descending; then by pid. */
    static final Comparator<TopProcess> BY_CPU = Comparator
            .comparingDouble((TopProcess t) -> Double.isNaN(t.cpuPercent()) ? -1 : t.cpuPercent()).reversed()
            .thenComparing(Comparator.comparingLong(TopProcess::rss).reversed())
            .thenComparingInt(TopProcess::pid);
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

    /** Keeps the top {@code perOrder} by RSS and by CPU (two bounded heaps, not two sorts of every process). */
    void finish() {
        int total = all.size();
        var picked = new IdentityHashMap<TopProcess, Boolean>();
        for (Comparator<TopProcess> order : List.of(BY_RSS, BY_CPU)) {
            // the heap's head is the worst of those kept
            var heap = new PriorityQueue<TopProcess>(perOrder + 1, order.reversed());
            for (TopProcess t : all) {
                if (heap.size() < perOrder) {
                    heap.offer(t);
                } else if (order.compare(t, heap.peek()) < 0) { // better than the worst kept
                    heap.poll();
                    heap.offer(t);
                }
            }
            heap.forEach(t -> picked.put(t, Boolean.TRUE));
        }
        List<TopProcess> rows = new ArrayList<>(picked.keySet());
        rows.sort(BY_CPU);
        all.clear();
        latest = new TopProcesses(startMillis, total, rows);
    }

    TopProcesses latest() {
        return latest;
    }
}
