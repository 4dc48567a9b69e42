package psutil4j.internal.linux.proc;

import java.util.ArrayList;
import java.util.List;

import psutil4j.internal.parse.ByteCursor;

/**
 * /proc/[pid]/smaps (since 2.6.14) and /proc/[pid]/smaps_rollup (since 4.14): per-mapping
 * memory. Values are in kB and returned in bytes.
 */
public final class PidSmaps {

    private static final byte[] PRIVATE = ByteCursor.ascii("Private");
    private static final byte[] PSS = ByteCursor.ascii("Pss:");
    private static final byte[] SWAP = ByteCursor.ascii("Swap:");
    private static final byte[] VMFLAGS = ByteCursor.ascii("VmFlags:");

    /** Field order of {@link Block#values}: psutil's pmmap_grouped numbers. */
    public static final String[] FIELDS = {"Rss:", "Size:", "Pss:", "Shared_Clean:", "Shared_Dirty:",
        "Private_Clean:", "Private_Dirty:", "Referenced:", "Anonymous:", "Swap:"};
    private static final byte[][] FIELD_KEYS = new byte[FIELDS.length][];

    static {
        for (int i = 0; i < FIELDS.length; i++) {
            FIELD_KEYS[i] = ByteCursor.ascii(FIELDS[i]);
        }
    }

    private PidSmaps() {
    }

    /**
     * {uss, pss, swap} in bytes: uss sums every "Private_*" line (Clean, Dirty, Hugetlb), pss the
     * "Pss:" lines and swap the "Swap:" lines, as psutil does for both files (rollup has one of
     * each; "Pss_Anon:" and "SwapPss:" are not matched).
     */
    public static long[] footprint(ByteCursor c) {
        long uss = 0;
        long pss = 0;
        long swap = 0;
        while (c.hasMore()) {
            if (c.startsWith(PRIVATE)) {
                int colon = c.indexOf((byte) ':', c.pos());
                if (colon >= 0 && colon < c.lineEnd()) {
                    c.pos(colon + 1);
                    uss += Math.max(c.nextLong(), 0) * 1024;
                }
            } else if (c.consume(PSS)) {
                pss += Math.max(c.nextLong(), 0) * 1024;
            } else if (c.consume(SWAP)) {
                swap += Math.max(c.nextLong(), 0) * 1024;
            }
            c.nextLine();
        }
        return new long[] {uss, pss, swap};
    }

    /** One mapping: header fields and the numbers in {@link #FIELDS} order (bytes; 0 if absent). */
    public record Block(String addr, String perms, String path, long[] values) {
    }

    /**
     * The mappings of smaps content. A header line is one whose first token does not end with
     * ':'; the path (6th field) may contain spaces and is "[anon]" when missing; the trailing
     * " (deleted)" is kept here (the caller strips it when the file no longer exists, as psutil).
     */
    public static List<Block> blocks(ByteCursor c) {
        var out = new ArrayList<Block>();
        String addr = null;
        String perms = null;
        String path = null;
        long[] values = null;
        while (c.hasMore()) {
            int lineStart = c.pos();
            int lineEnd = c.lineEnd();
            if (lineEnd == lineStart) {
                c.nextLine();
                continue;
            }
            int tokEnd = lineStart;
            byte[] b = c.array();
            while (tokEnd < lineEnd && !ByteCursor.isSpace(b[tokEnd])) {
                tokEnd++;
            }
            if (b[tokEnd - 1] != ':') {
                if (addr != null) {
                    out.add(new Block(addr, perms, path, values));
                }
                addr = c.token();
                perms = c.token();
                c.skipFields(3); // offset, dev, inode
                c.skipBlanks();
                String p = c.pos() < lineEnd ? c.string(c.pos(), lineEnd).strip() : "";
                path = p.isEmpty() ? "[anon]" : p;
                values = new long[FIELDS.length];
            } else if (values != null && !c.startsWith(VMFLAGS)) {
                for (int i = 0; i < FIELD_KEYS.length; i++) {
                    if (c.consume(FIELD_KEYS[i])) {
                        values[i] = Math.max(c.nextLong(), 0) * 1024;
                        break;
                    }
                }
            }
            c.pos(lineEnd);
            c.nextLine();
        }
        if (addr != null) {
            out.add(new Block(addr, perms, path, values));
        }
        return out;
    }
}
