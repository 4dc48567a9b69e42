package psutil4j.bench;

import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

import psutil4j.ProcessSampler;
import psutil4j.Psutil;

/**
 * psutil4j's process_iter with the same eight attributes
 * bench_psutil.py asks psutil for, at the machine's own processes and with 1000 sleepers
 * ({@link ProcessTable}).
 *
 * <p>psutil: {@code list(psutil.process_iter(["pid", "name", "username", "cpu_percent",
 * "memory_info", "cmdline", "status", "create_time"]))}. Like psutil, processIter is expected to
 * reuse its Process objects between calls (cpu_percent compares with the previous call), so the
 * benchmark keeps calling it in a loop the way a top-style poller would.
 *
 * <p>{@code samplerSweep}: the agent's sweep, {@link ProcessSampler} with io, one sampler kept for
 * the trial as a poller keeps it; its alloc B/op divided by the process count is what a steady
 * sweep allocates per process.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class PsutilProcessBench {

    /** psutil's attribute names, as process_iter(attrs=...) takes them. */
    static final List<String> ATTRS = List.of(
            "pid", "name", "username", "cpu_percent", "memory_info", "cmdline", "status", "create_time");

    @Benchmark
    public void processIter(ProcessTable table, Blackhole bh) {
        // info() holds the attributes prefetched by the sweep (psutil's p.info)
        Psutil.processIter(ATTRS, null).forEach(p -> bh.consume(p.info()));
    }

    @Benchmark
    public void samplerSweep(ProcessTable table, Sampler sampler, Blackhole bh) {
        sampler.sampler.sweep(s -> {
            bh.consume(s.rss());
            bh.consume(s.name());
            bh.consume(s.cpuPercent());
        });
    }

    /** One sampler for the trial (it keeps the per-process files open between sweeps). */
    @State(Scope.Thread)
    public static class Sampler {
        ProcessSampler sampler;

        @Setup(Level.Trial)
        public void open() {
            sampler = ProcessSampler.create(true);
        }

        @TearDown(Level.Trial)
        public void close() {
            sampler.close();
        }
    }
}
