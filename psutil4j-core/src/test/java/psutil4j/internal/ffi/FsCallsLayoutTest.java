package psutil4j.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemoryLayout.PathElement;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** struct statvfs as glibc lays it out on LP64 Linux, and the calls that use it. */
class FsCallsLayoutTest {

    private static long offset(String field) {
        return FsCalls.STATVFS.byteOffset(PathElement.groupElement(field));
    }

    @Test
    void statvfsLayoutMatchesGlibcOnLp64() {
        String arch = System.getProperty("os.arch");
        assertTrue(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"),
                "layout only checked for x86_64/aarch64, running on " + arch);
        // offsetof() values printed by a C program against glibc 2.36's <sys/statvfs.h>
        assertEquals(112, FsCalls.STATVFS.byteSize());
        assertEquals(0, offset("f_bsize"));
        assertEquals(8, offset("f_frsize"));
        assertEquals(16, offset("f_blocks"));
        assertEquals(24, offset("f_bfree"));
        assertEquals(32, offset("f_bavail"));
        assertEquals(40, offset("f_files"));
        assertEquals(48, offset("f_ffree"));
        assertEquals(56, offset("f_favail"));
        assertEquals(64, offset("f_fsid"));
        assertEquals(72, offset("f_flag"));
        assertEquals(80, offset("f_namemax"));
        assertEquals(88, offset("__f_spare"));
        assertEquals(8, FsCalls.STATVFS.byteAlignment());
    }

    @Test
    void statvfsOfRootIsConsistent() {
        byte[] p = "/".getBytes(StandardCharsets.UTF_8);
        long[] v = new long[FsCalls.STATVFS_FIELDS];
        assertEquals(0, FsCalls.statvfs(p, p.length, v));
        assertTrue(v[FsCalls.FRSIZE] > 0 && Long.bitCount(v[FsCalls.FRSIZE]) == 1, "frsize " + v[FsCalls.FRSIZE]);
        assertTrue(v[FsCalls.BLOCKS] > 0);
        assertTrue(Long.compareUnsigned(v[FsCalls.BFREE], v[FsCalls.BLOCKS]) <= 0);
        assertTrue(Long.compareUnsigned(v[FsCalls.BAVAIL], v[FsCalls.BFREE]) <= 0);
        assertTrue(Long.compareUnsigned(v[FsCalls.FFREE], v[FsCalls.FILES]) <= 0);
        // Linux has no separate count of inodes for unprivileged users
        assertEquals(v[FsCalls.FFREE], v[FsCalls.FAVAIL]);
    }

    @Test
    void statvfsReportsErrno() {
        byte[] p = "/no/such/dir/psutil4j".getBytes(StandardCharsets.UTF_8);
        assertEquals(-Native.ENOENT, FsCalls.statvfs(p, p.length, new long[FsCalls.STATVFS_FIELDS]));
        byte[] f = "/proc/self/stat/x".getBytes(StandardCharsets.UTF_8);
        assertEquals(-Native.ENOTDIR, FsCalls.statvfs(f, f.length, new long[FsCalls.STATVFS_FIELDS]));
    }

    @Test
    void existsFollowsAccess() {
        byte[] yes = "/proc/self".getBytes(StandardCharsets.UTF_8);
        byte[] no = "/proc/no-such-entry".getBytes(StandardCharsets.UTF_8);
        assertTrue(FsCalls.exists(yes, yes.length));
        assertFalse(FsCalls.exists(no, no.length));
        // only the first len bytes count
        assertTrue(FsCalls.exists("/procXYZ".getBytes(StandardCharsets.UTF_8), 5));
    }

    @Test
    void statxLayoutMatchesTheKernel() {
        // include/uapi/linux/stat.h: the same on every architecture
        assertEquals(256, FsCalls.STATX.byteSize());
        assertEquals(28, FsCalls.STATX.byteOffset(PathElement.groupElement("stx_mode")));
        assertEquals(32, FsCalls.STATX.byteOffset(PathElement.groupElement("stx_ino")));
        assertEquals(40, FsCalls.STATX.byteOffset(PathElement.groupElement("stx_size")));
        assertEquals(64, FsCalls.STATX.byteOffset(PathElement.groupElement("stx_times")));
        assertEquals(128, FsCalls.STATX.byteOffset(PathElement.groupElement("stx_rdev_major")));
        assertEquals(136, FsCalls.STATX.byteOffset(PathElement.groupElement("stx_dev_major")));
        assertEquals(144, FsCalls.STATX.byteOffset(PathElement.groupElement("__spare2")));
    }

    @Test
    void statMatchesTheJdk() throws Exception {
        byte[] p = "/etc/passwd".getBytes(StandardCharsets.UTF_8);
        long[] v = new long[FsCalls.STAT_FIELDS];
        assertEquals(0, FsCalls.stat(p, p.length, v));
        var a = java.nio.file.Files.readAttributes(java.nio.file.Path.of("/etc/passwd"), "unix:ino,size,mode,dev");
        assertEquals(a.get("ino"), v[FsCalls.INO]);
        assertEquals(a.get("size"), v[FsCalls.SIZE]);
        assertEquals(a.get("mode"), (int) v[FsCalls.MODE]);
        long dev = (Long) a.get("dev"); // glibc's makedev encoding
        assertEquals(((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL), v[FsCalls.DEV_MAJOR]);
        assertEquals((dev & 0xff) | ((dev >>> 12) & 0xffffff00L), v[FsCalls.DEV_MINOR]);
        byte[] n = "/dev/null".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, FsCalls.stat(n, n.length, v));
        assertEquals(1, v[FsCalls.RDEV_MAJOR]);
        assertEquals(3, v[FsCalls.RDEV_MINOR]);
        byte[] x = "/no/such/psutil4j".getBytes(StandardCharsets.UTF_8);
        assertEquals(-Native.ENOENT, FsCalls.stat(x, x.length, v));
    }
}
