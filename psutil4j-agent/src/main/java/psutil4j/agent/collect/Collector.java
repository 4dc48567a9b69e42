package psutil4j.agent.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import psutil4j.agent.model.Sample;
import psutil4j.agent.model.SampleBatch;
import psutil4j.agent.model.SampleSink;

/**
 * Samples the system and process groups every interval on one scheduled daemon thread and hands
 * each {@link SampleBatch} to the registered sinks; the latest batch is kept for /metrics.
 *
 * <p>Collections start at a fixed rate; one that overruns its interval delays the next, and no
 * two ever run at once.
 */
public final class Collector implements AutoCloseable {

    private final Duration interval;
    private final ProcessGroups groups;
    private final TopProcessesBuilder top = new TopProcessesBuilder(TOP_PROCESSES);
    private final List<SampleSink> sinks = new CopyOnWriteArrayList<>();
    private final Consumer<String> errorLog;
    private volatile SampleBatch latest;
    private volatile List<String> lastErrors = List.of();
    private ScheduledExecutorService executor;

    /** How many processes {@link #topProcesses()} keeps by CPU, and again by memory. */
    public static final int TOP_PROCESSES = 100;

    /**
     * @param interval      time between collections, at least one second
     * @param processGroups how many process-name groups to export by name (the rest go to "other")
     * @param errorLog      receives one line per part that failed in a collection, once while the
     *                      same failure repeats (may be null)
     */
    public Collector(Duration interval, int processGroups, Consumer<String> errorLog) {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("interval must be at least 1s, got " + interval.toMillis() + "ms");
        }
        if (processGroups < 1) {
            throw new IllegalArgumentException("processGroups must be positive, got " + processGroups);
        }
        this.interval = interval;
        this.groups = new ProcessGroups(processGroups, ioEvery(interval), idleEvery(interval), top);
        this.errorLog = errorLog == null ? s -> { } : errorLog;
    }

    /** Processes' I/O counters are read about every this long (each read costs one more file per process). */
    static final Duration IO_PERIOD = Duration.ofSeconds(5);

    /** How many collections apart the I/O counters are read: 1 at 5 s or more, 5 at 1 s. */
    static int ioEvery(Duration interval) {
        return (int) Math.max(1, Math.ceilDiv(IO_PERIOD.toMillis(), interval.toMillis()));
    }

    /**
     * A sleeping process's stat is re-read at least this often: sooner when it runs, its parent
     * exits or memory is reclaimed (see ProcessSampler); this bounds only what those miss.
     */
    static final Duration IDLE_PERIOD = Duration.ofSeconds(30);

    /** How many collections apart a sleeping process's stat is re-read at the latest: 30 at 1 s, 6 at 5 s, 4 at 7 s. */
    static int idleEvery(Duration interval) {
        return (int) Math.max(1, IDLE_PERIOD.toMillis() / interval.toMillis());
    }

    /** Registers a sink called with every later batch, on the collector's thread. */
    public void addSink(SampleSink sink) {
        sinks.add(Objects.requireNonNull(sink, "sink"));
    }

    /** The interval between collections. */
    public Duration interval() {
        return interval;
    }

    /** The most recent batch, or null before the first collection. */
    public SampleBatch latest() {
        return latest;
    }

    /**
     * The processes of the latest sweep that use the most CPU or memory (the top
     * {@value #TOP_PROCESSES} of each), for the dashboard; {@link TopProcesses#NONE} before the first.
     */
    public TopProcesses topProcesses() {
        return top.latest();
    }

    /** Parts that failed in the latest collection ("pressure: ..."), empty when all worked. */
    public List<String> lastErrors() {
        return lastErrors;
    }

    /**
     * Collects once now, on the calling thread, stores it as the latest batch and passes it to the
     * sinks. Not to be called concurrently with itself (the scheduled thread is the only caller
     * once {@link #start()} ran).
     */
    public synchronized SampleBatch collectOnce() {
        long now = System.currentTimeMillis();
        List<Sample> samples = new ArrayList<>(latest == null ? 1024 : latest.samples().size() + 64);
        List<String> errors = new ArrayList<>(0);
        SystemMetrics.collect(samples::add, errors::add);
        try {
            groups.collect(samples::add);
        } catch (RuntimeException | Error e) {
            errors.add("processes: " + e);
        }
        SampleBatch batch = new SampleBatch(now, samples);
        latest = batch;
        // Log a failure when it appears, not every interval while it lasts.
        List<String> before = lastErrors;
        lastErrors = List.copyOf(errors);
        for (String e : errors) {
            if (!before.contains(e)) {
                errorLog.accept(e);
            }
        }
        for (SampleSink s : sinks) {
            try {
                s.accept(batch);
            } catch (RuntimeException | Error e) {
                // an InternalError from a mapped history file, say: that sink misses a batch, the rest goes on
                errorLog.accept("sink " + s.getClass().getName() + ": " + e);
            }
        }
        return batch;
    }

    /**
     * Starts collecting every interval: the first collection runs at once, or one interval after
     * a {@link #collectOnce()} that already ran.
     */
    public synchronized void start() {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "psutil4j-collector");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(() -> {
            try {
                collectOnce();
            } catch (RuntimeException | Error e) {
                // Never let one failure cancel the schedule (a throw would, silently).
                errorLog.accept("collection failed: " + e);
            }
        }, latest == null ? 0 : interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops collecting and waits up to five seconds for a collection in progress. */
    @Override
    public void close() {
        ScheduledExecutorService ex;
        synchronized (this) {
            ex = executor;
        }
        if (ex != null) {
            ex.shutdownNow();
            try {
                ex.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            groups.close(); // the process files the sweep keeps open
        }
    }
}
