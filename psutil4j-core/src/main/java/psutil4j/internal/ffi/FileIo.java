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
 * open(2), read(2) and close(2) into per-thread native buffers, copied into caller-owned heap
 * arrays: reading a /proc file allocates nothing on the Java heap (FileInputStream allocates a
 * stream, a descriptor and a cleaner per file).
 *
 * <p>Every method returns a non-negative result or {@code -errno}.
 */
public final class FileIo {

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int O_DIRECTORY = 0x10000;

    // int open(const char *path, int flags, ...)  -- variadic: mode is not passed for O_RDONLY
    private static final class Open {
        static final MethodHandle MH = Native.downcallErrno("open",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    // ssize_t read(int fd, void *buf, size_t count)
    private static final class Read {
        static final MethodHandle MH = Native.downcallErrno("read",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    // ssize_t readlink(const char *path, char *buf, size_t bufsiz)
    private static final class Readlink {
        static final MethodHandle MH = Native.downcallErrno("readlink",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
    }

    // int close(int fd)
    private static final class Close {
        static final MethodHandle MH = Native.downcall("close",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    /** Native chunk size per read(2) call; psutil found smaller reads could tear /proc files. */
    public static final int CHUNK = 64 * 1024;
    private static final int MAX_PATH = 4096;

    private static final class Scratch {
        final MemorySegment path;
        final MemorySegment data;

        Scratch() {
            Arena arena = Arena.ofAuto();
            path = arena.allocate(MAX_PATH + 1);
            data = arena.allocate(CHUNK);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private FileIo() {
    }

    /**
     * This thread's scratch with {@code path} copied in as a NUL-terminated C string, or null
     * when the path is too long for it.
     */
    private static Scratch cPath(byte[] path, int pathLen) {
        if (pathLen > MAX_PATH) {
            return null;
        }
        Scratch s = SCRATCH.get();
        MemorySegment.copy(path, 0, s.path, JAVA_BYTE, 0, pathLen);
        s.path.set(JAVA_BYTE, pathLen, (byte) 0);
        return s;
    }

    /** open(path, O_RDONLY|O_CLOEXEC); path is {@code pathLen} bytes without a terminating NUL. */
    public static int open(byte[] path, int pathLen) {
        return openFlags(path, pathLen, O_RDONLY | O_CLOEXEC);
    }

    /** Opens a directory read-only (for fd-relative use or to test existence). */
    public static int openDirectory(byte[] path, int pathLen) {
        return openFlags(path, pathLen, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
    }

    private static int openFlags(byte[] path, int pathLen, int flags) {
        Scratch s = cPath(path, pathLen);
        if (s == null) {
            return -Native.EINVAL;
        }
        MemorySegment st = Native.callState();
        try {
            int fd = (int) Open.MH.invokeExact(st, s.path, flags);
            return fd >= 0 ? fd : -Native.errno(st);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@link #readFile} found the file larger than the array: grow it and call again. */
    public static final int TOO_SMALL = Integer.MIN_VALUE;

    /**
     * open(2), read(2) to EOF and close(2) in one method, into {@code dst}: the hot path of every
     * /proc read. The three downcalls sit in one small compiled method, so the JIT inlines their
     * stubs whatever the caller's depth (split over three callers, a deep caller such as an
     * agent's poll loop could run out of inlining budget and call the stubs out of line: 1.3x
     * slower in JMH). Returns the length read, -errno, or {@link #TOO_SMALL} when the file did
     * not fit (nothing is kept; the caller grows {@code dst} and calls again). With
     * {@code psutil4j.io=jdk} the JDK reads the file instead ({@link JdkIo}).
     */
    public static int readFile(byte[] path, int pathLen, byte[] dst) {
        if (JdkIo.ENABLED) {
            int n = JdkIo.readFile(path, pathLen, dst);
            if (n != JdkIo.ASK_KERNEL) {
                return n;
            }
        }
        Scratch s = cPath(path, pathLen);
        if (s == null) {
            return -Native.EINVAL;
        }
        MemorySegment st = Native.callState();
        try {
            int fd = (int) Open.MH.invokeExact(st, s.path, O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                return -Native.errno(st);
            }
            int total = 0;
            int result;
            while (true) {
                int room = Math.min(dst.length - total, CHUNK);
                if (room == 0) {
                    result = TOO_SMALL;
                    break;
                }
                long n = (long) Read.MH.invokeExact(st, fd, s.data, (long) room);
                if (n < 0) {
                    int e = Native.errno(st);
                    if (e == Native.EINTR) {
                        continue;
                    }
                    result = -e;
                    break;
                }
                if (n == 0) {
                    result = total;
                    break;
                }
                MemorySegment.copy(s.data, JAVA_BYTE, 0, dst, total, (int) n);
                total += (int) n;
            }
            int unused = (int) Close.MH.invokeExact(fd);
            return result;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Reads up to {@code max} bytes (at most {@link #CHUNK}) into {@code dst[off..]}. */
    public static int read(int fd, byte[] dst, int off, int max) {
        Scratch s = SCRATCH.get();
        int want = Math.min(max, CHUNK);
        MemorySegment st = Native.callState();
        long n;
        try {
            do {
                n = (long) Read.MH.invokeExact(st, fd, s.data, (long) want);
            } while (n < 0 && Native.errno(st) == Native.EINTR);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (n < 0) {
            return -Native.errno(st);
        }
        MemorySegment.copy(s.data, JAVA_BYTE, 0, dst, off, (int) n);
        return (int) n;
    }

    /** readlink(2) into {@code dst}; returns the length, or -errno. Truncates at dst.length. */
    public static int readlink(byte[] path, int pathLen, byte[] dst) {
        Scratch s = cPath(path, pathLen);
        if (s == null) {
            return -Native.EINVAL;
        }
        MemorySegment st = Native.callState();
        long n;
        try {
            n = (long) Readlink.MH.invokeExact(st, s.path, s.data, (long) Math.min(dst.length, CHUNK));
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (n < 0) {
            return -Native.errno(st);
        }
        MemorySegment.copy(s.data, JAVA_BYTE, 0, dst, 0, (int) n);
        return (int) n;
    }

    /** close(2); errors are ignored as there is nothing useful to do with them on a read-only fd. */
    public static void close(int fd) {
        try {
            int r = (int) Close.MH.invokeExact(fd);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
