package psutil4j.internal.parse;

import java.nio.charset.StandardCharsets;

/**
 * A forward cursor over bytes read from a kernel file: reads numbers and skips fields without
 * allocating. Strings are made only when a caller asks ({@link #token()}, {@link #string}).
 *
 * <p>Parsers take a cursor, so the same code is fed by live reads ({@link ProcBuffer#cursor()})
 * and by fixture files in tests ({@code new ByteCursor(bytes)}).
 */
public final class ByteCursor {

    private byte[] buf;
    private int pos;
    private int end;

    public ByteCursor() {
        this(new byte[0]);
    }

    public ByteCursor(byte[] bytes) {
        reset(bytes, 0, bytes.length);
    }

    public static ByteCursor of(String text) {
        return new ByteCursor(text.getBytes(StandardCharsets.UTF_8));
    }

    public ByteCursor reset(byte[] bytes, int from, int to) {
        this.buf = bytes;
        this.pos = from;
        this.end = to;
        return this;
    }

    public byte[] array() {
        return buf;
    }

    public int pos() {
        return pos;
    }

    public void pos(int p) {
        this.pos = p;
    }

    public int end() {
        return end;
    }

    /** Restricts the cursor to end at {@code e} (e.g. one line). */
    public void end(int e) {
        this.end = e;
    }

    public boolean hasMore() {
        return pos < end;
    }

    public byte peek() {
        return buf[pos];
    }

    /** Skips spaces and tabs (not newlines). */
    public ByteCursor skipBlanks() {
        while (pos < end && (buf[pos] == ' ' || buf[pos] == '\t')) {
            pos++;
        }
        return this;
    }

    /** Skips all whitespace, newlines included. */
    public ByteCursor skipWhitespace() {
        while (pos < end && isSpace(buf[pos])) {
            pos++;
        }
        return this;
    }

    /** Skips one whitespace-separated field and the blanks before it. */
    public ByteCursor skipField() {
        skipBlanks();
        while (pos < end && !isSpace(buf[pos])) {
            pos++;
        }
        return this;
    }

    public ByteCursor skipFields(int n) {
        for (int i = 0; i < n; i++) {
            skipField();
        }
        return this;
    }

    /** Moves past the next newline (or to the end). */
    public ByteCursor nextLine() {
        while (pos < end && buf[pos] != '\n') {
            pos++;
        }
        if (pos < end) {
            pos++;
        }
        return this;
    }

    /** The index of the end of the current line (the newline, or end). */
    public int lineEnd() {
        int i = pos;
        while (i < end && buf[i] != '\n') {
            i++;
        }
        return i;
    }

    /** Moves to just after the next occurrence of {@code b}; returns false (at end) if none. */
    public boolean skipPast(byte b) {
        while (pos < end) {
            if (buf[pos++] == b) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads a signed decimal after skipping blanks. Returns {@code dflt} if no digits are there
     * (the cursor then does not move past the non-digit).
     */
    public long nextLong(long dflt) {
        skipBlanks();
        boolean neg = false;
        if (pos < end && buf[pos] == '-') {
            neg = true;
            pos++;
        }
        int start = pos;
        long v = 0;
        while (pos < end) {
            int d = buf[pos] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
            pos++;
        }
        if (pos == start) {
            return dflt;
        }
        return neg ? -v : v;
    }

    /** Reads a signed decimal; -1 when none (use {@link #nextLong(long)} if -1 is meaningful). */
    public long nextLong() {
        return nextLong(-1);
    }

    /**
     * Reads an unsigned 64-bit decimal, wrapping into a negative long when above Long.MAX_VALUE
     * (use {@link Long#compareUnsigned}); kernel counters such as /proc/net/dev's are u64.
     */
    public long nextUnsignedLong() {
        return nextLong(-1);
    }

    /** Reads a hexadecimal number (no 0x prefix) after skipping blanks; -1 if none. */
    public long nextHex() {
        skipBlanks();
        int start = pos;
        long v = 0;
        while (pos < end) {
            int c = buf[pos];
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else {
                break;
            }
            v = (v << 4) | d;
            pos++;
        }
        return pos == start ? -1 : v;
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Reads a decimal with an optional fraction ("0.45", "12", "2300.000") after blanks; NaN
     * (cursor unmoved) if there are no digits. Correctly rounded, as Python's {@code float()} and
     * libc's {@code strtod}: up to 15 significant digits the digits are read as one exact integer
     * and divided once by an exact power of ten (summing 0.1-steps would make "1.79"
     * 1.7900000000000003); longer numbers, which kernel files hardly print, go through
     * {@link Double#parseDouble}.
     */
    public double nextDouble() {
        skipBlanks();
        int start = pos;
        int p = pos;
        boolean neg = p < end && buf[p] == '-';
        if (neg) {
            p++;
        }
        long mant = 0;
        int digits = 0;
        int frac = 0;
        boolean dot = false;
        boolean any = false;
        for (; p < end; p++) {
            byte b = buf[p];
            if (b >= '0' && b <= '9') {
                any = true;
                if (mant != 0 || b != '0') {
                    digits++;
                }
                if (digits <= 18) {
                    mant = mant * 10 + (b - '0');
                }
                if (dot) {
                    frac++;
                }
            } else if (b == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        pos = p;
        if (digits > 15 || frac >= POW10.length) {
            return Double.parseDouble(string(start, p));
        }
        double v = frac == 0 ? mant : mant / POW10[frac];
        return neg ? -v : v;
    }

    /** The next whitespace-delimited token as a String, or null at the end. */
    public String token() {
        skipBlanks();
        int start = pos;
        while (pos < end && !isSpace(buf[pos])) {
            pos++;
        }
        return pos == start ? null : string(start, pos);
    }

    /** Reads up to (not including) {@code delim} or the line end; the delimiter is consumed. */
    public String until(byte delim) {
        int start = pos;
        while (pos < end && buf[pos] != delim && buf[pos] != '\n') {
            pos++;
        }
        String s = string(start, pos);
        if (pos < end && buf[pos] == delim) {
            pos++;
        }
        return s;
    }

    /** The rest of the current line as a String (trailing blanks trimmed); moves past the line. */
    public String restOfLine() {
        skipBlanks();
        int start = pos;
        int e = lineEnd();
        int t = e;
        while (t > start && (buf[t - 1] == ' ' || buf[t - 1] == '\t')) {
            t--;
        }
        pos = e < end ? e + 1 : e;
        return string(start, t);
    }

    /** True if the bytes at the cursor equal {@code key}; does not move. */
    public boolean startsWith(byte[] key) {
        if (end - pos < key.length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (buf[pos + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** If the bytes at the cursor equal {@code key}, moves past it and returns true. */
    public boolean consume(byte[] key) {
        if (startsWith(key)) {
            pos += key.length;
            return true;
        }
        return false;
    }

    public String string(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    /** Index of the last {@code b} in [from, end), or -1. */
    public int lastIndexOf(byte b, int from) {
        for (int i = end - 1; i >= from; i--) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    public int indexOf(byte b, int from) {
        for (int i = from; i < end; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == 0x0c;
    }

    /** ASCII bytes of a key, for {@code static final byte[]} constants. */
    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
