package psutil4j.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Re-reading files kept open: pread(2) at offset 0 makes a /proc seq_file (/proc/[pid]/stat,
 * /io) produce fresh content, one system call instead of open, read, read and close — about
 * 2.5x less kernel time per process for a sweep over every process (measured with the C floor
 * on a 6.18 kernel: stat 2.2 against 5.0 µs, io 1.3 against 3.8 µs). A file whose process has
 * exited answers ESRCH; a kept descriptor can never read another process that reused the pid.
 */
public final class KeptFiles {

    // ssize_t pread(int fd, void *buf, size_t count, off_t offset)
    private static final MethodHandle PREAD = Native.downcallErrno("pread",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));

    private final MemorySegment data;

    /** A reader with its own native buffer of {@code capacity} bytes (one per polling thread). */
    public KeptFiles(int capacity) {
        data = Arena.ofAuto().allocate(capacity);
    }

    /**
     * pread(fd, ..., 0) into {@code dst}: the file's length (at most the buffer's and
     * {@code dst}'s), or -errno. Content longer than the buffer is cut: for small files only.
     */
    public int readAtStart(int fd, byte[] dst) {
        MemorySegment st = Native.callState();
        try {
            long max = Math.min(dst.length, data.byteSize());
            while (true) {
                long n = (long) PREAD.invokeExact(st, fd, data, max, 0L);
                if (n < 0) {
                    int e = Native.errno(st);
                    if (e == Native.EINTR) {
                        continue;
                    }
                    return -e;
                }
                MemorySegment.copy(data, JAVA_BYTE, 0, dst, 0, (int) n);
                return (int) n;
            }
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
