package psutil4j.agent.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Numbers and times written as Prometheus (Go) writes them, where clients compare strings. */
public final class GoFormat {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** Go's zero {@code time.Time} in JSON. */
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private GoFormat() {
    }

    /**
     * The fewest decimal digits that read back as {@code abs} (&gt; 0, finite), the closest such:
     * Go's precision -1. Double.toString is the same except that it never prints a single digit
     * ({@code 4.9E-324} where Go has {@code 5e-324}).
     */
    static BigDecimal shortest(double abs) {
        BigDecimal exact = new BigDecimal(abs);
        for (int p = 1; p < 17; p++) {
            BigDecimal bd = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (bd.doubleValue() == abs) {
                return bd.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** {@code NaN}, {@code +Inf}, {@code -Inf} as Go prints them; null for a finite number. */
    static String special(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "+Inf" : "-Inf") : null;
    }

    /** {@code d.ddde±XX}: at least two exponent digits, as Go. */
    static String exponentForm(BigDecimal digits, int exp) {
        String mant = digits.movePointLeft(exp).toPlainString();
        return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /**
     * Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}, how Prometheus's API writes an alert's
     * value: {@code 4.2e-01}, {@code 1e+00}, {@code NaN}, {@code +Inf}.
     */
    public static String exponent(double v) {
        String s = special(v);
        if (s != null) {
            return s;
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0e+00";
        }
        BigDecimal bd = shortest(Math.abs(v));
        return (v < 0 ? "-" : "") + exponentForm(bd, bd.precision() - bd.scale() - 1);
    }

    /**
     * Go's {@code time.Time} in JSON (RFC3339Nano) for epoch milliseconds: UTC with {@code Z}, the
     * fraction without trailing zeros and without the dot when it is 0; {@link #ZERO_TIME} for a
     * negative time (never).
     */
    public static String time(long epochMillis) {
        if (epochMillis < 0) {
            return ZERO_TIME;
        }
        String s = SECONDS.format(Instant.ofEpochMilli(epochMillis));
        int ms = (int) (epochMillis % 1000);
        if (ms == 0) {
            return s + "Z";
        }
        String frac = String.format("%03d", ms).replaceAll("0+$", "");
        return s + "." + frac + "Z";
    }
}
