package psutil4j.internal.ffi;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The libc calls and raw system calls behind psutil's process control: nice, I/O priority,
 * resource limits, CPU affinity, signals, waiting (pidfd, poll, waitpid, waitid) and user/group
 * names through NSS.
 *
 * <p>Every wrapper throws {@link ErrnoException} when the call fails; callers translate errno into
 * psutil's exceptions (EPERM/EACCES -> AccessDenied, ESRCH -> NoSuchProcess). Raw system calls go
 * through glibc's variadic {@code long syscall(long number, ...)}; all variadic arguments are passed
 * as {@code long}, which is what glibc's syscall() reads from the registers on x86_64 and aarch64.
 */
public final class ProcCalls {

    // ---- architecture-dependent system call numbers -------------------------------------------
    // x86_64: arch/x86/entry/syscalls/syscall_64.tbl; aarch64: include/uapi/asm-generic/unistd.h.
    // NB asm-generic has ioprio_set = 30 and ioprio_get = 31 (and setpriority = 140 before
    // getpriority = 141, the reverse of x86_64).
    private static final boolean X86_64;
    private static final boolean AARCH64;
    static final long SYS_GETPRIORITY;
    static final long SYS_IOPRIO_SET;
    static final long SYS_IOPRIO_GET;
    /** pidfd_open(2), Linux 5.3; the same number on every architecture (the unified table). */
    static final long SYS_PIDFD_OPEN = 434;

    static {
        String arch = System.getProperty("os.arch", "");
        X86_64 = arch.equals("amd64") || arch.equals("x86_64");
        AARCH64 = arch.equals("aarch64") || arch.equals("arm64");
        SYS_GETPRIORITY = X86_64 ? 140 : AARCH64 ? 141 : -1;
        SYS_IOPRIO_SET = X86_64 ? 251 : AARCH64 ? 30 : -1;
        SYS_IOPRIO_GET = X86_64 ? 252 : AARCH64 ? 31 : -1;
    }

    // ---- constants --------------------------------------------------------------------------

    /** {@code which} for get/setpriority: a process id. */
    private static final int PRIO_PROCESS = 0;
    /** {@code which} for ioprio_get/set: a process (thread group leader's tid = pid). */
    private static final int IOPRIO_WHO_PROCESS = 1;
    private static final int IOPRIO_CLASS_SHIFT = 13;
    private static final int IOPRIO_PRIO_MASK = (1 << IOPRIO_CLASS_SHIFT) - 1;

    public static final int IOPRIO_CLASS_NONE = 0;
    public static final int IOPRIO_CLASS_RT = 1;
    public static final int IOPRIO_CLASS_BE = 2;
    public static final int IOPRIO_CLASS_IDLE = 3;

    // <asm-generic/resource.h>; the same on x86_64 and aarch64.
    public static final int RLIMIT_CPU = 0;
    public static final int RLIMIT_FSIZE = 1;
    public static final int RLIMIT_DATA = 2;
    public static final int RLIMIT_STACK = 3;
    public static final int RLIMIT_CORE = 4;
    public static final int RLIMIT_RSS = 5;
    public static final int RLIMIT_NPROC = 6;
    public static final int RLIMIT_NOFILE = 7;
    public static final int RLIMIT_MEMLOCK = 8;
    public static final int RLIMIT_AS = 9;
    public static final int RLIMIT_LOCKS = 10;
    public static final int RLIMIT_SIGPENDING = 11;
    public static final int RLIMIT_MSGQUEUE = 12;
    public static final int RLIMIT_NICE = 13;
    public static final int RLIMIT_RTPRIO = 14;
    /** Since Linux 2.6.25. */
    public static final int RLIMIT_RTTIME = 15;
    /** Number of resources known here (valid resources are 0 .. RLIM_NLIMITS-1). */
    public static final int RLIM_NLIMITS = 16;
    /** {@code RLIM_INFINITY} ({@code ~0UL}) read as a signed long, like psutil's/Python's {@code resource.RLIM_INFINITY}. */
    public static final long RLIM_INFINITY = -1L;

