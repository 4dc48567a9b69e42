package psutil4j.internal.linux.proc;

import java.nio.charset.StandardCharsets;

import psutil4j.internal.parse.ByteCursor;

/**
 * /proc/net/dev: per-NIC traffic counters (net/core/net-procfs.c, {@code dev_seq_printf_stats}).
 *
 * <pre>
 * Inter-|   Receive                                                |  Transmit
 *  face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
 *     lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0
 * eth0.100:1 2 ...
 * </pre>
 * The name is printed {@code %6s:} so long names touch their first number; names cannot contain
 * ':' (dev_valid_name) but may contain dots and dashes, so like psutil the name ends at the
 * line's last ':'. All counters are u64 (printed {@code %llu}).
 *
 * <p>Parsing fills a reused {@link Table}; interface names come from a {@link NameCache} so the
 * same String is returned while the NIC exists: a steady-state parse allocates nothing.
 */
public final class ProcNetDev {

    /** Values per NIC in {@link Table#values}, in psutil's snetio order. */
    public static final int FIELDS = 8;
    public static final int BYTES_SENT = 0;
    public static final int BYTES_RECV = 1;
    public static final int PACKETS_SENT = 2;
    public static final int PACKETS_RECV = 3;
    public static final int ERRIN = 4;
    public static final int ERROUT = 5;
    public static final int DROPIN = 6;
    public static final int DROPOUT = 7;

    /**
     * The columns psutil leaves out, per NIC in {@link Table#extras}: receive fifo (overruns),
     * frame, compressed, multicast; transmit fifo, colls, carrier, compressed.
     */
    public static final int EXTRA_FIELDS = 8;
    public static final int RX_FIFO = 0;
    public static final int RX_FRAME = 1;
    public static final int RX_COMPRESSED = 2;
    public static final int MULTICAST = 3;
    public static final int TX_FIFO = 4;
    public static final int TX_COLLS = 5;
    public static final int TX_CARRIER = 6;
    public static final int TX_COMPRESSED = 7;

    public static final byte[] PATH = ByteCursor.ascii("/net/dev");

    private ProcNetDev() {
    }

    /** The parsed file: {@code n} NICs, their names, and FIELDS values per NIC. Reusable. */
    public static final class Table {
        public int n;
        public String[] names = new String[8];
        public long[] values = new long[8 * FIELDS];
        public long[] extras = new long[8 * EXTRA_FIELDS];

        void ensure(int count) {
            if (names.length < count) {
                int cap = Math.max(count, names.length * 2);
                names = java.util.Arrays.copyOf(names, cap);
                values = java.util.Arrays.copyOf(values, cap * FIELDS);
                extras = java.util.Arrays.copyOf(extras, cap * EXTRA_FIELDS);
            }
        }

        /** The value {@code field} of NIC {@code i}. */
        public long get(int i, int field) {
            return values[i * FIELDS + field];
        }

        /** The extra column {@code field} ({@link #RX_FIFO}..{@link #TX_COMPRESSED}) of NIC {@code i}. */
        public long extra(int i, int field) {
            return extras[i * EXTRA_FIELDS + field];
        }
    }

    /** Parses the whole file into {@code out} (cleared first); returns the number of NICs. */
    public static int parse(ByteCursor c, NameCache names, Table out) {
        out.n = 0;
        c.nextLine().nextLine(); // two header lines
        byte[] buf = c.array();
        while (c.hasMore()) {
            int start = c.pos();
            // Names cannot contain ':' (dev_valid_name) and the counters are digits, so the
            // line's first colon is its last one (psutil's rfind): scan only up to it.
            int colon = start;
            int end = c.end();
            while (colon < end && buf[colon] != ':' && buf[colon] != '\n') {
                colon++;
            }
            if (colon == end || buf[colon] != ':') {
                c.nextLine(); // blank or foreign line; psutil would assert
                continue;
            }
            int nameFrom = start;
            while (nameFrom < colon && (buf[nameFrom] == ' ' || buf[nameFrom] == '\t')) {
                nameFrom++;
            }
            int nameTo = colon;
            while (nameTo > nameFrom && (buf[nameTo - 1] == ' ' || buf[nameTo - 1] == '\t')) {
                nameTo--;
            }
            int i = out.n;
            out.ensure(i + 1);
            out.names[i] = names.get(buf, nameFrom, nameTo);
            c.pos(colon + 1);
            long[] v = out.values;
            int o = i * FIELDS;
            // receive: bytes packets errs drop fifo frame compressed multicast
            v[o + BYTES_RECV] = c.nextUnsignedLong();
            v[o + PACKETS_RECV] = c.nextUnsignedLong();
            v[o + ERRIN] = c.nextUnsignedLong();
            v[o + DROPIN] = c.nextUnsignedLong();
            long[] x = out.extras;
            int xo = i * EXTRA_FIELDS;
            x[xo + RX_FIFO] = c.nextUnsignedLong();
            x[xo + RX_FRAME] = c.nextUnsignedLong();
            x[xo + RX_COMPRESSED] = c.nextUnsignedLong();
            x[xo + MULTICAST] = c.nextUnsignedLong();
            // transmit: bytes packets errs drop fifo colls carrier compressed
            v[o + BYTES_SENT] = c.nextUnsignedLong();
            v[o + PACKETS_SENT] = c.nextUnsignedLong();
            v[o + ERROUT] = c.nextUnsignedLong();
            v[o + DROPOUT] = c.nextUnsignedLong();
            x[xo + TX_FIFO] = c.nextUnsignedLong();
            x[xo + TX_COLLS] = c.nextUnsignedLong();
            x[xo + TX_CARRIER] = c.nextUnsignedLong();
            x[xo + TX_COMPRESSED] = c.nextUnsignedLong();
            c.nextLine();
            out.n = i + 1;
        }
        return out.n;
    }

    /**
     * Interned interface names: returns the same String for the same bytes, so reading
     * /proc/net/dev again allocates no names. Thread-safe (copy-on-write; a lost race only
     * costs a duplicate String).
     */
    public static final class NameCache {
        private static final int MAX = 1024;
        private volatile Entry[] entries = new Entry[0];

        private record Entry(byte[] bytes, String name) {
        }

        public String get(byte[] buf, int from, int to) {
            int len = to - from;
            Entry[] es = entries;
            for (Entry e : es) {
                byte[] b = e.bytes;
                if (b.length == len && java.util.Arrays.equals(b, 0, len, buf, from, to)) {
                    return e.name;
                }
            }
            byte[] copy = java.util.Arrays.copyOfRange(buf, from, to);
            String s = new String(copy, StandardCharsets.UTF_8);
            Entry[] next;
            if (es.length >= MAX) {
                // Interfaces come and go (veths): start over rather than grow without bound.
                next = new Entry[] {new Entry(copy, s)};
            } else {
                next = java.util.Arrays.copyOf(es, es.length + 1);
                next[es.length] = new Entry(copy, s);
            }
            entries = next;
            return s;
        }
    }
}
