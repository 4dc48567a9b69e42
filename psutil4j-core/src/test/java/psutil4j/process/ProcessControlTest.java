package psutil4j.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import psutil4j.IoNice;
import psutil4j.IoPrioClass;
import psutil4j.NoSuchProcessException;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.RLimit;
import psutil4j.RLimitResource;
import psutil4j.TimeoutExpiredException;
import psutil4j.WaitResult;
import psutil4j.testing.Cmd;

/** Changes children the test starts and reads the change back (with our API and with ps). */
class ProcessControlTest {

    private final Children children = new Children();

    @AfterEach
    void cleanup() {
        children.close();
    }

    @org.junit.jupiter.api.AfterAll
    static void noSubreaper() {
        psutil4j.internal.ffi.ProcCalls.setChildSubreaper(false);
    }

    /**
     * A sleep that is our child but not the JDK's: started by a shell that exits at once, it is
     * re-parented to this JVM (a subreaper), so the JDK's reaper never collects it and wait()
     * sees its exit status, as psutil's wait() on its own children.
     */
    private PsProcess orphan(String secs) {
        psutil4j.internal.ffi.ProcCalls.setChildSubreaper(true);
        Process sh = children.start("sh", "-c", "sleep " + secs + " & echo $!");
        int pid = Integer.parseInt(Children.firstLine(sh).trim());
        children.own(pid);
        PsProcess p = PsProcess.of(pid);
        Children.await("exec", () -> p.name().equals("sleep"));
        Children.await("re-parented", () -> p.ppid() == ProcessHandle.current().pid());
        return p;
    }

    private PsProcess sleeper(String secs) {
        Process proc = children.start("sleep", secs);
        PsProcess p = PsProcess.of((int) proc.pid());
        Children.await("exec", () -> p.name().equals("sleep"));
        return p;
    }

    @Test
    void niceIoniceAffinityRlimit() {
        PsProcess p = sleeper("60");
        p.nice(7);
        assertEquals(7, p.nice());
        assertEquals("7", Cmd.run("ps", "-o", "nice=", "-p", "" + p.pid()).trim());

        p.ionice(IoPrioClass.BE, 6);
        assertEquals(new IoNice(IoPrioClass.BE, 6), p.ionice());
        p.ionice(IoPrioClass.IDLE, 0);
        assertEquals(IoPrioClass.IDLE, p.ionice().ioclass());
        assertThrows(IllegalArgumentException.class, () -> p.ionice(IoPrioClass.IDLE, 3));
        assertThrows(IllegalArgumentException.class, () -> p.ionice(IoPrioClass.BE, 8));

        int[] all = java.util.stream.IntStream.range(0, Runtime.getRuntime().availableProcessors()).toArray();
        assertArrayEquals(all, p.cpuAffinity());
        assertTrue(all.length >= 1);
        p.cpuAffinity(new int[] {all[0]});
        assertArrayEquals(new int[] {all[0]}, p.cpuAffinity());
        p.cpuAffinity(new int[0]); // psutil: empty = every eligible CPU
        assertArrayEquals(all, p.cpuAffinity());
        assertThrows(IllegalArgumentException.class, () -> p.cpuAffinity(new int[] {100_000}));
        assertThrows(IllegalArgumentException.class, () -> p.cpuAffinity(new int[] {-1}));

        p.rlimit(RLimitResource.RLIMIT_NOFILE, 100, 200);
        assertEquals(new RLimit(100, 200), p.rlimit(RLimitResource.RLIMIT_NOFILE));
        p.rlimit(RLimitResource.RLIMIT_CORE, RLimit.RLIM_INFINITY, RLimit.RLIM_INFINITY);
        assertEquals(new RLimit(-1, -1), p.rlimit(RLimitResource.RLIMIT_CORE));
        String prlimit = Cmd.run("prlimit", "--nofile", "-o", "SOFT,HARD", "--noheadings", "-p", "" + p.pid()).trim();
        assertEquals("100 200", prlimit.replaceAll("\\s+", " "));
    }

