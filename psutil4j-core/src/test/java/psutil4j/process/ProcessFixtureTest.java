package psutil4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import psutil4j.MemoryInfo;
import psutil4j.NoSuchProcessException;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.ZombieProcessException;
import psutil4j.internal.linux.SystemConstants;

/**
 * PsProcess over a fake /proc (Psutil.setRoots): oneshot caching, zombie and vanished processes,
 * pid reuse, identity. Files are rewritten between calls to see what is re-read.
 */
class ProcessFixtureTest {

    @TempDir
    Path tmp;
    private FakeProc fake;
    private Path proc;

    @BeforeEach
    void setUp() throws IOException {
        List<String> files = new ArrayList<>();
        for (String f : List.of("stat", "status", "statm", "cmdline", "environ", "io", "smaps", "smaps_rollup", "wchan")) {
            files.add("4242/" + f);
        }
        files.add("stat");
        files.add("meminfo");
        fake = new FakeProc(tmp, files.toArray(String[]::new));
        proc = fake.proc();
    }

    @AfterEach
    void restore() {
        fake.close();
    }

    private void rewrite(String file, String from, String to) throws IOException {
        fake.rewrite("4242/" + file, from, to);
    }

    @Test
    void readsTheFixture() {
        PsProcess p = PsProcess.of(4242);
        assertEquals("sleep", p.name());
        assertEquals(11347, p.ppid());
        assertEquals(List.of("sleep", "300"), p.cmdline());
        assertEquals("sleeping", p.status());
        assertEquals(SystemConstants.bootTime() + 118684.0 / SystemConstants.CLOCK_TICKS, p.createTime(), 1e-6);
        long pg = SystemConstants.PAGE_SIZE;
        assertEquals(new MemoryInfo(452 * pg, 730 * pg, 424 * pg, 5 * pg, 89 * pg), p.memoryInfo());
        assertEquals(0, p.uids().real());
        assertEquals("root", p.username());
        assertEquals(10, p.ioCounters().readCount());
        assertEquals("/root", p.environ().get("HOME"));
        assertTrue(p.terminal().isEmpty());
        assertEquals(1, p.numThreads());
        assertTrue(p.memoryFootprint().uss() > 0);
        assertEquals(List.of(4242), Psutil.processIter().map(PsProcess::pid).toList());
        assertEquals(4242, Psutil.pids()[0]);
    }

    @Test
    void jobControlSchedulingAndWchanBeyondPsutil() throws IOException {
        PsProcess p = PsProcess.of(4242);
        assertEquals(11347, p.pgid());
        assertEquals(5113, p.sid());
        assertEquals(OptionalInt.empty(), p.tpgid(), "no controlling terminal");
        assertEquals(4194304, p.flags());
        assertEquals(0, p.schedPolicy());
        assertEquals(0, p.rtPriority());
        assertEquals(0, p.lockedMemory());
        assertEquals(Optional.of("hrtimer_nanosleep"), p.wchan());
        rewrite("status", "VmLck:\t       0 kB", "VmLck:\t      64 kB");
        assertEquals(64 * 1024, p.lockedMemory());
        rewrite("stat", " 5113 0 -1 ", " 5113 34816 4242 ");
        assertEquals(OptionalInt.of(4242), p.tpgid());
        Files.writeString(proc.resolve("4242/wchan"), "0");
        assertEquals(Optional.empty(), p.wchan(), "running, or hidden");
        Files.delete(proc.resolve("4242/wchan"));
        assertEquals(Optional.empty(), p.wchan(), "a kernel without CONFIG_KALLSYMS");

        // the additions come in as_dict when named
        var d = p.asDict(List.of("sid", "pgid", "tpgid", "flags", "sched_policy", "rt_priority", "locked_memory", "wchan"),
                null);
        assertEquals(5113, d.get("sid"));
        assertEquals(11347, d.get("pgid"));
        assertEquals(4242, d.get("tpgid"));
        assertEquals(4194304L, d.get("flags"));
        assertEquals(0, d.get("sched_policy"));
        assertEquals(0, d.get("rt_priority"));
        assertEquals(64L * 1024, d.get("locked_memory"));
        assertTrue(d.containsKey("wchan") && d.get("wchan") == null);
    }

    @Test
    void processIterReadsOnlyWhatTheExtraAttributesNeed() throws IOException {
        Files.delete(proc.resolve("4242/status"));
        Files.delete(proc.resolve("4242/wchan"));
        Psutil.processIterCacheClear();
        var attrs = List.of("pid", "sid", "pgid", "tpgid", "flags", "sched_policy", "rt_priority");
        PsProcess p = Psutil.processIter(attrs, "AD").findFirst().orElseThrow();
        assertEquals(5113, p.info().get("sid"), "stat only: status is gone");
        assertEquals(java.util.Set.copyOf(attrs), p.info().keySet());
        assertEquals(5113, p.sid(), "the getter answers from the prefetch");
        // locked_memory needs status: now missing for a live process
        assertThrows(java.io.UncheckedIOException.class,
                () -> Psutil.processIter(List.of("locked_memory"), "AD").findFirst().orElseThrow());
        Psutil.processIterCacheClear();
    }

