package psutil4j.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import psutil4j.PsProcess;

class TopProcessesTest {

    @Test
    void keepsTheTopByCpuAndTheTopByRssOnce() throws Exception {
        var b = new TopProcessesBuilder(2);
        PsProcess self = PsProcess.current();
        b.begin();
        b.finish();
        Thread.sleep(200);
        b.begin();
        // name, cpu seconds since the previous sweep, rss
        b.add(self, "idle-big", "sleeping", 0, 900, 1000);
        b.add(self, "busy-small", "running", 0.1, 10, 1000);
        b.add(self, "busy-big", "running", 0.05, 800, 1000);
        b.add(self, "new", "running", Double.NaN, 5, 1000);
        b.add(self, "idle-small", "sleeping", 0, 1, 1000);
        b.finish();
        TopProcesses top = b.latest();
        assertEquals(5, top.total());
        // top 2 by cpu (busy-small, busy-big) and by rss (idle-big, busy-big): 3 rows, by CPU
        assertEquals(List.of("busy-small", "busy-big", "idle-big"), top.processes().stream().map(TopProcess::name).toList());
        double pct = top.processes().getFirst().cpuPercent();
        assertTrue(pct > 0 && pct <= 0.1 / 0.2 * 100, "0.1 s of CPU over at least 0.2 s: " + pct);
    }

    @Test
    void theFirstSweepKnowsNoCpuPercent() {
        var b = new TopProcessesBuilder(10);
        b.begin();
        b.add(PsProcess.current(), "x", "running", 1, 1, 1);
        b.finish();
        assertTrue(Double.isNaN(b.latest().processes().getFirst().cpuPercent()));
        assertEquals(TopProcesses.NONE, new TopProcessesBuilder(1).latest());
    }
}
