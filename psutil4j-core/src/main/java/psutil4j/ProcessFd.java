package psutil4j;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One open file descriptor of a process, beyond psutil, from {@link PsProcess#fds()}: every
 * descriptor (psutil's {@link OpenFile} has only regular files), described as lsof does, from
 * the /proc/PID/fd/N link, /proc/PID/fdinfo/N and stat(2) of the link.
 *
 * @param fd       the descriptor number
 * @param target   the link's text as the kernel gives it: a path (with " (deleted)" when the
 *                 file was removed), {@code pipe:[INODE]}, {@code socket:[INODE]},
 *                 {@code anon_inode:[eventfd]} (older kernels: {@code anon_inode:inotify}), ...
 * @param type     lsof's TYPE: {@link FileType#A_INODE} for anonymous inodes, else the type of
 *                 {@code stat}, {@link FileType#UNKNOWN} when it could not be stat'ed
 * @param position the file offset ("pos:" of fdinfo, since Linux 2.6.22), empty if unreadable
 * @param flags    the open(2) flags ("flags:" of fdinfo, octal there), empty if unreadable
 * @param stat     stat(2) of the open file (the link is followed, so deleted files and files
 *                 of other mount namespaces work too), empty if it failed
 */
public record ProcessFd(int fd, String target, FileType type, OptionalLong position, OptionalInt flags,
                        Optional<FileStat> stat) {

    /** The inode of a {@code socket:[N]} or {@code pipe:[N]} target, else empty. */
    public OptionalLong linkInode() {
        int open = target.indexOf(":[");
        if (open < 0 || !target.endsWith("]") || target.startsWith("/")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(target, open + 2, target.length() - 1, 10));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** lsof's access mode of {@code flags}: 'r', 'w', 'u' (read-write), or ' ' when unknown. */
    public char accessMode() {
        if (flags.isEmpty()) {
            return ' ';
        }
        return switch (flags.getAsInt() & 3) {
            case 0 -> 'r';
            case 1 -> 'w';
            default -> 'u';
        };
    }
}
