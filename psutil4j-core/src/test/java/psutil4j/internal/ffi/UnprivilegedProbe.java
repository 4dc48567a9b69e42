package psutil4j.internal.ffi;

/**
 * Run by {@link ProcCallsTest} in a separate JVM as user nobody (setpriv), to see the errno of
 * calls an unprivileged user may not make. Prints one {@code name=RESULT} line per call.
 */
public final class UnprivilegedProbe {

    private UnprivilegedProbe() {
    }

    interface Call {
        void run();
    }

    private static void probe(String name, Call c) {
        String r;
        try {
            c.run();
            r = "OK";
        } catch (ErrnoException e) {
            r = ErrnoException.name(e.errno());
        }
        System.out.println(name + "=" + r);
    }

    public static void main(String[] args) {
        int target = Integer.parseInt(args[0]); // a process of root's
        int self = ProcCalls.getpid();
        System.out.println("uid=" + ProcCalls.getuid());
        System.out.println("euid=" + ProcCalls.geteuid());
        probe("kill", () -> ProcCalls.kill(target, 0));
        probe("setpriority.other", () -> ProcCalls.setpriority(target, 0));
        probe("setpriority.lower", () -> ProcCalls.setpriority(self, -5));
        probe("prlimit.get.other", () -> ProcCalls.prlimit(target, ProcCalls.RLIMIT_NOFILE));
        probe("prlimit.raise.self", () -> {
            long[] l = ProcCalls.prlimit(self, ProcCalls.RLIMIT_NOFILE);
            ProcCalls.prlimit(self, ProcCalls.RLIMIT_NOFILE, l[0], l[1] == -1 ? -1 : l[1] + 1);
        });
        probe("sched_setaffinity.other", () -> ProcCalls.schedSetaffinity(target, new int[] {0}));
        probe("sched_getaffinity.other", () -> ProcCalls.schedGetaffinity(target));
        probe("ioprio_set.other", () -> ProcCalls.ioprioSet(target, ProcCalls.IOPRIO_CLASS_BE, 4));
        probe("getpriority.other", () -> ProcCalls.getpriority(target));
        // reading a root process's environ: EACCES from the downcalls and from the JDK's I/O
        byte[] environ = ("/proc/" + target + "/environ").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.out.println("environ.ffm=" + FileIo.readFile(environ, environ.length, new byte[1024]));
        System.out.println("environ.jdk=" + JdkIo.readFile(environ, environ.length, new byte[1024]));
    }
}