    @Test
    void oneshotReadsEachFileOnce() throws IOException {
        PsProcess p = PsProcess.of(4242);
        try (var s = p.oneshot()) {
            assertEquals(11347, p.ppid());
            assertEquals(0, p.uids().real());
            assertEquals(452 * SystemConstants.PAGE_SIZE, p.memoryInfo().rss());
            rewrite("stat", " 11347 ", " 777 ");
            rewrite("status", "Uid:\t0\t0\t0", "Uid:\t5\t5\t5");
            rewrite("statm", "730 452", "730 999");
            assertEquals(11347, p.ppid(), "stat cached in the scope");
            assertEquals("sleep", p.name());
            assertEquals(0, p.uids().real(), "status cached in the scope");
            assertEquals(452 * SystemConstants.PAGE_SIZE, p.memoryInfo().rss(), "statm cached in the scope");
            try (var nested = p.oneshot()) {
                assertEquals(11347, p.ppid());
            }
            assertEquals(11347, p.ppid(), "a nested scope's close keeps the outer cache");
        }
        assertEquals(777, p.ppid());
        assertEquals(5, p.uids().real());
        assertEquals(999 * SystemConstants.PAGE_SIZE, p.memoryInfo().rss());
    }

    @Test
    void longNameAndCmdlineReadOnceInOneshot() throws IOException {
        rewrite("stat", "(sleep)", "(a-long-program-)");
        Files.write(proc.resolve("4242/cmdline"), "/opt/bin/a-long-program-name\0--flag\0".getBytes());
        PsProcess p = PsProcess.of(4242);
        try (var s = p.oneshot()) {
            assertEquals("a-long-program-name", p.name(), "15-byte comm extended from cmdline[0]");
            Files.write(proc.resolve("4242/cmdline"), "/opt/bin/a-long-program-other\0".getBytes());
            assertEquals(List.of("/opt/bin/a-long-program-name", "--flag"), p.cmdline(), "cmdline cached in the scope");
        }
        assertEquals("a-long-program-other", p.name());
        assertEquals(List.of("/opt/bin/a-long-program-other"), p.cmdline());
        Files.write(proc.resolve("4242/cmdline"), "/opt/bin/other\0".getBytes());
        assertEquals("a-long-program-", p.name(), "cmdline[0] does not start with the name");
    }

    @Test
    void zombie() throws IOException {
        rewrite("stat", ") S ", ") Z ");
        Files.write(proc.resolve("4242/cmdline"), new byte[0]);
        PsProcess p = PsProcess.of(4242);
        assertEquals("zombie", p.status());
        var e = assertThrows(ZombieProcessException.class, p::cmdline);
        assertEquals(11347, e.ppid());
        assertEquals(4242, e.pid());
        Files.delete(proc.resolve("4242/io"));
        assertThrows(ZombieProcessException.class, p::ioCounters);
        assertEquals("sleep", p.name());
        assertTrue(p.isRunning());
        assertEquals(null, p.asDict(List.of("cmdline"), null).get("cmdline"));
    }

    @Test
    void vanishedAndReused() throws IOException {
        PsProcess p = PsProcess.of(4242);
        assertTrue(p.isRunning());
        // a new process took the pid: another start time
        rewrite("stat", " 118684 ", " 118999 ");
        assertFalse(p.isRunning());
        assertThrows(NoSuchProcessException.class, () -> p.nice(5));
        assertThrows(NoSuchProcessException.class, p::kill);
        PsProcess q = PsProcess.of(4242);
        assertFalse(p.equals(q));
        assertTrue(q.isRunning());
        // a file missing while the process lives is an I/O error (psutil re-raises it)...
        Files.delete(proc.resolve("4242/io"));
        assertThrows(java.io.UncheckedIOException.class, q::ioCounters);
        // ...while a process whose stat is gone no longer exists
        Files.delete(proc.resolve("4242/stat"));
        assertThrows(NoSuchProcessException.class, q::name);
        Files.delete(proc.resolve("4242/status"));
        assertThrows(NoSuchProcessException.class, q::uids);
        assertFalse(q.isRunning());
        assertThrows(NoSuchProcessException.class, () -> PsProcess.of(4242));
        assertEquals(0, Psutil.processIter().count());
    }
}
