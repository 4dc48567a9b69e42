package psutil4j.internal.ffi;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import psutil4j.testing.Cmd;

/**
 * Struct layouts of {@link ProcCalls} against the C headers: sizes and offsets as glibc/Linux
 * define them on LP64 (x86_64, aarch64), and, when a C compiler is installed, against
 * {@code sizeof}/{@code offsetof} compiled on this machine.
 */
class FfiLayoutTest {

    private static long off(StructLayout l, String field) {
        return l.byteOffset(groupElement(field));
    }

    @Test
    void rlimit() {
        assertEquals(16, ProcCalls.RLIMIT.byteSize());
        assertEquals(0, off(ProcCalls.RLIMIT, "rlim_cur"));
        assertEquals(8, off(ProcCalls.RLIMIT, "rlim_max"));
    }

    @Test
    void pollfd() {
        assertEquals(8, ProcCalls.POLLFD.byteSize());
        assertEquals(0, off(ProcCalls.POLLFD, "fd"));
        assertEquals(4, off(ProcCalls.POLLFD, "events"));
        assertEquals(6, off(ProcCalls.POLLFD, "revents"));
    }

    @Test
    void passwd() {
        assertEquals(48, ProcCalls.PASSWD.byteSize());
        assertEquals(0, off(ProcCalls.PASSWD, "pw_name"));
        assertEquals(8, off(ProcCalls.PASSWD, "pw_passwd"));
        assertEquals(16, off(ProcCalls.PASSWD, "pw_uid"));
        assertEquals(20, off(ProcCalls.PASSWD, "pw_gid"));
        assertEquals(24, off(ProcCalls.PASSWD, "pw_gecos"));
        assertEquals(32, off(ProcCalls.PASSWD, "pw_dir"));
        assertEquals(40, off(ProcCalls.PASSWD, "pw_shell"));
    }

    @Test
    void group() {
        assertEquals(32, ProcCalls.GROUP.byteSize());
        assertEquals(0, off(ProcCalls.GROUP, "gr_name"));
        assertEquals(8, off(ProcCalls.GROUP, "gr_passwd"));
        assertEquals(16, off(ProcCalls.GROUP, "gr_gid"));
        assertEquals(24, off(ProcCalls.GROUP, "gr_mem"));
    }

    @Test
    void siginfo() {
        assertEquals(128, ProcCalls.SIGINFO.byteSize());
        assertEquals(0, off(ProcCalls.SIGINFO, "si_signo"));
        assertEquals(8, off(ProcCalls.SIGINFO, "si_code"));
        assertEquals(16, off(ProcCalls.SIGINFO, "si_pid"));
        assertEquals(20, off(ProcCalls.SIGINFO, "si_uid"));
        assertEquals(24, off(ProcCalls.SIGINFO, "si_status"));
    }

    @Test
    void pidfdInfo() {
        assertEquals(64, ProcCalls.PIDFD_INFO.byteSize()); // PIDFD_INFO_SIZE_VER0
        assertEquals(0, off(ProcCalls.PIDFD_INFO, "mask"));
        assertEquals(8, off(ProcCalls.PIDFD_INFO, "cgroupid"));
        assertEquals(16, off(ProcCalls.PIDFD_INFO, "pid"));
        assertEquals(60, off(ProcCalls.PIDFD_INFO, "exit_code"));
        assertEquals(0xC040FF0BL, ProcCalls.PIDFD_GET_INFO);
    }

    @Test
    void syscallNumbersForThisArchitecture() {
        String arch = System.getProperty("os.arch");
        if (arch.equals("amd64")) {
            assertEquals(140, ProcCalls.SYS_GETPRIORITY);
            assertEquals(251, ProcCalls.SYS_IOPRIO_SET);
            assertEquals(252, ProcCalls.SYS_IOPRIO_GET);
        } else if (arch.equals("aarch64")) { // asm-generic/unistd.h
            assertEquals(141, ProcCalls.SYS_GETPRIORITY);
            assertEquals(30, ProcCalls.SYS_IOPRIO_SET);
            assertEquals(31, ProcCalls.SYS_IOPRIO_GET);
        }
        assertEquals(434, ProcCalls.SYS_PIDFD_OPEN);
    }

