package psutil4j.testing;

import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * Bytes allocated per call on this thread, once the JIT has compiled the path: the figure JMH's
 * gc profiler gives, cheap enough for a unit test. Allocation (unlike time) does not depend on
 * the machine's load, but it does on JIT decisions, so bounds in tests leave headroom.
 */
public final class Allocations {

    private static final Object BEAN;
    private static final Method ALLOCATED;

    static {
        try {
            // by reflection: test classes compile inside module psutil4j, which does not read
            // jdk.management (on the class path, where the tests run, it is readable)
            BEAN = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        for (int i = 0; i < 100; i++) {
            allocated(); // let reflection settle so it does not count in a measurement
        }
    }

    private Allocations() {
    }

    static long allocated() {
        try {
            return (long) ALLOCATED.invoke(BEAN);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The least of three rounds of {@code calls} calls each, after a warm-up of 20,000 calls. */
    public static long perCall(Supplier<?> call) {
        Object sink = null;
        for (int i = 0; i < 20_000; i++) {
            sink = call.get();
        }
        int calls = 5_000;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long before = allocated();
            for (int i = 0; i < calls; i++) {
                sink = call.get();
            }
            best = Math.min(best, (allocated() - before) / calls);
        }
        if (sink == null) {
            throw new AssertionError("no result");
        }
        return best;
    }
}
