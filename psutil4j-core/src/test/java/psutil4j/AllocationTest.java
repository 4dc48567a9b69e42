package psutil4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import psutil4j.testing.Allocations;

/**
 * The calls an agent polls many times a second allocate little more than their results: no
 * stream objects, no Strings per line, no boxed numbers. The bound is 2 KB for the five
 * together (cpu_times, virtual_memory, swap_memory, disk_io_counters, net_io_counters); alone
 * each is a record or two (100-300 bytes) once the JIT has scalar-replaced the parsers' state.
 * Each bound leaves room for the JIT's choices, which vary from run to run.
 */
class AllocationTest {

    private static final long PER_CALL = 1024;

    @Test
    void theFiveTogetherStayUnder2Kb() {
        long b = Allocations.perCall(() -> List.of(Psutil.cpuTimes(), Psutil.virtualMemory(), Psutil.swapMemory(),
                Psutil.diskIoCounters(), Psutil.netIoCounters()));
        assertTrue(b <= 2048, "the five allocate " + b + " bytes per round");
    }

    @Test
    void cpuTimes() {
        check("cpuTimes", Allocations.perCall(Psutil::cpuTimes));
    }

    @Test
    void virtualMemory() {
        check("virtualMemory", Allocations.perCall(Psutil::virtualMemory));
    }

    @Test
    void swapMemory() {
        check("swapMemory", Allocations.perCall(Psutil::swapMemory));
    }

    @Test
    void diskIoCounters() {
        check("diskIoCounters", Allocations.perCall(Psutil::diskIoCounters));
    }

    @Test
    void netIoCounters() {
        check("netIoCounters", Allocations.perCall(Psutil::netIoCounters));
    }

    @Test
    void cpuStatsAndLoadavg() {
        check("cpuStats", Allocations.perCall(Psutil::cpuStats));
        check("getloadavg", Allocations.perCall(Psutil::getloadavg));
    }

    private static void check(String what, long bytes) {
        assertTrue(bytes <= PER_CALL, what + " allocates " + bytes + " bytes per call");
    }
}
