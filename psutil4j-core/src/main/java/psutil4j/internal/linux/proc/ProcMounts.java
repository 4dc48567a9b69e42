package psutil4j.internal.linux.proc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import psutil4j.DiskPartition;
import psutil4j.internal.parse.ByteCursor;

/**
 * The mount table: /proc/self/mounts (fstab format, what glibc's getmntent(3) reads and what
 * psutil's C {@code disk_partitions} walks), plus the two things psutil takes from
 * /proc/self/mountinfo (the file-system types as a fallback, and the root's device number).
 *
 * <p>fstab lines are {@code fsname dir type opts freq passno}. The kernel escapes space, tab,
 * newline and backslash in names as {@code \040 \011 \012 \134} (fs/proc_namespace.c,
 * {@code mangle()}); getmntent decodes those and also {@code \\}.
 */
public final class ProcMounts {

    private static final byte[] SEPARATOR = ByteCursor.ascii("-");

    private ProcMounts() {
    }

    /**
     * Parses a mount table as glibc's getmntent_r does: leading blanks skipped; empty lines and
     * lines starting with {@code #} skipped; fields split on runs of spaces/tabs; trailing blanks
     * dropped; missing fields are {@code ""}; escapes decoded. The entries are returned as
     * read (psutil's device adjustments are done by the caller).
     *
     * <p>One difference from glibc: getmntent(3) reads into a 4 KiB buffer and silently truncates
     * longer lines (an overlay mount with many lower dirs), so psutil gets truncated options; we
     * keep the whole line.
     */
    public static List<DiskPartition> parse(ByteCursor c) {
        var out = new ArrayList<DiskPartition>();
        byte[] b = c.array();
        int[] span = new int[8];
        while (c.hasMore()) {
            int lineEnd = c.lineEnd();
            int p = skipBlanks(b, c.pos(), lineEnd);
            if (p < lineEnd && b[p] != '#') {
                int n = 0;
                while (n < 4) {
                    p = skipBlanks(b, p, lineEnd);
                    if (p >= lineEnd) {
                        break;
                    }
                    int s = p;
                    while (p < lineEnd && b[p] != ' ' && b[p] != '\t') {
                        p++;
                    }
                    span[2 * n] = s;
                    span[2 * n + 1] = p;
                    n++;
                }
                out.add(new DiskPartition(
                        n > 0 ? decode(b, span[0], span[1]) : "",
                        n > 1 ? decode(b, span[2], span[3]) : "",
                        n > 2 ? decode(b, span[4], span[5]) : "",
                        n > 3 ? decode(b, span[6], span[7]) : ""));
            }
            c.pos(lineEnd);
            c.nextLine();
        }
        return out;
    }

    private static int skipBlanks(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    /** Decodes getmntent's escapes ({@code \040 \011 \012 \134 \\}) in {@code b[from, to)}. */
    static String decode(byte[] b, int from, int to) {
        int bs = -1;
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                bs = i;
                break;
            }
        }
        if (bs < 0) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[to - from];
        int w = 0;
        for (int r = from; r < to; r++) {
            byte x = b[r];
            if (x == '\\' && r + 1 < to && b[r + 1] == '\\') {
                out[w++] = '\\';
                r += 1;
            } else if (x == '\\' && r + 3 < to) {
                byte d = octal(b[r + 1], b[r + 2], b[r + 3]);
                if (d != 0) {
                    out[w++] = d;
                    r += 3;
                } else {
                    out[w++] = x;
                }
            } else {
                out[w++] = x;
            }
        }
        return new String(out, 0, w, StandardCharsets.UTF_8);
    }

    /** The byte for the four escapes getmntent knows, else 0 (others are left as they are). */
    private static byte octal(byte a, byte b, byte c) {
        if (a == '0' && b == '4' && c == '0') {
            return ' ';
        }
        if (a == '0' && b == '1' && c == '1') {
            return '\t';
        }
        if (a == '0' && b == '1' && c == '2') {
            return '\n';
        }
        if (a == '1' && b == '3' && c == '4') {
            return '\\';
        }
        return 0;
    }

    /**
     * psutil's {@code fstypes_from_mountinfo()}, used when /proc/filesystems cannot be read
     * (PermissionError): every token that follows a {@code -} token of a mountinfo line
     * (the separator before "fstype source super-options", proc(5)).
     */
    public static void fstypesFromMountinfo(ByteCursor c, Set<String> into) {
        byte[] b = c.array();
        while (c.hasMore()) {
            int lineEnd = c.lineEnd();
            int save = c.end();
            c.end(lineEnd);
            boolean afterDash = false;
            while (true) {
                c.skipBlanks();
                if (!c.hasMore()) {
                    break;
                }
                int s = c.pos();
                c.skipField();
                int e = c.pos();
                if (afterDash) {
                    into.add(c.string(s, e));
                }
                afterDash = e - s == 1 && b[s] == SEPARATOR[0];
            }
            c.end(save);
            c.pos(lineEnd);
            c.nextLine();
        }
    }

    /**
     * The device number (major, minor) of the file system mounted on {@code /}, from mountinfo
     * ({@code id parent major:minor root mountpoint ...}); the last such line wins, as later
     * mounts hide earlier ones. Null if there is none. psutil uses {@code os.stat("/").st_dev};
     * mountinfo gives the same number without a native stat call.
     */
    public static int[] rootDevice(ByteCursor c) {
        int[] found = null;
        byte[] b = c.array();
        while (c.hasMore()) {
            int lineEnd = c.lineEnd();
            int save = c.end();
            c.end(lineEnd);
            c.skipFields(2);
            long major = c.nextLong();
            int minor = -1;
            if (major >= 0 && c.hasMore() && c.peek() == ':') {
                c.pos(c.pos() + 1);
                minor = (int) c.nextLong();
            }
            c.skipField(); // root of the mount within its file system
            c.skipBlanks();
            int s = c.pos();
            c.skipField();
            if (minor >= 0 && c.pos() - s == 1 && b[s] == '/') {
                found = new int[] {(int) major, minor};
            }
            c.end(save);
            c.pos(lineEnd);
            c.nextLine();
        }
        return found;
    }
}
