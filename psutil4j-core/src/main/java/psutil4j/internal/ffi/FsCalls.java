package psutil4j.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * File-system calls for disks: statvfs(3) for {@code disk_usage} (psutil uses
 * {@code os.statvfs}) and access(2) for psutil's {@code is_storage_device}.
 *
 * <p>Both copy the path into a per-thread native buffer, so a call allocates nothing on the
 * Java heap besides what the caller keeps.
 */
public final class FsCalls {

    /**
     * glibc's {@code struct statvfs} on LP64 Linux (x86_64 and aarch64 use the generic
     * {@code bits/statvfs.h}; {@code fsblkcnt_t}/{@code fsfilcnt_t} are 64-bit there, and
     * {@code _STATVFSBUF_F_UNUSED} is only defined for 32-bit ABIs):
     * <pre>
     * struct statvfs {
     *     unsigned long f_bsize;     //  0  file system block size
     *     unsigned long f_frsize;    //  8  fragment size: the unit of f_blocks/f_bfree/f_bavail
     *     fsblkcnt_t    f_blocks;    // 16  size of fs in f_frsize units
     *     fsblkcnt_t    f_bfree;     // 24  free blocks (root included)
     *     fsblkcnt_t    f_bavail;    // 32  free blocks for unprivileged users
     *     fsfilcnt_t    f_files;     // 40  inodes
     *     fsfilcnt_t    f_ffree;     // 48  free inodes
     *     fsfilcnt_t    f_favail;    // 56  free inodes for unprivileged users
     *     unsigned long f_fsid;      // 64
     *     unsigned long f_flag;      // 72  ST_RDONLY, ST_NOSUID, ...
     *     unsigned long f_namemax;   // 80
     *     int           __f_spare[6];// 88  (glibc 2.39 turned the first into f_type)
     * };                             // sizeof == 112
     * </pre>
     */
    public static final StructLayout STATVFS = MemoryLayout.structLayout(
            JAVA_LONG.withName("f_bsize"),
            JAVA_LONG.withName("f_frsize"),
            JAVA_LONG.withName("f_blocks"),
            JAVA_LONG.withName("f_bfree"),
            JAVA_LONG.withName("f_bavail"),
            JAVA_LONG.withName("f_files"),
            JAVA_LONG.withName("f_ffree"),
            JAVA_LONG.withName("f_favail"),
            JAVA_LONG.withName("f_fsid"),
            JAVA_LONG.withName("f_flag"),
            JAVA_LONG.withName("f_namemax"),
            MemoryLayout.sequenceLayout(6, JAVA_INT).withName("__f_spare")
    ).withName("statvfs");

    private static final VarHandle F_FRSIZE = field("f_frsize");
    private static final VarHandle F_BLOCKS = field("f_blocks");
    private static final VarHandle F_BFREE = field("f_bfree");
    private static final VarHandle F_BAVAIL = field("f_bavail");
    private static final VarHandle F_FILES = field("f_files");
    private static final VarHandle F_FFREE = field("f_ffree");
    private static final VarHandle F_FAVAIL = field("f_favail");

    // int statvfs(const char *restrict path, struct statvfs *restrict buf)
    private static final class StatvfsCall {
        static final MethodHandle MH = Native.downcallErrno("statvfs",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    // int access(const char *path, int mode)
    private static final class Access {
        static final MethodHandle MH = Native.downcallErrno("access",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final int F_OK = 0;
    private static final int MAX_PATH = 4096;

    /** Indexes into the array filled by {@link #statvfs}. */
    public static final int FRSIZE = 0;
    public static final int BLOCKS = 1;
    public static final int BFREE = 2;
    public static final int BAVAIL = 3;
    public static final int FILES = 4;
    public static final int FFREE = 5;
    public static final int FAVAIL = 6;
    /** Length of the array {@link #statvfs} fills. */
    public static final int STATVFS_FIELDS = 7;

    private static final class Scratch {
        final MemorySegment path;
        final MemorySegment statvfs;

        Scratch() {
            Arena arena = Arena.ofAuto();
            path = arena.allocate(MAX_PATH + 1);
            statvfs = arena.allocate(STATVFS);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private FsCalls() {
    }

    private static VarHandle field(String name) {
        return STATVFS.varHandle(MemoryLayout.PathElement.groupElement(name));
    }

    /** Copies a NUL-free path into the scratch buffer; false if too long. */
    private static boolean putPath(Scratch s, byte[] path, int len) {
        if (len > MAX_PATH) {
            return false;
        }
        MemorySegment.copy(path, 0, s.path, JAVA_BYTE, 0, len);
        s.path.set(JAVA_BYTE, len, (byte) 0);
        return true;
    }

    /**
     * statvfs(path) into {@code out} (indexed by {@link #FRSIZE}..{@link #FAVAIL}, values are
     * unsigned 64-bit). Returns 0, or -errno. {@code path} must not contain NUL bytes.
     */
    public static int statvfs(byte[] path, int len, long[] out) {
        Scratch s = SCRATCH.get();
        if (!putPath(s, path, len)) {
            return -36; // ENAMETOOLONG
        }
        MemorySegment st = Native.callState();
        int r;
        try {
            do {
                r = (int) StatvfsCall.MH.invokeExact(st, s.path, s.statvfs);
            } while (r < 0 && Native.errno(st) == Native.EINTR);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            return -Native.errno(st);
        }
        MemorySegment b = s.statvfs;
        out[FRSIZE] = (long) F_FRSIZE.get(b, 0L);
        out[BLOCKS] = (long) F_BLOCKS.get(b, 0L);
        out[BFREE] = (long) F_BFREE.get(b, 0L);
        out[BAVAIL] = (long) F_BAVAIL.get(b, 0L);
        out[FILES] = (long) F_FILES.get(b, 0L);
        out[FFREE] = (long) F_FFREE.get(b, 0L);
        out[FAVAIL] = (long) F_FAVAIL.get(b, 0L);
        return 0;
    }

    /** access(path, F_OK) == 0, as Python's {@code os.access(path, os.F_OK)}; follows symlinks. */
    public static boolean exists(byte[] path, int len) {
        Scratch s = SCRATCH.get();
        if (!putPath(s, path, len)) {
            return false;
        }
        MemorySegment st = Native.callState();
        try {
            return (int) Access.MH.invokeExact(st, s.path, F_OK) == 0;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
