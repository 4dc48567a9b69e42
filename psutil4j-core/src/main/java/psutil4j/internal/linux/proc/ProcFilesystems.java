package psutil4j.internal.linux.proc;

import java.util.HashSet;
import java.util.Set;

import psutil4j.internal.parse.ByteCursor;

/**
 * /proc/filesystems: the file-system types the kernel knows, one a line, prefixed by
 * {@code nodev} when the type needs no block device ({@code "nodev\tproc"}, {@code "\text4"}).
 *
 * <p>psutil's {@code disk_partitions(all=False)} keeps only mounts whose type is not
 * {@code nodev}: these are its "physical" devices.
 */
public final class ProcFilesystems {

    private static final byte[] NODEV = ByteCursor.ascii("nodev");
    private static final String ZFS = "zfs";

    private ProcFilesystems() {
    }

    /**
     * psutil's {@code fstypes_from_filesystems()}: the types on lines that do not start with
     * {@code nodev}, plus {@code zfs} which is {@code nodev} but backed by disks (psutil
     * issue #534). A type is the line with surrounding whitespace stripped.
     */
    public static Set<String> physicalTypes(ByteCursor c) {
        var out = new HashSet<String>();
        while (c.hasMore()) {
            int lineEnd = c.lineEnd();
            int s = c.pos();
            int e = lineEnd;
            while (s < e && ByteCursor.isSpace(c.array()[s])) {
                s++;
            }
            while (e > s && ByteCursor.isSpace(c.array()[e - 1])) {
                e--;
            }
            c.pos(s);
            if (!c.startsWith(NODEV)) {
                out.add(c.string(s, e));
            } else {
                // psutil: line.split("\t")[1] == "zfs"
                int tab = c.indexOf((byte) '\t', s);
                if (tab >= 0 && tab < e) {
                    int t = tab + 1;
                    int te = t;
                    while (te < e && c.array()[te] != '\t') {
                        te++;
                    }
                    if (c.string(t, te).equals(ZFS)) {
                        out.add(ZFS);
                    }
                }
            }
            c.pos(lineEnd);
            c.nextLine();
        }
        return out;
    }
}
