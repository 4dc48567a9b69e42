package psutil4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import psutil4j.testing.Cmd;

/** virtualMemory() and swapMemory() against free -b and vmstat -s, with psutil's tolerances. */
class MemoryTest {

    /** psutil's TOLERANCE_SYS_MEM. */
    static final long TOLERANCE_SYS_MEM = 5 * 1024 * 1024;

    /** Runs the check; if the machine moved in between, once more (as psutil's @retry_on_failure). */
    static void retryOnce(Runnable check) {
        try {
            check.run();
        } catch (AssertionError first) {
            check.run();
        }
    }

    /**
     * The tool ran between our two readings: its value must lie between them, give or take
     * psutil's tolerance (other sessions move memory meanwhile).
     */
    static void assertNear(long tool, long before, long after, String what) {
        long lo = Math.min(before, after) - TOLERANCE_SYS_MEM;
        long hi = Math.max(before, after) + TOLERANCE_SYS_MEM;
        assertTrue(tool >= lo && tool <= hi, what + ": tool " + tool + " vs ours " + before + " .. " + after);
    }

    /** free -b columns: Mem total used free shared buff/cache available; Swap total used free. */
    private static long[] freeLine(String out, String prefix) {
        for (String line : out.split("\n")) {
            if (line.startsWith(prefix)) {
                String[] f = line.substring(prefix.length()).trim().split("\\s+");
                long[] v = new long[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = Long.parseLong(f[i]);
                }
                return v;
            }
        }
        throw new AssertionError("no " + prefix + " line in free output:\n" + out);
    }

    @Test
    void virtualMemoryMatchesFree() {
        retryOnce(() -> {
            VirtualMemory a = Psutil.virtualMemory();
            String out = Cmd.run("free", "-b");
            VirtualMemory b = Psutil.virtualMemory();
            long[] mem = freeLine(out, "Mem:");
            assertEquals(mem[0], b.total(), "total");
            // procps-ng >= 4: used = total - available, as psutil 6+
            assertNear(mem[1], a.used(), b.used(), "used");
            assertNear(mem[2], a.free(), b.free(), "free");
            assertNear(mem[3], a.shared(), b.shared(), "shared");
            assertNear(mem[4], a.buffers() + a.cached(), b.buffers() + b.cached(), "buff/cache");
            assertNear(mem[5], a.available(), b.available(), "available");
        });
    }

    @Test
    void virtualMemoryInvariants() {
        VirtualMemory vm = Psutil.virtualMemory();
        assertEquals(vm.total() - vm.available(), vm.used());
        assertTrue(vm.available() > 0 && vm.available() <= vm.total());
        assertTrue(vm.free() <= vm.total());
        assertTrue(vm.percent() >= 0 && vm.percent() <= 100);
        assertEquals((double) vm.used() / vm.total() * 100, vm.percent(), 0.05 + 1e-9);
        for (long v : new long[] {vm.active(), vm.inactive(), vm.buffers(), vm.cached(),
                vm.shared(), vm.slab()}) {
            assertTrue(v >= 0 && v <= vm.total());
        }
    }

    /** vmstat -s lines "   24684096 K total memory" keyed by their label. */
    private static Map<String, Long> vmstatS() {
        Map<String, Long> m = new HashMap<>();
        for (String line : Cmd.run("vmstat", "-s").split("\n")) {
            String[] f = line.trim().split("\\s+", 2);
            String label = f[1].startsWith("K ") ? f[1].substring(2) : f[1];
            long v = Long.parseLong(f[0]);
            m.put(label, f[1].startsWith("K ") ? v * 1024 : v);
        }
        return m;
    }

    @Test
    void virtualMemoryMatchesVmstat() {
        retryOnce(() -> {
            VirtualMemory a = Psutil.virtualMemory();
            Map<String, Long> v = vmstatS();
            VirtualMemory b = Psutil.virtualMemory();
            assertEquals(v.get("total memory"), b.total());
            assertNear(v.get("free memory"), a.free(), b.free(), "free");
            assertNear(v.get("active memory"), a.active(), b.active(), "active");
            assertNear(v.get("inactive memory"), a.inactive(), b.inactive(), "inactive");
            assertNear(v.get("buffer memory"), a.buffers(), b.buffers(), "buffers");
            // vmstat's "swap cache" is Cached + SReclaimable, as psutil's cached
            assertNear(v.get("swap cache"), a.cached(), b.cached(), "cached");
        });
    }

    @Test
    void swapMatchesFreeAndVmstat() {
        retryOnce(() -> {
            long[] swap = freeLine(Cmd.run("free", "-b"), "Swap:");
            Map<String, Long> v = vmstatS();
            SwapMemory sw = Psutil.swapMemory();
            assertEquals(swap[0], sw.total(), "total");
            assertEquals(swap[1], sw.used(), TOLERANCE_SYS_MEM, "used");
            assertEquals(swap[2], sw.free(), TOLERANCE_SYS_MEM, "free");
            assertEquals(v.get("total swap"), sw.total());
            assertEquals(v.get("used swap"), sw.used(), TOLERANCE_SYS_MEM);
            // pswpin/pswpout pages (counters: they only grow between the two reads)
            long sin = v.get("pages swapped in") * 4096;
            long sout = v.get("pages swapped out") * 4096;
            assertTrue(sw.sin() >= sin && sw.sin() - sin <= TOLERANCE_SYS_MEM, "sin");
            assertTrue(sw.sout() >= sout && sw.sout() - sout <= TOLERANCE_SYS_MEM, "sout");
        });
        SwapMemory sw = Psutil.swapMemory();
        assertEquals(sw.total() - sw.free(), sw.used());
        if (sw.total() == 0) {
            assertEquals(0.0, sw.percent());
        } else {
            assertEquals((double) sw.used() / sw.total() * 100, sw.percent(), 0.05 + 1e-9);
        }
    }
}
