package psutil4j.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * processIter's cost with the attributes of a `top`-like table: allocation per process in a
 * steady-state sweep, and time against a floor that only reads stat, status, statm and cmdline.
 */
class ProcessIterCostTest {

    static final List<String> ATTRS = List.of("pid", "name", "username", "cpu_percent", "memory_info", "cmdline",
            "status", "create_time");
    private static final byte[][] FILES = {ByteCursor.ascii("/stat"), ByteCursor.ascii("/status"),
        ByteCursor.ascii("/statm"), ByteCursor.ascii("/cmdline")};
    private static final byte[] SLASH = ByteCursor.ascii("/");

    static long floorSweep() {
        long sum = 0;
        ProcBuffer b = ProcBuffer.get();
        for (int pid : Psutil.pids()) {
            for (byte[] f : FILES) {
                sum += b.path(Roots.procBytes()).append(SLASH).append(pid).append(f).read();
            }
        }
        return sum;
    }

    static long sweep() {
        // as the JMH bench consumes it: every prefetched value through info()
        return Psutil.processIter(ATTRS).mapToLong(p -> {
            long h = 0;
            for (var e : p.info().entrySet()) {
                h += e.getKey().length() + (e.getValue() == null ? 0 : 1);
            }
            return h + p.pid();
        }).sum();
    }

    private static long allocated() {
        // by reflection: the test runs inside module psutil4j, which does not read java.management
        try {
            Object mx = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes")
                    .invoke(mx);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void steadyStateAllocationAndTime() {
        for (int i = 0; i < 30; i++) {
            floorSweep();
            sweep();
        }
        int n = Psutil.pids().length;
        int rounds = 20;
        // processes other sessions start meanwhile cost a new handle each: keep the quietest try
        double perProcess = Double.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            long a0 = allocated();
            for (int i = 0; i < rounds; i++) {
                sweep();
            }
            perProcess = Math.min(perProcess, (allocated() - a0) / (double) rounds / n);
        }
        double best = Double.MAX_VALUE;
        double ratio = 0;
        for (int attempt = 0; attempt < 5; attempt++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                floorSweep();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                sweep();
            }
            long t2 = System.nanoTime();
            ratio = (t2 - t1) / (double) (t1 - t0);
            best = Math.min(best, ratio);
        }
        System.out.printf("processIter: %d processes, %.0f bytes/process, time ratio to floor %.2f (best)%n", n, perProcess, best);
        assertTrue(perProcess <= 1024, "allocated " + perProcess + " bytes per process");
        // the brief's target is 1.25x, measured by the JMH bench on a quiet machine; this shared
        // 2-core test machine swings by 50%, so only a gross regression fails here
        assertTrue(best <= 2.0, "processIter is " + best + "x the floor");
    }
}
