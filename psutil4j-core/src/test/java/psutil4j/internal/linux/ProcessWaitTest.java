package psutil4j.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import psutil4j.TimeoutExpiredException;
import psutil4j.internal.ffi.ErrnoException;
import psutil4j.internal.ffi.ProcCalls;
import psutil4j.testing.Cmd;

/**
 * {@link ProcessWait} on JVM children (owned by the JDK's reaper), on processes that are not our
 * children, and on children the JDK does not own (orphans adopted while the test JVM is a
 * subreaper) — with pidfd and with the polling fallback.
 */
class ProcessWaitTest {

    private final List<Long> pids = new ArrayList<>();

    /**
     * Binds the native calls before any timing-sensitive test: a wait must begin while its child
     * still runs, or the JDK's reaper has already collected it (then the exit code is unknowable).
     */
    @BeforeAll
    static void warmUp() {
        ProcessWait.waitFor(Integer.MAX_VALUE, 0, Duration.ZERO, () -> false);
        ProcCalls.close(ProcCalls.pidfdOpen(ProcCalls.getpid()));
    }

    @AfterEach
    void cleanUp() {
        ProcessWait.pidfdDisabled = false;
        for (long pid : pids) {
            try {
                ProcCalls.kill((int) pid, ProcCalls.SIGKILL);
            } catch (ErrnoException ignored) {
                // gone
            }
        }
    }

    private Process start(String... argv) throws IOException {
        Process p = new ProcessBuilder(argv).start();
        pids.add(p.pid());
        return p;
    }

    /** A process that is not our child: started by a shell that exits at once (re-parented to init). */
    private int grandchild(String shellCommand) {
        int pid = Integer.parseInt(Cmd.run("sh", "-c", "(" + shellCommand + ") >/dev/null 2>&1 </dev/null & echo $!").trim());
        pids.add((long) pid);
        return pid;
    }

    private static BooleanSupplier exists(int pid) {
        return () -> Files.exists(Path.of("/proc/" + pid));
    }

    private static boolean exitInfoSurvivesReaping() {
        String[] v = System.getProperty("os.version").split("[.-]");
        int major = Integer.parseInt(v[0]);
        int minor = Integer.parseInt(v[1]);
        return major > 6 || (major == 6 && minor >= 15); // PIDFD_INFO_EXIT
    }

