package psutil4j.bench;

import java.nio.file.Path;
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
 * ({@link SystemFiles}) with the fastest plain-Java reader of this run ({@link FileReaders#FLOOR}),
 * parse nothing. Method names are the
 * row names (camelCase of psutil's) shared with {@code OshiSystemBench}, 
 * {@code PsutilSystemBench}, the C floor and bench_psutil.py.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class FloorSystemBench {

    private final FileReaders r = new FileReaders();
    private final RowFiles cpuTimes = new RowFiles(SystemFiles.CPU_TIMES);
    private final RowFiles virtualMemory = new RowFiles(SystemFiles.VIRTUAL_MEMORY);
    private final RowFiles swapMemory = new RowFiles(SystemFiles.SWAP_MEMORY);
    private final RowFiles diskIoCounters = new RowFiles(SystemFiles.DISK_IO_COUNTERS);
    private final RowFiles netIoCounters = new RowFiles(SystemFiles.NET_IO_COUNTERS);
    private final RowFiles five = new RowFiles(SystemFiles.FIVE);

    /** A row's files as Strings and Paths made once, as a library would keep them. */
    private record RowFiles(String[] names, Path[] paths) {
        RowFiles(List<String> files) {
            this(files.toArray(String[]::new), files.stream().map(Path::of).toArray(Path[]::new));
        }
    }

    private int readAll(RowFiles files) {
        int t = 0;
        for (int i = 0; i < files.names.length; i++) {
            t += r.floor(files.names[i], files.paths[i]);
        }
        return t;
    }

    @Benchmark
    public int cpuTimes() {
        return readAll(cpuTimes);
    }

    @Benchmark
    public int virtualMemory() {
        return readAll(virtualMemory);
    }

    @Benchmark
    public int swapMemory() {
        return readAll(swapMemory);
    }

    @Benchmark
    public int diskIoCounters() {
        return readAll(diskIoCounters);
    }

    @Benchmark
    public int netIoCounters() {
        return readAll(netIoCounters);
    }

    @Benchmark
    public int five() {
        return readAll(five);
    }
}
