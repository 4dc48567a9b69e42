package psutil4j.agent.rules;

import java.util.List;
import java.util.Map;

import psutil4j.agent.rules.Expr.ValueType;
import psutil4j.agent.tsdb.Series;

/** The supported PromQL functions: their signatures and the range-vector maths. */
final class Functions {

    private Functions() {
    }

    /** Argument types, how many trailing ones are optional, and the return type. */
    record Signature(List<ValueType> args, int optional, ValueType returns) {
    }

    private static final ValueType S = ValueType.SCALAR;
    private static final ValueType V = ValueType.VECTOR;
    private static final ValueType M = ValueType.MATRIX;

    static final Map<String, Signature> SIGNATURES = Map.ofEntries(
            Map.entry("rate", new Signature(List.of(M), 0, V)),
            Map.entry("irate", new Signature(List.of(M), 0, V)),
            Map.entry("increase", new Signature(List.of(M), 0, V)),
            Map.entry("delta", new Signature(List.of(M), 0, V)),
            Map.entry("idelta", new Signature(List.of(M), 0, V)),
            Map.entry("deriv", new Signature(List.of(M), 0, V)),
            Map.entry("changes", new Signature(List.of(M), 0, V)),
            Map.entry("resets", new Signature(List.of(M), 0, V)),
            Map.entry("predict_linear", new Signature(List.of(M, S), 0, V)),
            Map.entry("avg_over_time", new Signature(List.of(M), 0, V)),
            Map.entry("min_over_time", new Signature(List.of(M), 0, V)),
            Map.entry("max_over_time", new Signature(List.of(M), 0, V)),
            Map.entry("sum_over_time", new Signature(List.of(M), 0, V)),
            Map.entry("count_over_time", new Signature(List.of(M), 0, V)),
            Map.entry("last_over_time", new Signature(List.of(M), 0, V)),
            Map.entry("absent_over_time", new Signature(List.of(M), 0, V)),
            Map.entry("abs", new Signature(List.of(V), 0, V)),
            Map.entry("ceil", new Signature(List.of(V), 0, V)),
            Map.entry("floor", new Signature(List.of(V), 0, V)),
            Map.entry("round", new Signature(List.of(V, S), 1, V)),
            Map.entry("sqrt", new Signature(List.of(V), 0, V)),
            Map.entry("exp", new Signature(List.of(V), 0, V)),
            Map.entry("ln", new Signature(List.of(V), 0, V)),
            Map.entry("log2", new Signature(List.of(V), 0, V)),
            Map.entry("log10", new Signature(List.of(V), 0, V)),
            Map.entry("clamp_min", new Signature(List.of(V, S), 0, V)),
            Map.entry("clamp_max", new Signature(List.of(V, S), 0, V)),
            Map.entry("absent", new Signature(List.of(V), 0, V)),
            Map.entry("time", new Signature(List.of(), 0, S)),
            Map.entry("vector", new Signature(List.of(S), 0, V)),
            Map.entry("scalar", new Signature(List.of(V), 0, S)));

