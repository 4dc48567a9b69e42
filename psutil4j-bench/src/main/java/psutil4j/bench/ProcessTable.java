package psutil4j.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The process table the process benchmarks walk: the machine's own processes (~70-80 here),
 * plus {@code extraProcesses} sleepers started for the trial and killed after it.
 */
@State(Scope.Benchmark)
public class ProcessTable {

    /** Sleepers added on top of the machine's own processes. */
    @Param({"0", "1000"})
    public int extraProcesses;

    private Sleepers sleepers;

    @Setup(Level.Trial)
    public void start() {
        if (extraProcesses > 0) {
            sleepers = Sleepers.start(extraProcesses);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (sleepers != null) {
            sleepers.close();
            sleepers = null;
        }
    }
}
