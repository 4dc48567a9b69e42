package psutil4j.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** getdents64 listing: struct linux_dirent64 layout and numeric-name decoding. */
class DirListTest {

    @Test
    void direntLayoutMatchesTheKernelHeader() {
        // include/linux/dirent.h: u64 d_ino; s64 d_off; unsigned short d_reclen; unsigned char d_type; char d_name[]
        assertEquals(0, DirList.DIRENT64_HEADER.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("d_ino")));
        assertEquals(8, DirList.DIRENT64_HEADER.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("d_off")));
        assertEquals(DirList.OFF_RECLEN,
                DirList.DIRENT64_HEADER.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("d_reclen")));
        assertEquals(18, DirList.DIRENT64_HEADER.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("d_type")));
        assertEquals(DirList.OFF_NAME, DirList.DIRENT64_HEADER.byteSize());
    }

    private static byte[] b(Path p) {
        return p.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void numericEntriesOnly(@TempDir Path dir) throws Exception {
        for (String n : new String[] {"1", "22", "4194304", "abc", "12a", "self", "99999999999"}) {
            Files.createFile(dir.resolve(n));
        }
        var ints = new DirList.Ints();
        byte[] p = b(dir);
        assertEquals(3, DirList.numericEntries(p, p.length, ints));
        ints.sort();
        assertArrayEquals(new int[] {1, 22, 4194304}, ints.toArray());
    }

    @Test
    void manyEntriesAndErrors(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 3000; i++) {
            Files.createFile(dir.resolve(Integer.toString(i)));
        }
        var ints = new DirList.Ints();
        byte[] p = b(dir);
        assertEquals(3000, DirList.numericEntries(p, p.length, ints), "more than one getdents64 buffer");
        byte[] missing = b(dir.resolve("nope"));
        assertEquals(-Native.ENOENT, DirList.numericEntries(missing, missing.length, ints));
        byte[] file = b(dir.resolve("7"));
        assertEquals(-Native.ENOTDIR, DirList.numericEntries(file, file.length, ints));
        byte[] proc = "/proc".getBytes(StandardCharsets.US_ASCII);
        ints.clear();
        assertTrue(DirList.numericEntries(proc, proc.length, ints) > 1);
    }
}
