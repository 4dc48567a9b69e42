package psutil4j.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import psutil4j.Psutil;

/**
 * psutil4j's side of the system-wide rows. Method names are the row names shared with FloorSystemBench,
 * OshiSystemBench, the C floor and bench_psutil.py; the report generator puts the results in
 * the "psutil4j" column by the class-name prefix "Psutil".
 *
 * <p>Same calls as bench_psutil.py: cpu_times(), virtual_memory(), swap_memory(),
 * disk_io_counters(perdisk=True), net_io_counters(pernic=True). Results go to the Blackhole so
 * the whole record (and map) is materialised, as a caller would see it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class PsutilSystemBench {

    /** psutil.cpu_times() -> CpuTimes. */
    @Benchmark
    public Object cpuTimes() {
        return Psutil.cpuTimes();
    }

    /** psutil.virtual_memory() -> VirtualMemory. */
    @Benchmark
    public Object virtualMemory() {
        return Psutil.virtualMemory();
    }

    /** psutil.swap_memory() -> SwapMemory (sswap). */
    @Benchmark
    public Object swapMemory() {
        return Psutil.swapMemory();
    }

    /** psutil.disk_io_counters(perdisk=True) -> Map<String, DiskIoCounters>. */
    @Benchmark
    public Object diskIoCounters() {
        return Psutil.diskIoCountersPerdisk();
    }

    /** psutil.net_io_counters(pernic=True) -> Map<String, NetIoCounters>. */
    @Benchmark
    public Object netIoCounters() {
        return Psutil.netIoCountersPernic();
    }

    /**
     * The five, one call each with psutil's default arguments (disk and NIC totals, nowrap):
     * what an agent polls every interval, and the 1.25x-of-floor and 2 KB figure.
     */
    @Benchmark
    public void five(Blackhole bh) {
        bh.consume(Psutil.cpuTimes());
        bh.consume(Psutil.virtualMemory());
        bh.consume(Psutil.swapMemory());
        bh.consume(Psutil.diskIoCounters());
        bh.consume(Psutil.netIoCounters());
    }
}