    // Signals most used by the process handle; the full table is Signals.
    public static final int SIGHUP = Signals.SIGHUP;
    public static final int SIGINT = Signals.SIGINT;
    public static final int SIGKILL = Signals.SIGKILL;
    public static final int SIGTERM = Signals.SIGTERM;
    public static final int SIGCONT = Signals.SIGCONT;
    public static final int SIGSTOP = Signals.SIGSTOP;

    /** waitpid/waitid option: return at once if no child has changed state. */
    public static final int WNOHANG = 1;
    /** waitid option: report stopped children. */
    public static final int WSTOPPED = 2;
    /** waitid option: report children that have terminated. */
    public static final int WEXITED = 4;
    /** waitid option: report children resumed by SIGCONT. */
    public static final int WCONTINUED = 8;
    /** waitid option: leave the child waitable (do not reap it). */
    public static final int WNOWAIT = 0x01000000;
    /** Returned by {@link #waitpid} and {@link #waitid} with {@link #WNOHANG} when the child has not changed state. */
    public static final int WAIT_NOT_READY = -1;

    private static final short POLLIN = 0x001;
    private static final int P_PID = 1;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    // siginfo_t.si_code values for SIGCHLD (asm-generic/siginfo.h)
    private static final int CLD_EXITED = 1;
    private static final int CLD_KILLED = 2;
    private static final int CLD_DUMPED = 3;

    // ---- struct layouts ---------------------------------------------------------------------

    /**
     * <pre>
     * struct rlimit {          // 64-bit: rlim_t is unsigned long; prlimit(2) uses rlimit64 = same layout
     *     rlim_t rlim_cur;     // offset 0
     *     rlim_t rlim_max;     // offset 8
     * };                       // size 16
     * </pre>
     */
    static final StructLayout RLIMIT = MemoryLayout.structLayout(
            JAVA_LONG.withName("rlim_cur"),
            JAVA_LONG.withName("rlim_max")).withName("rlimit");

    /**
     * <pre>
     * struct pollfd {
     *     int   fd;            // offset 0
     *     short events;        // offset 4
     *     short revents;       // offset 6
     * };                       // size 8
     * </pre>
     */
    static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"),
            JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents")).withName("pollfd");

    /**
     * <pre>
     * struct passwd {          // glibc, LP64
     *     char  *pw_name;      // offset 0
     *     char  *pw_passwd;    // offset 8
     *     uid_t  pw_uid;       // offset 16
     *     gid_t  pw_gid;       // offset 20
     *     char  *pw_gecos;     // offset 24
     *     char  *pw_dir;       // offset 32
     *     char  *pw_shell;     // offset 40
     * };                       // size 48
     * </pre>
     */
    static final StructLayout PASSWD = MemoryLayout.structLayout(
            ADDRESS.withName("pw_name"),
            ADDRESS.withName("pw_passwd"),
            JAVA_INT.withName("pw_uid"),
            JAVA_INT.withName("pw_gid"),
            ADDRESS.withName("pw_gecos"),
            ADDRESS.withName("pw_dir"),
            ADDRESS.withName("pw_shell")).withName("passwd");

