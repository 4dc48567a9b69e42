package psutil4j.internal.linux.proc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * /proc/diskstats: one line of I/O counters per block device and partition
 * (Documentation/ABI/testing/procfs-diskstats, Documentation/admin-guide/iostats.rst).
 *
 * <p>Layouts, told apart by the number of fields, as psutil does (issues #767, #1354, #1665):
 * <ul>
 * <li>15 fields, Linux 2.4 (/proc/partitions): {@code major minor X name v1..v11}; psutil reads
 *     the third field as the read count and the name from the fourth.</li>
 * <li>14 fields, Linux 2.6 to 4.17: {@code major minor name} then reads, reads merged, sectors
 *     read, ms reading, writes, writes merged, sectors written, ms writing, I/Os in flight,
 *     ms doing I/O (busy), weighted ms doing I/O.</li>
 * <li>18 fields, 4.18+: four discard counters appended; 20 fields, 5.5+: two flush counters
 *     appended. Both are read as the 14-field layout (psutil: {@code flen == 14 or flen >= 18}).</li>
 * <li>7 fields, 2.6.x partitions: {@code major minor name reads sectors-read writes
 *     sectors-written}; psutil reports the missing times and merge counts as 0.</li>
 * </ul>
 * Any other count is an error, as in psutil ({@code ValueError}).
 *
 * <p>Besides psutil's nine values each row keeps the fields psutil drops ({@link #IN_FLIGHT}
 * ... {@link #FLUSH_TIME}, for {@code Psutil.diskIoCountersEx()} and iostat's columns) and how
 * many of them the line had ({@link Table#extraCount}).
 *
 * <p>Parsing fills a reusable {@link Table} and allocates nothing once the table has grown to
 * the machine's number of devices: a device's name String is reused while the same bytes are
 * at the same line.
 */
public final class ProcDiskstats {

    private static final byte[] DISKSTATS = ByteCursor.ascii("/diskstats");

    /** The kernel counts sectors of 512 bytes whatever the device's sector size (psutil #1305). */
    public static final long SECTOR_SIZE = 512;

    // Value indexes, in the order of psutil's sdiskio.
    public static final int READ_COUNT = 0;
    public static final int WRITE_COUNT = 1;
    public static final int READ_BYTES = 2;
    public static final int WRITE_BYTES = 3;
    public static final int READ_TIME = 4;
    public static final int WRITE_TIME = 5;
    public static final int READ_MERGED_COUNT = 6;
    public static final int WRITE_MERGED_COUNT = 7;
    public static final int BUSY_TIME = 8;
    public static final int NFIELDS = 9;

    // Indexes of the extra values (iostats.rst field numbers), which psutil's sdiskio lacks.
    /** Field 9: I/Os in flight, a gauge (never adjusted by nowrap). */
    public static final int IN_FLIGHT = 0;
    /** Field 11: weighted ms doing I/O (ms spent by all I/Os, iostat's aqu-sz). */
    public static final int WEIGHTED_TIME = 1;
    /** Fields 12-15, Linux 4.18+: discards completed, merged, bytes (sectors * 512), ms. */
    public static final int DISCARD_COUNT = 2;
    public static final int DISCARD_MERGED_COUNT = 3;
    public static final int DISCARD_BYTES = 4;
    public static final int DISCARD_TIME = 5;
    /** Fields 16-17, Linux 5.5+: flush requests completed, ms flushing. */
    public static final int FLUSH_COUNT = 6;
    public static final int FLUSH_TIME = 7;
    public static final int NEXTRA = 8;

    private ProcDiskstats() {
    }

    /**
     * Parsed rows: a name and {@link #NFIELDS} values (bytes already multiplied by
     * {@link #SECTOR_SIZE}) per device, in file order. Reused between parses; one per thread.
     */
    public static final class Table {
        private int size;
        private String[] names = new String[16];
        private byte[][] nameBytes = new byte[16][];
        private long[][] values = new long[16][NFIELDS];
        private long[][] extra = new long[16][NEXTRA];
        private int[] extraCount = new int[16];

        /** Number of rows. */
        public int size() {
            return size;
        }

        /** The kernel name of row {@code i} ({@code sda}, {@code cciss/c0d0}...). */
        public String name(int i) {
            return names[i];
        }

        /** The name of row {@code i} as bytes (do not modify). */
        public byte[] nameBytes(int i) {
            return nameBytes[i];
        }

        /** The values of row {@code i}; callers may adjust them in place (nowrap). */
        public long[] values(int i) {
            return values[i];
        }

        /**
         * The extra values of row {@code i} ({@link #IN_FLIGHT}...), raw kernel counters; only
         * the first {@link #extraCount(int)} were on the line, the rest are 0.
         */
        public long[] extra(int i) {
            return extra[i];
        }

        /**
         * How many extra values row {@code i} had: 0 (2.6.x partition lines), 2 (in flight and
         * weighted time, 2.6+), 6 (with discards, 4.18+) or 8 (with flushes, 5.5+).
         */
        public int extraCount(int i) {
            return extraCount[i];
        }

        /** Empties the table, keeping the cached names for the next parse. */
        public void clear() {
            size = 0;
        }

        /** Starts a new row named by {@code b[from, to)}, reusing the previous String if equal. */
        long[] add(byte[] b, int from, int to) {
            if (size == names.length) {
                int n = size * 2;
                names = Arrays.copyOf(names, n);
                nameBytes = Arrays.copyOf(nameBytes, n);
                values = Arrays.copyOf(values, n);
                extra = Arrays.copyOf(extra, n);
                extraCount = Arrays.copyOf(extraCount, n);
                for (int i = size; i < n; i++) {
                    values[i] = new long[NFIELDS];
                    extra[i] = new long[NEXTRA];
                }
            }
            int i = size++;
            extraCount[i] = 0;
            Arrays.fill(extra[i], 0);
            byte[] cached = nameBytes[i];
            if (cached == null || !Arrays.equals(cached, 0, cached.length, b, from, to)) {
                nameBytes[i] = Arrays.copyOfRange(b, from, to);
                names[i] = new String(b, from, to - from, StandardCharsets.UTF_8);
            }
            return values[i];
        }

        /** Starts a new row with a name known as a String (the /sys fallback). */
        public long[] add(String name) {
            byte[] b = name.getBytes(StandardCharsets.UTF_8);
            long[] v = add(b, 0, b.length);
            names[size - 1] = name;
            return v;
        }
    }

    /**
     * Reads {@code <procfs>/diskstats} into {@code out}. Returns the number of rows, or -errno
     * (-ENOENT when the kernel has no such file: psutil then falls back to /sys/block).
     */
    public static int read(Table out) {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(DISKSTATS).read();
        if (n < 0) {
            out.clear();
            return n;
        }
        parse(b.cursor(), out);
        return out.size();
    }

    /**
     * Parses diskstats content into {@code out} (cleared first).
     *
     * @throws IllegalStateException on a line with a field count psutil does not know
     */
    public static void parse(ByteCursor c, Table out) {
        out.clear();
        byte[] b = c.array();
        int fileEnd = c.end();
        try {
            while (c.hasMore()) {
                int lineStart = c.pos();
                int lineEnd = c.lineEnd();
                int flen = countFields(b, lineStart, lineEnd);
                if (flen == 0) {
                    // psutil would fail on a blank line; the kernel never writes one.
                    c.pos(lineEnd);
                    c.nextLine();
                    continue;
                }
                c.end(lineEnd);
                if (flen == 15) {
                    // Linux 2.4: "major minor X name ..." and psutil takes X as the read count.
                    c.skipFields(2);
                    long reads = c.nextLong(0);
                    long[] v = name(c, b, out);
                    v[READ_COUNT] = reads;
                    readFull(c, v, out, flen - 4);
                } else if (flen == 14 || flen >= 18) {
                    c.skipFields(2);
                    long[] v = name(c, b, out);
                    v[READ_COUNT] = c.nextLong(0);
                    readFull(c, v, out, flen - 3);
                } else if (flen == 7) {
                    c.skipFields(2);
                    long[] v = name(c, b, out);
                    v[READ_COUNT] = c.nextLong(0);
                    v[READ_BYTES] = c.nextLong(0) * SECTOR_SIZE;
                    v[WRITE_COUNT] = c.nextLong(0);
                    v[WRITE_BYTES] = c.nextLong(0) * SECTOR_SIZE;
                    v[READ_TIME] = 0;
                    v[WRITE_TIME] = 0;
                    v[READ_MERGED_COUNT] = 0;
                    v[WRITE_MERGED_COUNT] = 0;
                    v[BUSY_TIME] = 0;
                } else {
                    throw new IllegalStateException("/proc/diskstats: not sure how to interpret line '"
                            + c.string(lineStart, lineEnd) + "' (" + flen + " fields)");
                }
                c.end(fileEnd);
                c.pos(lineEnd);
                c.nextLine();
            }
        } finally {
            c.end(fileEnd);
        }
    }

    /** Reads the name field and starts its row. */
    private static long[] name(ByteCursor c, byte[] b, Table out) {
        c.skipBlanks();
        int s = c.pos();
        c.skipField();
        return out.add(b, s, c.pos());
    }

    /**
     * The values after the read count in the 2.4/2.6+ layouts, into the last row of {@code out};
     * {@code count} is the number of values on the line (11, 15 or 17), read count included.
     */
    private static void readFull(ByteCursor c, long[] v, Table out, int count) {
        long[] ext = out.extra(out.size() - 1);
        v[READ_MERGED_COUNT] = c.nextLong(0);
        v[READ_BYTES] = c.nextLong(0) * SECTOR_SIZE;
        v[READ_TIME] = c.nextLong(0);
        v[WRITE_COUNT] = c.nextLong(0);
        v[WRITE_MERGED_COUNT] = c.nextLong(0);
        v[WRITE_BYTES] = c.nextLong(0) * SECTOR_SIZE;
        v[WRITE_TIME] = c.nextLong(0);
        ext[IN_FLIGHT] = c.nextLong(0);
        v[BUSY_TIME] = c.nextLong(0);
        ext[WEIGHTED_TIME] = c.nextLong(0);
        // discards (4.18+), then flushes (5.5+): not in psutil's sdiskio
        int n = count >= 17 ? NEXTRA : count >= 15 ? FLUSH_COUNT : 2;
        for (int k = DISCARD_COUNT; k < n; k++) {
            ext[k] = c.nextLong(0);
        }
        ext[DISCARD_BYTES] *= SECTOR_SIZE;
        out.extraCount[out.size() - 1] = n;
    }

    /**
     * Parses a /sys/block/<dev>[/<part>]/stat file (Documentation/block/stat.rst) into a new row
     * of {@code out} named {@code name}: the 2.6+ diskstats values without major, minor and name
     * (11, 15 or 17 of them); psutil reads the first ten.
     */
    public static void parseSysStat(ByteCursor c, Table out, String name) {
        int count = countFields(c.array(), c.pos(), c.lineEnd());
        long[] v = out.add(name);
        v[READ_COUNT] = c.nextLong(0);
        readFull(c, v, out, count);
    }

    static int countFields(byte[] b, int from, int to) {
        int n = 0;
        boolean in = false;
        for (int i = from; i < to; i++) {
            boolean sp = ByteCursor.isSpace(b[i]);
            if (!sp && !in) {
                n++;
            }
            in = !sp;
        }
        return n;
    }
}