    private static void killLater(long pid, int sig, long millis) {
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(millis);
                ProcCalls.kill((int) pid, sig);
            } catch (InterruptedException | ErrnoException ignored) {
                // test ends anyway
            }
        });
    }

    @ParameterizedTest(name = "pidfd disabled: {0}")
    @ValueSource(booleans = {false, true})
    void jvmChildExitCodeWithoutStealingItFromTheJdk(boolean noPidfd) throws Exception {
        ProcessWait.pidfdDisabled = noPidfd;
        Process p = start("sh", "-c", "sleep 1; exit 3");
        OptionalInt code = ProcessWait.waitFor((int) p.pid(), 0, null, exists((int) p.pid()));
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), "the JDK still sees the real exit value");
        if (exitInfoSurvivesReaping() && !noPidfd) {
            assertEquals(OptionalInt.of(3), code);
        } else {
            // The JDK's reaper may collect the child before we look: then the code is unknowable.
            assertTrue(code.isEmpty() || code.getAsInt() == 3, code.toString());
        }
    }

    @Test
    void jvmChildKilledBySignalGivesMinusSignal() throws Exception {
        Process p = start("sleep", "60");
        killLater(p.pid(), ProcCalls.SIGTERM, 1000);
        OptionalInt code = ProcessWait.waitFor((int) p.pid(), 0, Duration.ofSeconds(20), exists((int) p.pid()));
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(128 + ProcCalls.SIGTERM, p.exitValue());
        if (exitInfoSurvivesReaping()) {
            assertEquals(OptionalInt.of(-ProcCalls.SIGTERM), code);
        } else {
            assertTrue(code.isEmpty() || code.getAsInt() == -ProcCalls.SIGTERM, code.toString());
        }
    }

    @ParameterizedTest(name = "pidfd disabled: {0}")
    @ValueSource(booleans = {false, true})
    void timeoutOnJvmChild(boolean noPidfd) throws Exception {
        ProcessWait.pidfdDisabled = noPidfd;
        Process p = start("sleep", "60");
        long t0 = System.nanoTime();
        var e = assertThrows(TimeoutExpiredException.class,
                () -> ProcessWait.waitFor((int) p.pid(), 0, Duration.ofMillis(200), exists((int) p.pid())));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 190 && ms < 5_000, ms + " ms");
        assertEquals(p.pid(), e.pid());
        assertEquals(Duration.ofMillis(200), e.timeout());
        assertTrue(p.isAlive(), "a timed-out wait leaves the process alone");

        // zero: check once
        assertThrows(TimeoutExpiredException.class,
                () -> ProcessWait.waitFor((int) p.pid(), 0, Duration.ZERO, exists((int) p.pid())));
    }

    @ParameterizedTest(name = "pidfd disabled: {0}")
    @ValueSource(booleans = {false, true})
    void nonChildReturnsEmptyAfterItExits(boolean noPidfd) {
        ProcessWait.pidfdDisabled = noPidfd;
        int pid = grandchild("sleep 0.5");
        assertFalse(ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                .map(h -> h.pid() == ProcessHandle.current().pid()).orElse(false), "not our child");
        long t0 = System.nanoTime();
        OptionalInt code = ProcessWait.waitFor(pid, 0, Duration.ofSeconds(20), exists(pid));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(OptionalInt.empty(), code, "psutil returns None for a non-child");
        assertTrue(ms >= 200, "waited for it: " + ms + " ms");
        assertFalse(exists(pid).getAsBoolean(), "like psutil, gone (reaped by its parent) on return");
    }

    @ParameterizedTest(name = "pidfd disabled: {0}")
    @ValueSource(booleans = {false, true})
    void timeoutOnNonChild(boolean noPidfd) {
        ProcessWait.pidfdDisabled = noPidfd;
        int pid = grandchild("exec sleep 60");
        var e = assertThrows(TimeoutExpiredException.class,
                () -> ProcessWait.waitFor(pid, 0, Duration.ofMillis(300), exists(pid)));
        assertEquals(pid, e.pid());
        assertTrue(Files.exists(Path.of("/proc/" + pid)));
    }

    @ParameterizedTest(name = "pidfd disabled: {0}")
    @ValueSource(booleans = {false, true})
    void interruptEndsTheWait(boolean noPidfd) throws Exception {
        ProcessWait.pidfdDisabled = noPidfd;
        Process p = start("sleep", "60");
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                ProcessWait.waitFor((int) p.pid(), 0, null, exists((int) p.pid()));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        Thread.sleep(300);
        waiter.interrupt();
        waiter.join(5_000);
        assertFalse(waiter.isAlive());
        assertTrue(failure.get() instanceof java.util.concurrent.CancellationException, String.valueOf(failure.get()));
        assertTrue(p.isAlive());
    }

    @Test
    void goneProcessReturnsAtOnce() {
        OptionalInt code = ProcessWait.waitFor(Integer.MAX_VALUE, 0, Duration.ofSeconds(5), () -> false);
        assertEquals(OptionalInt.empty(), code);
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> ProcessWait.waitFor(0, 0, null, () -> true));
        assertThrows(IllegalArgumentException.class, () -> ProcessWait.waitFor(-5, 0, null, () -> true));
        assertThrows(IllegalArgumentException.class,
                () -> ProcessWait.waitFor(1, 0, Duration.ofSeconds(-1), () -> true));
    }

    /**
     * Children the JDK does not own: with the JVM as a subreaper, a shell's background job becomes
     * our child when the shell exits. psutil reaps these and returns their exit code.
     */
    @ParameterizedTest(name = "pidfd disabled: {0}")
    @ValueSource(booleans = {false, true})
    void adoptedChildrenAreReapedWithTheirExitCode(boolean noPidfd) throws Exception {
        ProcessWait.pidfdDisabled = noPidfd;
        ProcCalls.setChildSubreaper(true);
        try {
            int self = ProcCalls.getpid();
            int exits = grandchild("sleep 0.3; exit 7");
            assertEquals(self, ProcessHandle.of(exits).orElseThrow().parent().orElseThrow().pid(), "adopted");
            assertEquals(OptionalInt.of(7), ProcessWait.waitFor(exits, 0, Duration.ofSeconds(20), exists(exits)));
            assertFalse(Files.exists(Path.of("/proc/" + exits)), "reaped, no zombie left");

            int killed = grandchild("exec sleep 60");
            killLater(killed, ProcCalls.SIGKILL, 300);
            assertEquals(OptionalInt.of(-ProcCalls.SIGKILL),
                    ProcessWait.waitFor(killed, 0, null, exists(killed)));
            assertFalse(Files.exists(Path.of("/proc/" + killed)));

            // already a zombie when the wait starts
            // (a job that exits at once may be reaped by sh itself before sh exits)
            int zombie = grandchild("sleep 0.2; exit 5");
            for (int i = 0; i < 500 && !zombieState(zombie); i++) {
                Thread.sleep(10);
            }
            assertTrue(zombieState(zombie));
            assertEquals(OptionalInt.of(5), ProcessWait.waitFor(zombie, 0, Duration.ZERO, exists(zombie)));
            assertFalse(Files.exists(Path.of("/proc/" + zombie)));
        } finally {
            ProcCalls.setChildSubreaper(false);
        }
    }

    private static boolean zombieState(int pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    @Test
    void decodeFollowsPsutil() {
        assertEquals(0, ProcessWait.decode(0));
        assertEquals(255, ProcessWait.decode(255 << 8));
        assertEquals(-9, ProcessWait.decode(9));
        assertEquals(-11, ProcessWait.decode(11 | 0x80)); // core dumped
        assertThrows(IllegalStateException.class, () -> ProcessWait.decode((19 << 8) | 0x7f));
    }
}
