package psutil4j.internal.linux;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where /proc, /sys and the utmp file are read from, like psutil's {@code PROCFS_PATH}.
 *
 * <p>Defaults come from the system properties {@code psutil4j.procfs}, {@code psutil4j.sysfs},
 * {@code psutil4j.utmp} (else /proc, /sys, /var/run/utmp), and can be changed at run time with
 * {@code Psutil.setRoots}; an agent in a container points them at the host's mounts, tests at
 * fixture trees.
 */
public final class Roots {

    private record State(Path proc, Path sys, Path utmp, byte[] procBytes, byte[] sysBytes) {
        static State of(Path proc, Path sys, Path utmp) {
            return new State(proc, sys, utmp, bytes(proc), bytes(sys));
        }
    }

    private static volatile State state = State.of(
            Path.of(System.getProperty("psutil4j.procfs", "/proc")),
            Path.of(System.getProperty("psutil4j.sysfs", "/sys")),
            Path.of(System.getProperty("psutil4j.utmp", "/var/run/utmp")));

    private Roots() {
    }

    public static Path proc() {
        return state.proc;
    }

    public static Path sys() {
        return state.sys;
    }

    public static Path utmp() {
        return state.utmp;
    }

    /** The /proc root as bytes, without a trailing slash, for {@code ProcBuffer.path}. */
    public static byte[] procBytes() {
        return state.procBytes;
    }

    public static byte[] sysBytes() {
        return state.sysBytes;
    }

    /** True when reading the live machine's own /proc (so libc calls describe the same system). */
    public static boolean isLive() {
        return state.proc.equals(Path.of("/proc"));
    }

    public static void set(Path proc, Path sys, Path utmp) {
        state = State.of(proc, sys, utmp);
    }

    private static byte[] bytes(Path p) {
        String s = p.toString();
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
