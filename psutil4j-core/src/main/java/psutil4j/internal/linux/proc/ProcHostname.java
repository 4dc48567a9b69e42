package psutil4j.internal.linux.proc;

import java.io.IOException;
import java.io.UncheckedIOException;

import psutil4j.internal.ffi.Native;
import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * /proc/sys/kernel/hostname: the nodename of the reader's UTS namespace, one line (what
 * {@code uname -n} and gethostname(2) give; "(none)" until something sets it).
 */
public final class ProcHostname {

    private static final byte[] HOSTNAME = ByteCursor.ascii("/sys/kernel/hostname");

    private ProcHostname() {
    }

    /** Reads {procfs}/sys/kernel/hostname. */
    public static String read() {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(HOSTNAME).read();
        if (n < 0) {
            throw new UncheckedIOException(new IOException("cannot read " + b.pathString() + ": " + Native.errnoName(-n)));
        }
        return parse(b.cursor());
    }

    /** The first line without surrounding blanks. */
    public static String parse(ByteCursor c) {
        c.skipWhitespace();
        int from = c.pos();
        int to = c.lineEnd();
        while (to > from && ByteCursor.isSpace(c.array()[to - 1])) {
            to--;
        }
        return c.string(from, to);
    }
}
