package psutil4j.internal.linux.proc;

import psutil4j.internal.parse.ByteCursor;

/**
 * /proc/net/unix: one UNIX socket per line (net/unix/af_unix.c, {@code unix_seq_show}).
 *
 * <pre>
 * Num       RefCount Protocol Flags    Type St Inode Path
 * 0000000019996a47: 00000003 00000000 00000000 0001 03  1074
 * 00000000a1b2c3d4: 00000002 00000000 00010000 0001 01 21443 /run/dbus/system_bus_socket
 * 00000000a1b2c3d5: 00000002 00000000 00000000 0002 01 21444 @/tmp/.X11-unix/X0
 * </pre>
 * Type is hex (0001 stream, 0002 dgram, 0005 seqpacket); Inode decimal; Path is absent for an
 * unnamed socket, and an abstract name is shown with a leading {@code @} (its NULs as '@').
 * The path is the rest of the line, so unlike psutil (which takes the 8th whitespace token, and
 * gives '' for a path containing a space) paths with spaces are kept whole. A path containing a
 * newline spills onto a line without spaces, which is skipped (psutil issue #766).
 */
public final class ProcNetUnix {

    public static final byte[] PATH = ByteCursor.ascii("/net/unix");

    private ProcNetUnix() {
    }

    /**
     * Receives one socket; the path is {@code buf[pathFrom, pathTo)}, empty when unnamed.
     */
    @FunctionalInterface
    public interface Sink {
        void socket(int type, long inode, byte[] buf, int pathFrom, int pathTo);
    }

    public static void parse(ByteCursor c, Sink sink) {
        byte[] buf = c.array();
        c.nextLine(); // header
        int fileEnd = c.end();
        while (c.hasMore()) {
            int eol = c.lineEnd();
            c.end(eol); // a short line must not borrow fields from the next
            c.skipFields(4); // Num: RefCount Protocol Flags
            long type = c.nextHex();
            c.skipField(); // St
            long inode = c.nextLong();
            if (type >= 0 && inode >= 0 && c.pos() <= eol) {
                c.skipBlanks();
                int from = c.pos();
                int to = eol;
                while (to > from && (buf[to - 1] == ' ' || buf[to - 1] == '\t' || buf[to - 1] == '\r')) {
                    to--;
                }
                if (from > to) {
                    from = to;
                }
                sink.socket((int) type, inode, buf, from, to);
            }
            c.end(fileEnd);
            c.pos(eol);
            c.nextLine();
        }
    }
}
