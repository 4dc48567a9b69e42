package psutil4j.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
    void theHeapsPickWhatFullSortsWouldOverManySweepsWithTies() {
        var random = new java.util.Random(42);
        var b = new TopProcessesBuilder(7);
        Comparator<TopProcess> byRss = Comparator.comparingLong(TopProcess::rss).reversed()
                .thenComparingInt(TopProcess::pid);
        for (int sweep = 0; sweep < 50; sweep++) {
            int n = random.nextInt(40);
            List<TopProcess> all = new ArrayList<>();
            b.begin();
            for (int pid = 1; pid <= n; pid++) {
                // few distinct values: ties on cpu and rss, broken by pid
                double cpu = random.nextInt(4) == 0 ? Double.NaN : random.nextInt(3) * 12.5;
                TopProcess t = row(pid, "p" + pid, cpu, random.nextInt(4) * 100L);
                all.add(t);
                b.add(t);
            }
            b.finish();
            Set<TopProcess> expected = new LinkedHashSet<>();
            all.stream().sorted(TopProcessesBuilder.BY_CPU).limit(7).forEach(expected::add);
            all.stream().sorted(byRss).limit(7).forEach(expected::add);
            List<TopProcess> want = expected.stream().sorted(TopProcessesBuilder.BY_CPU).toList();
            assertEquals(want, b.latest().processes(), "sweep " + sweep);
            assertEquals(n, b.latest().total());
        }
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
