package psutil4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * The hot system calls allocate little more than their result record: cpuTimes, virtualMemory
 * and swapMemory are polled by agents many times a second.
 */
class CpuMemoryAllocationTest {

    private static final int CALLS = 5_000;
    private static final long MAX_BYTES_PER_CALL = 400;

    /**
     * com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes, by reflection: the test
     * sources compile inside the psutil4j module, which does not read jdk.management.
     */
    private static long threadAllocatedBytes() {
        try {
            Object mx = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getThreadMXBean").invoke(null);
            Method m = Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getCurrentThreadAllocatedBytes");
            return (long) m.invoke(mx);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static long allocatedPerCall(Supplier<?> call) {
        Object sink = null;
        for (int i = 0; i < CALLS; i++) { // warm up: let the JIT compile the path
            sink = call.get();
        }
        // Steady state is what matters: until C2 has compiled the downcalls, interpreted method
        // handles allocate. On a loaded machine compilation lags, so measure up to 20 rounds and
        // keep the least, stopping early once a round is within budget.
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 20 && best > MAX_BYTES_PER_CALL; round++) {
            long before = threadAllocatedBytes();
            for (int i = 0; i < CALLS; i++) {
                sink = call.get();
            }
            best = Math.min(best, (threadAllocatedBytes() - before) / CALLS);
        }
        assertTrue(sink != null);
        return best;
    }

    @Test
    void cpuTimes() {
        long b = allocatedPerCall(Psutil::cpuTimes);
        assertTrue(b <= MAX_BYTES_PER_CALL, "cpuTimes allocates " + b + " bytes per call");
    }

    @Test
    void virtualMemory() {
        long b = allocatedPerCall(Psutil::virtualMemory);
        assertTrue(b <= MAX_BYTES_PER_CALL, "virtualMemory allocates " + b + " bytes per call");
    }

    @Test
    void swapMemory() {
        long b = allocatedPerCall(Psutil::swapMemory);
        assertTrue(b <= MAX_BYTES_PER_CALL, "swapMemory allocates " + b + " bytes per call");
    }

    @Test
    void cpuStatsAndLoadavg() {
        long b = allocatedPerCall(Psutil::cpuStats);
        assertTrue(b <= MAX_BYTES_PER_CALL, "cpuStats allocates " + b + " bytes per call");
        b = allocatedPerCall(Psutil::getloadavg);
        assertTrue(b <= MAX_BYTES_PER_CALL, "getloadavg allocates " + b + " bytes per call");
    }
}
