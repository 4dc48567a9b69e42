package psutil4j.agent.rules;

import java.util.List;

/** A rule file that cannot be used; each error is one {@code file:line: message} line. */
public final class RuleFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // an unmodifiable List.copyOf, serializable in practice
    private final List<String> errors;

    RuleFileException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    /** The errors, one {@code file:line: message} each. */
    public List<String> errors() {
        return errors;
    }
}
