package psutil4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import psutil4j.AccessDeniedException;
import psutil4j.NoSuchProcessException;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.RLimitResource;

/** Calls every reading method on every pid of the machine: only psutil's exceptions are allowed. */
class ProcessContractTest {

    private static final Set<String> STATUSES = Set.of("running", "sleeping", "disk-sleep", "stopped",
            "tracing-stop", "zombie", "dead", "wake-kill", "waking", "idle", "locked", "waiting", "parked");

    private static void call(PsProcess p, String what, Consumer<PsProcess> check, List<String> errors) {
        try {
            check.accept(p);
        } catch (NoSuchProcessException | AccessDeniedException e) {
            // allowed (ZombieProcessException is a NoSuchProcessException)
        } catch (UncheckedIOException e) {
            // psutil re-raises FileNotFoundError for files a live process lacks; only kernel threads may
            if (!p.cmdline().isEmpty()) {
                errors.add(p.pid() + " " + what + ": " + e);
            }
        } catch (UnsupportedOperationException e) {
            if (!what.equals("netConnections")) {
                errors.add(p.pid() + " " + what + ": " + e);
            }
        } catch (Throwable e) {
            errors.add(p.pid() + " " + what + ": " + e);
        }
    }

    @Test
    void everyMethodOnEveryPid() {
        int[] pids = Psutil.pids();
        assertTrue(pids.length > 1);
        int[] sorted = pids.clone();
        Arrays.sort(sorted);
        assertTrue(Arrays.equals(sorted, pids), "pids() sorted");
        double boot = psutil4j.internal.linux.SystemConstants.bootTime();
        double now = System.currentTimeMillis() / 1000.0;
        List<String> errors = new ArrayList<>();
        int checked = 0;
        for (int pid : pids) {
            PsProcess p;
            try {
                p = PsProcess.of(pid);
            } catch (NoSuchProcessException e) {
                continue;
            }
            checked++;
            assertEquals(pid, p.pid());
            assertTrue(p.createTime() >= boot - 1 && p.createTime() <= now + 1, "create time " + pid);
            call(p, "name", x -> assertFalse(x.name().isEmpty()), errors);
            call(p, "ppid", x -> assertTrue(x.ppid() >= 0), errors);
            call(p, "exe", x -> assertTrue(x.exe().isEmpty() || x.exe().startsWith("/")), errors);
            call(p, "cmdline", x -> assertNotNull(x.cmdline()), errors);
            call(p, "environ", x -> assertNotNull(x.environ()), errors);
            call(p, "status", x -> assertTrue(STATUSES.contains(x.status()), x.status()), errors);
            call(p, "cwd", x -> assertTrue(x.cwd().isEmpty() || x.cwd().startsWith("/")), errors);
            call(p, "username", x -> assertFalse(x.username().isEmpty()), errors);
            call(p, "uids", x -> assertTrue(x.uids().real() >= 0 && x.uids().effective() >= 0 && x.uids().saved() >= 0), errors);
            call(p, "gids", x -> assertTrue(x.gids().real() >= 0), errors);
            call(p, "terminal", x -> x.terminal().ifPresent(t -> assertTrue(t.startsWith("/dev/"))), errors);
            call(p, "nice", x -> assertTrue(x.nice() >= -20 && x.nice() <= 19), errors);
            call(p, "ionice", x -> assertTrue(x.ionice().value() >= 0), errors);
            call(p, "rlimit", x -> {
                var r = x.rlimit(RLimitResource.RLIMIT_NOFILE);
                assertTrue(r.soft() >= 0 || r.soft() == -1);
            }, errors);
            call(p, "ioCounters", x -> {
                var io = x.ioCounters();
                assertTrue(io.readCount() >= 0 && io.writeBytes() >= 0 && io.readChars() >= 0);
            }, errors);
            call(p, "numCtxSwitches", x -> assertTrue(x.numCtxSwitches().voluntary() >= 0), errors);
            call(p, "numFds", x -> assertTrue(x.numFds() >= 0), errors);
            call(p, "numThreads", x -> assertTrue(x.numThreads() >= 1), errors);
            call(p, "threads", x -> x.threads().forEach(t -> assertTrue(t.userTime() >= 0 && t.systemTime() >= 0)), errors);
            call(p, "cpuTimes", x -> {
                var t = x.cpuTimes();
                assertTrue(t.user() >= 0 && t.system() >= 0 && t.childrenUser() >= 0 && t.childrenSystem() >= 0
                        && t.iowait() >= 0);
            }, errors);
            call(p, "cpuPercent", x -> assertTrue(x.cpuPercent(null) >= 0), errors);
            call(p, "cpuNum", x -> assertTrue(x.cpuNum() >= 0), errors);
            call(p, "cpuAffinity", x -> assertTrue(x.cpuAffinity().length >= 1), errors);
            call(p, "memoryInfo", x -> {
                var m = x.memoryInfo();
                if (!x.cmdline().isEmpty()) {
                    assertTrue(m.rss() > 0 && m.vms() > 0, "rss of user process " + x.pid());
                } else {
                    assertTrue(m.rss() >= 0);
                }
            }, errors);
            call(p, "memoryInfoEx", x -> assertTrue(x.memoryInfoEx().peakRss() >= 0), errors);
            call(p, "memoryFootprint", x -> assertTrue(x.memoryFootprint().uss() >= 0), errors);
            call(p, "memoryPercent", x -> {
                double v = x.memoryPercent();
                assertTrue(v >= 0 && v <= 100);
            }, errors);
            call(p, "memoryMaps", x -> x.memoryMaps().forEach(m -> assertTrue(m.rss() >= 0 && !m.path().isEmpty())), errors);
            call(p, "pageFaults", x -> assertTrue(x.pageFaults().minor() >= 0), errors);
            call(p, "pgid", x -> assertTrue(x.pgid() >= 0), errors);
            call(p, "sid", x -> assertTrue(x.sid() >= 0), errors);
            call(p, "tpgid", x -> x.tpgid().ifPresent(t -> assertTrue(t >= 0)), errors);
            call(p, "flags", x -> assertTrue(x.flags() >= 0), errors);
            call(p, "schedPolicy", x -> assertTrue(x.schedPolicy() >= 0 && x.schedPolicy() <= 7), errors);
            call(p, "rtPriority", x -> assertTrue(x.rtPriority() >= 0 && x.rtPriority() <= 99), errors);
            call(p, "lockedMemory", x -> assertTrue(x.lockedMemory() >= 0), errors);
            call(p, "wchan", x -> x.wchan().ifPresent(w -> assertTrue(!w.isEmpty() && !w.equals("0"), w)), errors);
            call(p, "openFiles", x -> x.openFiles().forEach(f -> {
                assertTrue(f.path().startsWith("/") && f.fd() >= 0 && f.position() >= 0);
                assertTrue(Set.of("r", "w", "a", "r+", "a+").contains(f.mode()), f.mode());
            }), errors);
            call(p, "parent", x -> x.parent().ifPresent(pp -> assertTrue(pp.pid() >= 0)), errors);
            call(p, "children", x -> assertNotNull(x.children(false)), errors);
            call(p, "netConnections", x -> x.netConnections("inet"), errors);
            call(p, "asDict", x -> {
                Map<String, Object> d = x.asDict(null, "AD");
                assertEquals(x.pid(), d.get("pid"));
            }, errors);
            call(p, "isRunning", x -> x.isRunning(), errors);
        }
        assertTrue(checked > 1);
        if (!errors.isEmpty()) {
            fail(errors.size() + " unexpected errors:\n" + String.join("\n", errors.subList(0, Math.min(40, errors.size()))));
        }
    }

