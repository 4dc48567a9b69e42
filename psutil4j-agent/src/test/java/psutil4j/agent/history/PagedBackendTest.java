package psutil4j.agent.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import psutil4j.agent.history.PagedBackendFactory.PagedBackend;

/**
 * The paged backend against a plain byte array: what is read is what was written, what a commit
 * wrote is in the file, and the journal makes a commit all or nothing across a kill (simulated
 * by putting the file back as it was before a commit, or cutting the record short).
 */
class PagedBackendTest {

    private static final int SIZE = 300_000; // several read blocks, a partial last page

    @Test
    void readsWhatWasWrittenAndCommitsItToTheFile(@TempDir Path dir) throws IOException {
        Path f = newFile(dir);
        byte[] want = Files.readAllBytes(f);
        var random = new Random(1);
        try (var b = new Open(f, false)) {
            for (int round = 0; round < 30; round++) {
                for (int i = 0; i < 50; i++) {
                    randomWrite(b.b, want, random);
                }
                // reads of every size and alignment, across pages and blocks, before the commit
                for (int i = 0; i < 50; i++) {
                    long at = random.nextInt(SIZE - 16);
                    assertEquals(ByteBuffer.wrap(want, (int) at, 8).getLong(), b.b.readLong(at), "long at " + at);
                    assertEquals(ByteBuffer.wrap(want, (int) at, 4).getInt(), b.b.readInt(at));
                    assertEquals(ByteBuffer.wrap(want, (int) at, 2).getShort(), b.b.readShort(at));
                    int n = random.nextInt(20_000);
                    int from = random.nextInt(SIZE - n);
                    byte[] got = new byte[n];
                    b.b.read(from, got);
                    assertArrayEquals(java.util.Arrays.copyOfRange(want, from, from + n), got);
                }
                b.b.commit();
                assertArrayEquals(want, Files.readAllBytes(f), "after commit " + round);
            }
            double[] d = b.b.readDouble(4090, 5);
            for (int i = 0; i < 5; i++) {
                assertEquals(ByteBuffer.wrap(want, 4090 + 8 * i, 8).getDouble(), d[i], 0.0);
            }
        }
        try (var b = new Open(f, false)) {
            byte[] all = new byte[SIZE];
            b.b.read(0, all);
            assertArrayEquals(want, all, "reopened");
        }
    }

    @Test
    void aRecordWrittenBeforeAKillIsAppliedWhenTheFileOpens(@TempDir Path dir) throws IOException {
        Path f = newFile(dir);
        var random = new Random(2);
        byte[] a = Files.readAllBytes(f);
        byte[] b;
        try (var o = new Open(f, false)) {
            for (int i = 0; i < 20; i++) {
                randomWrite(o.b, a, random);
            }
            o.b.commit();
            b = a.clone();
            byte[] fileA = Files.readAllBytes(f);
            assertArrayEquals(a, fileA);
            for (int i = 0; i < 20; i++) {
                randomWrite(o.b, b, random);
            }
            o.b.commit();
        }
        byte[] journalB = Files.readAllBytes(PagedBackendFactory.journalOf(f));
        // killed after the journal, before the file: the file still as after the first commit
        Files.write(f, a);
        try (var o = new Open(f, true)) {
            byte[] all = new byte[SIZE];
            o.b.read(0, all);
            assertArrayEquals(b, all, "a read-only reader sees the record over the file");
        }
        assertArrayEquals(a, Files.readAllBytes(f), "a read-only reader leaves the file alone");
        new Open(f, false).close();
        assertArrayEquals(b, Files.readAllBytes(f), "opening applied the record");
        // applying it again (killed after the file too) changes nothing
        Files.write(PagedBackendFactory.journalOf(f), journalB);
        new Open(f, false).close();
        assertArrayEquals(b, Files.readAllBytes(f));
        // a record cut short is ignored: the file keeps the previous update whole
        Files.write(f, a);
        Files.write(PagedBackendFactory.journalOf(f), java.util.Arrays.copyOf(journalB, journalB.length - 3));
        new Open(f, false).close();
        assertArrayEquals(a, Files.readAllBytes(f), "torn record ignored");
        // one flipped byte too
        journalB[journalB.length / 2] ^= 1;
        Files.write(PagedBackendFactory.journalOf(f), journalB);
        new Open(f, false).close();
        assertArrayEquals(a, Files.readAllBytes(f), "damaged record ignored");
    }

