package psutil4j.internal.linux.proc;

import java.nio.ByteOrder;

import psutil4j.internal.parse.ByteCursor;

/**
 * /proc/net/tcp, tcp6, udp and udp6: one socket per line (net/ipv4/tcp_ipv4.c
 * {@code get_tcp4_sock}, net/ipv6/tcp_ipv6.c, net/ipv4/udp.c).
 *
 * <pre>
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm-&gt;when retrnsmt   uid  timeout inode
 *    0: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21443 1 ...
 * </pre>
 * An IPv4 address is the {@code __be32} printed {@code %08X} as a native-endian u32, so on
 * little-endian machines the bytes come reversed; an IPv6 address is its four 32-bit words,
 * each printed the same way. The port is plain hex; the state is the hex TCP state
 * (include/net/tcp_states.h); the queues are hex (for a listening TCP socket rx_queue is the
 * accept backlog); uid, inode and the socket's reference count are decimal; the kernel address
 * after them is {@code %pK} (hashed, or zeros under kptr_restrict). TIME_WAIT and SYN_RECV lines
 * have uid (TIME_WAIT), inode and queues 0. (psutil issue #201.)
 */
public final class ProcNetTcp {

    public static final byte[] TCP = ByteCursor.ascii("/net/tcp");
    public static final byte[] TCP6 = ByteCursor.ascii("/net/tcp6");
    public static final byte[] UDP = ByteCursor.ascii("/net/udp");
    public static final byte[] UDP6 = ByteCursor.ascii("/net/udp6");

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private ProcNetTcp() {
    }

    /**
     * One parsed line. The parser refills the same object for every line (the address arrays
     * too): copy or decode what you keep before returning from the sink.
     */
    public static final class Line {
        /** Address bytes in network order: 4 for IPv4, 16 for IPv6. */
        public final byte[] laddr;
        public final byte[] raddr;
        public int lport;
        public int rport;
        /** The "st" column: a TCP state number (UDP: 1 connected, 7 not). */
        public int state;
        public long txQueue;
        public long rxQueue;
        public long uid;
        public long inode;
        /** The socket's reference count; -1 when the line stops before it. */
        public long refCount;
        /** The kernel address of the socket ({@code %pK}); 0 when hidden or missing. */
        public long kernelAddress;

        Line(boolean ipv6) {
            laddr = new byte[ipv6 ? 16 : 4];
            raddr = new byte[ipv6 ? 16 : 4];
        }
    }

    /** Receives each socket line. */
    @FunctionalInterface
    public interface Sink {
        void socket(Line line);
    }

    /**
     * Parses the file; {@code ipv6} selects 16-byte addresses. Malformed lines are skipped.
     */
    public static void parse(ByteCursor c, boolean ipv6, Sink sink) {
        Line line = new Line(ipv6);
        byte[] l = line.laddr;
        byte[] r = line.raddr;
        int words = ipv6 ? 4 : 1;
        byte[] buf = c.array();
        c.nextLine(); // header
        int fileEnd = c.end();
        while (c.hasMore()) {
            int eol = c.lineEnd();
            c.end(eol); // a short line must not borrow fields from the next
            c.skipField(); // "sl:"
            c.skipBlanks();
            int lport = address(buf, c, eol, words, l);
            c.skipBlanks();
            int rport = address(buf, c, eol, words, r);
            long state = c.nextHex();
            long tx = c.nextHex();
            long rx = -1;
            if (tx >= 0 && c.pos() < eol && buf[c.pos()] == ':') {
                c.pos(c.pos() + 1);
                rx = c.nextHex();
            }
            c.skipFields(2); // tr:tm->when retrnsmt
            long uid = c.nextLong();
            c.skipField(); // timeout
            long inode = c.nextLong();
            if (lport >= 0 && rport >= 0 && state >= 0 && rx >= 0 && uid >= 0 && inode >= 0) {
                line.lport = lport;
                line.rport = rport;
                line.state = (int) state;
                line.txQueue = tx;
                line.rxQueue = rx;
                line.uid = uid;
                line.inode = inode;
                line.refCount = c.nextLong();
                c.skipBlanks();
                int at = c.pos();
                long addr = c.nextHex(); // may be "negative": a raw kernel address is above 2^63
                line.kernelAddress = c.pos() == at ? 0 : addr;
                sink.socket(line);
            }
            c.end(fileEnd);
            c.pos(eol);
            c.nextLine();
        }
    }

    /** Reads "ADDR:PORT" into {@code dst}; returns the port, or -1 if malformed. */
    private static int address(byte[] buf, ByteCursor c, int eol, int words, byte[] dst) {
        int p = c.pos();
        if (p + words * 8 + 1 > eol) {
            return -1;
        }
        for (int w = 0; w < words; w++) {
            long v = hex8(buf, p + w * 8);
            if (v < 0) {
                return -1;
            }
            int o = w * 4;
            if (LITTLE_ENDIAN) {
                dst[o] = (byte) v;
                dst[o + 1] = (byte) (v >>> 8);
                dst[o + 2] = (byte) (v >>> 16);
                dst[o + 3] = (byte) (v >>> 24);
            } else {
                dst[o] = (byte) (v >>> 24);
                dst[o + 1] = (byte) (v >>> 16);
                dst[o + 2] = (byte) (v >>> 8);
                dst[o + 3] = (byte) v;
            }
        }
        p += words * 8;
        if (buf[p] != ':') {
            return -1;
        }
        c.pos(p + 1);
        long port = c.nextHex();
        return port < 0 || port > 0xFFFF ? -1 : (int) port;
    }

    private static long hex8(byte[] buf, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int ch = buf[p + i];
            int d;
            if (ch >= '0' && ch <= '9') {
                d = ch - '0';
            } else if (ch >= 'A' && ch <= 'F') {
                d = ch - 'A' + 10;
            } else if (ch >= 'a' && ch <= 'f') {
                d = ch - 'a' + 10;
            } else {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** Dotted-quad text of 4 bytes in network order, as inet_ntop(AF_INET). */
    public static String ipv4(byte[] a) {
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }

    /**
     * Text of 16 bytes in network order exactly as glibc's inet_ntop(AF_INET6) writes it (what
     * psutil shows): the longest run of two or more zero words (the first on ties) becomes
     * "::", hex is lowercase, and {@code ::ffff:a.b.c.d} / {@code ::a.b.c.d} end in dotted IPv4.
     */
    public static String ipv6(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        var sb = new StringBuilder(46);
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.')
                        .append(a[14] & 0xff).append('.').append(a[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
