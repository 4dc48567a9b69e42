package psutil4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import psutil4j.PsProcess;
import psutil4j.ProcessSampler;
import psutil4j.Psutil;

/** The lean sweep against the full API, on processes the test starts. */
class ProcessSamplerTest {

    /** What a sweep saw of one process, copied out of the reused view. */
    record Seen(int ppid, String name, String status, double createTime, double user, double system, long rss,
                long vms, int threads, double cpuPercent, long readBytes, long writeBytes) {

        static Seen of(ProcessSampler.Sample s) {
            return new Seen(s.ppid(), s.name(), s.status(), s.createTime(), s.userTime(), s.systemTime(), s.rss(),
                    s.vms(), s.numThreads(), s.cpuPercent(), s.readBytes(), s.writeBytes());
        }
    }

    private static Map<Integer, Seen> sweep(ProcessSampler sampler, boolean io) {
        var m = new HashMap<Integer, Seen>();
        int n = sampler.sweep(s -> m.put(s.pid(), Seen.of(s)), io);
        assertEquals(n, m.size());
        return m;
    }

    @Test
    void agreesWithTheProcessApiOnASleepingChildWithALongName() throws Exception {
        try (var kids = new Children()) {
            Path exe = kids.tempDir().resolve("p4j-sampler-long-program");
            Files.copy(Path.of("/bin/sleep"), exe, StandardCopyOption.COPY_ATTRIBUTES);
            int pid = (int) kids.start(exe.toString(), "60").pid();
            PsProcess p = PsProcess.of(pid);
            Children.await("sleeping", () -> p.status().equals("sleeping"));
            var sampler = ProcessSampler.create(true);
            Seen s = sweep(sampler, true).get(pid);
            assertNotNull(s, "the child was not visited");
            assertEquals("p4j-sampler-long-program", s.name(), "psutil's name fix from cmdline[0]");
            assertEquals(p.name(), s.name());
            assertEquals(p.ppid(), s.ppid());
            assertEquals("sleeping", s.status());
            assertEquals(p.createTime(), s.createTime(), 1e-9);
            // stat's rss is the kernel's per-CPU-batched counter, statm's the exact sum (6.x kernels)
            long slack = 64L * Psutil.cpuCount(true).orElse(1) * 4096;
            assertEquals(p.memoryInfo().rss(), s.rss(), slack, "stat's rss against statm's");
            assertEquals(p.memoryInfo().vms(), s.vms());
            assertEquals(p.numThreads(), s.threads());
            assertEquals(p.cpuTimes().user(), s.user(), 0.011);
            assertEquals(p.cpuTimes().system(), s.system(), 0.011);
            assertTrue(Double.isNaN(s.cpuPercent()), "no previous sweep: NaN, got " + s.cpuPercent());
            var io = p.ioCounters();
            assertEquals(io.readBytes(), s.readBytes());
            assertEquals(io.writeBytes(), s.writeBytes());
            // without I/O
            Seen noIo = sweep(sampler, false).get(pid);
            assertEquals(-1, noIo.readBytes());
            assertEquals(0.0, noIo.cpuPercent(), 1.0, "a sleeping process uses no CPU");
        }
    }

    @Test
    void cpuPercentOfABusyChildBetweenTwoSweeps() throws Exception {
        try (var kids = new Children()) {
            int busy = (int) kids.start("sh", "-c", "while :; do :; done").pid();
            var sampler = ProcessSampler.create(false);
            sweep(sampler, false);
            Thread.sleep(1500);
            Seen s = sweep(sampler, false).get(busy);
            // one CPU at most; on a loaded 2-CPU machine it still gets a good share
            assertTrue(s.cpuPercent() > 10 && s.cpuPercent() < 110, "cpu_percent " + s.cpuPercent());
            double ps = PsProcess.of(busy).cpuTimes().user() + PsProcess.of(busy).cpuTimes().system();
            assertTrue(s.user() + s.system() <= ps + 0.011 && s.user() + s.system() > 0.2, s.toString());
        }
    }

