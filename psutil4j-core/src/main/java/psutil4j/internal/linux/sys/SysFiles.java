package psutil4j.internal.linux.sys;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * Small sysfs/cgroupfs helpers: one-value files read through {@link ProcBuffer}, and directory
 * globs. These files are read rarely (sensors, cgroups), so a Path per read is fine.
 */
public final class SysFiles {

    private SysFiles() {
    }

    /** The whole file as text, or null when it cannot be read (psutil's {@code cat(fallback=None)}). */
    public static String read(Path p) {
        ProcBuffer b = ProcBuffer.get();
        return b.read(p) < 0 ? null : b.text();
    }

    /** The file content with surrounding whitespace removed, or null when unreadable. */
    public static String readTrimmed(Path p) {
        String s = read(p);
        return s == null ? null : s.strip();
    }

    /**
     * The file as one decimal integer (surrounding whitespace allowed, as Python's {@code int()}),
     * or {@code null} when the file is unreadable or holds something else.
     */
    public static Long readLong(Path p) {
        ProcBuffer b = ProcBuffer.get();
        if (b.read(p) < 0) {
            return null;
        }
        return parseLong(b.cursor());
    }

    /** One decimal integer filling the whole cursor (whitespace aside), else null. */
    public static Long parseLong(ByteCursor c) {
        c.skipWhitespace();
        if (c.hasMore() && c.peek() == '+') {
            c.pos(c.pos() + 1);
        }
        long v = c.nextLong(Long.MIN_VALUE);
        if (v == Long.MIN_VALUE) {
            return null;
        }
        c.skipWhitespace();
        return c.hasMore() ? null : v;
    }

    /**
     * The file as a decimal number (Python's {@code float()} on an integer or fraction), or
     * {@code null} when unreadable or not a number.
     */
    public static Double readDouble(Path p) {
        ProcBuffer b = ProcBuffer.get();
        if (b.read(p) < 0) {
            return null;
        }
        ByteCursor c = b.cursor();
        c.skipWhitespace();
        double v = decimal(c);
        if (Double.isNaN(v)) {
            return null;
        }
        c.skipWhitespace();
        return c.hasMore() ? null : v;
    }

    /** A correctly rounded decimal ({@link ByteCursor#nextDouble}); NaN when there is no number. */
    public static double decimal(ByteCursor c) {
        return c.nextDouble();
    }

    /**
     * Entries of {@code dir} whose names match the glob, sorted by name (Python's
     * {@code sorted(glob(...))} order for one directory); empty when the directory is missing.
     * Hidden names are skipped, as glob does.
     */
    public static List<Path> list(Path dir, String glob) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        } catch (IOException | SecurityException e) {
            return Collections.emptyList();
        }
        out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return out;
    }
}
