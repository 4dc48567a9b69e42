package psutil4j.internal.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps a process's tty_nr (field 7 of /proc/[pid]/stat) to a /dev path, as psutil's
 * {@code get_terminal_map}: the st_rdev of /dev/tty* and /dev/pts/*. The kernel's
 * new_encode_dev() and glibc's st_rdev agree for majors below 4096, which ttys are.
 *
 * <p>The map is cached; a miss rebuilds it once (a pts made since), as psutil does. Uses
 * {@code Files.readAttributes(p, "unix:rdev")}, no native code.
 */
public final class Terminals {

    private static volatile Map<Long, String> map;

    private Terminals() {
    }

    /** The terminal's path, or null when no /dev entry has that device number. */
    public static String path(long ttyNr) {
        Map<Long, String> m = map;
        if (m == null || !m.containsKey(ttyNr)) {
            m = build();
            map = m;
        }
        return m.get(ttyNr);
    }

    private static Map<Long, String> build() {
        var ret = new HashMap<Long, String>();
        scan(Path.of("/dev"), "tty*", ret);
        scan(Path.of("/dev/pts"), "*", ret);
        return ret;
    }

    private static void scan(Path dir, String glob, Map<Long, String> out) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                try {
                    Object rdev = Files.readAttributes(p, "unix:rdev").get("rdev");
                    if (rdev instanceof Long r) {
                        out.putIfAbsent(r, p.toString());
                    }
                } catch (IOException | UnsupportedOperationException ignored) {
                    // gone meanwhile (psutil ignores FileNotFoundError)
                }
            }
        } catch (IOException ignored) {
            // no /dev/pts in some containers
        }
    }
}