    @Test
    void visitsThePidsOfTheProcessTableAndSkipsProcessesThatExit() throws Exception {
        try (var kids = new Children()) {
            Set<Integer> shortLived = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                shortLived.add((int) kids.start("sh", "-c", "sleep 0.0" + i % 10).pid());
            }
            // plain, and gated: the gated sampler lists /proc only when a pid was allocated since
            var plainSampler = ProcessSampler.create(true);
            var gatedSampler = ProcessSampler.create(true).idleRereadEvery(1000);
            for (int round = 0; round < 10; round++) {
                var sampler = round % 2 == 0 ? plainSampler : gatedSampler;
                Set<Integer> before = new HashSet<>();
                for (int pid : Psutil.pids()) {
                    before.add(pid);
                }
                Set<Integer> seen = new HashSet<>(sweep(sampler, true).keySet());
                Set<Integer> after = new HashSet<>();
                for (int pid : Psutil.pids()) {
                    after.add(pid);
                }
                // every process alive throughout was seen; nothing seen that was never there
                Set<Integer> stable = new HashSet<>(before);
                stable.retainAll(after);
                stable.removeAll(shortLived);
                Set<Integer> missing = new HashSet<>(stable);
                missing.removeAll(seen);
                missing.removeIf(pid -> !Psutil.pidExists(pid)); // exited and reused between the listings
                assertTrue(missing.isEmpty(), "not visited: " + missing);
                Set<Integer> ghosts = new HashSet<>(seen);
                ghosts.removeAll(before);
                ghosts.removeAll(after);
                ghosts.removeAll(shortLived);
                assertTrue(ghosts.size() <= 3, "visited but never listed: " + ghosts);
            }
            assertFalse(sweep(plainSampler, false).isEmpty());
            plainSampler.close();
            gatedSampler.close();
        }
    }

    @Test
    void theGatedSamplerSeesAProcessStartAndExitAtTheNextSweep() throws Exception {
        try (var kids = new Children(); var gated = ProcessSampler.create(true).idleRereadEvery(1000)) {
            for (int i = 0; i < 5; i++) {
                sweep(gated, false);
            }
            Process child = kids.start("sleep", "60");
            int pid = (int) child.pid();
            assertTrue(sweep(gated, false).containsKey(pid), "started " + pid + " not seen");
            assertTrue(sweep(gated, false).containsKey(pid), "kept");
            child.destroyForcibly();
            child.waitFor();
            assertFalse(sweep(gated, false).containsKey(pid), "exited " + pid + " still seen");
        }
    }

    @Test
    void keepsFilesOpenBetweenSweepsAndReleasesThemWithoutLeaks() throws Exception {
        long fdsBefore = openFds();
        try (var kids = new Children(); var sampler = ProcessSampler.create(true)) {
            var same = ProcessSampler.create(true, 0);
            int n = sampler.sweep(s -> { });
            // one stat and one io per process, unless the cap (a quarter of RLIMIT_NOFILE) is lower
            assertTrue(sampler.keptFiles() >= Math.min(n, 200), "kept " + sampler.keptFiles() + " for " + n + " processes");
            int pid = (int) kids.start("sleep", "60").pid();
            Seen first = sweep(sampler, true).get(pid);
            assertNotNull(first);
            // re-read through the kept files: fresh values, equal to a sampler that reopens every file
            int busy = (int) kids.start("sh", "-c", "while :; do :; done").pid();
            sweep(sampler, true);
            Thread.sleep(300);
            Seen viaKept = sweep(sampler, true).get(busy);
            Seen viaOpen = sweep(same, true).get(busy);
            assertNotNull(viaKept);
            assertNotNull(viaOpen);
            assertTrue(viaOpen.user() + viaOpen.system() >= viaKept.user() + viaKept.system(), viaKept + " " + viaOpen);
            assertTrue(viaKept.user() + viaKept.system() > 0.01, "kept stat file re-read: " + viaKept);
            assertEquals(0, same.keptFiles());
            // a process that exits: its files are released at the next sweep
            int keptWith = sampler.keptFiles();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            Children.await("reaped", () -> !Psutil.pidExists(pid));
            var after = sweep(sampler, true);
            assertFalse(after.containsKey(pid));
            assertTrue(sampler.keptFiles() < keptWith, sampler.keptFiles() + " >= " + keptWith);
            for (int i = 0; i < 20; i++) {
                kids.start("true");
                sampler.sweep(s -> { });
            }
            same.close();
        }
        Children.await("descriptors released", () -> openFds() <= fdsBefore + 2);
    }

    @Test
    void theIdleGateKeepsWhatAnIdleProcessCannotChangeAndRereadsTheRest() throws Exception {
        long fdsBefore = openFds();
        try (var kids = new Children(); var gated = ProcessSampler.create(true).idleRereadEvery(3)) {
            var plain = ProcessSampler.create(true, 0);
            // an orphan-to-be: its parent shell exits once its stdin closes, the sleeper stays idle throughout
            Process parent = kids.start("sh", "-c", "sleep 60 & echo $!; read x || true");
            int sleeper = Integer.parseInt(Children.firstLine(parent).strip());
            try {
                int busy = (int) kids.start("sh", "-c", "while :; do :; done").pid();
                // a child that fills 64 MiB on a line on stdin (it runs to do so)
                Process grower = kids.start("/usr/bin/python3", "-c",
                        "import sys\nsys.stdin.readline()\nb = b'x' * (64 << 20)\nprint('ok', flush=True)\n"
                                + "sys.stdin.readline()");
                int growerPid = (int) grower.pid();
                Children.await("sleeping", () -> PsProcess.of(growerPid).status().equals("sleeping"));
                sweep(gated, true);
                for (int i = 0; i < 3; i++) {
                    Thread.sleep(100);
                    var g = sweep(gated, true);
                    var o = sweep(plain, true);
                    // the busy one is read every sweep: its times move as the full read's do
                    assertTrue(g.get(busy).cpuPercent() > 1, "busy: " + g.get(busy));
                    assertTrue(o.get(busy).user() + o.get(busy).system() >= g.get(busy).user() + g.get(busy).system());
                    // an idle one: exact cpu times, no cpu use, the same name, memory and I/O
                    Seen gs = g.get(sleeper);
                    Seen os = o.get(sleeper);
                    assertEquals(os.user(), gs.user());
                    assertEquals(os.system(), gs.system());
                    assertEquals(0.0, gs.cpuPercent());
                    assertEquals(os.name(), gs.name());
                    assertEquals(os.vms(), gs.vms());
                    assertEquals(os.createTime(), gs.createTime());
                    assertEquals(os.readBytes(), gs.readBytes(), "I/O counters are read as asked, gate or not");
                }
                // a process that runs is read in the very next sweep
                try (var w = new java.io.PrintStream(grower.getOutputStream(), true)) {
                    long before = sweep(gated, true).get(growerPid).rss();
                    w.println();
                    assertEquals("ok", Children.firstLine(grower).strip());
                    long after = sweep(gated, true).get(growerPid).rss();
                    assertTrue(after > before + (60L << 20), "rss " + before + " then " + after);
                    w.println();
                }
                // the parent exits: the idle sleeper's ppid changes without it running; re-read at
                // the next sweep, even by a sampler that re-reads idle processes only every 1000
                try (var patient = ProcessSampler.create(true).idleRereadEvery(1000)) {
                    sweep(patient, true);
                    assertEquals((int) parent.pid(), sweep(patient, true).get(sleeper).ppid());
                    parent.getOutputStream().close();
                    assertEquals(0, parent.waitFor());
                    int newParent = sweep(patient, true).get(sleeper).ppid();
                    assertNotEquals((int) parent.pid(), newParent, "the orphan's new ppid at the next sweep");
                    assertEquals(PsProcess.of(sleeper).ppid(), newParent);
                }
            } finally {
                ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroyForcibly);
            }
            plain.close();
        }
        Children.await("descriptors released", () -> openFds() <= fdsBefore + 2);
    }

    @Test
    void anIdleProcessWhoseParentIsAZombieHasItsNewPpidAtTheNextSweep() throws Exception {
        try (var kids = new Children(); var patient = ProcessSampler.create(true).idleRereadEvery(1000)) {
            Path dir = kids.tempDir();
            // the grandparent runs the parent in the background and becomes sleep, which never reaps:
            // the parent, once "go" exists, exits and stays a zombie; its child is given a new parent
            Process grandparent = kids.start("sh", "-c", "cd " + dir + " && sh -c 'sleep 60 & echo $! $$;"
                    + " while [ ! -e go ]; do sleep 0.05; done' & exec sleep 60");
            String[] ids = Children.firstLine(grandparent).strip().split(" ");
            int child = Integer.parseInt(ids[0]);
            int parent = Integer.parseInt(ids[1]);
            kids.own(child);
            kids.own(parent);
            Children.await("the child sleeping", () -> PsProcess.of(child).status().equals("sleeping"));
            sweep(patient, false);
            assertEquals(parent, sweep(patient, false).get(child).ppid());
            Files.createFile(dir.resolve("go"));
            Children.await("the parent a zombie", () -> PsProcess.of(parent).status().equals("zombie"));
            int newParent = sweep(patient, false).get(child).ppid();
            assertNotEquals(parent, newParent, "the new ppid at the next sweep, the zombie parent still listed");
            assertEquals(PsProcess.of(child).ppid(), newParent);
        }
    }

    private static long openFds() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aVisitorThatThrowsLeaksNoDescriptor() {
        long fdsBefore = openFds();
        try (var sampler = ProcessSampler.create(true)) {
            sampler.sweep(s -> { });
            for (int i = 0; i < 5; i++) {
                int[] seen = {0};
                try {
                    sampler.sweep(s -> {
                        if (++seen[0] == 20) {
                            throw new IllegalStateException("stop early");
                        }
                    });
                } catch (IllegalStateException expected) {
                    // the sampler must still account for every descriptor
                }
                assertTrue(openFds() <= fdsBefore + sampler.keptFiles() + 2,
                        openFds() + " open, " + sampler.keptFiles() + " kept, " + fdsBefore + " before");
            }
            int n = sampler.sweep(s -> { });
            assertTrue(n > 20);
            sampler.close();
            assertEquals(0, sampler.keptFiles());
            assertTrue(openFds() <= fdsBefore + 2, openFds() + " open after close, " + fdsBefore + " before");
        }
    }
}