    /**
     * Prometheus's extrapolatedRate (promql/functions.go) for rate, increase and delta over the
     * window (start, end]: the difference between the first and last points (counter resets
     * added back for counters), extrapolated to the window's edges when the first/last point is
     * within 1.1 average intervals of them, otherwise by half an interval; a counter is never
     * extrapolated below zero. Returns NaN when there are fewer than two points.
     */
    static double extrapolatedRate(Series s, long start, long end, boolean counter, boolean rate) {
        int n = s.size();
        if (n < 2) {
            return Double.NaN;
        }
        long[] ts = s.timestamps();
        double[] vs = s.values();
        double result = vs[n - 1] - vs[0];
        if (counter) {
            for (int i = 1; i < n; i++) {
                if (vs[i] < vs[i - 1]) {
                    result += vs[i - 1];
                }
            }
        }
        double durationToStart = (ts[0] - start) / 1000.0;
        double durationToEnd = (end - ts[n - 1]) / 1000.0;
        double sampled = (ts[n - 1] - ts[0]) / 1000.0;
        double avgInterval = sampled / (n - 1);
        if (counter && result > 0 && vs[0] >= 0) {
            // The counter started at zero at most this long before the first point.
            double durationToZero = sampled * (vs[0] / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        double threshold = avgInterval * 1.1;
        double extrapolateTo = sampled;
        extrapolateTo += durationToStart < threshold ? durationToStart : avgInterval / 2;
        extrapolateTo += durationToEnd < threshold ? durationToEnd : avgInterval / 2;
        result = result * (extrapolateTo / sampled);
        if (rate) {
            result /= (end - start) / 1000.0;
        }
        return result;
    }

    /** irate/idelta: from the last two points; irate treats a drop as a counter reset. */
    static double instant(Series s, boolean rate) {
        int n = s.size();
        if (n < 2) {
            return Double.NaN;
        }
        double last = s.values()[n - 1];
        double prev = s.values()[n - 2];
        double d = rate && last < prev ? last : last - prev;
        if (!rate) {
            return d;
        }
        long dt = s.timestamps()[n - 1] - s.timestamps()[n - 2];
        return dt == 0 ? Double.NaN : d / (dt / 1000.0);
    }

    /**
     * Least-squares slope and the fitted value at {@code interceptMillis}, x in seconds relative to
     * it, as Prometheus's linearRegression. Returns {slope, intercept}, or null for fewer than 2 points.
     */
    static double[] linearRegression(Series s, long interceptMillis) {
        int n = s.size();
        if (n < 2) {
            return null;
        }
        double sumX = 0, sumY = 0, sumXY = 0, sumX2 = 0;
        boolean constY = true;
        double first = s.values()[0];
        for (int i = 0; i < n; i++) {
            double x = (s.timestamps()[i] - interceptMillis) / 1000.0;
            double y = s.values()[i];
            constY &= y == first;
            sumX += x;
            sumY += y;
            sumXY += x * y;
            sumX2 += x * x;
        }
        if (constY) {
            return new double[] {0, first};
        }
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        double intercept = sumY / n - slope * sumX / n;
        return new double[] {slope, intercept};
    }

    /** The *_over_time aggregations. */
    static double overTime(String fn, double[] v) {
        int n = v.length;
        switch (fn) {
            case "count_over_time":
                return n;
            case "last_over_time":
                return v[n - 1];
            default:
                break;
        }
        double acc = fn.equals("min_over_time") ? Double.POSITIVE_INFINITY
                : fn.equals("max_over_time") ? Double.NEGATIVE_INFINITY : 0;
        for (double x : v) {
            acc = switch (fn) {
                case "min_over_time" -> Double.isNaN(acc) || x < acc ? x : acc;
                case "max_over_time" -> Double.isNaN(acc) || x > acc ? x : acc;
                default -> acc + x;
            };
        }
        return fn.equals("avg_over_time") ? acc / n : acc;
    }

    /** changes (value changed) or resets (value decreased) between consecutive points. */
    static double changes(double[] v, boolean resets) {
        int c = 0;
        for (int i = 1; i < v.length; i++) {
            boolean hit = resets ? v[i] < v[i - 1] : !(v[i] == v[i - 1] || (Double.isNaN(v[i]) && Double.isNaN(v[i - 1])));
            if (hit) {
                c++;
            }
        }
        return c;
    }

    /** The element-wise maths functions. */
    static double math(String fn, double x, double arg) {
        return switch (fn) {
            case "abs" -> Math.abs(x);
            case "ceil" -> Math.ceil(x);
            case "floor" -> Math.floor(x);
            case "round" -> Math.floor(x / arg + 0.5) * arg;
            case "sqrt" -> Math.sqrt(x);
            case "exp" -> Math.exp(x);
            case "ln" -> Math.log(x);
            case "log2" -> Math.log(x) / Math.log(2);
            case "log10" -> Math.log10(x);
            case "clamp_min" -> Math.max(x, arg);
            case "clamp_max" -> Math.min(x, arg);
            default -> throw new IllegalStateException(fn);
        };
    }
}