    @Test
    void aWriteOutsideTheJournalInvalidatesIt(@TempDir Path dir) throws IOException {
        Path f = newFile(dir);
        try (var o = new Open(f, false)) {
            o.b.writeDouble(8000, 1.5);
            o.b.commit(); // the journal holds 1.5 at 8000
            o.b.writeDouble(0, Double.NaN, 20_000); // a large fill goes straight to the file
            assertTrue(Double.isNaN(o.b.readDouble(8000)));
        }
        new Open(f, false).close(); // must not apply the old record over the fill
        assertTrue(Double.isNaN(ByteBuffer.wrap(Files.readAllBytes(f), 8000, 8).getDouble()));
    }

    @Test
    void anUpdateTooLargeForOneRecordIsWrittenWithoutIt(@TempDir Path dir) throws IOException {
        Path f = newFile(dir);
        byte[] want = Files.readAllBytes(f);
        try (var o = new Open(f, false)) {
            o.b.writeLong(16, 7);
            o.b.commit();
            // one long on each of more pages than a record holds
            for (int p = 0; p <= PagedBackendFactory.MAX_DIRTY_PAGES + 3; p++) {
                o.b.writeLong(p * (long) PagedBackendFactory.PAGE + 100, p);
                ByteBuffer.wrap(want).putLong(p * PagedBackendFactory.PAGE + 100, p);
            }
            o.b.commit();
        }
        ByteBuffer.wrap(want).putLong(16, 7);
        assertTrue(Files.size(PagedBackendFactory.journalOf(f)) <= PagedBackendFactory.MAX_JOURNAL_BYTES);
        new Open(f, false).close();
        assertArrayEquals(want, Files.readAllBytes(f));
    }

    @Test
    void readOnlyRefusesWrites(@TempDir Path dir) throws IOException {
        Path f = newFile(dir);
        try (var o = new Open(f, true)) {
            assertThrows(IOException.class, () -> o.b.writeLong(0, 1));
        }
        assertFalse(Files.exists(PagedBackendFactory.journalOf(f)));
    }

    private static void randomWrite(PagedBackend b, byte[] want, Random random) throws IOException {
        int at = random.nextInt(SIZE - 64);
        switch (random.nextInt(5)) {
            case 0 -> {
                long v = random.nextLong();
                b.writeLong(at, v);
                ByteBuffer.wrap(want).putLong(at, v);
            }
            case 1 -> {
                int v = random.nextInt();
                b.writeInt(at, v);
                ByteBuffer.wrap(want).putInt(at, v);
            }
            case 2 -> {
                double v = random.nextDouble();
                b.writeDouble(at, v, 3);
                for (int i = 0; i < 3; i++) {
                    ByteBuffer.wrap(want).putDouble(at + 8 * i, v);
                }
            }
            case 3 -> {
                short v = (short) random.nextInt();
                b.writeShort(at, v);
                ByteBuffer.wrap(want).putShort(at, v);
            }
            default -> {
                byte[] v = new byte[1 + random.nextInt(60)];
                random.nextBytes(v);
                b.write(at, v);
                System.arraycopy(v, 0, want, at, v.length);
            }
        }
    }

    private static Path newFile(Path dir) throws IOException {
        Path f = dir.resolve("t.rrd");
        byte[] init = new byte[SIZE];
        new Random(0).nextBytes(init);
        Files.write(f, init);
        return f;
    }

    /** A backend opened on a file, closed with try-with-resources. */
    private static final class Open implements AutoCloseable {
        final PagedBackend b;

        Open(Path f, boolean readOnly) throws IOException {
            b = new PagedBackend(f.toString(), readOnly);
        }

        @Override
        public void close() throws IOException {
            b.close();
        }
    }
}
