package psutil4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import psutil4j.ProcessSampler;
import psutil4j.internal.linux.SystemConstants;

/**
 * The sampler's idle gate over a fake /proc whose files the test rewrites in place (the kept
 * descriptors see the new bytes): while schedstat's run time stands still, stat is not read
 * again for at most N - 1 sweeps (sooner once pages were reclaimed or the parent is gone), io
 * not at all; once it moves, both are read at the next sweep. And /proc is listed only when
 * loadavg's last pid moved.
 */
class ProcessSamplerFixtureTest {

    private static final long PAGE = SystemConstants.PAGE_SIZE;

    @TempDir
    Path tmp;
    private FakeProc fake;
    private Path pid;

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeProc(tmp, "4242/stat", "4242/cmdline", "4242/io", "stat");
        pid = fake.proc().resolve("4242");
        Files.writeString(pid.resolve("schedstat"), "1000 0 1\n");
        Files.writeString(fake.proc().resolve("vmstat"), VMSTAT.formatted(0));
        rewrite("stat", " S 11347 ", " S 0 "); // no parent to watch (the parent test gives it one)
    }

    @AfterEach
    void restore() {
        fake.close();
    }

    @Test
    void anIdleProcessIsReadAgainOnlyWhenItRanOrEveryNSweeps() throws IOException {
        try (var gated = ProcessSampler.create(true).idleRereadEvery(3); var plain = ProcessSampler.create(true)) {
            assertEquals(List.of(408 * PAGE, 0L), seen(gated));
            seen(plain);
            // the kernel's figures move without the process running (reclaim, say)
            rewrite("stat", " 2990080 408 ", " 2990080 500 ");
            rewrite("io", "read_bytes: 0", "read_bytes: 4096");
            assertEquals(List.of(500 * PAGE, 4096L), seen(plain), "a full read sees them");
            assertEquals(List.of(408 * PAGE, 0L), seen(gated), "sweep 2: kept");
            assertEquals(List.of(408 * PAGE, 0L), seen(gated), "sweep 3: kept");
            // sweep 4: stat read again, three sweeps on; I/O counters only move when the process runs
            assertEquals(List.of(500 * PAGE, 0L), seen(gated), "sweep 4: read again, three sweeps on");
            // it runs: read at the very next sweep
            rewrite("stat", " 2990080 500 ", " 2990080 600 ");
            rewrite("io", "read_bytes: 4096", "read_bytes: 8192");
            Files.writeString(pid.resolve("schedstat"), "2000 0 2\n");
            assertEquals(List.of(600 * PAGE, 8192L), seen(gated));
        }
    }

    /** The lines of /proc/vmstat the gate watches, with others around them. */
    private static final String VMSTAT = "nr_free_pages 1000\npgsteal_kswapd %d\npgsteal_direct 0\npswpout 0\n"
            + "thp_collapse_alloc 0\nnr_unstable 0\n";

    @Test
    void anIdleProcessIsReadAgainInTheSweepThatFindsPagesReclaimedOrItsParentGone() throws IOException {
        Path proc = pid.getParent();
        rewrite("stat", " S 0 ", " S 4141 ");
        newProcess(proc, "4141");
        try (var gated = ProcessSampler.create(true).idleRereadEvery(100)) {
            assertEquals(List.of(408 * PAGE, 0L), seen(gated));
            rewrite("stat", " 2990080 408 ", " 2990080 300 ");
            assertEquals(List.of(408 * PAGE, 0L), seen(gated), "idle, nothing reclaimed: kept");
            Files.writeString(proc.resolve("vmstat"), VMSTAT.formatted(108));
            assertEquals(List.of(300 * PAGE, 0L), seen(gated), "pages reclaimed: read again");
            rewrite("stat", " 2990080 300 ", " 2990080 200 ");
            assertEquals(List.of(300 * PAGE, 0L), seen(gated), "kept again");
            // the parent exits (it runs to do so) and is a zombie until reaped: the process has another parent already
            Files.writeString(proc.resolve("4141").resolve("schedstat"), "2000 0 2\n");
            Path parentStat = proc.resolve("4141").resolve("stat");
            Files.writeString(parentStat, Files.readString(parentStat).replace(" S 4141 ", " Z 4141 "));
            rewrite("stat", " 2990080 200 ", " 2990080 250 ");
            assertEquals(List.of(250 * PAGE, 0L), seen(gated), "a zombie parent: read again");
            // reaped: gone from /proc
            try (var files = Files.list(proc.resolve("4141"))) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(proc.resolve("4141"));
            rewrite("stat", " S 4141 ", " S 0 "); // init's pid, 1, is not in this /proc: none to watch
            rewrite("stat", " 2990080 250 ", " 2990080 200 ");
            assertEquals(List.of(200 * PAGE, 0L), seen(gated), "parent gone: read again");
            Files.delete(proc.resolve("vmstat"));
            rewrite("stat", " 2990080 200 ", " 2990080 100 ");
            assertEquals(List.of(100 * PAGE, 0L), seen(gated), "reclaim unknown: read every sweep");
        }
    }

    @Test
    void theGatedSamplerListsProcOnlyWhenLoadavgsLastPidMoved() throws IOException {
        Path proc = pid.getParent();
        // a /proc of this process's pid namespace: self names this process
        Files.createSymbolicLink(proc.resolve("self"), Path.of(Long.toString(ProcessHandle.current().pid())));
        Files.writeString(proc.resolve("loadavg"), "0.10 0.20 0.30 1/100 5000\n");
        try (var gated = ProcessSampler.create(true).idleRereadEvery(3)) {
            assertEquals(Set.of(4242), pids(gated));
            assertEquals(Set.of(4242), pids(gated)); // listed again: the first listing had no still last pid
            newProcess(proc, "4343");
            assertEquals(Set.of(4242), pids(gated), "no pid allocated since: not listed");
            assertEquals(Set.of(4242), pids(gated), "not yet");
            assertEquals(Set.of(4242, 4343), pids(gated), "listed anyway three sweeps after the last listing");
            newProcess(proc, "4444");
            assertEquals(Set.of(4242, 4343), pids(gated));
            Files.writeString(proc.resolve("loadavg"), "0.10 0.20 0.30 1/100 5001\n");
            assertEquals(Set.of(4242, 4343, 4444), pids(gated), "last pid moved: listed");
            // a fork in flight at that listing (its pid allocated, not yet in /proc)
            newProcess(proc, "4545");
            assertEquals(Set.of(4242, 4343, 4444, 4545), pids(gated), "listed again the sweep after a move");
            newProcess(proc, "4646");
            assertEquals(Set.of(4242, 4343, 4444, 4545), pids(gated), "then trusted");
            Files.writeString(proc.resolve("loadavg"), "garbage\n");
            assertEquals(Set.of(4242, 4343, 4444, 4545, 4646), pids(gated), "unreadable: listed");
        }
        // another namespace's /proc: its loadavg says nothing of the pids there
        Files.delete(proc.resolve("self"));
        Files.createSymbolicLink(proc.resolve("self"), Path.of("1"));
        Files.writeString(proc.resolve("loadavg"), "0.10 0.20 0.30 1/100 5000\n");
        try (var gated = ProcessSampler.create(true).idleRereadEvery(3)) {
            pids(gated);
            pids(gated);
            newProcess(proc, "4747");
            assertEquals(Set.of(4242, 4343, 4444, 4545, 4646, 4747), pids(gated));
        }
        // self names this process, but its NSpid line says the /proc is of an ancestor namespace
        String me = Long.toString(ProcessHandle.current().pid());
        Files.delete(proc.resolve("self"));
        Files.createSymbolicLink(proc.resolve("self"), Path.of(me));
        Files.createDirectories(proc.resolve(me));
        Files.writeString(proc.resolve(me).resolve("status"), "Name:\tjava\nNSpid:\t" + me + "\t7\n");
        try (var gated = ProcessSampler.create(true).idleRereadEvery(3)) {
            pids(gated);
            pids(gated);
            newProcess(proc, "4848");
            assertEquals(Set.of(4242, 4343, 4444, 4545, 4646, 4747, 4848), pids(gated));
        }
    }

    @Test
    void cpuPercentAfterIdleSweepsIsOverTheTimeSinceTheTimesWereRead() throws Exception {
        try (var gated = ProcessSampler.create(true).idleRereadEvery(100)) {
            gated.sweep(s -> { });
            Thread.sleep(300);
            gated.sweep(s -> { }); // idle: kept
            // it ran 10 ticks: read at once, and its percent is over the 300+ ms since the first read
            rewrite("stat", " 4194304 145 0 0 0 0 0 ", " 4194304 145 0 0 0 10 0 ");
            Files.writeString(pid.resolve("schedstat"), "2000 0 2\n");
            double[] pct = {Double.NaN};
            gated.sweep(s -> pct[0] = s.pid() == 4242 ? s.cpuPercent() : pct[0]);
            double most = 10.0 / SystemConstants.CLOCK_TICKS / 0.3 * 100;
            assertTrue(pct[0] > 0 && pct[0] <= most + 1e-9, pct[0] + "% (at most " + most + "%)");
        }
    }

    private void newProcess(Path proc, String newPid) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(newPid));
        for (String f : List.of("stat", "cmdline", "io", "schedstat")) {
            Files.copy(pid.resolve(f), dir.resolve(f));
        }
    }

    private static Set<Integer> pids(ProcessSampler sampler) {
        Set<Integer> seen = new TreeSet<>();
        sampler.sweep(s -> seen.add(s.pid()), false);
        return seen;
    }

    /** rss and read_bytes of pid 4242 in one sweep with I/O. */
    private static List<Long> seen(ProcessSampler sampler) {
        Map<Integer, List<Long>> m = new HashMap<>();
        sampler.sweep(s -> m.put(s.pid(), List.of(s.rss(), s.readBytes())), true);
        return m.get(4242);
    }

    private void rewrite(String file, String from, String to) throws IOException {
        fake.rewrite("4242/" + file, from, to);
    }
}
