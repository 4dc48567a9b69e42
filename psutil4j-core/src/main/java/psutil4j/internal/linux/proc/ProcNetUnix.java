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
 * Num is the socket's kernel address ({@code %pK}: hashed, or zeros under kptr_restrict);
 * RefCount, Protocol (always 0) and Flags are hex, Flags holding only __SO_ACCEPTCON
 * (1 &lt;&lt; 16) while the socket listens; Type is hex (0001 stream, 0002 dgram, 0005
 * seqpacket); St is the hex socket_state (1 unconnected, 2 connecting, 3 connected, 4
 * disconnecting; include/uapi/linux/net.h); Inode decimal; Path is absent for an
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
     * One parsed line, refilled for every line: copy what you keep before returning from the
     * sink. The path is {@code buf[pathFrom, pathTo)}, empty when unnamed.
     */
    public static final class Line {
        public long kernelAddress;
        public long refCount;
        public long flags;
        public int type;
        public int state;
        public long inode;
        public byte[] buf;
        public int pathFrom;
        public int pathTo;
    }

    /** Receives each socket line. */
    @FunctionalInterface
    public interface Sink {
        void socket(Line line);
    }

    /** __SO_ACCEPTCON: the Flags bit of a listening socket. */
    public static final long SO_ACCEPTCON = 1L << 16;

    public static void parse(ByteCursor c, Sink sink) {
        byte[] buf = c.array();
        Line line = new Line();
        line.buf = buf;
        c.nextLine(); // header
        int fileEnd = c.end();
        while (c.hasMore()) {
            int eol = c.lineEnd();
            c.end(eol); // a short line must not borrow fields from the next
            c.skipBlanks();
            int at = c.pos();
            long num = c.nextHex(); // may be "negative": a raw kernel address is above 2^63
            boolean colon = c.pos() > at && c.pos() < eol && buf[c.pos()] == ':';
            if (colon) {
                c.pos(c.pos() + 1);
            }
            long refs = c.nextHex();
            c.skipField(); // Protocol
            long flags = c.nextHex();
            long type = c.nextHex();
            long state = c.nextHex();
            long inode = c.nextLong();
            if (colon && refs >= 0 && flags >= 0 && type >= 0 && state >= 0 && inode >= 0 && c.pos() <= eol) {
                c.skipBlanks();
                int from = c.pos();
                int to = eol;
                while (to > from && (buf[to - 1] == ' ' || buf[to - 1] == '\t' || buf[to - 1] == '\r')) {
                    to--;
                }
                if (from > to) {
                    from = to;
                }
                line.kernelAddress = num;
                line.refCount = refs;
                line.flags = flags;
                line.type = (int) type;
                line.state = (int) state;
                line.inode = inode;
                line.pathFrom = from;
                line.pathTo = to;
                sink.socket(line);
            }
            c.end(fileEnd);
            c.pos(eol);
            c.nextLine();
        }
    }
}
