package psutil4j.agent.history;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

import org.rrd4j.core.RrdBackend;
import org.rrd4j.core.RrdBackendAnnotation;
import org.rrd4j.core.RrdDb;
import org.rrd4j.core.RrdFileBackend;
import org.rrd4j.core.RrdFileBackendFactory;

/**
 * rrd4j files read and written with positional I/O through a small cache of pages, one
 * journaled commit per update.
 *
 * <p>Why not a memory mapping (rrd4j's NIO backend): every page of a file that an update ever
 * touched stays mapped, and counts in the agent's RSS, until the mapping goes; at a 1 s interval
 * the finest tier's pages are all touched within two days, so the RSS would grow towards the size
 * of the history (hundreds of MiB). Here the agent holds only the pages it writes in the current
 * update (the header, each archive's state, the current row: about ten 4 KiB pages per file),
 * plus one 64 KiB read block per file for queries; the rest stays in the kernel's page cache.
 *
 * <p>Atomic updates: rrd4j writes an update as a few dozen small stores (each archive's state, the
 * row, the header's last-update time last). They collect in the cached pages; {@link #commit(RrdDb)}
 * then writes the changed byte ranges first to the file's journal ({@code NAME.journal}, one
 * checksummed record, one {@code pwrite}) and then into the file (one {@code pwrite} per run of
 * changed pages). A process killed at any moment leaves either the previous record (the file
 * already holds it) or the new one whole; opening the file applies the valid record again, which
 * is harmless when it was applied already. A record cut short fails its checksum and is ignored:
 * the file then holds the previous update whole. Writes that bypass the journal (creating a file,
 * which happens under a temporary name; an update of more than {@value #MAX_DIRTY_PAGES} pages, as
 * a catch-up after a long stop can be) first invalidate it, so an old record is never applied over
 * newer data. Read-only opens do not write the file: they read the valid record's ranges over it.
 * What is covered is a killed process (the page cache survives it), not a power loss (nothing is
 * fsynced but on close).
 */
@RrdBackendAnnotation(name = "PSUTIL4J_PAGED", shouldValidateHeader = true)
final class PagedBackendFactory extends RrdFileBackendFactory {

    /** Bytes per cached page. */
    static final int PAGE = 4096;
    /** Bytes per read block (queries read robins a double at a time, rows apart). */
    static final int BLOCK = 64 * 1024;
    /** Changed pages an update may hold before they are written out without the journal. */
    static final int MAX_DIRTY_PAGES = 64;
    /** The largest a journal gets: one record of {@value #MAX_DIRTY_PAGES} pages, each its own range. */
    static final long MAX_JOURNAL_BYTES = Journal.HEADER + (long) MAX_DIRTY_PAGES * (Journal.RANGE_HEADER + PAGE) + 4;

    @Override
    protected RrdBackend open(String path, boolean readOnly) throws IOException {
        return new PagedBackend(path, readOnly);
    }

    /** The journal of an rrd file. */
    static Path journalOf(Path rrd) {
        return rrd.resolveSibling(rrd.getFileName() + ".journal");
    }

    /** Writes what the last update of {@code db} changed: journal first, then the file. */
    static void commit(RrdDb db) throws IOException {
        if (db.getRrdBackend() instanceof PagedBackend b) {
            b.commit();
        }
    }

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    /** One cached page: a full copy of the file's bytes, and the range changed since the last commit. */
    private static final class Page {
        final byte[] data = new byte[PAGE];
        int dirtyFrom = PAGE;
        int dirtyTo;
        long lastWritten;

        boolean dirty() {
            return dirtyTo > dirtyFrom;
        }
    }

    /** The journal record: {@code magic, version, file length, range count, {offset, length, bytes}..., crc32c}. */
    static final class Journal {
        static final int MAGIC = 0x50344a4a; // "P4JJ"
        static final int VERSION = 1;
        static final int HEADER = 4 + 4 + 8 + 4;
        static final int RANGE_HEADER = 8 + 4;

        private Journal() {
        }

