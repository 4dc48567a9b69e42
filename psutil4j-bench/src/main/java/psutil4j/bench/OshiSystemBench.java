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
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.NetworkIF;
import oshi.hardware.VirtualMemory;

/**
 * OSHI's calls for the same data as each system-wide row.
 *
 * <p>OSHI caches most of these getters for 300 ms ({@code oshi.util.memoizer.expiration});
 * benchmarked in a loop they would measure a cache hit. The fork sets the expiration to 0 so
 * every call reads the kernel again, which is what a poller that asks once a second pays.
 * The objects (processor, memory, disk and interface lists) are built once in setup, as an
 * application would keep them; {@code updateAttributes()} refreshes their counters.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Doshi.util.memoizer.expiration=0"})
@State(Scope.Thread)
public class OshiSystemBench {

    private CentralProcessor cpu;
    private GlobalMemory memory;
    private VirtualMemory swap;
    private List<HWDiskStore> disks;
    private List<NetworkIF> nics;

    @Setup
    public void setUp() {
        var hal = new SystemInfo().getHardware();
        cpu = hal.getProcessor();
        memory = hal.getMemory();
        swap = memory.getVirtualMemory();
        disks = hal.getDiskStores();
        nics = hal.getNetworkIFs(true);
    }

    /** psutil.cpu_times(): system-wide ticks per state. */
    @Benchmark
    public long[] cpuTimes() {
        return cpu.getSystemCpuLoadTicks();
    }

    /** psutil.virtual_memory(): OSHI offers total and available. */
    @Benchmark
    public void virtualMemory(Blackhole bh) {
        bh.consume(memory.getTotal());
        bh.consume(memory.getAvailable());
    }

    /** psutil.swap_memory(): total, used, pages swapped in and out. */
    @Benchmark
    public void swapMemory(Blackhole bh) {
        bh.consume(swap.getSwapTotal());
        bh.consume(swap.getSwapUsed());
        bh.consume(swap.getSwapPagesIn());
        bh.consume(swap.getSwapPagesOut());
    }

    /** psutil.disk_io_counters(perdisk=True): refresh every disk store's counters. */
    @Benchmark
    public void diskIoCounters(Blackhole bh) {
        for (HWDiskStore d : disks) {
            bh.consume(d.updateAttributes());
            bh.consume(d.getReadBytes());
        }
    }

    /** psutil.net_io_counters(pernic=True): refresh every interface's counters. */
    @Benchmark
    public void netIoCounters(Blackhole bh) {
        for (NetworkIF n : nics) {
            bh.consume(n.updateAttributes());
            bh.consume(n.getBytesRecv());
        }
    }

    /** All five above in one go (OSHI has no disk or NIC totals: updating each is its way to them). */
    @Benchmark
    public void five(Blackhole bh) {
        bh.consume(cpuTimes());
        virtualMemory(bh);
        swapMemory(bh);
        diskIoCounters(bh);
        netIoCounters(bh);
    }
}
