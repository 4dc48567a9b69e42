package psutil4j.bench;

import java.util.List;
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

/**
 * "floor (Java)" for the system-wide rows: read exactly the files psutil reads for each call
 * ({@link SystemFiles}) with the fastest plain-Java reader, parse nothing. Method names are the
 * row names (camelCase of psutil's) shared with {@code OshiSystemBench}, the pending
 * {@code PsutilSystemBench}, the C floor and bench_psutil.py.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class FloorSystemBench {

    private final FileReaders r = new FileReaders();

    private int readAll(List<String> files) {
        int t = 0;
        for (int i = 0; i < files.size(); i++) {
            t += r.floor(files.get(i));
        }
        return t;
    }

    @Benchmark
    public int cpuTimes() {
        return readAll(SystemFiles.CPU_TIMES);
    }

    @Benchmark
    public int virtualMemory() {
        return readAll(SystemFiles.VIRTUAL_MEMORY);
    }

    @Benchmark
    public int swapMemory() {
        return readAll(SystemFiles.SWAP_MEMORY);
    }

    @Benchmark
    public int diskIoCounters() {
        return readAll(SystemFiles.DISK_IO_COUNTERS);
    }

    @Benchmark
    public int netIoCounters() {
        return readAll(SystemFiles.NET_IO_COUNTERS);
    }

    @Benchmark
    public int five() {
        return readAll(SystemFiles.FIVE);
    }
}
