package psutil4j.agent.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import psutil4j.agent.rules.Value.Element;
import psutil4j.agent.rules.Value.Matrix;
import psutil4j.agent.rules.Value.Scalar;
import psutil4j.agent.rules.Value.Vector;
import psutil4j.agent.tsdb.Labels;
import psutil4j.agent.tsdb.Matcher;
import psutil4j.agent.tsdb.RecentStore;
import psutil4j.agent.tsdb.Series;

/**
 * Evaluates a parsed expression at one instant against a {@link RecentStore}, with Prometheus's
 * semantics: an instant selector takes each series' newest point in the 5-minute lookback window,
 * unless that point is a staleness marker (the store writes one when a collection stops
 * reporting a series, as Prometheus does when a target stops exporting it); a range
 * selector {@code [r]} takes the points in {@code (t - r, t]}; arithmetic and functions drop the
 * metric name, filtering comparisons keep it.
 */
public final class Evaluator {

    /** Prometheus's default lookback delta for instant selectors: 5 minutes. */
    public static final long LOOKBACK_MILLIS = 5 * 60_000L;

    private final RecentStore store;

    /** An evaluator reading from {@code store}. */
    public Evaluator(RecentStore store) {
        this.store = store;
    }

    /** An evaluation failure (duplicate series in matching, and the like). */
    public static final class EvalException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EvalException(String message) {
            super(message);
        }
    }

    /**
     * Evaluates {@code e} at {@code timeMillis}.
     *
     * @throws EvalException when the data makes the expression invalid (e.g. a many-to-many match)
     */
    public Value eval(Expr e, long timeMillis) {
        return switch (e) {
            case Expr.NumberLiteral n -> new Scalar(n.value());
            case Expr.VectorSelector vs -> instant(vs, timeMillis);
            case Expr.MatrixSelector ms -> new Matrix(range(ms, timeMillis));
            case Expr.Negation n -> negate(eval(n.expr(), timeMillis));
            case Expr.Call c -> call(c, timeMillis);
            case Expr.Aggregate a -> aggregate(a, timeMillis);
            case Expr.Binary b -> binary(b, timeMillis);
        };
    }

    /** Evaluates an expression that returns an instant vector or a scalar, as a vector (a scalar has no labels). */
    public Vector evalVector(Expr e, long timeMillis) {
        return switch (eval(e, timeMillis)) {
            case Vector v -> v;
            case Scalar s -> new Vector(List.of(new Element(Map.of(), s.value())));
            case Matrix m -> throw new EvalException("expression returns a range vector");
        };
    }

    private Vector instant(Expr.VectorSelector vs, long t) {
        long at = t - vs.offsetMillis();
        var out = new ArrayList<Element>();
        for (Series s : store.selectInstant(vs.matchers(), at - LOOKBACK_MILLIS + 1, at)) {
            out.add(new Element(s.labels(), s.values()[s.size() - 1]));
        }
        return new Vector(out);
    }

    private List<Series> range(Expr.MatrixSelector ms, long t) {
        long at = t - ms.selector().offsetMillis();
        return store.select(ms.selector().matchers(), at - ms.rangeMillis() + 1, at);
    }

    private static Value negate(Value v) {
        return switch (v) {
            case Scalar s -> new Scalar(-s.value());
            case Vector vec -> new Vector(vec.elements().stream()
                    .map(x -> new Element(dropName(x.labels()), -x.value())).toList());
            case Matrix m -> throw new EvalException("cannot negate a range vector");
        };
    }

    static Map<String, String> dropName(Map<String, String> labels) {
        if (!labels.containsKey(Labels.NAME)) {
            return labels;
        }
        var m = new TreeMap<>(labels);
        m.remove(Labels.NAME);
        return Labels.sorted(m);
    }

    // ---- functions ----

    private Value call(Expr.Call c, long t) {
        String fn = c.function();
        List<Expr> args = c.args();
        switch (fn) {
            case "time":
                return new Scalar(t / 1000.0);
            case "vector":
                return new Vector(List.of(new Element(Map.of(), scalar(args.get(0), t))));
            case "scalar": {
                Vector v = (Vector) eval(args.get(0), t);
                return new Scalar(v.elements().size() == 1 ? v.elements().get(0).value() : Double.NaN);
            }
            case "absent": {
                Vector v = (Vector) eval(args.get(0), t);
                if (!v.elements().isEmpty()) {
                    return new Vector(List.of());
                }
                return new Vector(List.of(new Element(absentLabels(args.get(0)), 1)));
            }
            case "absent_over_time": {
                Expr.MatrixSelector ms = (Expr.MatrixSelector) args.get(0);
                if (!range(ms, t).isEmpty()) {
                    return new Vector(List.of());
                }
                return new Vector(List.of(new Element(absentLabels(ms.selector()), 1)));
            }
            default:
                break;
        }
        if (args.get(0).type() == Expr.ValueType.VECTOR) {
            Vector v = (Vector) eval(args.get(0), t);
            double arg = args.size() > 1 ? scalar(args.get(1), t) : 1;
            var out = new ArrayList<Element>();
            for (Element x : v.elements()) {
                out.add(new Element(dropName(x.labels()), Functions.math(fn, x.value(), arg)));
            }
            return new Vector(out);
        }
        Expr.MatrixSelector ms = (Expr.MatrixSelector) args.get(0);
        long end = t - ms.selector().offsetMillis();
        long start = end - ms.rangeMillis();
        double seconds = fn.equals("predict_linear") ? scalar(args.get(1), t) : 0;
        var out = new ArrayList<Element>();
        for (Series s : range(ms, t)) {
            double r = switch (fn) {
                case "rate" -> Functions.extrapolatedRate(s, start, end, true, true);
                case "increase" -> Functions.extrapolatedRate(s, start, end, true, false);
                case "delta" -> Functions.extrapolatedRate(s, start, end, false, false);
                case "irate" -> Functions.instant(s, true);
                case "idelta" -> Functions.instant(s, false);
                case "changes" -> Functions.changes(s.values(), false);
                case "resets" -> Functions.changes(s.values(), true);
                case "deriv" -> {
                    double[] lr = Functions.linearRegression(s, s.timestamps()[0]);
                    yield lr == null ? Double.NaN : lr[0];
                }
                case "predict_linear" -> {
                    double[] lr = Functions.linearRegression(s, end);
                    yield lr == null ? Double.NaN : lr[0] * seconds + lr[1];
                }
                default -> Functions.overTime(fn, s.values());
            };
            boolean noResult = Double.isNaN(r) && s.size() < 2 && !fn.endsWith("_over_time")
                    && !fn.equals("changes") && !fn.equals("resets");
            if (noResult) {
                continue; // Prometheus returns nothing for a series with fewer than two points
            }
            var labels = fn.equals("last_over_time") ? s.labels() : dropName(s.labels());
            out.add(new Element(labels, r));
        }
        return new Vector(out);
    }

    /** absent()'s labels: those of the selector's equality matchers (other than the name). */
    private static Map<String, String> absentLabels(Expr arg) {
        var m = new TreeMap<String, String>();
        if (arg instanceof Expr.VectorSelector vs) {
            var seen = new HashSet<String>();
            for (Matcher x : vs.matchers()) {
                if (x.name().equals(Labels.NAME)) {
                    continue;
                }
                if (!seen.add(x.name())) {
                    m.remove(x.name());
                } else if (x.op() == Matcher.Op.EQ) {
                    m.put(x.name(), x.value());
                }
            }
        }
        return Labels.sorted(m);
    }

    private double scalar(Expr e, long t) {
        return ((Scalar) eval(e, t)).value();
    }

    // ---- aggregation ----

    private Value aggregate(Expr.Aggregate a, long t) {
        Vector v = (Vector) eval(a.expr(), t);
        double param = a.param() == null ? 0 : scalar(a.param(), t);
        var groups = new LinkedHashMap<Map<String, String>, List<Element>>();
        for (Element x : v.elements()) {
            groups.computeIfAbsent(groupLabels(x.labels(), a.grouping(), a.without()), k -> new ArrayList<>()).add(x);
        }
        var out = new ArrayList<Element>();
        for (var g : groups.entrySet()) {
            List<Element> xs = g.getValue();
            switch (a.op()) {
                case "topk", "bottomk" -> {
                    int k = (int) param;
                    Comparator<Element> cmp = Comparator.comparingDouble(Element::value);
                    xs.stream().sorted(a.op().equals("topk") ? cmp.reversed() : cmp).limit(Math.max(k, 0))
                            .forEach(out::add);
                }
                default -> out.add(new Element(g.getKey(), fold(a.op(), xs, param)));
            }
        }
        return new Vector(out);
    }

    private static Map<String, String> groupLabels(Map<String, String> labels, List<String> grouping, boolean without) {
        var m = new TreeMap<String, String>();
        if (without) {
            m.putAll(labels);
            m.remove(Labels.NAME);
            grouping.forEach(m::remove);
        } else {
            for (String g : grouping) {
                String v = labels.get(g);
                if (v != null && !v.isEmpty()) {
                    m.put(g, v);
                }
            }
        }
        return Labels.sorted(m);
    }

    private static double fold(String op, List<Element> xs, double param) {
        int n = xs.size();
        switch (op) {
            case "count":
                return n;
            case "group":
                return 1;
            case "quantile":
                return quantile(param, xs.stream().mapToDouble(Element::value).sorted().toArray());
            default:
                break;
        }
        double sum = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        for (Element x : xs) {
            double v = x.value();
            sum += v;
            if (Double.isNaN(min) || v < min) {
                min = v;
            }
            if (Double.isNaN(max) || v > max) {
                max = v;
            }
        }
        double mean = sum / n;
        return switch (op) {
            case "sum" -> sum;
            case "avg" -> mean;
            case "min" -> min;
            case "max" -> max;
            case "stddev", "stdvar" -> {
                double var = 0;
                for (Element x : xs) {
                    var += (x.value() - mean) * (x.value() - mean);
                }
                var /= n;
                yield op.equals("stddev") ? Math.sqrt(var) : var;
            }
            default -> throw new IllegalStateException(op);
        };
    }

    /** Prometheus's quantile: linear interpolation between the closest ranks. */
    private static double quantile(double q, double[] sorted) {
        if (sorted.length == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double rank = q * (sorted.length - 1);
        int lo = (int) Math.max(0, Math.floor(rank));
        int hi = Math.min(sorted.length - 1, lo + 1);
        double w = rank - Math.floor(rank);
        return sorted[lo] * (1 - w) + sorted[hi] * w;
    }

    // ---- binary operators ----

    private Value binary(Expr.Binary b, long t) {
        Value l = eval(b.lhs(), t);
        Value r = eval(b.rhs(), t);
        if (l instanceof Scalar ls && r instanceof Scalar rs) {
            return new Scalar(arith(b, ls.value(), rs.value()));
        }
        if (l instanceof Vector lv && r instanceof Scalar rs) {
            return vectorScalar(b, lv, rs.value(), false);
        }
        if (l instanceof Scalar ls && r instanceof Vector rv) {
            return vectorScalar(b, rv, ls.value(), true);
        }
        Vector lv = (Vector) l;
        Vector rv = (Vector) r;
        if (b.setOp()) {
            return setOp(b, lv, rv);
        }
        return vectorVector(b, lv, rv);
    }

    /** Arithmetic, or a comparison giving 1/0 (NaN when it does not hold, for filtering). */
    private static double arith(Expr.Binary b, double l, double r) {
        return switch (b.op()) {
            case "+" -> l + r;
            case "-" -> l - r;
            case "*" -> l * r;
            case "/" -> l / r;
            case "%" -> l % r;
            case "^" -> Math.pow(l, r);
            default -> compare(b.op(), l, r) ? 1 : 0;
        };
    }

    private static boolean compare(String op, double l, double r) {
        return switch (op) {
            case "==" -> l == r;
            case "!=" -> l != r;
            case ">" -> l > r;
            case "<" -> l < r;
            case ">=" -> l >= r;
            case "<=" -> l <= r;
            default -> throw new IllegalStateException(op);
        };
    }

    private static Vector vectorScalar(Expr.Binary b, Vector v, double s, boolean scalarLeft) {
        var out = new ArrayList<Element>();
        for (Element x : v.elements()) {
            double l = scalarLeft ? s : x.value();
            double r = scalarLeft ? x.value() : s;
            if (b.comparison()) {
                boolean ok = compare(b.op(), l, r);
                if (b.bool()) {
                    out.add(new Element(dropName(x.labels()), ok ? 1 : 0));
                } else if (ok) {
                    out.add(x);
                }
            } else {
                out.add(new Element(dropName(x.labels()), arith(b, l, r)));
            }
        }
        return new Vector(out);
    }

    /** The labels vector matching compares: on(...) keeps the listed ones, otherwise drop the name and ignoring(...). */
    private static Map<String, String> signature(Map<String, String> labels, Expr.Binary b) {
        var m = new TreeMap<String, String>();
        if (b.on()) {
            for (String k : b.matching()) {
                String v = labels.get(k);
                if (v != null) {
                    m.put(k, v);
                }
            }
        } else {
            m.putAll(labels);
            m.remove(Labels.NAME);
            b.matching().forEach(m::remove);
        }
        return m;
    }

    private static Vector setOp(Expr.Binary b, Vector lv, Vector rv) {
        var rsigs = new HashSet<Map<String, String>>();
        rv.elements().forEach(x -> rsigs.add(signature(x.labels(), b)));
        var out = new ArrayList<Element>();
        switch (b.op()) {
            case "and" -> lv.elements().stream().filter(x -> rsigs.contains(signature(x.labels(), b))).forEach(out::add);
            case "unless" -> lv.elements().stream().filter(x -> !rsigs.contains(signature(x.labels(), b))).forEach(out::add);
            default -> { // or
                var lsigs = new HashSet<Map<String, String>>();
                for (Element x : lv.elements()) {
                    lsigs.add(signature(x.labels(), b));
                    out.add(x);
                }
                rv.elements().stream().filter(x -> !lsigs.contains(signature(x.labels(), b))).forEach(out::add);
            }
        }
        return new Vector(out);
    }

    private static Vector vectorVector(Expr.Binary b, Vector lv, Vector rv) {
        var right = new HashMap<Map<String, String>, Element>();
        for (Element x : rv.elements()) {
            if (right.put(signature(x.labels(), b), x) != null) {
                throw new EvalException("found duplicate series for the match group " + Labels.format(signature(x.labels(), b))
                        + " on the right hand-side of the operation; many-to-many matching not allowed");
            }
        }
        var out = new ArrayList<Element>();
        Set<Map<String, String>> matchedLeft = new HashSet<>();
        Set<Map<String, String>> results = new HashSet<>();
        for (Element x : lv.elements()) {
            var sig = signature(x.labels(), b);
            Element y = right.get(sig);
            if (y == null) {
                continue;
            }
            if (!matchedLeft.add(sig)) {
                throw new EvalException("multiple matches for labels " + Labels.format(sig)
                        + ": many-to-one matching must be explicit (group_left/group_right are not supported)");
            }
            double v;
            if (b.comparison()) {
                boolean ok = compare(b.op(), x.value(), y.value());
                if (!b.bool() && !ok) {
                    continue;
                }
                v = b.bool() ? (ok ? 1 : 0) : x.value();
            } else {
                v = arith(b, x.value(), y.value());
            }
            Map<String, String> labels = resultLabels(x.labels(), b);
            if (!results.add(labels)) {
                throw new EvalException("vector cannot contain metrics with the same labelset " + Labels.format(labels));
            }
            out.add(new Element(labels, v));
        }
        return new Vector(out);
    }

    private static Map<String, String> resultLabels(Map<String, String> lhs, Expr.Binary b) {
        boolean dropName = !b.comparison() || b.bool();
        var m = new TreeMap<>(lhs);
        if (dropName) {
            m.remove(Labels.NAME);
        }
        if (b.on()) {
            m.keySet().retainAll(b.matching());
        } else {
            b.matching().forEach(m::remove);
        }
        return Labels.sorted(m);
    }
}
