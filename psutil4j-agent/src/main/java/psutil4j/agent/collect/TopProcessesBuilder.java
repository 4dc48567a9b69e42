package psutil4j.agent.collect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;


/**
 * Builds {@link TopProcesses} from one sweep: {@link ProcessGroups} feeds it every process with
 * its CPU percent since the previous sweep; {@link #finish()} keeps the top rows.
 *
 * <p>A sweep's processes are kept in reused arrays and the top ones picked by two bounded heaps
 * of indices; a {@link TopProcess} is made only for the rows kept (at most twice
 * {@code perOrder}), not for every process every sweep.
 */
final class TopProcessesBuilder {

    /** By CPU percent (unknown last), then RSS, descending; then by pid. */
    static final Comparator<TopProcess> BY_CPU = Comparator
            .comparingDouble((TopProcess t) -> cpuKey(t.cpuPercent())).reversed()
            .thenComparing(Comparator.comparingLong(TopProcess::rss).reversed())
            .thenComparingInt(TopProcess::pid);

    private final int perOrder;
    private int n;
    private int[] pid = new int[1024];
    private double[] createTime = new double[1024];
    private String[] name = new String[1024];
    private String[] status = new String[1024];
    private double[] cpu = new double[1024];
    private long[] rss = new long[1024];
    private long[] vms = new long[1024];
    private int[] threads = new int[1024];
    /** Heap of indices, the worst kept at the root. */
    private final int[] heap;
    private boolean[] picked = new boolean[1024];
    private long startMillis;
    private volatile TopProcesses latest = TopProcesses.NONE;

    TopProcessesBuilder(int perOrder) {
        this.perOrder = perOrder;
        this.heap = new int[perOrder];
    }

    void begin() {
        Arrays.fill(name, 0, n, null);
        n = 0;
        startMillis = System.currentTimeMillis();
    }

    void add(TopProcess t) {
        add(t.pid(), t.createTime(), t.name(), t.status(), t.cpuPercent(), t.rss(), t.vms(), t.numThreads());
    }

    void add(int pid, double createTime, String name, String status, double cpuPercent, long rss, long vms,
             int numThreads) {
        if (n == this.pid.length) {
            grow();
        }
        this.pid[n] = pid;
        this.createTime[n] = createTime;
        this.name[n] = name;
        this.status[n] = status;
        this.cpu[n] = cpuKey(cpuPercent);
        this.rss[n] = rss;
        this.vms[n] = vms;
        this.threads[n] = numThreads;
        n++;
    }

    /** Keeps the top {@code perOrder} by RSS and by CPU (two bounded heaps, not two sorts of every process). */
    void finish() {
        Arrays.fill(picked, 0, n, false);
        List<TopProcess> rows = new ArrayList<>(2 * Math.min(n, perOrder));
        for (boolean byCpu : new boolean[] {false, true}) {
            int size = 0;
            for (int i = 0; i < n; i++) {
                if (size < perOrder) {
                    heap[size] = i;
                    siftUp(size++, byCpu);
                } else if (size > 0 && before(i, heap[0], byCpu)) { // better than the worst kept
                    heap[0] = i;
                    siftDown(size, byCpu);
                }
            }
            for (int h = 0; h < size; h++) {
                int i = heap[h];
                if (!picked[i]) {
                    picked[i] = true;
                    rows.add(new TopProcess(pid[i], createTime[i], name[i], status[i],
                            cpu[i] < 0 ? Double.NaN : cpu[i], rss[i], vms[i], threads[i]));
                }
            }
        }
        rows.sort(BY_CPU);
        latest = new TopProcesses(startMillis, n, rows);
    }

    TopProcesses latest() {
        return latest;
    }

    /** NaN (a process's first sweep) sorts below every measured percent. */
    private static double cpuKey(double cpuPercent) {
        return Double.isNaN(cpuPercent) ? -1 : cpuPercent;
    }

    /** Whether process a ranks before b: by CPU (then RSS) or by RSS, descending; then by pid. */
    private boolean before(int a, int b, boolean byCpu) {
        if (byCpu && cpu[a] != cpu[b]) {
            return cpu[a] > cpu[b];
        }
        if (rss[a] != rss[b]) {
            return rss[a] > rss[b];
        }
        return pid[a] < pid[b];
    }

    /** Restores the heap (root = the one ranked last) after adding at {@code k}. */
    private void siftUp(int k, boolean byCpu) {
        int x = heap[k];
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!before(heap[parent], x, byCpu)) {
                break; // the parent ranks after x already
            }
            heap[k] = heap[parent];
            k = parent;
        }
        heap[k] = x;
    }

    /** Restores the heap of {@code size} after replacing the root. */
    private void siftDown(int size, boolean byCpu) {
        int k = 0;
        int x = heap[0];
        while (true) {
            int c = 2 * k + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && before(heap[c], heap[c + 1], byCpu)) {
                c++; // the child ranked later
            }
            if (!before(x, heap[c], byCpu)) {
                break;
            }
            heap[k] = heap[c];
            k = c;
        }
        heap[k] = x;
    }

    private void grow() {
        int c = pid.length * 2;
        pid = Arrays.copyOf(pid, c);
        createTime = Arrays.copyOf(createTime, c);
        name = Arrays.copyOf(name, c);
        status = Arrays.copyOf(status, c);
        cpu = Arrays.copyOf(cpu, c);
        rss = Arrays.copyOf(rss, c);
        vms = Arrays.copyOf(vms, c);
        threads = Arrays.copyOf(threads, c);
        picked = Arrays.copyOf(picked, c);
    }
}
