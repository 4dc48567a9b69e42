package psutil4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Text helpers shared by the process tools: procps' time formats, signal names, CPU lists and
 * masks, user names.
 */
final class ProcText {

    private ProcText() {
    }

    /** Linux x86-64/arm64 signal names, index = number, as procps {@code kill -l} lists them. */
    static final String[] SIGNALS = {
        null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
        "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM",
        "PROF", "WINCH", "POLL", "PWR", "SYS",
    };
    static final int SIGRTMIN = 34;
    static final int SIGRTMAX = 64;

    /**
     * A signal given as a number ("9"), a name ("TERM", "term", "SIGTERM"), an alias (IO, IOT, CLD)
     * or RTMIN[+n] / RTMAX[-n]; IllegalArgumentException otherwise.
     */
    static int signal(String s) {
        String t = s.toUpperCase(Locale.ROOT);
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            int n;
            try {
                n = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0 || n > SIGRTMAX) {
                throw new IllegalArgumentException("unknown signal " + s + "; see kill -l");
            }
            return n;
        }
        if (t.startsWith("SIG")) {
            t = t.substring(3);
        }
        for (int i = 1; i < SIGNALS.length; i++) {
            if (SIGNALS[i].equals(t)) {
                return i;
            }
        }
        switch (t) {
            case "IOT": return 6;
            case "IO": return 29;
            case "CLD": return 17;
            case "POLL": return 29;
            default: break;
        }
        try {
            if (t.startsWith("RTMIN")) {
                int off = t.length() == 5 ? 0 : Integer.parseInt(t.substring(5));
                if (off >= 0 && SIGRTMIN + off <= SIGRTMAX) {
                    return SIGRTMIN + off;
                }
            } else if (t.startsWith("RTMAX")) {
                int off = t.length() == 5 ? 0 : Integer.parseInt(t.substring(5));
                if (off <= 0 && SIGRTMAX + off >= SIGRTMIN) {
                    return SIGRTMAX + off;
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("unknown signal " + s + "; see kill -l");
    }

    /** The name of a signal number without "SIG" (RTMIN+n for real-time ones), or the number. */
    static String signalName(int sig) {
        if (sig > 0 && sig < SIGNALS.length) {
            return SIGNALS[sig];
        }
        if (sig == SIGRTMIN) {
            return "RTMIN";
        }
        if (sig == SIGRTMAX) {
            return "RTMAX";
        }
        if (sig > SIGRTMIN && sig < SIGRTMAX) {
            return "RTMIN+" + (sig - SIGRTMIN);
        }
        return Integer.toString(sig);
    }

    /** A usage error (exit 2) for the command of {@code spec}. */
    static CommandLine.ParameterException usage(CommandSpec spec, String msg) {
        return new CommandLine.ParameterException(spec.commandLine(), msg);
    }

    /** A pid argument: a non-negative integer, else a usage error. */
    static int pid(CommandSpec spec, String s) {
        try {
            int p = Integer.parseInt(s.strip());
            if (p >= 0) {
                return p;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw usage(spec, "invalid process id: " + s);
    }

    // ------------------------------------------------------------------ CPU lists

    /** "0-3,8,10-11" -> sorted CPU numbers; IllegalArgumentException on a bad list. */
    static int[] parseCpuList(String list) {
        var set = new TreeSet<Integer>();
        for (String part : list.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("failed to parse CPU list: " + list);
            }
            try {
                int stride = 1;
                int colon = p.indexOf(':');
                if (colon >= 0) {
                    stride = Integer.parseInt(p.substring(colon + 1));
                    p = p.substring(0, colon);
                }
                int dash = p.indexOf('-');
                int a = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int b = dash < 0 ? a : Integer.parseInt(p.substring(dash + 1));
                if (a < 0 || b < a || stride < 1) {
                    throw new IllegalArgumentException("failed to parse CPU list: " + list);
                }
                for (int c = a; c <= b; c += stride) {
                    set.add(c);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("failed to parse CPU list: " + list);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sorted CPU numbers -> "0-3,8,10,11" (util-linux cpulist format). */
    static String formatCpuList(int[] cpus) {
        var sb = new StringBuilder();
        int i = 0;
        while (i < cpus.length) {
            int j = i;
            while (j + 1 < cpus.length && cpus[j + 1] == cpus[j] + 1) {
                j++;
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(cpus[i]);
            if (j == i + 1) {
                // util-linux's cpulist_create writes a run of two as "0,1", longer ones as "0-3"
                sb.append(',').append(cpus[j]);
            } else if (j > i) {
                sb.append('-').append(cpus[j]);
            }
            i = j + 1;
        }
        return sb.toString();
    }

    /** A hex mask ("3", "0x3", "ff") -> sorted CPU numbers. */
    static int[] parseMask(String hex) {
        String h = hex.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("0x")) {
            h = h.substring(2);
        }
        h = h.replace(",", "");
        if (h.isEmpty() || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("failed to parse CPU mask: " + hex);
        }
        var out = new ArrayList<Integer>();
        for (int i = 0; i < h.length(); i++) {
            int nib = Character.digit(h.charAt(h.length() - 1 - i), 16);
            for (int b = 0; b < 4; b++) {
                if ((nib & (1 << b)) != 0) {
                    out.add(i * 4 + b);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sorted CPU numbers -> hex mask without 0x, as taskset prints it ("3", "f0"). */
    static String formatMask(int[] cpus) {
        int max = cpus.length == 0 ? 0 : cpus[cpus.length - 1];
        char[] nibbles = new char[max / 4 + 1];
        int[] v = new int[nibbles.length];
        for (int c : cpus) {
            v[c / 4] |= 1 << (c % 4);
        }
        var sb = new StringBuilder();
        for (int i = v.length - 1; i >= 0; i--) {
            sb.append(Character.forDigit(v[i], 16));
        }
        String s = sb.toString().replaceFirst("^0+(?=.)", "");
        return s;
    }

    // ------------------------------------------------------------------ times

    /** procps TIME: [DD-]HH:MM:SS. */
    static String cpuTime(long secs) {
        long d = secs / 86400;
        String hms = String.format("%02d:%02d:%02d", secs / 3600 % 24, secs / 60 % 60, secs % 60);
        return d > 0 ? d + "-" + hms : hms;
    }

    /** procps BSD TIME (ps aux): MMM:SS. */
    static String bsdTime(long secs) {
        return String.format("%d:%02d", secs / 60, secs % 60);
    }

    /** procps ELAPSED: [[DD-]hh:]mm:ss. */
    static String etime(long secs) {
        long d = secs / 86400;
        long h = secs / 3600 % 24;
        if (d > 0) {
            return String.format("%d-%02d:%02d:%02d", d, h, secs / 60 % 60, secs % 60);
        }
        if (h > 0) {
            return String.format("%02d:%02d:%02d", h, secs / 60 % 60, secs % 60);
        }
        return String.format("%02d:%02d", secs / 60 % 60, secs % 60);
    }

    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter MONDAY = DateTimeFormatter.ofPattern("MMMdd", Locale.ROOT);
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy", Locale.ROOT);
    private static final DateTimeFormatter LSTART = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    /**
     * procps START/STIME (pr_stime): HH:MM if started today, MonDD if this year, else the year;
     * calendar days and years of the local time zone, not spans of 24 hours.
     */
    static String start(double epoch, double now, ZoneId zone) {
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) epoch), zone);
        ZonedDateTime n = ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) now), zone);
        if (n.getYear() != t.getYear()) {
            return YEAR.format(t);
        }
        if (n.getDayOfYear() != t.getDayOfYear()) {
            return MONDAY.format(t);
        }
        return HM.format(t);
    }

    /** procps STARTED (lstart): "Thu Nov 26 12:52:50 2026" (day padded with a blank). */
    static String lstart(double epoch, ZoneId zone) {
        return LSTART.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) epoch), zone));
    }

    /** "/dev/pts/0" -> "pts/0", null -> "?". */
    static String tty(String terminal) {
        if (terminal == null) {
            return "?";
        }
        return terminal.startsWith("/dev/") ? terminal.substring(5) : terminal;
    }

    /** The passwd entries as (name, uid) pairs; empty if /etc/passwd cannot be read. */
    private static List<String[]> passwd() {
        var out = new ArrayList<String[]>();
        try {
            for (String l : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = l.split(":");
                if (f.length > 2) {
                    out.add(new String[] {f[0], f[2]});
                }
            }
        } catch (IOException | RuntimeException e) {
            // no names
        }
        return out;
    }

    /** A user's name for a uid, or null. */
    static String userName(long uid) {
        for (String[] e : passwd()) {
            if (e[1].equals(Long.toString(uid))) {
                return e[0];
            }
        }
        return null;
    }

    /** A user name or numeric uid -> the uid, or -1 if unknown. */
    static long uid(String user) {
        if (!user.isEmpty() && user.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(user);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        for (String[] e : passwd()) {
            if (e[0].equals(user)) {
                return Long.parseLong(e[1]);
            }
        }
        return -1;
    }

    /** Splits comma/blank separated words ("1,2 3"). */
    static List<String> words(List<String> args) {
        var out = new ArrayList<String>();
        for (String a : args) {
            for (String w : a.split("[,\\s]+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }
}
