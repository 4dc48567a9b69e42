package psutil4j.internal.linux;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** psutil's {@code usage_percent} and Python's {@code round(x, n)}, exactly. */
public final class UsagePercent {

    private UsagePercent() {
    }

    /** {@code used / total * 100} rounded to one decimal; 0.0 when total is 0, as psutil. */
    public static double of(long used, long total) {
        if (total == 0) {
            return 0.0;
        }
        return round1(((double) used / total) * 100);
    }

    /**
     * Python's {@code round(x, 1)}: the exact binary value rounded half-even to one decimal. The
     * fast path is exact unless x*10 lies within rounding error of a tie; then BigDecimal decides.
     */
    public static double round1(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x) || Math.abs(x) >= 1e14) {
            return x;
        }
        double y = x * 10;
        double r = Math.rint(y);
        if (Math.abs(Math.abs(y - r) - 0.5) > 1e-6) {
            return r / 10;
        }
        return new BigDecimal(x).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
    }
}
