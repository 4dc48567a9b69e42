package psutil4j.internal.linux.proc;

import psutil4j.internal.parse.ByteCursor;

/**
 * Correctly rounded decimal parsing ("0.12", "2300.000"), so values equal what psutil's
 * {@code float()} and libc's {@code strtod} give; {@link ByteCursor#nextDouble()} accumulates
 * fraction digits and can be off by an ulp.
 */
final class Decimals {

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private Decimals() {
    }

    /** Reads [-]digits[.digits] after blanks; NaN if none. */
    static double next(ByteCursor c) {
        c.skipBlanks();
        byte[] buf = c.array();
        int start = c.pos();
        int p = start;
        int end = c.end();
        boolean neg = p < end && buf[p] == '-';
        if (neg) {
            p++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        boolean dot = false;
        boolean any = false;
        for (; p < end; p++) {
            byte b = buf[p];
            if (b >= '0' && b <= '9') {
                any = true;
                if (mantissa != 0 || b != '0') {
                    digits++;
                }
                mantissa = digits <= 18 ? mantissa * 10 + (b - '0') : mantissa;
                if (dot) {
                    fraction++;
                }
            } else if (b == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        c.pos(p);
        if (!any) {
            return Double.NaN;
        }
        double v;
        if (digits <= 15 && fraction < POW10.length) {
            // both operands exact, and IEEE division rounds correctly
            v = mantissa / POW10[fraction];
        } else {
            v = Double.parseDouble(c.string(neg ? start + 1 : start, p));
        }
        return neg ? -v : v;
    }
}