    @Test
    void suspendResumeTerminateKillWait() {
        PsProcess p = orphan("60");
        p.suspend();
        Children.await("stopped", () -> p.status().equals("stopped"));
        assertTrue(Cmd.run("ps", "-o", "stat=", "-p", "" + p.pid()).trim().startsWith("T"));
        p.resume();
        Children.await("resumed", () -> p.status().equals("sleeping"));
        assertThrows(TimeoutExpiredException.class, () -> p.wait(Duration.ofMillis(100)));
        assertThrows(TimeoutExpiredException.class, () -> p.wait(Duration.ZERO));
        p.terminate();
        assertEquals(OptionalInt.of(-15), p.wait(Duration.ofSeconds(10)));
        assertEquals(OptionalInt.of(-15), p.returncode());
        assertFalse(p.isRunning());
        assertThrows(NoSuchProcessException.class, p::kill);

        PsProcess q = orphan("60");
        q.kill();
        assertEquals(OptionalInt.of(-9), q.wait(null));

        psutil4j.internal.ffi.ProcCalls.setChildSubreaper(true);
        Process sh = children.start("sh", "-c", "sh -c 'sleep 2; exit 7' & echo $!");
        int epid = Integer.parseInt(Children.firstLine(sh).trim());
        children.own(epid);
        PsProcess e = PsProcess.of(epid);
        Children.await("re-parented", () -> e.ppid() == ProcessHandle.current().pid());
        assertEquals(OptionalInt.of(7), e.wait(Duration.ofSeconds(10)));

        // a child the JDK's reaper owns: its exit status may be collected by the JDK first, then
        // psutil4j cannot know it (empty); when pidfd exit info is there it is -9
        PsProcess jdkChild = sleeper("60");
        jdkChild.kill();
        OptionalInt rc = jdkChild.wait(Duration.ofSeconds(10));
        assertTrue(rc.isEmpty() || rc.getAsInt() == -9, rc.toString());
    }

    @Test
    void waitForNonChild() {
        // sh's child is our grandchild: no exit code, psutil returns None
        psutil4j.internal.ffi.ProcCalls.setChildSubreaper(false);
        Process sh = children.start("sh", "-c", "sleep 2 & echo $!; wait");
        int gpid = Integer.parseInt(Children.firstLine(sh).trim());
        children.own(gpid);
        PsProcess g = PsProcess.of(gpid);
        assertEquals(OptionalInt.empty(), g.wait(Duration.ofSeconds(10)));
        assertEquals(OptionalInt.empty(), g.returncode());
    }

    @Test
    void waitProcs() {
        List<PsProcess> procs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            procs.add(orphan("60"));
        }
        PsProcess survivor = sleeper("60");
        procs.add(survivor);
        for (int i = 0; i < 3; i++) {
            procs.get(i).terminate();
        }
        var called = new CopyOnWriteArrayList<PsProcess>();
        WaitResult r = Psutil.waitProcs(procs, Duration.ofSeconds(3), called::add);
        assertEquals(Set.copyOf(procs.subList(0, 3)), Set.copyOf(r.gone()));
        assertEquals(List.of(survivor), r.alive());
        assertEquals(Set.copyOf(r.gone()), Set.copyOf(called));
        r.gone().forEach(g -> assertEquals(OptionalInt.of(-15), g.returncode()));
        assertThrows(IllegalArgumentException.class, () -> Psutil.waitProcs(procs, Duration.ofSeconds(-1), null));
    }

    @Test
    void pidReuseProtection() throws Exception {
        PsProcess p = sleeper("60");
        // a handle whose start time differs from the live process's behaves as a reused pid
        var ctor = PsProcess.class.getDeclaredConstructor(int.class, boolean.class);
        assertTrue(p.isRunning());
        p.kill();
        p.wait(Duration.ofSeconds(5));
        assertFalse(p.isRunning());
        assertThrows(NoSuchProcessException.class, () -> p.nice(3));
        assertThrows(NoSuchProcessException.class, p::terminate);
        assertTrue(ctor != null);
    }

    @Test
    void childrenAndParents() {
        Process sh = children.start("sh", "-c", "sleep 60 & sleep 60 & echo ok; wait");
        assertEquals("ok", Children.firstLine(sh));
        PsProcess shp = PsProcess.of((int) sh.pid());
        List<PsProcess> kids = shp.children(false);
        assertEquals(2, kids.size());
        kids.forEach(k -> children.own(k.pid()));
        PsProcess me = PsProcess.current();
        assertTrue(me.children(false).contains(shp));
        assertTrue(me.children(true).containsAll(kids));
        assertFalse(me.children(false).containsAll(kids));
        assertEquals(shp, kids.get(0).parent().orElseThrow());
        List<PsProcess> parents = kids.get(0).parents();
        assertEquals(shp, parents.get(0));
        assertEquals(me, parents.get(1));
        assertEquals(1, parents.get(parents.size() - 1).pid());
        assertTrue(PsProcess.of(1).parent().isEmpty());
    }

    @Test
    void sweepWhileProcessesExit() {
        for (int i = 0; i < 20; i++) {
            children.start("sleep", "0.0" + (i % 10));
        }
        for (int round = 0; round < 5; round++) {
            long n = Psutil.processIter(Psutil.PROCESS_ATTRS.stream().filter(a -> !a.equals("net_connections")).toList(), null)
                    .count();
            assertTrue(n > 0);
            assertTrue(Psutil.processIter().mapToInt(PsProcess::pid).count() > 0);
        }
    }

    @Test
    void pid0IsRefused() {
        assertThrows(NoSuchProcessException.class, () -> Psutil.process(0));
    }
}
