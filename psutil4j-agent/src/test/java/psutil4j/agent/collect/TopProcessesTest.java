package psutil4j.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TopProcessesTest {

    private static TopProcess row(int pid, String name, double cpuPercent, long rss) {
        return new TopProcess(pid, 1000.0 + pid, name, "sleeping", cpuPercent, rss, 1000, 1);
    }

    @Test
    void keepsTheTopByCpuAndTheTopByRssOnce() {
        var b = new TopProcessesBuilder(2);
        b.begin();
        b.add(row(1, "idle-big", 0, 900));
        b.add(row(2, "busy-small", 50, 10));
        b.add(row(3, "busy-big", 25, 800));
        b.add(row(4, "new", Double.NaN, 5));
        b.add(row(5, "idle-small", 0, 1));
        b.finish();
        TopProcesses top = b.latest();
        assertEquals(5, top.total());
        // top 2 by cpu (busy-small, busy-big) and by rss (idle-big, busy-big): 3 rows, by CPU
        assertEquals(List.of("busy-small", "busy-big", "idle-big"), top.processes().stream().map(TopProcess::name).toList());
    }

    @Test
    void unknownCpuPercentSortsLastAndNothingBeforeTheFirstSweep() {
        var b = new TopProcessesBuilder(10);
        b.begin();
        b.add(row(1, "new", Double.NaN, 100));
        b.add(row(2, "seen", 0, 1));
        b.finish();
        assertEquals(List.of("seen", "new"), b.latest().processes().stream().map(TopProcess::name).toList());
        assertEquals(TopProcesses.NONE, new TopProcessesBuilder(1).latest());
    }
}
