package psutil4j.internal.linux.proc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** /proc/[pid]/cmdline: arguments separated (and normally terminated) by NUL bytes. */
public final class PidCmdline {

    private PidCmdline() {
    }

    /**
     * psutil's split of cmdline content ({@code len > 0}):
     * NUL-separated when the content ends with NUL, else space-separated (a process that
     * rewrote its command line with setproctitle(), issue #1179); one trailing separator is
     * dropped; and a NUL-terminated single argument that contains spaces is split on spaces
     * too (issue #1179, comment 552984549). Empty arguments are kept ("a\0\0b\0" is [a, "", b]).
     */
    public static List<String> parse(byte[] b, int len) {
        byte sep = b[len - 1] == 0 ? (byte) 0 : (byte) ' ';
        int end = b[len - 1] == sep ? len - 1 : len;
        var out = split(b, end, sep);
        if (sep == 0 && out.size() == 1 && indexOf(b, end, (byte) ' ') >= 0) {
            out = split(b, end, (byte) ' ');
        }
        return out;
    }

    /**
     * True when {@link #parse} of this content would equal {@code prev}, decided without
     * allocating (so a sweep can keep the previous List). Arguments with non-ASCII bytes compare
     * unequal, which only costs a re-parse.
     */
    public static boolean matches(byte[] b, int len, List<String> prev) {
        if (len == 0 || prev == null) {
            return false;
        }
        byte sep = b[len - 1] == 0 ? (byte) 0 : (byte) ' ';
        int end = b[len - 1] == sep ? len - 1 : len;
        if (sep == 0 && indexOf(b, end, (byte) 0) < 0 && indexOf(b, end, (byte) ' ') >= 0) {
            sep = ' ';
        }
        int n = prev.size();
        int arg = 0;
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || b[i] == sep) {
                if (arg >= n) {
                    return false;
                }
                String s = prev.get(arg++);
                int l = i - start;
                if (s.length() != l) {
                    return false;
                }
                for (int k = 0; k < l; k++) {
                    byte c = b[start + k];
                    if (c < 0 || s.charAt(k) != c) {
                        return false;
                    }
                }
                start = i + 1;
            }
        }
        return arg == n;
    }

    private static List<String> split(byte[] b, int end, byte sep) {
        int n = 1;
        for (int i = 0; i < end; i++) {
            if (b[i] == sep) {
                n++;
            }
        }
        var out = new ArrayList<String>(n);
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || b[i] == sep) {
                out.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }

    private static int indexOf(byte[] b, int end, byte x) {
        for (int i = 0; i < end; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /**
     * psutil's fix for the kernel's 15-byte names: the basename of cmdline[0] when it starts with
     * {@code comm} ("gnome-keyring-daemon" for "gnome-keyring-d"), else {@code comm}.
     */
    public static String extendName(String comm, List<String> cmdline) {
        if (cmdline.isEmpty()) {
            return comm;
        }
        String first = cmdline.get(0);
        String ext = first.substring(first.lastIndexOf('/') + 1);
        return ext.startsWith(comm) ? ext : comm;
    }
}
