package psutil4j.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psutil4j.io=jdk: the JDK's file I/O gives the downcalls' results, or hands the call back
 * (ASK_KERNEL) when it cannot name the errno. EACCES is checked as user nobody in
 * ProcCallsTest#permissionErrorsAsNobody.
 */
class JdkIoTest {

    private static byte[] b(Path p) {
        return p.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int jdk(Path p, byte[] dst) {
        byte[] path = b(p);
        return JdkIo.readFile(path, path.length, dst);
    }

    private static int ffm(Path p, byte[] dst) {
        byte[] path = b(p);
        return FileIo.readFile(path, path.length, dst); // this JVM runs without psutil4j.io=jdk
    }

    @Test
    void theDefaultIsTheDowncalls() {
        assertTrue(!JdkIo.ENABLED, "tests run the library's default I/O");
    }

    @Test
    void filesOfEverySizeReadAsTheDowncallsReadThem(@TempDir Path dir) throws Exception {
        var random = new Random(42);
        for (int size : new int[] {0, 1, 4095, 4096, FileIo.CHUNK - 1, FileIo.CHUNK, FileIo.CHUNK + 1, 3 * FileIo.CHUNK + 7}) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            Path f = dir.resolve("f" + size);
            Files.write(f, content);
            for (int cap : new int[] {size, size + 1, 4 * FileIo.CHUNK}) {
                byte[] a = new byte[Math.max(cap, 1)];
                byte[] c = new byte[a.length];
                int n = jdk(f, a);
                assertEquals(ffm(f, c), n, "size " + size + " into " + a.length);
                if (n >= 0) {
                    assertEquals(size, n);
                    assertArrayEquals(content, Arrays.copyOf(a, n));
                }
            }
        }
    }

    @Test
    void tooSmallAsTheDowncalls(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, new byte[5000]);
        assertEquals(FileIo.TOO_SMALL, jdk(f, new byte[4999]));
        assertEquals(FileIo.TOO_SMALL, ffm(f, new byte[4999]));
        assertEquals(5000, jdk(f, new byte[5001]));
    }

    @Test
    void procFilesAsTheDowncalls() {
        // /proc/self/stat and /proc/meminfo change between two reads; cmdline and limits do not
        for (String p : new String[] {"/proc/self/cmdline", "/proc/self/limits", "/proc/version"}) {
            byte[] a = new byte[FileIo.CHUNK];
            byte[] c = new byte[FileIo.CHUNK];
            int n = jdk(Path.of(p), a);
            assertTrue(n > 0, p);
            assertEquals(ffm(Path.of(p), c), n, p);
            assertArrayEquals(Arrays.copyOf(c, n), Arrays.copyOf(a, n), p);
        }
    }

    @Test
    void errnoNamedOrHandedBack(@TempDir Path dir) throws Exception {
        byte[] dst = new byte[100];
        assertEquals(-Native.ENOENT, jdk(dir.resolve("missing"), dst));
        assertEquals(-Native.ENOENT, ffm(dir.resolve("missing"), dst));
        Path file = Files.writeString(dir.resolve("file"), "x");
        // ENOTDIR and EISDIR: the JDK does not say which errno, the downcalls do
        assertEquals(JdkIo.ASK_KERNEL, jdk(file.resolve("below"), dst));
        assertEquals(-Native.ENOTDIR, ffm(file.resolve("below"), dst));
        assertEquals(JdkIo.ASK_KERNEL, jdk(dir, dst));
        assertEquals(-21, ffm(dir, dst)); // EISDIR
        // a path that is not plain ASCII goes to the downcalls, byte for byte. The file is made by
        // sh, not java.nio: under the C locale (CI runs with no LANG) the JDK cannot name "été".
        byte[] utf8 = (dir + "/\u00e9t\u00e9").getBytes(StandardCharsets.UTF_8);
        var sh = new ProcessBuilder("sh", "-c", "printf summer > \"$1/$(printf '\\303\\251t\\303\\251')\"", "sh",
                dir.toString()).start();
        assertEquals(0, sh.waitFor());
        assertEquals(JdkIo.ASK_KERNEL, JdkIo.readFile(utf8, utf8.length, dst));
        assertEquals(6, FileIo.readFile(utf8, utf8.length, dst));
        assertEquals("summer", new String(dst, 0, 6, StandardCharsets.US_ASCII));
    }

    @Test
    void numericEntriesAsGetdents(@TempDir Path dir) throws Exception {
        for (String n : new String[] {"0", "1", "22", "4194304", "2147483647", "2147483648", "00000000007",
            "000000000007", "abc", "12a", "self", "99999999999"}) {
            Files.createFile(dir.resolve(n));
        }
        for (Path d : new Path[] {dir, Path.of("/proc"), Path.of("/proc/self/fd")}) {
            var viaJdk = new DirList.Ints();
            byte[] p = b(d);
            int n = JdkIo.numericEntries(p, p.length, viaJdk);
            var viaKernel = new DirList.Ints();
            int m = DirList.numericEntries(p, p.length, viaKernel);
            if (d == dir) {
                assertEquals(m, n, d.toString());
                viaJdk.sort();
                viaKernel.sort();
                assertArrayEquals(viaKernel.toArray(), viaJdk.toArray());
                assertArrayEquals(new int[] {0, 1, 7, 22, 4194304, 2147483647}, viaJdk.toArray());
            } else {
                assertTrue(n > 0 && m > 0, d.toString()); // live directories change between listings
            }
        }
        var ints = new DirList.Ints();
        byte[] missing = b(dir.resolve("nope"));
        assertEquals(JdkIo.ASK_KERNEL, JdkIo.numericEntries(missing, missing.length, ints));
        assertEquals(0, ints.size());
    }
}
