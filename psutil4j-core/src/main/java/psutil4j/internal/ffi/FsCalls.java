package psutil4j.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * File-system calls: statvfs(3) for {@code disk_usage} (psutil uses {@code os.statvfs}),
 * access(2) for psutil's {@code is_storage_device}, and statx(2) for the type, device, size and
 * inode of a file (lsof's columns, beyond psutil).
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

    /**
     * The kernel's {@code struct statx} (include/uapi/linux/stat.h, Linux 4.11+, glibc 2.28+): the
     * same layout on every architecture, unlike {@code struct stat}, and devices already split
     * into major and minor.
     * <pre>
     * struct statx {
     *     __u32 stx_mask;            //   0  STATX_* bits filled in
     *     __u32 stx_blksize;         //   4
     *     __u64 stx_attributes;      //   8
     *     __u32 stx_nlink;           //  16
     *     __u32 stx_uid;             //  20
     *     __u32 stx_gid;             //  24
     *     __u16 stx_mode;            //  28  file type and permissions
     *     __u16 __spare0;            //  30
     *     __u64 stx_ino;             //  32
     *     __u64 stx_size;            //  40
     *     __u64 stx_blocks;          //  48
     *     __u64 stx_attributes_mask; //  56
     *     struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime; // 64, 80, 96, 112
     *     __u32 stx_rdev_major;      // 128  the device a device file stands for
     *     __u32 stx_rdev_minor;      // 132
     *     __u32 stx_dev_major;       // 136  the device the file lives on
     *     __u32 stx_dev_minor;       // 140
     *     __u64 __spare2[14];        // 144
     * };                             // sizeof == 256
     * </pre>
     */
    public static final StructLayout STATX = MemoryLayout.structLayout(
            JAVA_INT.withName("stx_mask"),
            JAVA_INT.withName("stx_blksize"),
            JAVA_LONG.withName("stx_attributes"),
            JAVA_INT.withName("stx_nlink"),
            JAVA_INT.withName("stx_uid"),
            JAVA_INT.withName("stx_gid"),
            JAVA_SHORT.withName("stx_mode"),
            JAVA_SHORT.withName("__spare0"),
            JAVA_LONG.withName("stx_ino"),
            JAVA_LONG.withName("stx_size"),
            JAVA_LONG.withName("stx_blocks"),
            JAVA_LONG.withName("stx_attributes_mask"),
            MemoryLayout.sequenceLayout(8, JAVA_LONG).withName("stx_times"),
            JAVA_INT.withName("stx_rdev_major"),
            JAVA_INT.withName("stx_rdev_minor"),
            JAVA_INT.withName("stx_dev_major"),
            JAVA_INT.withName("stx_dev_minor"),
            MemoryLayout.sequenceLayout(14, JAVA_LONG).withName("__spare2")
    ).withName("statx");

    private static final VarHandle STX_MODE = STATX.varHandle(MemoryLayout.PathElement.groupElement("stx_mode"));
    private static final VarHandle STX_INO = STATX.varHandle(MemoryLayout.PathElement.groupElement("stx_ino"));
    private static final VarHandle STX_SIZE = STATX.varHandle(MemoryLayout.PathElement.groupElement("stx_size"));
    private static final VarHandle STX_RDEV_MAJOR = STATX.varHandle(MemoryLayout.PathElement.groupElement("stx_rdev_major"));
    private static final VarHandle STX_RDEV_MINOR = STATX.varHandle(MemoryLayout.PathElement.groupElement("stx_rdev_minor"));
    private static final VarHandle STX_DEV_MAJOR = STATX.varHandle(MemoryLayout.PathElement.groupElement("stx_dev_major"));
    private static final VarHandle STX_DEV_MINOR = STATX.varHandle(MemoryLayout.PathElement.groupElement("stx_dev_minor"));

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

    // int statx(int dirfd, const char *restrict path, int flags, unsigned int mask,
    //           struct statx *restrict statxbuf)
    private static final class StatxCall {
        static final MethodHandle MH = Native.downcallErrno("statx",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    }

    private static final int AT_FDCWD = -100;
    /** STATX_TYPE | STATX_MODE | STATX_INO | STATX_SIZE (dev and rdev are always filled). */
    private static final int STATX_WANTED = 0x1 | 0x2 | 0x100 | 0x200;

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

    /** Indexes into the array filled by {@link #stat}. */
    public static final int MODE = 0;
    public static final int INO = 1;
    public static final int SIZE = 2;
    public static final int DEV_MAJOR = 3;
    public static final int DEV_MINOR = 4;
    public static final int RDEV_MAJOR = 5;
    public static final int RDEV_MINOR = 6;
    /** Length of the array {@link #stat} fills. */
    public static final int STAT_FIELDS = 7;

    private static final class Scratch {
        final MemorySegment path;
        final MemorySegment statvfs;
        final MemorySegment statx;

        Scratch() {
            Arena arena = Arena.ofAuto();
            path = arena.allocate(MAX_PATH + 1);
            statvfs = arena.allocate(STATVFS);
            statx = arena.allocate(STATX);
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

    /**
     * stat(2) of {@code path}, following symbolic links (so a /proc/PID/fd/N link gives the open
     * file, even a deleted one or one in another mount namespace), with statx(2). Fills
     * {@code out} (indexed by {@link #MODE}..{@link #RDEV_MINOR}; ino and size are unsigned).
     * Returns 0, or -errno. {@code path} must not contain NUL bytes.
     */
    public static int stat(byte[] path, int len, long[] out) {
        Scratch s = SCRATCH.get();
        if (!putPath(s, path, len)) {
            return -36; // ENAMETOOLONG
        }
        MemorySegment st = Native.callState();
        int r;
        try {
            do {
                r = (int) StatxCall.MH.invokeExact(st, AT_FDCWD, s.path, 0, STATX_WANTED, s.statx);
            } while (r < 0 && Native.errno(st) == Native.EINTR);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            return -Native.errno(st);
        }
        MemorySegment b = s.statx;
        out[MODE] = Short.toUnsignedLong((short) STX_MODE.get(b, 0L));
        out[INO] = (long) STX_INO.get(b, 0L);
        out[SIZE] = (long) STX_SIZE.get(b, 0L);
        out[DEV_MAJOR] = Integer.toUnsignedLong((int) STX_DEV_MAJOR.get(b, 0L));
        out[DEV_MINOR] = Integer.toUnsignedLong((int) STX_DEV_MINOR.get(b, 0L));
        out[RDEV_MAJOR] = Integer.toUnsignedLong((int) STX_RDEV_MAJOR.get(b, 0L));
        out[RDEV_MINOR] = Integer.toUnsignedLong((int) STX_RDEV_MINOR.get(b, 0L));
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
