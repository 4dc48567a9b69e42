package psutil4j.internal.ffi;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Signal numbers and names as Linux numbers them on x86_64 and aarch64 (both use the generic
 * numbering of {@code asm-generic/signal.h} for 1..31; other architectures such as MIPS, SPARC and
 * Alpha differ and are not supported).
 *
 * <p>Real-time signals: the kernel's range is 32..64, but glibc reserves 32 and 33 for its threads
 * implementation, so {@code SIGRTMIN} is 34 as seen by programs (and by {@code kill -l}).
 * They are named as bash's {@code kill -l} names them: {@code SIGRTMIN}, {@code SIGRTMIN+1} ..
 * {@code SIGRTMIN+15}, {@code SIGRTMAX-14} .. {@code SIGRTMAX}.
 */
public final class Signals {

    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGABRT = 6;
    public static final int SIGBUS = 7;
    public static final int SIGFPE = 8;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGSEGV = 11;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGALRM = 14;
    public static final int SIGTERM = 15;
    public static final int SIGSTKFLT = 16;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGTTIN = 21;
    public static final int SIGTTOU = 22;
    public static final int SIGURG = 23;
    public static final int SIGXCPU = 24;
    public static final int SIGXFSZ = 25;
    public static final int SIGVTALRM = 26;
    public static final int SIGPROF = 27;
    public static final int SIGWINCH = 28;
    public static final int SIGIO = 29;
    public static final int SIGPWR = 30;
    public static final int SIGSYS = 31;
    /** First real-time signal usable by programs (glibc keeps 32 and 33). */
    public static final int SIGRTMIN = 34;
    /** Last real-time signal ({@code _NSIG - 1}). */
    public static final int SIGRTMAX = 64;

    // Index = signal number; canonical names, as strsignal/kill -l abbreviate them (with "SIG").
    private static final String[] NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    };

    private Signals() {
    }

    /** Every valid signal number for {@code kill(2)}, ascending: 1..31 and 34..64. */
    public static int[] numbers() {
        int[] out = new int[31 + (SIGRTMAX - SIGRTMIN + 1)];
        int i = 0;
        for (int s = 1; s <= 31; s++) {
            out[i++] = s;
        }
        for (int s = SIGRTMIN; s <= SIGRTMAX; s++) {
            out[i++] = s;
        }
        return out;
    }

    /** The name with the {@code SIG} prefix, e.g. {@code "SIGTERM"}, {@code "SIGRTMIN+3"}; empty for 0, 32, 33 or out of range. */
    public static Optional<String> name(int sig) {
        if (sig >= 1 && sig <= 31) {
            return Optional.of(NAMES[sig]);
        }
        if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
            int mid = (SIGRTMIN + SIGRTMAX) / 2; // 49: bash names up to SIGRTMIN+15 from the bottom
            if (sig == SIGRTMIN) {
                return Optional.of("SIGRTMIN");
            }
            if (sig == SIGRTMAX) {
                return Optional.of("SIGRTMAX");
            }
            return Optional.of(sig <= mid ? "SIGRTMIN+" + (sig - SIGRTMIN) : "SIGRTMAX-" + (SIGRTMAX - sig));
        }
        return Optional.empty();
    }

    /**
     * The number for a name or number as {@code kill} accepts it: case-insensitive, with or
     * without the {@code SIG} prefix ({@code "TERM"}, {@code "sigterm"}), the aliases
     * {@code IOT}, {@code POLL}, {@code CLD}, {@code UNUSED}, {@code RTMIN+n}/{@code RTMAX-n}, or a
     * decimal number that is a valid signal (0 is accepted: it probes for existence).
     */
    public static OptionalInt number(String nameOrNumber) {
        String s = nameOrNumber.strip().toUpperCase(Locale.ROOT);
        if (s.isEmpty()) {
            return OptionalInt.empty();
        }
        if (Character.isDigit(s.charAt(0))) {
            try {
                int n = Integer.parseInt(s);
                return n == 0 || name(n).isPresent() ? OptionalInt.of(n) : OptionalInt.empty();
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
        if (!s.startsWith("SIG")) {
            s = "SIG" + s;
        }
        switch (s) {
            case "SIGIOT":
                return OptionalInt.of(SIGABRT);
            case "SIGPOLL":
                return OptionalInt.of(SIGIO);
            case "SIGCLD":
                return OptionalInt.of(SIGCHLD);
            case "SIGUNUSED":
                return OptionalInt.of(SIGSYS);
            default:
                break;
        }
        for (int i = 1; i <= 31; i++) {
            if (NAMES[i].equals(s)) {
                return OptionalInt.of(i);
            }
        }
        if (s.startsWith("SIGRTMIN") || s.startsWith("SIGRTMAX")) {
            boolean min = s.startsWith("SIGRTMIN");
            String rest = s.substring(8);
            int off = 0;
            if (!rest.isEmpty()) {
                char sign = rest.charAt(0);
                if (sign != (min ? '+' : '-') || rest.length() == 1) {
                    return OptionalInt.empty();
                }
                try {
                    off = Integer.parseInt(rest.substring(1));
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
            int n = min ? SIGRTMIN + off : SIGRTMAX - off;
            return n >= SIGRTMIN && n <= SIGRTMAX ? OptionalInt.of(n) : OptionalInt.empty();
        }
        return OptionalInt.empty();
    }
}
