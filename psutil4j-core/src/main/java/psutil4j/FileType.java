package psutil4j;

/**
 * The type of an open file as lsof names it in its TYPE column, beyond psutil: the file type
 * bits of stat(2)'s {@code st_mode}, and for descriptors whose /proc/PID/fd link says more
 * ({@code anon_inode:[eventfd]}) the kind of the link. See {@link ProcessFd} and
 * {@link FileStat}.
 */
public enum FileType {
    /** A regular file (S_IFREG). */
    REG("REG"),
    /** A directory (S_IFDIR). */
    DIR("DIR"),
    /** A character device (S_IFCHR): terminals, /dev/null. */
    CHR("CHR"),
    /** A block device (S_IFBLK). */
    BLK("BLK"),
    /** A pipe or FIFO (S_IFIFO); lsof's "FIFO". */
    FIFO("FIFO"),
    /** A symbolic link (S_IFLNK); stat follows links, so only seen for dangling ones. */
    LINK("LINK"),
    /** A socket (S_IFSOCK); lsof's "sock" when it cannot tell the protocol. */
    SOCK("sock"),
    /** An anonymous inode (eventfd, epoll, timerfd, signalfd, pidfd, ...): lsof's "a_inode". */
    A_INODE("a_inode"),
    /** Anything else, or a file that could not be stat'ed. */
    UNKNOWN("unknown");

    private final String lsofName;

    FileType(String lsofName) {
        this.lsofName = lsofName;
    }

    /** lsof's TYPE: "REG", "DIR", "CHR", "BLK", "FIFO", "LINK", "sock", "a_inode", "unknown". */
    public String lsofName() {
        return lsofName;
    }

    /** The type of a stat(2) {@code st_mode} (S_IFMT bits); UNKNOWN when they name none. */
    public static FileType ofMode(int mode) {
        return switch (mode & 0170000) {
            case 0100000 -> REG;
            case 0040000 -> DIR;
            case 0020000 -> CHR;
            case 0060000 -> BLK;
            case 0010000 -> FIFO;
            case 0120000 -> LINK;
            case 0140000 -> SOCK;
            default -> UNKNOWN;
        };
    }
}
