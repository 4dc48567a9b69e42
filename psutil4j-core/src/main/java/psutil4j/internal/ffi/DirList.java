package psutil4j.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * Lists directories such as /proc, /proc/[pid]/fd and /proc/[pid]/task with getdents64(2):
 * numeric entry names are decoded straight from the kernel's records into an int array, so
 * listing /proc makes no String or Path per entry (Files.list makes both).
 *
 * <p>Every method returns a non-negative result or {@code -errno}.
 */
public final class DirList {

    /*
     * struct linux_dirent64 {
     *     ino64_t        d_ino;     // 0
     *     off64_t        d_off;     // 8
     *     unsigned short d_reclen;  // 16
     *     unsigned char  d_type;    // 18
     *     char           d_name[];  // 19, NUL-terminated
     * };
     */
    static final StructLayout DIRENT64_HEADER = MemoryLayout.structLayout(
            JAVA_LONG.withName("d_ino"),
            JAVA_LONG.withName("d_off"),
            JAVA_SHORT_UNALIGNED.withName("d_reclen"),
            JAVA_BYTE.withName("d_type"));
    static final long OFF_RECLEN = 16;
    static final long OFF_NAME = 19;

    // ssize_t getdents64(int fd, void *dirp, size_t count)   (glibc >= 2.30)
    private static final class Getdents64 {
        static final MethodHandle MH = Native.downcallErrno("getdents64",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final int BUF = 32 * 1024;
    private static final class Scratch {
        static final ThreadLocal<MemorySegment> BUF =
                ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(DirList.BUF, 8));
    }

    /** A reusable growable int array receiving entry numbers. */
    public static final class Ints {
        private int[] values = new int[512];
        private int size;

        public int size() {
            return size;
        }

        public int get(int i) {
            return values[i];
        }

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        /** Replaces the values with the first {@code n} of {@code src}. */
        public void copyFrom(int[] src, int n) {
            if (values.length < n) {
                values = new int[Math.max(n, values.length * 2)];
            }
            System.arraycopy(src, 0, values, 0, n);
            size = n;
        }

        /** Sorts the values in place. */
        public void sort() {
            Arrays.sort(values, 0, size);
        }

        /** A copy of the values. */
        public int[] toArray() {
            return Arrays.copyOf(values, size);
        }

        public void clear() {
            size = 0;
        }
    }

    private DirList() {
    }

    /** A directory entry's name as a pid/fd/tid, as the getdents64 loop decodes it, or -1. */
    static int parseNumber(String name) {
        int n = name.length();
        if (n == 0 || n > 11) { // numericEntries rejects a 12th digit
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= Integer.MAX_VALUE ? (int) v : -1;
    }

    /**
     * Appends to {@code out} the names of the directory's entries that are decimal numbers
     * (pids, fds, tids); other names are skipped. Returns the number appended, or -errno. With
     * {@code psutil4j.io=jdk} the JDK lists the directory instead ({@link JdkIo}).
     */
    public static int numericEntries(byte[] path, int pathLen, Ints out) {
        if (JdkIo.ENABLED) {
            int n = JdkIo.numericEntries(path, pathLen, out);
            if (n != JdkIo.ASK_KERNEL) {
                return n;
            }
        }
        int fd = FileIo.openDirectory(path, pathLen);
        if (fd < 0) {
            return fd;
        }
        try {
            MemorySegment buf = Scratch.BUF.get();
            MemorySegment st = Native.callState();
            int count = 0;
            while (true) {
                long n;
                try {
                    n = (long) Getdents64.MH.invokeExact(st, fd, buf, (long) BUF);
                } catch (Throwable t) {
                    throw new AssertionError(t);
                }
                if (n < 0) {
                    return -Native.errno(st);
                }
                if (n == 0) {
                    return count;
                }
                long off = 0;
                while (off < n) {
                    int reclen = Short.toUnsignedInt(buf.get(JAVA_SHORT_UNALIGNED, off + OFF_RECLEN));
                    long p = off + OFF_NAME;
                    long v = 0;
                    int digits = 0;
                    byte c;
                    while ((c = buf.get(JAVA_BYTE, p)) != 0) {
                        if (c < '0' || c > '9' || digits > 10) {
                            digits = -1;
                            break;
                        }
                        v = v * 10 + (c - '0');
                        digits++;
                        p++;
                    }
                    if (digits > 0 && v <= Integer.MAX_VALUE) {
                        out.add((int) v);
                        count++;
                    }
                    off += reclen;
                }
            }
        } finally {
            FileIo.close(fd);
        }
    }
}
