package psutil4j.bench;

import java.io.File;
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
 * "floor (Java)" for process_iter: list /proc and read /proc/[pid]/{stat,status,statm,cmdline}
 * of every pid with the fastest plain-Java reader, parsing nothing. These four files hold
 * everything process_iter(attrs=[pid, name, username, cpu_percent, memory_info, cmdline, status,
 * create_time]) returns (username needs a passwd lookup on top, which the floor leaves out).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class FloorProcessBench {

    private static final File PROC = new File("/proc");

    private final FileReaders r = new FileReaders();

    @Benchmark
    public long processIter(ProcessTable table) {
        long total = 0;
        String[] names = PROC.list();
        for (String name : names) {
            if (name.isEmpty() || name.charAt(0) < '1' || name.charAt(0) > '9') {
                continue;
            }
            String dir = "/proc/" + name;
            total += r.floorOrMissing(dir + "/stat");
            total += r.floorOrMissing(dir + "/status");
            total += r.floorOrMissing(dir + "/statm");
            total += r.floorOrMissing(dir + "/cmdline");
        }
        return total;
    }
}
