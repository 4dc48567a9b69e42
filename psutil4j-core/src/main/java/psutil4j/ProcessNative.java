package psutil4j;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;

import psutil4j.internal.ffi.ErrnoException;
import psutil4j.internal.ffi.Native;
import psutil4j.internal.ffi.ProcCalls;
import psutil4j.internal.linux.ProcessWait;
import psutil4j.internal.linux.UserNames;

/**
 * The libc side of {@link PsProcess}: priorities, I/O priority, limits, affinity, signals, wait
 * and user names, with errno translated as psutil's wrap_exceptions does
 * (EPERM/EACCES -&gt; AccessDenied, ESRCH -&gt; ZombieProcess or NoSuchProcess).
 */
final class ProcessNative {

    private ProcessNative() {
    }

    static String userName(long uid) {
        return UserNames.name((int) uid);
    }

    private static RuntimeException translate(PsProcess p, ErrnoException e) {
        int errno = e.errno();
        if (errno == Native.EPERM || errno == Native.EACCES) {
            return new AccessDeniedException(p.pid(), p.knownName(), e.call());
        }
        if (errno == Native.ESRCH) {
            if (p.isZombieNow()) {
                return new ZombieProcessException(p.pid(), p.knownName(), -1, e.call());
            }
            p.markGone();
            return new NoSuchProcessException(p.pid(), p.knownName(), null);
        }
        if (errno == Native.EINVAL) {
            return new IllegalArgumentException(e.call() + ": invalid argument (EINVAL) for pid " + p.pid());
        }
        return new IllegalStateException(e.getMessage(), e);
    }

    static int getNice(PsProcess p) {
        try {
            return ProcCalls.getpriority(p.pid());
        } catch (ErrnoException e) {
            throw translate(p, e);
        }
    }

    static void setNice(PsProcess p, int value) {
        try {
            ProcCalls.setpriority(p.pid(), value);
        } catch (ErrnoException e) {
            throw translate(p, e);
        }
    }

    static IoNice getIonice(PsProcess p) {
        try {
            int[] r = ProcCalls.ioprioGet(p.pid());
            return new IoNice(IoPrioClass.of(r[0]), r[1]);
        } catch (ErrnoException e) {
            throw translate(p, e);
        }
    }

    static void setIonice(PsProcess p, IoPrioClass c, int value) {
        try {
            ProcCalls.ioprioSet(p.pid(), c.value(), value);
        } catch (ErrnoException e) {
            throw translate(p, e);
        }
    }

    static RLimit getRlimit(PsProcess p, RLimitResource r) {
        try {
            long[] v = ProcCalls.prlimit(p.pid(), r.number());
            return new RLimit(v[0], v[1]);
        } catch (ErrnoException e) {
            if (e.errno() == Native.ENOSYS && p.isZombieNow()) {
                throw new ZombieProcessException(p.pid(), p.knownName(), -1, "prlimit");
            }
            throw translate(p, e);
        }
    }

    static void setRlimit(PsProcess p, RLimitResource r, long soft, long hard) {
        try {
            ProcCalls.prlimit(p.pid(), r.number(), soft, hard);
        } catch (ErrnoException e) {
            if (e.errno() == Native.ENOSYS && p.isZombieNow()) {
                throw new ZombieProcessException(p.pid(), p.knownName(), -1, "prlimit");
            }
            throw translate(p, e);
        }
    }

    static int[] getAffinity(PsProcess p) {
        try {
            int[] cpus = ProcCalls.schedGetaffinity(p.pid());
            Arrays.sort(cpus);
            return cpus;
        } catch (ErrnoException e) {
            throw translate(p, e);
        }
    }

    /** psutil's cpu_affinity(cpus): empty = the eligible CPUs; EINVAL explained as psutil's ValueError. */
    static void setAffinity(PsProcess p, int[] cpus) {
        int[] want = cpus;
        if (want == null || want.length == 0) {
            want = new int[PsProcess.NUM_CPUS_CONFIGURED];
            for (int i = 0; i < want.length; i++) {
                want[i] = i;
            }
        }
        want = new TreeSet<>(Arrays.stream(want).boxed().toList()).stream().mapToInt(Integer::intValue).toArray();
        for (int c : want) {
            if (c < 0) {
                throw new IllegalArgumentException("invalid CPU " + c + "; choose between " + Arrays.toString(eligibleCpus(p)));
            }
        }
        try {
            ProcCalls.schedSetaffinity(p.pid(), want);
        } catch (ErrnoException e) {
            if (e.errno() == Native.EINVAL) {
                int[] eligible = eligibleCpus(p);
                int all = PsProcess.NUM_CPUS_CONFIGURED;
                for (int c : want) {
                    if (c >= all) {
                        throw new IllegalArgumentException("invalid CPU " + c + "; choose between " + Arrays.toString(eligible));
                    }
                    if (Arrays.binarySearch(eligible, c) < 0) {
                        throw new IllegalArgumentException("CPU number " + c + " is not eligible; choose between "
                                + Arrays.toString(eligible));
                    }
                }
            }
            throw translate(p, e);
        }
    }

    /** status "Cpus_allowed_list" parsed ("0-3,8"), else every configured CPU (psutil #956). */
    static int[] eligibleCpus(PsProcess p) {
        int[] cpus = parseCpuList(p.cpusAllowedList());
        if (cpus != null) {
            return cpus;
        }
        int[] all = new int[PsProcess.NUM_CPUS_CONFIGURED];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /** A kernel CPU list such as "0-3,8" as sorted CPU numbers; null when blank or malformed. */
    static int[] parseCpuList(String list) {
        if (list == null || list.isBlank()) {
            return null;
        }
        try {
            var out = new TreeSet<Integer>();
            for (String part : list.trim().split(",")) {
                int dash = part.indexOf('-');
                if (dash < 0) {
                    out.add(Integer.parseInt(part.trim()));
                } else {
                    int a = Integer.parseInt(part.substring(0, dash).trim());
                    int b = Integer.parseInt(part.substring(dash + 1).trim());
                    for (int i = a; i <= b; i++) {
                        out.add(i);
                    }
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static void kill(PsProcess p, int sig) {
        try {
            ProcCalls.kill(p.pid(), sig);
        } catch (ErrnoException e) {
            if (e.errno() == Native.ESRCH) {
                p.markGone();
                throw new NoSuchProcessException(p.pid(), p.knownName(), null);
            }
            throw translate(p, e);
        }
    }

    static OptionalInt waitFor(PsProcess p, Duration timeout) {
        try {
            return ProcessWait.waitFor(p.pid(), p.startTicks(), timeout, p::isRunning);
        } catch (TimeoutExpiredException e) {
            throw new TimeoutExpiredException(timeout, p.pid(), p.knownName());
        } catch (ErrnoException e) {
            throw translate(p, e);
        }
    }

    /** psutil's {@code Process.net_connections(kind)}: the sockets among this pid's fds. */
    static List<ProcessConnection> netConnections(int pid, String kind) {
        return psutil4j.internal.linux.LinuxNetConnections.forPid(pid, kind);
    }
}
