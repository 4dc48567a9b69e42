package psutil4j.agent.tsdb;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of a PromQL selector: {@code name op "value"}. A missing label matches as the
 * empty string, as in Prometheus ({@code {foo=""}} selects series without {@code foo}). Regular
 * expressions are fully anchored, as Prometheus anchors its RE2 expressions; Java's regex dialect is
 * a superset of RE2 for the usual constructs.
 *
 * @param name  the label name ({@code __name__} for the metric name)
 * @param op    the operator
 * @param value the literal or the regular expression
 * @param pattern the anchored compiled expression for {@code =~} and {@code !~}, else null
 */
public record Matcher(String name, Op op, String value, Pattern pattern) {

    /** The four PromQL matcher operators. */
    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in PromQL. */
        public String symbol() {
            return symbol;
        }
    }

    /**
     * A matcher; a regular expression is compiled here.
     *
     * @throws IllegalArgumentException if the regular expression is invalid
     */
    public static Matcher of(String name, Op op, String value) {
        Pattern p = null;
        if (op == Op.RE || op == Op.NRE) {
            try {
                p = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression \"" + value + "\": "
                        + e.getDescription());
            }
        }
        return new Matcher(name, op, value, p);
    }

    /** An equality matcher. */
    public static Matcher eq(String name, String value) {
        return of(name, Op.EQ, value);
    }

    /** Whether the label set (which includes {@code __name__}) matches. */
    public boolean matches(Map<String, String> labels) {
        String v = labels.getOrDefault(name, "");
        return switch (op) {
            case EQ -> v.equals(value);
            case NE -> !v.equals(value);
            case RE -> pattern.matcher(v).matches();
            case NRE -> !pattern.matcher(v).matches();
        };
    }

    /** Whether the empty string matches, i.e. whether the matcher alone would select every series. */
    public boolean matchesEmpty() {
        return matches(Map.of());
    }

    @Override
    public String toString() {
        return name + op.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
