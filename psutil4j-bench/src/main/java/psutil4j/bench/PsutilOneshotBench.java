package psutil4j.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import psutil4j.PsProcess;

/**
 * One {@code oneshot()} of every attribute of one process: psutil's
 * {@code with p.oneshot(): p.as_dict()}. The target is a {@code sleep 3600} started for the
 * trial (bench_psutil.py starts its own the same way), so both libraries read the same kind of
 * process: same maps, fds and threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class PsutilOneshotBench {

    private Sleepers target;
    private PsProcess process;

    @Setup(Level.Trial)
    public void start() {
        target = Sleepers.start(1);
        process = PsProcess.of((int) target.pids()[0]);
    }

    @TearDown(Level.Trial)
    public void stop() {
        target.close();
    }

    @Benchmark
    public Map<String, Object> oneshotAsDict() {
        try (var scope = process.oneshot()) {
            return process.asDict();
        }
    }
}
