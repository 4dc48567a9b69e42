package psutil4j.agent.rules;

import java.util.Map;

/** One rule of a group, as written in a Prometheus rule file. */
public sealed interface Rule {

    /** The rule's name: the alert name or the recorded metric name. */
    String name();

    /** The expression as written. */
    String exprText();

    /** The parsed expression. */
    Expr expr();

    /** Where the rule starts, {@code file:line}. */
    String source();

    /**
     * An alerting rule.
     *
     * @param name           the {@code alert} name
     * @param forMillis      how long the expression must hold before the alert fires ({@code for})
     * @param keepFiringForMillis how long a firing alert stays firing after the expression stops
     *                       returning it ({@code keep_firing_for})
     * @param labels         labels added to each alert (values may use templates)
     * @param annotations    annotations (templates: {{ $labels.x }}, {{ $value }}...)
     */
    record Alerting(String name, String exprText, Expr expr, long forMillis, long keepFiringForMillis,
                    Map<String, String> labels, Map<String, String> annotations, String source) implements Rule {
    }

    /**
     * A recording rule: the expression's result is stored as the series {@code record} at each evaluation.
     *
     * @param name   the {@code record} metric name
     * @param labels labels added to (or overriding) each recorded series
     */
    record Recording(String name, String exprText, Expr expr, Map<String, String> labels, String source)
            implements Rule {
    }
}
