package psutil4j.agent.history;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import psutil4j.agent.config.HistoryConfig;

/**
 * The child {@link KillNineTest} kills: writes the history in {@code args[0]} at a 1 s step from
 * time {@code args[1]} on, as fast as it can, with a new disk every 97 collections (so files
 * are being created too), and prints each time whose collection the store has taken.
 */
public final class CrashChild {

    private CrashChild() {
    }

    /** The gauge written at time t: what the test expects to read back. */
    static double load1(long t) {
        return (t % 1000) / 10.0;
    }

    static Batches batch(long t) {
        var b = Batches.at(t).gauge("node_load1", load1(t)).gauge("node_load5", 1).gauge("node_load15", 1)
                .cpu(0, t * 0.25, t * 0.25, t * 0.5).memory(8e9, 4e9, 1e9, 1e8);
        for (long d = 0; d <= Math.min(40, (t / 97) % 1000); d++) {
            b.disk("sd" + d, t * 1000.0 * (d + 1), t * 10.0, t, t);
        }
        return b;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long t = Long.parseLong(args[1]);
        var now = new AtomicLong(t);
        PrintStream out = new PrintStream(System.out, false);
        try (var store = HistoryStore.open(dir, Duration.ofSeconds(1), new HistoryConfig(true, 50, 8, 16, 10),
                () -> Instant.ofEpochSecond(now.get()), line -> System.err.println(line))) {
            out.println("open");
            out.flush();
            for (;; t++) {
                now.set(t);
                store.accept(batch(t).build());
                out.println(t);
                if (t % 16 == 0) {
                    out.flush();
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }
}
