package psutil4j.agent.rules;

/**
 * A PromQL expression that does not parse or does not type-check; the message starts with
 * {@code line:column:} as Prometheus's do ({@code 1:17: parse error: unexpected "}"}).
 */
public final class PromQLException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    PromQLException(int line, int column, String message) {
        super(line + ":" + column + ": parse error: " + message);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the error in the expression. */
    public int line() {
        return line;
    }

    /** The 1-based column of the error in the expression. */
    public int column() {
        return column;
    }
}
