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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * OSHI's process listing.
 *
 * <p>{@code getProcesses}: {@code OperatingSystem.getProcesses()} alone, i.e. with the attributes
 * OSHI loads eagerly for every process (it reads stat, status, io and more per process).
 * {@code processIter}: the same call, then reading the attributes psutil's process_iter is asked
 * for (pid, name, username, cpu (cumulative load, OSHI's closest), memory (rss, vms), cmdline,
 * status, create time); the command line is loaded lazily by OSHI, so this costs more.
 *
 * <p>OSHI's default configuration here (process data is never cached by OSHI, so its memoizer
 * setting does not apply). Observed on OSHI 7.5.0: {@code getUser()} forks {@code getent passwd
 * <uid>} for every process even when the uid is in its /etc/passwd map, because
 * {@code UserGroupInfo.getUser} passes {@code getentPasswd(uid)} as the eagerly evaluated default
 * of {@code Map.getOrDefault}; that fork dominates {@code processIter}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class OshiProcessBench {

    private OperatingSystem os;

    @Setup
    public void setUp() {
        os = new SystemInfo().getOperatingSystem();
    }

    @Benchmark
    public List<OSProcess> getProcesses(ProcessTable table) {
        return os.getProcesses();
    }

    @Benchmark
    public void processIter(ProcessTable table, Blackhole bh) {
        for (OSProcess p : os.getProcesses()) {
            bh.consume(p.getProcessID());
            bh.consume(p.getName());
            bh.consume(p.getUser());
            bh.consume(p.getProcessCpuLoadCumulative());
            bh.consume(p.getResidentMemory());
            bh.consume(p.getVirtualSize());
            bh.consume(p.getCommandLine());
            bh.consume(p.getState());
            bh.consume(p.getStartTime());
        }
    }
}
