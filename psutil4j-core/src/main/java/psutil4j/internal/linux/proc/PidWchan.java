package psutil4j.internal.linux.proc;

import psutil4j.internal.parse.ByteCursor;

/**
 * /proc/[pid]/wchan (man 5 proc, fs/proc/base.c {@code proc_pid_wchan}): the name of the kernel
 * function the process sleeps in, without a newline, or {@code 0} when it is not sleeping, when
 * the reader may not ptrace it, or when the address has no symbol. The file exists only with
 * CONFIG_KALLSYMS; before Linux 4.4 it could print a raw address instead of a name.
 */
public final class PidWchan {

    private PidWchan() {
    }

    /** The symbol, or null for "0" (not waiting, or hidden) and for empty content. */
    public static String parse(ByteCursor c) {
        c.skipWhitespace();
        int from = c.pos();
        int to = c.lineEnd();
        while (to > from && ByteCursor.isSpace(c.array()[to - 1])) {
            to--;
        }
        if (to == from || (to - from == 1 && c.array()[from] == '0')) {
            return null;
        }
        return c.string(from, to);
    }
}