        /**
         * The ranges of a valid record in {@code b} (position 0 to its limit), as {offset, position
         * in b, length} triples; null when the record is cut short, damaged, or for another length.
         */
        static long[][] parse(ByteBuffer b, long fileLength) {
            if (b.limit() < HEADER + 4 || b.getInt(0) != MAGIC || b.getInt(4) != VERSION || b.getLong(8) != fileLength) {
                return null;
            }
            int n = b.getInt(16);
            if (n < 0 || n > MAX_DIRTY_PAGES) {
                return null;
            }
            long[][] ranges = new long[n][];
            int at = HEADER;
            for (int i = 0; i < n; i++) {
                if (at + RANGE_HEADER > b.limit()) {
                    return null;
                }
                long offset = b.getLong(at);
                int length = b.getInt(at + 8);
                at += RANGE_HEADER;
                if (offset < 0 || length <= 0 || length > b.limit() - at || offset + length > fileLength) {
                    return null;
                }
                ranges[i] = new long[] {offset, at, length};
                at += length;
            }
            if (at + 4 > b.limit()) {
                return null;
            }
            var crc = new CRC32C();
            crc.update(b.duplicate().position(0).limit(at));
            return (int) crc.getValue() == b.getInt(at) ? ranges : null;
        }
    }

    /** One file. Every method is synchronized: the store's writer and the HTTP readers share it. */
    static final class PagedBackend extends RrdBackend implements RrdFileBackend {

        private final Path file;
        private final Path journalPath;
        private final FileChannel channel;
        private final boolean readOnly;
        private FileChannel journal;
        /** Whether the journal file may hold a valid record (it must be invalidated before a direct write). */
        private boolean journalMayBeValid;
        private final TreeMap<Long, Page> pages = new TreeMap<>();
        private int dirtyPages;
        private long commits;
        private byte[] block;
        private long blockStart = -1;
        private final byte[] scratch = new byte[8];
        /** The record being written; grown as needed, kept. */
        private ByteBuffer record = ByteBuffer.allocateDirect(16 * 1024);

