package psutil4j.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import psutil4j.internal.ffi.Native;

class ByteCursorTest {

    @Test
    void readsNumbersAndSkipsFields() {
        ByteCursor c = ByteCursor.of("cpu  10 -2 30\nbtime 1700000000\n");
        assertTrue(c.consume(ByteCursor.ascii("cpu")));
        assertEquals(10, c.nextLong());
        assertEquals(-2, c.nextLong());
        c.skipField();
        assertEquals(-1, c.nextLong(-1), "no number before the newline");
        c.nextLine();
        assertTrue(c.startsWith(ByteCursor.ascii("btime")));
        c.skipField();
        assertEquals(1_700_000_000L, c.nextLong());
    }

    @Test
    void hexDoublesTokensAndLines() {
        ByteCursor c = ByteCursor.of("0100007F:1F90 some 0.45 12\n  rest of line  \n");
        assertEquals(0x0100007FL, c.nextHex());
        assertTrue(c.skipPast((byte) ':'));
        assertEquals(0x1F90, c.nextHex());
        assertEquals("some", c.token());
        assertEquals(0.45, c.nextDouble(), 1e-12);
        assertEquals(12.0, c.nextDouble(), 1e-12);
        c.nextLine();
        assertEquals("rest of line", c.restOfLine());
        assertFalse(c.hasMore());
        assertNull(c.token());
    }

    @Test
    void decimalsAreCorrectlyRounded() {
        ByteCursor c = ByteCursor.of("1.79 0.10 98.62 -3.5 12. x");
        assertEquals(1.79, c.nextDouble());
        assertEquals(0.10, c.nextDouble());
        assertEquals(98.62, c.nextDouble());
        assertEquals(-3.5, c.nextDouble());
        assertEquals(12.0, c.nextDouble());
        assertTrue(Double.isNaN(c.nextDouble()));
    }

    @Test
    void lastIndexOfFindsTheClosingParenOfOddNames() {
        ByteCursor c = ByteCursor.of("42 (a) b (c) S 1");
        int close = c.lastIndexOf((byte) ')', 0);
        assertEquals("42 (a) b (c)", c.string(0, close + 1));
    }

    @Test
    void unsignedCountersAboveLongMaxWrapToNegativeButCompareUnsigned() {
        ByteCursor c = ByteCursor.of("18446744073709551615");
        long v = c.nextUnsignedLong();
        assertEquals("18446744073709551615", Long.toUnsignedString(v));
    }

    @Test
    void procBufferReadsWholeFilesLargerThanOneChunk(@TempDir Path dir) throws Exception {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        Path f = dir.resolve("big");
        Files.write(f, big);
        ProcBuffer b = ProcBuffer.get();
        assertEquals(big.length, b.read(f));
        assertEquals(new String(big, java.nio.charset.StandardCharsets.US_ASCII), b.text());
    }

    @Test
    void procBufferReportsErrnoForMissingFiles(@TempDir Path dir) {
        ProcBuffer b = ProcBuffer.get();
        assertEquals(-Native.ENOENT, b.read(dir.resolve("missing")));
        assertEquals(0, b.length());
    }

    @Test
    void procBufferBuildsPathsWithoutAllocatingStrings() {
        ProcBuffer b = ProcBuffer.get();
        b.path(ByteCursor.ascii("/proc")).append(ByteCursor.ascii("/")).append(0).append("/x").append(1234567L);
        assertEquals("/proc/0/x1234567", b.pathString());
        int n = b.path(ByteCursor.ascii("/proc/self/stat")).read();
        assertTrue(n > 0, "read /proc/self/stat");
        assertEquals(ProcessHandle.current().pid(), b.cursor().nextLong());
    }
}
