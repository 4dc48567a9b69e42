package psutil4j.internal.linux.proc;

import psutil4j.FileType;
import psutil4j.internal.parse.ByteCursor;

/**
 * The text of a /proc/[pid]/fd/[fd] link (fs/d_path.c, {@code d_path} and the
 * {@code dynamic_dname} of pseudo file systems): an absolute path (" (deleted)" appended once
 * unlinked), or {@code TYPE:[INODE]} for pipes and sockets ({@code pipe:[4711]},
 * {@code socket:[4712]}), {@code anon_inode:[eventfd]} for anonymous inodes (before Linux 5.x
 * some were {@code anon_inode:inotify}, without brackets), {@code net:[4026531840]} for
 * namespace files, {@code /memfd:NAME (deleted)} for memfds.
 */
public final class PidFdLink {

    private static final byte[] ANON_INODE = ByteCursor.ascii("anon_inode:");

    private PidFdLink() {
    }

    /**
     * The type lsof gives a descriptor with this link: {@link FileType#A_INODE} for anonymous
     * inodes (their stat mode has no type bits), else {@code statType}, the type of stat(2) on
     * the link ({@link FileType#UNKNOWN} when it failed).
     */
    public static FileType type(ByteCursor link, FileType statType) {
        if (link.startsWith(ANON_INODE)) {
            return FileType.A_INODE;
        }
        return statType;
    }
}
