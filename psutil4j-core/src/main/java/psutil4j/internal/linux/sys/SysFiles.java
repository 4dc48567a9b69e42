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

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

    /**
     * Reads a decimal such as {@code 1.79} or {@code -273150} after blanks, correctly rounded like
     * Python's {@code float()}: the digits as an exact integer divided by an exact power of ten
     * ({@code ByteCursor.nextDouble} sums scaled digits and gives 1.7900000000000003).
     * Longer inputs go through {@link Double#parseDouble}. NaN when there is no number.
     */
    public static double decimal(ByteCursor c) {
        c.skipBlanks();
        byte[] buf = c.array();
        int start = c.pos();
        int p = start;
        int end = c.end();
        boolean neg = p < end && buf[p] == '-';
        if (neg) {
            p++;
        }
        long mant = 0;
        int digits = 0;
        int frac = 0;
        boolean dot = false;
        for (; p < end; p++) {
            byte b = buf[p];
            if (b >= '0' && b <= '9') {
                mant = mant * 10 + (b - '0');
                digits++;
                if (dot) {
                    frac++;
                }
            } else if (b == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        c.pos(p);
        if (digits == 0) {
            c.pos(start);
            return Double.NaN;
        }
        if (digits > 15) { // beyond 2^53 the mantissa itself would round
            return Double.parseDouble(c.string(start, p));
        }
        double v = frac == 0 ? mant : mant / POW10[frac];
        return neg ? -v : v;
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
