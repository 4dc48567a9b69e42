package psutil4j.internal.linux.proc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * {@code /proc/self/mountinfo} (proc(5)), read for its cgroup mounts:
 * <pre>
 * 35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
 * 41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
 * (1)(2) (3) (4) (5)                  (6)       (7) (8)  (9)    (10)
 * </pre>
 * (4) root: the directory of the hierarchy that is mounted (e.g. {@code /docker/<id>} when a
 * container sees only its own cgroup without a cgroup namespace); (5) mount point, octal-escaped;
 * (7) zero or more optional fields ended by "-"; (8) fs type; (10) super options, which for
 * cgroup v1 name the controllers ({@code memory}, {@code cpu,cpuacct}, {@code name=systemd}).
 */
public final class ProcMountinfo {

    /** One cgroup or cgroup2 mount. */
    public record CgroupMount(boolean v2, String root, String mountPoint, List<String> superOptions) {
    }

    private static final byte[] SELF_MOUNTINFO = ByteCursor.ascii("/self/mountinfo");
    private static final byte[] CGROUP = ByteCursor.ascii("cgroup");
    private static final byte[] CGROUP2 = ByteCursor.ascii("cgroup2");

    private ProcMountinfo() {
    }

    /** The cgroup mounts of this process's mount namespace; empty when unreadable. */
    public static List<CgroupMount> readCgroupMounts() {
        ProcBuffer b = ProcBuffer.get();
        if (b.path(Roots.procBytes()).append(SELF_MOUNTINFO).read() < 0) {
            return List.of();
        }
        return parseCgroupMounts(b.cursor());
    }

    /** The cgroup ({@code v2 == false}) and cgroup2 mounts, in file order. */
    public static List<CgroupMount> parseCgroupMounts(ByteCursor c) {
        List<CgroupMount> out = new ArrayList<>();
        while (c.hasMore()) {
            int lineEnd = c.lineEnd();
            int next = lineEnd < c.end() ? lineEnd + 1 : lineEnd;
            int savedEnd = c.end();
            c.end(lineEnd);
            CgroupMount m = line(c);
            c.end(savedEnd);
            c.pos(next);
            if (m != null) {
                out.add(m);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static CgroupMount line(ByteCursor c) {
        c.skipFields(3); // id, parent id, major:minor
        c.skipBlanks();
        int rootStart = c.pos();
        c.skipField();
        int rootEnd = c.pos();
        c.skipBlanks();
        int mpStart = c.pos();
        c.skipField();
        int mpEnd = c.pos();
        // Skip mount options and optional fields up to the lone "-".
        while (c.hasMore()) {
            c.skipBlanks();
            if (c.hasMore() && c.peek() == '-' && (c.pos() + 1 == c.end() || ByteCursor.isSpace(c.array()[c.pos() + 1]))) {
                c.pos(c.pos() + 1);
                break;
            }
            int p = c.pos();
            c.skipField();
            if (c.pos() == p && c.hasMore()) {
                c.pos(p + 1); // a stray byte such as '\r'
            }
        }
        c.skipBlanks();
        boolean v2;
        int fsStart = c.pos();
        c.skipField();
        int fsLen = c.pos() - fsStart;
        c.pos(fsStart);
        if (fsLen == CGROUP2.length && c.startsWith(CGROUP2)) {
            v2 = true;
        } else if (fsLen == CGROUP.length && c.startsWith(CGROUP)) {
            v2 = false;
        } else {
            return null;
        }
        c.skipField(); // fs type
        c.skipField(); // source
        String superOpts = c.token();
        List<String> opts = superOpts == null ? List.of() : List.of(superOpts.split(","));
        return new CgroupMount(v2, unescape(c.array(), rootStart, rootEnd), unescape(c.array(), mpStart, mpEnd), opts);
    }

    /** Decodes the kernel's octal escapes ({@code \040} space, {@code \011} tab, {@code \012}, {@code \134}). */
    static String unescape(byte[] b, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            if (b[i] == '\\' && i + 3 < to && isOctal(b, i + 1) && isOctal(b, i + 2)
                    && isOctal(b, i + 3)) {
                out.write(((b[i + 1] - '0') << 6) | ((b[i + 2] - '0') << 3) | (b[i + 3] - '0'));
                i += 3;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte[] b, int i) {
        return b[i] >= '0' && b[i] <= '7';
    }
}