    /**
     * <pre>
     * struct group {           // glibc, LP64
     *     char   *gr_name;     // offset 0
     *     char   *gr_passwd;   // offset 8
     *     gid_t   gr_gid;      // offset 16
     *     (4 bytes padding)
     *     char  **gr_mem;      // offset 24
     * };                       // size 32
     * </pre>
     */
    static final StructLayout GROUP = MemoryLayout.structLayout(
            ADDRESS.withName("gr_name"),
            ADDRESS.withName("gr_passwd"),
            JAVA_INT.withName("gr_gid"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("gr_mem")).withName("group");

    /**
     * The part of {@code siginfo_t} that waitid(2) fills for SIGCHLD (LP64; the union starts at
     * offset 16 because it holds pointers):
     * <pre>
     * typedef struct {
     *     int   si_signo;      // offset 0
     *     int   si_errno;      // offset 4
     *     int   si_code;       // offset 8
     *     (4 bytes padding)
     *     pid_t si_pid;        // offset 16
     *     uid_t si_uid;        // offset 20
     *     int   si_status;     // offset 24  exit code, or signal number
     *     ...                  // padded to 128 bytes
     * } siginfo_t;
     * </pre>
     */
    static final StructLayout SIGINFO = MemoryLayout.structLayout(
            JAVA_INT.withName("si_signo"),
            JAVA_INT.withName("si_errno"),
            JAVA_INT.withName("si_code"),
            MemoryLayout.paddingLayout(4),
            JAVA_INT.withName("si_pid"),
            JAVA_INT.withName("si_uid"),
            JAVA_INT.withName("si_status"),
            MemoryLayout.paddingLayout(128 - 28)).withName("siginfo_t");

    /**
     * The first version of {@code struct pidfd_info} (include/uapi/linux/pidfd.h, Linux 6.13;
     * {@code exit_code} replaced {@code spare0} in 6.15):
     * <pre>
     * struct pidfd_info {
     *     __u64 mask;          // offset 0   in: what to return; out: what was returned
     *     __u64 cgroupid;      // offset 8
     *     __u32 pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid, fsuid, fsgid; // 16..59
     *     __s32 exit_code;     // offset 60  raw wait status
     * };                       // PIDFD_INFO_SIZE_VER0 = 64
     * </pre>
     */
    static final StructLayout PIDFD_INFO = MemoryLayout.structLayout(
            JAVA_LONG.withName("mask"),
            JAVA_LONG.withName("cgroupid"),
            JAVA_INT.withName("pid"),
            JAVA_INT.withName("tgid"),
            JAVA_INT.withName("ppid"),
            JAVA_INT.withName("ruid"),
            JAVA_INT.withName("rgid"),
            JAVA_INT.withName("euid"),
            JAVA_INT.withName("egid"),
            JAVA_INT.withName("suid"),
            JAVA_INT.withName("sgid"),
            JAVA_INT.withName("fsuid"),
            JAVA_INT.withName("fsgid"),
            JAVA_INT.withName("exit_code")).withName("pidfd_info");

    static final long PIDFD_INFO_MASK = PIDFD_INFO.byteOffset(groupElement("mask"));
    static final long PIDFD_INFO_EXIT_CODE = PIDFD_INFO.byteOffset(groupElement("exit_code"));
    private static final long PIDFD_INFO_EXIT = 1L << 3;
    /** _IOWR(PIDFS_IOCTL_MAGIC=0xFF, 11, struct pidfd_info) with the 64-byte VER0 size. */
    static final long PIDFD_GET_INFO = (3L << 30) | (64L << 16) | (0xFFL << 8) | 11;

    static final long RLIM_CUR = RLIMIT.byteOffset(groupElement("rlim_cur"));
    static final long RLIM_MAX = RLIMIT.byteOffset(groupElement("rlim_max"));
    static final long POLL_FD = POLLFD.byteOffset(groupElement("fd"));
    static final long POLL_EVENTS = POLLFD.byteOffset(groupElement("events"));
    static final long POLL_REVENTS = POLLFD.byteOffset(groupElement("revents"));
    static final long PW_NAME = PASSWD.byteOffset(groupElement("pw_name"));
    static final long GR_NAME = GROUP.byteOffset(groupElement("gr_name"));
    static final long SI_CODE = SIGINFO.byteOffset(groupElement("si_code"));
    static final long SI_PID = SIGINFO.byteOffset(groupElement("si_pid"));
    static final long SI_STATUS = SIGINFO.byteOffset(groupElement("si_status"));

    // ---- method handles ---------------------------------------------------------------------

    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");

    // long syscall(long number, ...)  -- two and three variadic longs
    private static final class Syscall2 {
        static final MethodHandle MH = Native.LINKER.downcallHandle(Native.find("syscall"),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                ERRNO, Linker.Option.firstVariadicArg(1));
    }

    private static final class Syscall3 {
        static final MethodHandle MH = Native.LINKER.downcallHandle(Native.find("syscall"),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                ERRNO, Linker.Option.firstVariadicArg(1));
    }

    // int setpriority(int which, id_t who, int prio)
    private static final class Setpriority {
        static final MethodHandle MH = Native.downcallErrno("setpriority",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }

    // int prlimit(pid_t pid, int resource, const struct rlimit *new, struct rlimit *old)
    private static final class Prlimit {
        static final MethodHandle MH = Native.downcallErrno("prlimit",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    // int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)
    private static final class SchedGetaffinity {
        static final MethodHandle MH = Native.downcallErrno("sched_getaffinity",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    }

    // int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask)
    private static final class SchedSetaffinity {
        static final MethodHandle MH = Native.downcallErrno("sched_setaffinity",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    }

    // int kill(pid_t pid, int sig)
    private static final class Kill {
        static final MethodHandle MH = Native.downcallErrno("kill",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    // int poll(struct pollfd *fds, nfds_t nfds, int timeout)
    private static final class Poll {
        static final MethodHandle MH = Native.downcallErrno("poll",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    // int close(int fd)
    private static final class Close {
        static final MethodHandle MH = Native.downcallErrno("close",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    // pid_t waitpid(pid_t pid, int *wstatus, int options)
    private static final class Waitpid {
        static final MethodHandle MH = Native.downcallErrno("waitpid",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    // int waitid(idtype_t idtype, id_t id, siginfo_t *infop, int options)
    private static final class Waitid {
        static final MethodHandle MH = Native.downcallErrno("waitid",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    // int ioctl(int fd, unsigned long request, ...)  -- one variadic pointer
    private static final class Ioctl {
        static final MethodHandle MH = Native.LINKER.downcallHandle(Native.find("ioctl"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                ERRNO, Linker.Option.firstVariadicArg(2));
    }

    // int prctl(int option, ...)
    private static final class Prctl {
        static final MethodHandle MH = Native.LINKER.downcallHandle(Native.find("prctl"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                ERRNO, Linker.Option.firstVariadicArg(1));
    }

    // int getpwuid_r(uid_t uid, struct passwd *pwd, char *buf, size_t buflen, struct passwd **result)
    // Returns the error number itself (errno is not meaningful), so no call-state capture.
    private static final class GetpwuidR {
        static final MethodHandle MH = Native.downcall("getpwuid_r",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    }

    // int getgrgid_r(gid_t gid, struct group *grp, char *buf, size_t buflen, struct group **result)
    private static final class GetgrgidR {
        static final MethodHandle MH = Native.downcall("getgrgid_r",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    }

    // uid_t getuid(void); uid_t geteuid(void); pid_t getpid(void) -- cannot fail
    private static final class Getuid {
        static final MethodHandle MH = Native.downcall("getuid", FunctionDescriptor.of(JAVA_INT));
    }

    private static final class Geteuid {
        static final MethodHandle MH = Native.downcall("geteuid", FunctionDescriptor.of(JAVA_INT));
    }

    private static final class Getpid {
        static final MethodHandle MH = Native.downcall("getpid", FunctionDescriptor.of(JAVA_INT));
    }

    private static final int ERANGE = 34;
    private static final int EBADF = 9;
    /** Bytes of cpu_set_t tried first: glibc's fixed cpu_set_t, 1024 CPUs. */
    private static final int CPUSET_START = 128;
    /** Give up growing the mask beyond 1M CPUs (the kernel's NR_CPUS is at most 8192 today). */
    private static final int CPUSET_MAX = 128 * 1024;
    private static final int NSS_BUF_START = 1024;
    private static final int NSS_BUF_MAX = 1 << 20;

    private ProcCalls() {
    }

    private static ErrnoException fail(String call, MemorySegment state) {
        return new ErrnoException(call, Native.errno(state));
    }

    private static void requireArch(String call, long nr) {
        if (nr < 0) {
            // Unknown architecture: we do not know the number; behave like a kernel without it.
            throw new ErrnoException(call, Native.ENOSYS);
        }
    }

    // ---- nice ---------------------------------------------------------------------------------

    /**
     * The nice value (-20..19) of {@code pid}.
     *
     * <p>libc's getpriority(3) returns -1 both for nice -1 and for errors, and with errno captured
     * after the call we cannot clear it beforehand. The raw system call is unambiguous: it returns
     * {@code 20 - nice} (1..40) on success and -1 with errno on failure; glibc converts the same way.
     */
    public static int getpriority(int pid) {
        requireArch("getpriority", SYS_GETPRIORITY);
        MemorySegment st = Native.callState();
        long r;
        try {
            r = (long) Syscall2.MH.invokeExact(st, SYS_GETPRIORITY, (long) PRIO_PROCESS, (long) pid);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            throw fail("getpriority", st);
        }
        return (int) (20 - r);
    }

    /** Sets the nice value of {@code pid}; the kernel clamps it to -20..19. Lowering needs CAP_SYS_NICE (EACCES/EPERM). */
    public static void setpriority(int pid, int nice) {
        MemorySegment st = Native.callState();
        int r;
        try {
            r = (int) Setpriority.MH.invokeExact(st, PRIO_PROCESS, pid, nice);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r != 0) {
            throw fail("setpriority", st);
        }
    }

    // ---- I/O priority -------------------------------------------------------------------------

    /** {@code {ioclass, value}} of {@code pid} from ioprio_get(2) (Linux 2.6.13). */
    public static int[] ioprioGet(int pid) {
        requireArch("ioprio_get", SYS_IOPRIO_GET);
        MemorySegment st = Native.callState();
        long r;
        try {
            r = (long) Syscall2.MH.invokeExact(st, SYS_IOPRIO_GET, (long) IOPRIO_WHO_PROCESS, (long) pid);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            throw fail("ioprio_get", st);
        }
        int prio = (int) r;
        // As psutil's IOPRIO_PRIO_CLASS / IOPRIO_PRIO_DATA macros (data keeps the 6.x hint bits).
        return new int[] {prio >>> IOPRIO_CLASS_SHIFT, prio & IOPRIO_PRIO_MASK};
    }

    /** ioprio_set(2): {@code prio = ioclass << 13 | value}. The kernel validates (EINVAL). */
    public static void ioprioSet(int pid, int ioclass, int value) {
        requireArch("ioprio_set", SYS_IOPRIO_SET);
        long prio = ((long) ioclass << IOPRIO_CLASS_SHIFT) | (value & 0xffffffffL);
        MemorySegment st = Native.callState();
        long r;
        try {
            r = (long) Syscall3.MH.invokeExact(st, SYS_IOPRIO_SET, (long) IOPRIO_WHO_PROCESS, (long) pid, prio);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            throw fail("ioprio_set", st);
        }
    }

    // ---- resource limits ----------------------------------------------------------------------

    /** {@code {soft, hard}} of {@code resource} for {@code pid}; {@link #RLIM_INFINITY} (-1) means unlimited. */
    public static long[] prlimit(int pid, int resource) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = arena.allocate(RLIMIT);
            MemorySegment st = Native.callState();
            int r;
            try {
                r = (int) Prlimit.MH.invokeExact(st, pid, resource, MemorySegment.NULL, old);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
            if (r != 0) {
                throw fail("prlimit", st);
            }
            return new long[] {old.get(JAVA_LONG, RLIM_CUR), old.get(JAVA_LONG, RLIM_MAX)};
        }
    }

    /** Sets {@code resource} of {@code pid} (prlimit(2), Linux 2.6.36); -1 means unlimited. */
    public static void prlimit(int pid, int resource, long soft, long hard) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nu = arena.allocate(RLIMIT);
            nu.set(JAVA_LONG, RLIM_CUR, soft);
            nu.set(JAVA_LONG, RLIM_MAX, hard);
            MemorySegment st = Native.callState();
            int r;
            try {
                r = (int) Prlimit.MH.invokeExact(st, pid, resource, nu, MemorySegment.NULL);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
            if (r != 0) {
                throw fail("prlimit", st);
            }
        }
    }

    // ---- CPU affinity -------------------------------------------------------------------------

    /**
     * The CPUs {@code pid} may run on, ascending. The mask starts at glibc's 1024 CPUs and doubles
     * while the kernel says EINVAL (its mask is larger than ours).
     */
    public static int[] schedGetaffinity(int pid) {
        for (int size = CPUSET_START; ; size *= 2) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment mask = arena.allocate(size, 8);
                MemorySegment st = Native.callState();
                int r;
                try {
                    r = (int) SchedGetaffinity.MH.invokeExact(st, pid, (long) size, mask);
                } catch (Throwable t) {
                    throw new AssertionError(t);
                }
                if (r != 0) {
                    int errno = Native.errno(st);
                    if (errno == Native.EINVAL && size < CPUSET_MAX) {
                        continue;
                    }
                    throw new ErrnoException("sched_getaffinity", errno);
                }
                return bitsToCpus(mask, size);
            }
        }
    }

    static int[] bitsToCpus(MemorySegment mask, int size) {
        int count = 0;
        for (long off = 0; off < size; off += 8) {
            count += Long.bitCount(mask.get(JAVA_LONG, off));
        }
        int[] cpus = new int[count];
        int i = 0;
        for (long off = 0; off < size; off += 8) {
            long w = mask.get(JAVA_LONG, off);
            while (w != 0) {
                cpus[i++] = (int) (off * 8) + Long.numberOfTrailingZeros(w);
                w &= w - 1;
            }
        }
        return cpus;
    }

    /**
     * Restricts {@code pid} to {@code cpus}. An empty list or CPUs that are all offline/absent give
     * EINVAL from the kernel; negative CPU numbers are rejected here.
     */
    public static void schedSetaffinity(int pid, int[] cpus) {
        int max = -1;
        for (int c : cpus) {
            if (c < 0) {
                throw new IllegalArgumentException("invalid CPU number " + c);
            }
            max = Math.max(max, c);
        }
        int size = Math.max(8, (max / 64 + 1) * 8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(size, 8);
            for (int c : cpus) {
                long off = (c / 64) * 8L;
                mask.set(JAVA_LONG, off, mask.get(JAVA_LONG, off) | (1L << (c % 64)));
            }
            MemorySegment st = Native.callState();
            int r;
            try {
                r = (int) SchedSetaffinity.MH.invokeExact(st, pid, (long) size, mask);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
            if (r != 0) {
                throw fail("sched_setaffinity", st);
            }
        }
    }

    // ---- signals ------------------------------------------------------------------------------

    /** kill(2); {@code sig} 0 only checks that {@code pid} exists and may be signalled. */
    public static void kill(int pid, int sig) {
        MemorySegment st = Native.callState();
        int r;
        try {
            r = (int) Kill.MH.invokeExact(st, pid, sig);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r != 0) {
            throw fail("kill", st);
        }
    }

    // ---- waiting ------------------------------------------------------------------------------

    /**
     * pidfd_open(2) (Linux 5.3): a file descriptor that becomes readable (POLLIN) when {@code pid}
     * terminates. ENOSYS on older kernels, ESRCH if there is no such process. The caller closes it.
     */
    public static int pidfdOpen(int pid) {
        MemorySegment st = Native.callState();
        long r;
        try {
            r = (long) Syscall2.MH.invokeExact(st, SYS_PIDFD_OPEN, (long) pid, 0L);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            throw fail("pidfd_open", st);
        }
        return (int) r;
    }

    /**
     * poll(2) for POLLIN on one descriptor: > 0 when ready, 0 on timeout. {@code timeoutMs < 0}
     * waits forever. EINTR restarts the call with the time that is left.
     */
    public static int poll(int fd, int timeoutMs) {
        long deadline = timeoutMs < 0 ? 0 : System.nanoTime() + timeoutMs * 1_000_000L;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pfd = arena.allocate(POLLFD);
            pfd.set(JAVA_INT, POLL_FD, fd);
            pfd.set(JAVA_SHORT, POLL_EVENTS, POLLIN);
            int wait = timeoutMs;
            while (true) {
                pfd.set(JAVA_SHORT, POLL_REVENTS, (short) 0);
                MemorySegment st = Native.callState();
                int r;
                try {
                    r = (int) Poll.MH.invokeExact(st, pfd, 1L, wait);
                } catch (Throwable t) {
                    throw new AssertionError(t);
                }
                if (r >= 0) {
                    return r;
                }
                int errno = Native.errno(st);
                if (errno != Native.EINTR) {
                    throw new ErrnoException("poll", errno);
                }
                if (timeoutMs >= 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return 0;
                    }
                    wait = (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
                }
            }
        }
    }

    /** close(2). EINTR is not retried: Linux has released the descriptor anyway. */
    public static void close(int fd) {
        MemorySegment st = Native.callState();
        int r;
        try {
            r = (int) Close.MH.invokeExact(st, fd);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r != 0) {
            int errno = Native.errno(st);
            if (errno != Native.EINTR) {
                throw new ErrnoException("close", errno);
            }
        }
    }

    /**
     * waitpid(2) for one child: its raw wait status (decode with {@link #wifexited} etc.), or
     * {@link #WAIT_NOT_READY} when {@link #WNOHANG} is given and it has not changed state.
     * ECHILD if {@code pid} is not a waitable child of this process (including children the JVM's
     * own process reaper already collected). EINTR is retried.
     */
    public static int waitpid(int pid, int options) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            while (true) {
                MemorySegment st = Native.callState();
                int r;
                try {
                    r = (int) Waitpid.MH.invokeExact(st, pid, status, options);
                } catch (Throwable t) {
                    throw new AssertionError(t);
                }
                if (r > 0) {
                    return status.get(JAVA_INT, 0);
                }
                if (r == 0) {
                    return WAIT_NOT_READY;
                }
                int errno = Native.errno(st);
                if (errno != Native.EINTR) {
                    throw new ErrnoException("waitpid", errno);
                }
            }
        }
    }

    /**
     * waitid(2) with {@code P_PID}: like {@link #waitpid} but with waitid's options, notably
     * {@link #WNOWAIT} to look at a terminated child without reaping it ({@link #WEXITED} must be
     * among the options to see terminations). The result is converted to a waitpid-style raw
     * status; {@link #WAIT_NOT_READY} with {@link #WNOHANG} when nothing is waitable yet.
     */
    public static int waitid(int pid, int options) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(SIGINFO); // zeroed: si_pid stays 0 if nothing was waitable
            while (true) {
                MemorySegment st = Native.callState();
                int r;
                try {
                    r = (int) Waitid.MH.invokeExact(st, P_PID, pid, info, options);
                } catch (Throwable t) {
                    throw new AssertionError(t);
                }
                if (r == 0) {
                    if (info.get(JAVA_INT, SI_PID) == 0) {
                        return WAIT_NOT_READY;
                    }
                    int status = info.get(JAVA_INT, SI_STATUS);
                    return switch (info.get(JAVA_INT, SI_CODE)) {
                        case CLD_EXITED -> (status & 0xff) << 8;
                        case CLD_KILLED -> status & 0x7f;
                        case CLD_DUMPED -> (status & 0x7f) | 0x80;
                        default -> ((status & 0xff) << 8) | 0x7f; // CLD_STOPPED/TRAPPED: WIFSTOPPED form
                    };
                }
                int errno = Native.errno(st);
                if (errno != Native.EINTR) {
                    throw new ErrnoException("waitid", errno);
                }
            }
        }
    }

    /**
     * The raw wait status of the process behind {@code pidfd} once it has exited, from
     * {@code ioctl(PIDFD_GET_INFO)} with {@code PIDFD_INFO_EXIT} (Linux 6.15). The kernel keeps it
     * even after the process was reaped (e.g. by the JVM's own process reaper), as long as a pidfd
     * was open when it exited. Empty when the kernel is older (ENOTTY/EINVAL), the process has not
     * exited yet, or the information is not available.
     */
    public static OptionalInt pidfdExitStatus(int pidfd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(PIDFD_INFO);
            info.set(JAVA_LONG, PIDFD_INFO_MASK, PIDFD_INFO_EXIT);
            MemorySegment st = Native.callState();
            int r;
            try {
                r = (int) Ioctl.MH.invokeExact(st, pidfd, PIDFD_GET_INFO, info);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
            if (r != 0 || (info.get(JAVA_LONG, PIDFD_INFO_MASK) & PIDFD_INFO_EXIT) == 0) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(info.get(JAVA_INT, PIDFD_INFO_EXIT_CODE));
        }
    }

    /** WIFEXITED: the child called exit(). */
    public static boolean wifexited(int status) {
        return (status & 0x7f) == 0;
    }

    /** WEXITSTATUS: the exit code, 0..255. */
    public static int wexitstatus(int status) {
        return (status >> 8) & 0xff;
    }

    /** WIFSIGNALED: the child was killed by a signal. */
    public static boolean wifsignaled(int status) {
        int low = status & 0x7f;
        return low != 0 && low != 0x7f;
    }

    /** WTERMSIG: the signal that killed the child. */
    public static int wtermsig(int status) {
        return status & 0x7f;
    }

    /** WIFSTOPPED: the child is stopped (only reported with WUNTRACED/WSTOPPED). */
    public static boolean wifstopped(int status) {
        return (status & 0xff) == 0x7f;
    }

    /**
     * prctl(PR_SET_CHILD_SUBREAPER) (Linux 3.4): when on, orphaned descendants of this JVM are
     * re-parented to it instead of init, so that {@link #waitpid} can collect them. An agent that
     * supervises process trees, or a test that needs children the JDK's reaper does not own, uses it.
     */
    public static void setChildSubreaper(boolean on) {
        MemorySegment st = Native.callState();
        int r;
        try {
            r = (int) Prctl.MH.invokeExact(st, PR_SET_CHILD_SUBREAPER, on ? 1L : 0L, 0L, 0L, 0L);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r != 0) {
            throw fail("prctl", st);
        }
    }

    // ---- users and groups ---------------------------------------------------------------------

    /**
     * The user name of {@code uid} via getpwuid_r(3), which goes through NSS (files, LDAP, sssd...);
     * empty when there is no such user. The buffer grows on ERANGE.
     */
    public static Optional<String> userName(int uid) {
        return nssName("getpwuid_r", GetpwuidR.MH, PASSWD, PW_NAME, uid);
    }

    /** The group name of {@code gid} via getgrgid_r(3) (NSS); empty when there is no such group. */
    public static Optional<String> groupName(int gid) {
        return nssName("getgrgid_r", GetgrgidR.MH, GROUP, GR_NAME, gid);
    }

    private static Optional<String> nssName(String call, MethodHandle mh, StructLayout layout, long nameOff, int id) {
        for (int size = NSS_BUF_START; ; size *= 2) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment ent = arena.allocate(layout);
                MemorySegment buf = arena.allocate(size);
                MemorySegment result = arena.allocate(ADDRESS);
                int r;
                try {
                    r = (int) mh.invokeExact(id, ent, buf, (long) size, result);
                } catch (Throwable t) {
                    throw new AssertionError(t);
                }
                if (r == ERANGE && size < NSS_BUF_MAX) {
                    continue;
                }
                // getpwuid_r(3): "0 or ENOENT or ESRCH or EBADF or EPERM or ..." mean "not found".
                if (r == 0 || r == Native.ENOENT || r == Native.ESRCH || r == EBADF || r == Native.EPERM) {
                    if (r != 0 || result.get(ADDRESS, 0).equals(MemorySegment.NULL)) {
                        return Optional.empty();
                    }
                    MemorySegment name = ent.get(ADDRESS, nameOff).reinterpret(Long.MAX_VALUE);
                    return Optional.of(name.getString(0, StandardCharsets.UTF_8));
                }
                throw new ErrnoException(call, r);
            }
        }
    }

    // ---- identity -----------------------------------------------------------------------------

    /** getuid(2): the real user id of this JVM. */
    public static int getuid() {
        try {
            return (int) Getuid.MH.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** geteuid(2): the effective user id of this JVM. */
    public static int geteuid() {
        try {
            return (int) Geteuid.MH.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** getpid(2): this JVM's pid. */
    public static int getpid() {
        try {
            return (int) Getpid.MH.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