    /** cpu_set_t bits to CPU numbers across word boundaries (the retry-with-larger-mask path). */
    @Test
    void cpuMaskDecoding() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = arena.allocate(256, 8);
            for (int cpu : new int[] {0, 1, 63, 64, 1023, 1024, 2047}) {
                long off = cpu / 64 * 8L;
                m.set(ValueLayout.JAVA_LONG, off, m.get(ValueLayout.JAVA_LONG, off) | 1L << (cpu % 64));
            }
            assertArrayEquals(new int[] {0, 1, 63, 64, 1023, 1024, 2047}, ProcCalls.bitsToCpus(m, 256));
            assertArrayEquals(new int[0], ProcCalls.bitsToCpus(arena.allocate(16, 8), 16));
        }
    }

    /** The same numbers from the system's own headers, compiled here. */
    @Test
    void matchesCompiledHeaders() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/cc")), "no C compiler");
        Path dir = Files.createTempDirectory("psutil4j-layout");
        try {
            Path src = dir.resolve("l.c");
            Files.writeString(src, """
                    #define _GNU_SOURCE
                    #include <stdio.h>
                    #include <stddef.h>
                    #include <poll.h>
                    #include <pwd.h>
                    #include <grp.h>
                    #include <signal.h>
                    #include <sys/resource.h>
                    #include <sys/syscall.h>
                    #define P(n, v) printf("%s %ld\\n", n, (long) (v))
                    int main(void) {
                        P("rlimit", sizeof(struct rlimit));
                        P("rlimit.rlim_max", offsetof(struct rlimit, rlim_max));
                        P("pollfd", sizeof(struct pollfd));
                        P("pollfd.events", offsetof(struct pollfd, events));
                        P("pollfd.revents", offsetof(struct pollfd, revents));
                        P("passwd", sizeof(struct passwd));
                        P("passwd.pw_uid", offsetof(struct passwd, pw_uid));
                        P("passwd.pw_gid", offsetof(struct passwd, pw_gid));
                        P("passwd.pw_gecos", offsetof(struct passwd, pw_gecos));
                        P("passwd.pw_shell", offsetof(struct passwd, pw_shell));
                        P("group", sizeof(struct group));
                        P("group.gr_gid", offsetof(struct group, gr_gid));
                        P("group.gr_mem", offsetof(struct group, gr_mem));
                        P("siginfo_t", sizeof(siginfo_t));
                        P("siginfo_t.si_code", offsetof(siginfo_t, si_code));
                        P("siginfo_t.si_pid", offsetof(siginfo_t, si_pid));
                        P("siginfo_t.si_uid", offsetof(siginfo_t, si_uid));
                        P("siginfo_t.si_status", offsetof(siginfo_t, si_status));
                        P("SYS_getpriority", SYS_getpriority);
                        P("SYS_ioprio_get", SYS_ioprio_get);
                        P("SYS_ioprio_set", SYS_ioprio_set);
                        P("SYS_pidfd_open", SYS_pidfd_open);
                        return 0;
                    }
                    """);
            Path exe = dir.resolve("l");
            Cmd.run("/usr/bin/cc", "-o", exe.toString(), src.toString());
            Map<String, Long> c = new HashMap<>();
            for (String line : Cmd.run(exe.toString()).strip().split("\n")) {
                String[] kv = line.split(" ");
                c.put(kv[0], Long.parseLong(kv[1]));
            }
            assertEquals(c.get("SYS_getpriority"), ProcCalls.SYS_GETPRIORITY);
            assertEquals(c.get("SYS_ioprio_get"), ProcCalls.SYS_IOPRIO_GET);
            assertEquals(c.get("SYS_ioprio_set"), ProcCalls.SYS_IOPRIO_SET);
            assertEquals(c.get("SYS_pidfd_open"), ProcCalls.SYS_PIDFD_OPEN);
            assertEquals(c.get("rlimit"), ProcCalls.RLIMIT.byteSize());
            assertEquals(c.get("rlimit.rlim_max"), off(ProcCalls.RLIMIT, "rlim_max"));
            assertEquals(c.get("pollfd"), ProcCalls.POLLFD.byteSize());
            assertEquals(c.get("pollfd.events"), off(ProcCalls.POLLFD, "events"));
            assertEquals(c.get("pollfd.revents"), off(ProcCalls.POLLFD, "revents"));
            assertEquals(c.get("passwd"), ProcCalls.PASSWD.byteSize());
            assertEquals(c.get("passwd.pw_uid"), off(ProcCalls.PASSWD, "pw_uid"));
            assertEquals(c.get("passwd.pw_gid"), off(ProcCalls.PASSWD, "pw_gid"));
            assertEquals(c.get("passwd.pw_gecos"), off(ProcCalls.PASSWD, "pw_gecos"));
            assertEquals(c.get("passwd.pw_shell"), off(ProcCalls.PASSWD, "pw_shell"));
            assertEquals(c.get("group"), ProcCalls.GROUP.byteSize());
            assertEquals(c.get("group.gr_gid"), off(ProcCalls.GROUP, "gr_gid"));
            assertEquals(c.get("group.gr_mem"), off(ProcCalls.GROUP, "gr_mem"));
            assertEquals(c.get("siginfo_t"), ProcCalls.SIGINFO.byteSize());
            assertEquals(c.get("siginfo_t.si_code"), off(ProcCalls.SIGINFO, "si_code"));
            assertEquals(c.get("siginfo_t.si_pid"), off(ProcCalls.SIGINFO, "si_pid"));
            assertEquals(c.get("siginfo_t.si_uid"), off(ProcCalls.SIGINFO, "si_uid"));
            assertEquals(c.get("siginfo_t.si_status"), off(ProcCalls.SIGINFO, "si_status"));
        } finally {
            for (Path p : List.of(dir.resolve("l"), dir.resolve("l.c"), dir)) {
                Files.deleteIfExists(p);
            }
        }
    }
}