        PagedBackend(String path, boolean readOnly) throws IOException {
            super(path);
            this.file = Path.of(path);
            this.journalPath = journalOf(file);
            this.readOnly = readOnly;
            this.channel = readOnly ? FileChannel.open(file, StandardOpenOption.READ)
                    : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
            try {
                recover();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        /**
         * Applies a valid journal record: into the file when writable (the cached pages then hold
         * nothing dirty), else over the cached pages only, for this reader.
         */
        private void recover() throws IOException {
            ByteBuffer b;
            try (FileChannel j = FileChannel.open(journalPath, StandardOpenOption.READ)) {
                long size = j.size();
                if (size > MAX_JOURNAL_BYTES) {
                    return;
                }
                b = ByteBuffer.allocate((int) size);
                while (b.hasRemaining() && j.read(b, b.position()) > 0) {
                    // read it whole
                }
                b.flip();
            } catch (NoSuchFileException e) {
                return;
            }
            long[][] ranges = Journal.parse(b, channel.size());
            if (ranges == null) {
                return;
            }
            journalMayBeValid = true;
            for (long[] r : ranges) {
                patch(r[0], b.array(), (int) r[1], (int) r[2], false);
            }
            if (!readOnly) {
                for (long[] r : ranges) {
                    writeFully(channel, ByteBuffer.wrap(b.array(), (int) r[1], (int) r[2]), r[0]);
                }
            }
        }

        // ---- reading

        @Override
        protected synchronized void read(long offset, byte[] b) throws IOException {
            readInto(offset, b, 0, b.length);
        }

        private void readInto(long offset, byte[] dst, int at, int length) throws IOException {
            while (length > 0) {
                int in = (int) (offset % PAGE);
                int n = Math.min(length, PAGE - in);
                Page p = pages.get(offset / PAGE);
                if (p != null) {
                    System.arraycopy(p.data, in, dst, at, n);
                } else {
                    loadBlock(offset);
                    System.arraycopy(block, (int) (offset - blockStart), dst, at, n);
                }
                offset += n;
                at += n;
                length -= n;
            }
        }

        /** The array and index that hold {@code size} bytes at {@code offset}, when one page holds them; else null. */
        private byte[] arrayFor(long offset, int size) throws IOException {
            int in = (int) (offset % PAGE);
            if (in + size > PAGE) {
                return null;
            }
            Page p = pages.get(offset / PAGE);
            if (p != null) {
                return p.data;
            }
            loadBlock(offset);
            return block;
        }

        private int indexIn(byte[] array, long offset) {
            return array == block ? (int) (offset - blockStart) : (int) (offset % PAGE);
        }

        private void loadBlock(long offset) throws IOException {
            long start = offset - offset % BLOCK;
            if (start == blockStart) {
                return;
            }
            if (block == null) {
                block = new byte[BLOCK];
            }
            blockStart = -1;
            int n = readFully(channel, ByteBuffer.wrap(block), start);
            java.util.Arrays.fill(block, n, BLOCK, (byte) 0);
            blockStart = start; // a cached page overrides its part of the block: readers look there first
        }

        /** The big-endian value of {@code size} (2, 4 or 8) bytes at {@code offset}, sign-extended. */
        private long readValue(long offset, int size) throws IOException {
            byte[] a = arrayFor(offset, size);
            int i;
            if (a == null) { // across two pages
                readInto(offset, scratch, 0, size);
                a = scratch;
                i = 0;
            } else {
                i = indexIn(a, offset);
            }
            return switch (size) {
                case 2 -> (short) SHORT.get(a, i);
                case 4 -> (int) INT.get(a, i);
                default -> (long) LONG.get(a, i);
            };
        }

        @Override
        protected synchronized short readShort(long offset) throws IOException {
            return (short) readValue(offset, 2);
        }

        @Override
        protected synchronized int readInt(long offset) throws IOException {
            return (int) readValue(offset, 4);
        }

        @Override
        protected synchronized long readLong(long offset) throws IOException {
            return readValue(offset, 8);
        }

        @Override
        protected synchronized double readDouble(long offset) throws IOException {
            return Double.longBitsToDouble(readLong(offset));
        }

        @Override
        protected synchronized double[] readDouble(long offset, int count) throws IOException {
            byte[] b = new byte[8 * count];
            readInto(offset, b, 0, b.length);
            double[] v = new double[count];
            for (int i = 0; i < count; i++) {
                v[i] = Double.longBitsToDouble((long) LONG.get(b, 8 * i));
            }
            return v;
        }

        // ---- writing

        @Override
        protected synchronized void write(long offset, byte[] b) throws IOException {
            patch(offset, b, 0, b.length, true);
        }

        @Override
        protected synchronized void writeShort(long offset, short value) throws IOException {
            SHORT.set(scratch, 0, value);
            patch(offset, scratch, 0, 2, true);
        }

        @Override
        protected synchronized void writeInt(long offset, int value) throws IOException {
            INT.set(scratch, 0, value);
            patch(offset, scratch, 0, 4, true);
        }

        @Override
        protected synchronized void writeLong(long offset, long value) throws IOException {
            LONG.set(scratch, 0, value);
            patch(offset, scratch, 0, 8, true);
        }

        @Override
        protected synchronized void writeDouble(long offset, double value) throws IOException {
            writeLong(offset, Double.doubleToRawLongBits(value));
        }

        @Override
        protected synchronized void writeDouble(long offset, double[] values) throws IOException {
            for (int i = 0; i < values.length; i++) {
                writeLong(offset + 8L * i, Double.doubleToRawLongBits(values[i]));
            }
        }

        /**
         * Fills {@code count} doubles: a few through the pages, a large fill (a new file's rows)
         * straight into the file, a block at a time, without the journal.
         */
        @Override
        protected synchronized void writeDouble(long offset, double value, int count) throws IOException {
            if (8L * count < BLOCK) {
                for (int i = 0; i < count; i++) {
                    writeLong(offset + 8L * i, Double.doubleToRawLongBits(value));
                }
                return;
            }
            checkWritable();
            invalidateJournal();
            byte[] fill = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i += 8) {
                LONG.set(fill, i, Double.doubleToRawLongBits(value));
            }
            long end = offset + 8L * count;
            for (long at = offset; at < end; at += BLOCK) {
                writeFully(channel, ByteBuffer.wrap(fill, 0, (int) Math.min(BLOCK, end - at)), at);
            }
            // keep what is cached in step: every byte at offset + k is fill[k % 8]
            for (Map.Entry<Long, Page> e : pages.subMap(offset / PAGE, true, (end - 1) / PAGE, true).entrySet()) {
                long base = e.getKey() * PAGE;
                byte[] d = e.getValue().data;
                for (long pos = Math.max(base, offset); pos < Math.min(base + PAGE, end); pos++) {
                    d[(int) (pos - base)] = fill[(int) ((pos - offset) % 8)];
                }
            }
            if (blockStart >= 0 && blockStart < end && blockStart + BLOCK > offset) {
                for (long pos = Math.max(blockStart, offset); pos < Math.min(blockStart + BLOCK, end); pos++) {
                    block[(int) (pos - blockStart)] = fill[(int) ((pos - offset) % 8)];
                }
            }
        }

        /**
         * Copies bytes into the cached pages (loading a page first) and the read block; {@code dirty}
         * marks them for the next commit.
         */
        private void patch(long offset, byte[] src, int at, int length, boolean dirty) throws IOException {
            if (dirty) {
                checkWritable();
            }
            if (blockStart >= 0 && offset < blockStart + BLOCK && offset + length > blockStart) {
                long from = Math.max(offset, blockStart);
                long to = Math.min(offset + length, blockStart + BLOCK);
                System.arraycopy(src, at + (int) (from - offset), block, (int) (from - blockStart), (int) (to - from));
            }
            while (length > 0) {
                int in = (int) (offset % PAGE);
                int n = Math.min(length, PAGE - in);
                Page p = page(offset / PAGE);
                System.arraycopy(src, at, p.data, in, n);
                if (dirty) {
                    if (!p.dirty()) {
                        dirtyPages++;
                    }
                    p.dirtyFrom = Math.min(p.dirtyFrom, in);
                    p.dirtyTo = Math.max(p.dirtyTo, in + n);
                    p.lastWritten = commits;
                }
                offset += n;
                at += n;
                length -= n;
            }
            if (dirtyPages > MAX_DIRTY_PAGES) {
                writeDirtyPages(); // too large for one record: this update is written without the journal
            }
        }

        /** The cached page, read from the file (or the read block) the first time. */
        private Page page(long index) throws IOException {
            Page p = pages.get(index);
            if (p == null) {
                p = new Page();
                long start = index * PAGE;
                if (blockStart >= 0 && start >= blockStart && start + PAGE <= blockStart + BLOCK) {
                    System.arraycopy(block, (int) (start - blockStart), p.data, 0, PAGE);
                } else {
                    readFully(channel, ByteBuffer.wrap(p.data), start);
                }
                p.lastWritten = commits;
                pages.put(index, p);
            }
            return p;
        }

        private void checkWritable() throws IOException {
            if (readOnly) {
                throw new IOException("read-only: " + file);
            }
        }

        /**
         * Writes the changed pages: one journal record, then each run of adjacent changed pages
         * with one write. Pages not written in the last two commits leave the cache.
         */
        synchronized void commit() throws IOException {
            if (dirtyPages > 0) {
                ByteBuffer r = buildRecord();
                if (journal == null) {
                    journal = FileChannel.open(journalPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                }
                writeFully(journal, r.duplicate(), 0);
                journalMayBeValid = true;
                int at = Journal.HEADER;
                while (at < r.limit() - 4) {
                    long offset = r.getLong(at);
                    int length = r.getInt(at + 8);
                    at += Journal.RANGE_HEADER;
                    writeFully(channel, r.slice(at, length), offset);
                    at += length;
                }
                clearDirty();
            }
            commits++;
            pages.values().removeIf(p -> !p.dirty() && p.lastWritten < commits - 2);
        }

        /** The record of every run of adjacent dirty pages (a run is written from its first dirty byte to its last). */
        private ByteBuffer buildRecord() throws IOException {
            int size = Journal.HEADER + 4;
            for (Page p : pages.values()) {
                if (p.dirty()) {
                    size += Journal.RANGE_HEADER + PAGE;
                }
            }
            if (record.capacity() < size) {
                record = ByteBuffer.allocateDirect(Math.max(size, 2 * record.capacity()));
            }
            ByteBuffer r = record.clear();
            r.putInt(Journal.MAGIC).putInt(Journal.VERSION).putLong(channel.size()).putInt(0);
            int ranges = 0;
            Iterator<Map.Entry<Long, Page>> it = pages.entrySet().iterator();
            Map.Entry<Long, Page> e = it.hasNext() ? it.next() : null;
            while (e != null) {
                if (!e.getValue().dirty()) {
                    e = it.hasNext() ? it.next() : null;
                    continue;
                }
                // a run: this dirty page and the dirty pages right after it
                long first = e.getKey();
                int lengthAt = r.position() + 8;
                r.putLong(first * PAGE + e.getValue().dirtyFrom).putInt(0);
                int start = r.position();
                Page p = e.getValue();
                r.put(p.data, p.dirtyFrom, PAGE - p.dirtyFrom);
                long last = first;
                e = it.hasNext() ? it.next() : null;
                while (e != null && e.getKey() == last + 1 && e.getValue().dirty()) {
                    r.put(e.getValue().data, 0, PAGE);
                    last = e.getKey();
                    p = e.getValue();
                    e = it.hasNext() ? it.next() : null;
                }
                r.position(r.position() - (PAGE - p.dirtyTo)); // the run ends with its last dirty byte
                r.putInt(lengthAt, r.position() - start);
                ranges++;
            }
            r.putInt(16, ranges);
            var crc = new CRC32C();
            crc.update(r.duplicate().flip());
            r.putInt((int) crc.getValue());
            return r.flip();
        }

        private void clearDirty() {
            for (Page p : pages.values()) {
                p.dirtyFrom = PAGE;
                p.dirtyTo = 0;
            }
            dirtyPages = 0;
        }

        /** Writes the dirty pages into the file without the journal (invalidated first). */
        private void writeDirtyPages() throws IOException {
            invalidateJournal();
            for (Map.Entry<Long, Page> e : pages.entrySet()) {
                Page p = e.getValue();
                if (p.dirty()) {
                    writeFully(channel, ByteBuffer.wrap(p.data, p.dirtyFrom, p.dirtyTo - p.dirtyFrom),
                            e.getKey() * PAGE + p.dirtyFrom);
                }
            }
            clearDirty();
        }

        /** Makes sure no journal record can be applied later: before any write that is not journaled. */
        private void invalidateJournal() throws IOException {
            if (!journalMayBeValid && journal == null && !Files.exists(journalPath)) {
                return;
            }
            if (journal == null) {
                journal = FileChannel.open(journalPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            writeFully(journal, ByteBuffer.allocate(4), 0);
            journalMayBeValid = false;
        }

        // ---- the file

        @Override
        public synchronized long getLength() throws IOException {
            return channel.size();
        }

        /** For creating a file: the store makes it of the right size first. */
        @Override
        protected synchronized void setLength(long length) throws IOException {
            checkWritable();
            invalidateJournal();
            if (length < channel.size()) {
                channel.truncate(length);
            } else if (length > channel.size()) {
                writeFully(channel, ByteBuffer.allocate(1), length - 1);
            }
            pages.clear();
            dirtyPages = 0;
            blockStart = -1;
        }

        /** Writes what is left (without the journal: rrd4j closes after creating or to end) and syncs. */
        @Override
        protected synchronized void close() throws IOException {
            try {
                if (!readOnly) {
                    if (dirtyPages > 0) {
                        writeDirtyPages();
                    }
                    channel.force(false);
                }
            } finally {
                pages.clear();
                block = null;
                try {
                    if (journal != null) {
                        journal.close();
                    }
                } finally {
                    channel.close();
                }
            }
        }

        @Override
        public String getCanonicalPath() {
            return file.toAbsolutePath().normalize().toString();
        }

        private static int readFully(FileChannel c, ByteBuffer b, long at) throws IOException {
            int total = 0;
            while (b.hasRemaining()) {
                int n = c.read(b, at + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }

        private static void writeFully(FileChannel c, ByteBuffer b, long at) throws IOException {
            while (b.hasRemaining()) {
                at += c.write(b, at);
            }
        }
    }
}