    @Test
    void pidsAndExistence() {
        int self = (int) ProcessHandle.current().pid();
        int[] pids = Psutil.pids();
        assertTrue(Arrays.stream(pids).anyMatch(x -> x == self));
        assertTrue(Arrays.stream(pids).anyMatch(x -> x == 1));
        assertTrue(Psutil.pidExists(self));
        assertTrue(Psutil.pidExists(1));
        assertFalse(Psutil.pidExists(-1));
        assertFalse(Psutil.pidExists(0));
        assertFalse(Psutil.pidExists(Integer.MAX_VALUE));
        assertThrows(NoSuchProcessException.class, () -> PsProcess.of(0));
        assertThrows(NoSuchProcessException.class, () -> PsProcess.of(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> PsProcess.of(-1));
        // a thread id is not a process (psutil #687)
        var tids = PsProcess.current().threads();
        var tid = tids.stream().filter(t -> t.id() != self).findFirst().orElseThrow();
        assertFalse(Psutil.pidExists(tid.id()));
        assertEquals(PsProcess.current(), Psutil.process(self));
        assertEquals(PsProcess.current().hashCode(), Psutil.process(self).hashCode());
        assertTrue(PsProcess.current().isRunning());
    }

    @Test
    void asDictNamesAndErrors() {
        var me = PsProcess.current();
        Map<String, Object> all = me.asDict();
        assertTrue(all.keySet().containsAll(Set.of("pid", "name", "username", "cpu_percent", "memory_info",
                "cmdline", "status", "create_time", "ppid", "exe", "cwd", "nice", "num_threads")), all.keySet().toString());
        assertFalse(all.containsKey("net_connections") && all.get("net_connections") == null);
        assertThrows(IllegalArgumentException.class, () -> me.asDict(List.of("bogus"), null));
        assertEquals(Set.of("name", "pid"), me.asDict(List.of("name", "pid"), null).keySet());
        assertTrue(Psutil.PROCESS_ATTRS.contains("memory_footprint"));
        // psutil4j's additions: accepted by name, never in the default set
        assertTrue(java.util.Collections.disjoint(all.keySet(), Psutil.EXTRA_PROCESS_ATTRS), all.keySet().toString());
        assertTrue(java.util.Collections.disjoint(Psutil.PROCESS_ATTRS, Psutil.EXTRA_PROCESS_ATTRS));
        Map<String, Object> extra = me.asDict(Psutil.EXTRA_PROCESS_ATTRS, "AD");
        assertEquals(Psutil.EXTRA_PROCESS_ATTRS, extra.keySet());
        assertEquals(me.sid(), extra.get("sid"));
        assertEquals(me.pgid(), extra.get("pgid"));
        var e = assertThrows(IllegalArgumentException.class, () -> me.asDict(List.of("sidd"), null));
        assertTrue(e.getMessage().contains("'wchan'") || e.getMessage().contains("wchan"), e.getMessage());
    }

    @Test
    void processIterPrefetchAndCpuPercentAcrossSweeps() throws Exception {
        var attrs = List.of("pid", "name", "username", "cpu_percent", "memory_info", "cmdline", "status", "create_time");
        int self = (int) ProcessHandle.current().pid();
        Psutil.processIterCacheClear();
        PsProcess first = Psutil.processIter(attrs, "AD").filter(p -> p.pid() == self).findFirst().orElseThrow();
        assertEquals(Set.copyOf(attrs), first.info().keySet());
        assertEquals(0.0, first.info().get("cpu_percent"));
        long end = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < end) {
            Math.sqrt(System.nanoTime()); // burn CPU so the second sweep sees some
        }
        PsProcess second = Psutil.processIter(attrs, "AD").filter(p -> p.pid() == self).findFirst().orElseThrow();
        assertTrue(first == second, "handles are cached across sweeps");
        assertTrue((Double) second.info().get("cpu_percent") > 0, "cpu_percent across sweeps");
        assertEquals(second.name(), second.info().get("name"));
        var snapshot = new java.util.HashMap<>(second.info());
        assertEquals(Set.copyOf(attrs), snapshot.keySet());
        assertEquals(self, snapshot.get("pid"));
        assertTrue(second.info().containsKey("cmdline") && !second.info().containsKey("exe"));
        Thread.sleep(10);
        assertTrue(Psutil.processIter().count() > 1);
        assertTrue(Psutil.processIter().allMatch(p -> p.info().isEmpty()));
        assertTrue(Psutil.processIter(List.of("name"), null).allMatch(p -> p.info().keySet().equals(Set.of("name"))));
        assertThrows(IllegalArgumentException.class, () -> Psutil.processIter(List.of("nope"), null));
        assertTrue(PsProcess.current().cpuPercent(Duration.ofMillis(50)) >= 0);
    }
}
