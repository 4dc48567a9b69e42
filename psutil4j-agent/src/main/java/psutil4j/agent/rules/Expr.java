package psutil4j.agent.rules;

import java.util.List;

import psutil4j.agent.tsdb.Matcher;

/** A parsed PromQL expression (the subset docs/ALERTS.md lists); build one with {@link PromQL#parse}. */
public sealed interface Expr {

    /** The type the expression evaluates to. */
    ValueType type();

    /** PromQL's value types (strings are not supported). */
    enum ValueType {
        SCALAR("scalar"), VECTOR("instant vector"), MATRIX("range vector");

        final String text;

        ValueType(String text) {
            this.text = text;
        }
    }

    /** A number: {@code 0.9}, {@code 1e3}, {@code 0x1f}, {@code Inf}, {@code NaN}, or a duration in seconds. */
    record NumberLiteral(double value) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.SCALAR;
        }
    }

    /**
     * An instant vector selector.
     *
     * @param name         the metric name, or null when only matchers were given
     * @param matchers     all matchers, the metric name's included
     * @param offsetMillis the {@code offset} modifier, 0 if none
     */
    record VectorSelector(String name, List<Matcher> matchers, long offsetMillis) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    /** A range vector selector: {@code sel[5m]}. */
    record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    /** A function call; {@code type} is the function's return type. */
    record Call(String function, List<Expr> args, ValueType type) implements Expr {
    }

    /**
     * An aggregation: {@code sum by (a) (expr)}.
     *
     * @param op       sum, avg, min, max, count, group, stddev, stdvar, topk, bottomk or quantile
     * @param grouping the by/without labels
     * @param without  whether grouping lists the labels to drop
     * @param param    k for topk/bottomk, φ for quantile, else null
     */
    record Aggregate(String op, List<String> grouping, boolean without, Expr expr, Expr param) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    /**
     * A binary operation.
     *
     * @param op       the operator: + - * / % ^ == != &gt; &lt; &gt;= &lt;= and or unless
     * @param bool     the {@code bool} modifier of a comparison
     * @param on       true for {@code on(...)}, false for {@code ignoring(...)} or no clause
     * @param matching the on/ignoring labels (empty when there is no clause)
     */
    record Binary(String op, Expr lhs, Expr rhs, boolean bool, boolean on, List<String> matching) implements Expr {
        @Override
        public ValueType type() {
            return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
                    ? ValueType.SCALAR : ValueType.VECTOR;
        }

        boolean comparison() {
            return switch (op) {
                case "==", "!=", ">", "<", ">=", "<=" -> true;
                default -> false;
            };
        }

        boolean setOp() {
            return op.equals("and") || op.equals("or") || op.equals("unless");
        }
    }

    /** Unary minus. */
    record Negation(Expr expr) implements Expr {
        @Override
        public ValueType type() {
            return expr.type();
        }
    }

    /** The longest time an expression looks back, ranges plus offsets plus the 5 m lookback. */
    static long lookbackMillis(Expr e) {
        return switch (e) {
            case NumberLiteral n -> 0;
            case VectorSelector v -> v.offsetMillis() + Evaluator.LOOKBACK_MILLIS;
            case MatrixSelector m -> m.rangeMillis() + m.selector().offsetMillis();
            case Call c -> c.args().stream().mapToLong(Expr::lookbackMillis).max().orElse(0);
            case Aggregate a -> Math.max(lookbackMillis(a.expr()), a.param() == null ? 0 : lookbackMillis(a.param()));
            case Binary b -> Math.max(lookbackMillis(b.lhs()), lookbackMillis(b.rhs()));
            case Negation n -> lookbackMillis(n.expr());
        };
    }
}
