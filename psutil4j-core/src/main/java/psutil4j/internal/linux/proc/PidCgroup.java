package psutil4j.internal.linux.proc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * {@code /proc/<pid>/cgroup} (cgroups(7)): one line per hierarchy,
 * {@code hierarchy-ID:controller-list:cgroup-path}. cgroup v1 hierarchies have a non-zero ID and
 * name their controllers ({@code 4:memory:/user.slice}, {@code 9:name=systemd:/...}); the v2
 * unified hierarchy is {@code 0::/path}, shown once cgroup2 has been mounted (kernel 4.5+).
 * Paths are relative to the reader's cgroup namespace root (kernel 4.6+).
 */
public final class PidCgroup {

    /** One line: the hierarchy ID (0 for v2), its controllers (empty for v2), the path. */
    public record Entry(int hierarchyId, List<String> controllers, String path) {
    }

    private static final byte[] CGROUP = ByteCursor.ascii("/cgroup");
    private static final byte[] SELF = ByteCursor.ascii("/self");
    private static final byte[] SLASH = ByteCursor.ascii("/");

    private PidCgroup() {
    }

    /** The lines of {@code /proc/<pid>/cgroup} (pid &lt; 0: self). */
    public static List<Entry> read(int pid) throws ErrnoException {
        ProcBuffer b = ProcBuffer.get();
        b.path(Roots.procBytes());
        if (pid < 0) {
            b.append(SELF);
        } else {
            b.append(SLASH).append(pid);
        }
        int n = b.append(CGROUP).read();
        if (n < 0) {
            throw new ErrnoException(-n);
        }
        return parse(b.cursor());
    }

    /** Thrown by {@link #read} with the errno of a failed read. */
    public static final class ErrnoException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int errno;

        ErrnoException(int errno) {
            super(null, null, false, false);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    public static List<Entry> parse(ByteCursor c) {
        List<Entry> out = new ArrayList<>();
        while (c.hasMore()) {
            int lineEnd = c.lineEnd();
            long id = c.nextLong(-1);
            if (id >= 0 && c.hasMore() && c.peek() == ':') {
                c.pos(c.pos() + 1);
                String ctl = c.until((byte) ':');
                String path = c.string(c.pos(), lineEnd);
                List<String> controllers = ctl.isEmpty() ? List.of() : List.of(ctl.split(","));
                out.add(new Entry((int) id, controllers, path));
            }
            c.pos(lineEnd);
            c.nextLine();
        }
        return Collections.unmodifiableList(out);
    }
}
