package psutil4j.internal.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import psutil4j.FileStat;
import psutil4j.FileType;
import psutil4j.internal.ffi.FsCalls;
import psutil4j.internal.ffi.Native;
import psutil4j.internal.parse.ProcBuffer;

/**
 * stat(2) of files and of /proc links, and the terminal behind a descriptor: what lsof and tty
 * need beyond psutil.
 */
public final class LinuxFiles {

    private static final ThreadLocal<long[]> STAT = ThreadLocal.withInitial(() -> new long[FsCalls.STAT_FIELDS]);

    private LinuxFiles() {
    }

    /** stat(2) of a path (links followed); returns null with the errno in {@code errno[0]}. */
    public static FileStat stat(byte[] path, int len, int[] errno) {
        long[] v = STAT.get();
        int r = FsCalls.stat(path, len, v);
        if (r < 0) {
            errno[0] = -r;
            return null;
        }
        int mode = (int) v[FsCalls.MODE];
        return new FileStat(FileType.ofMode(mode), mode, v[FsCalls.DEV_MAJOR], v[FsCalls.DEV_MINOR],
                v[FsCalls.RDEV_MAJOR], v[FsCalls.RDEV_MINOR], v[FsCalls.INO], v[FsCalls.SIZE]);
    }

    /**
     * {@code Psutil.fileStat}: empty when the path does not exist (ENOENT, ENOTDIR), an
     * UncheckedIOException naming the errno otherwise.
     */
    public static Optional<FileStat> stat(String path) {
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path contains a NUL byte");
        }
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        int[] errno = new int[1];
        FileStat s = stat(p, p.length, errno);
        if (s != null) {
            return Optional.of(s);
        }
        if (errno[0] == Native.ENOENT || errno[0] == Native.ENOTDIR) {
            return Optional.empty();
        }
        IOException e = errno[0] == Native.EACCES || errno[0] == Native.EPERM
                ? new java.nio.file.AccessDeniedException(path)
                : new IOException("stat " + path + ": " + Native.errnoName(errno[0]));
        throw new UncheckedIOException(e);
    }

    /**
     * The terminal open on this process's descriptor {@code fd}, as ttyname(3): the
     * /proc/self/fd/N link when it names a character device that is a terminal (/dev/pts/N,
     * /dev/ttyN, /dev/ttySN, /dev/console, ...), else empty (not open, a file, a pipe, /dev/null).
     */
    public static Optional<String> ttyname(int fd) {
        if (fd < 0) {
            return Optional.empty();
        }
        ProcBuffer b = ProcBuffer.get().path(Roots.procBytes()).append("/self/fd/").append(fd);
        int n = b.readlink();
        if (n <= 0) {
            return Optional.empty();
        }
        // the link's name is enough (no isatty ioctl, no stat): only terminals live at these paths
        String target = new String(b.data(), 0, n, StandardCharsets.UTF_8);
        return isTerminalPath(target) ? Optional.of(target) : Optional.empty();
    }

    /**
     * A /dev path of a terminal: pts/N, console, tty and tty-prefixed names (ttyN virtual
     * consoles, ttySN serial lines, ttyUSBN, ...). /dev/null and other devices are not.
     */
    public static boolean isTerminalPath(String p) {
        if (!p.startsWith("/dev/")) {
            return false;
        }
        String n = p.substring(5);
        if (n.startsWith("pts/")) {
            return n.length() > 4 && n.substring(4).chars().allMatch(Character::isDigit);
        }
        if (n.equals("console")) {
            return true;
        }
        return n.startsWith("tty") && n.indexOf('/') < 0
                && n.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_');
    }
}
