package psutil4j.agent.config;

/**
 * A config file the agent refuses: the message is one line, {@code file:line: what is wrong}
 * (line 1-based; no line when the problem is not tied to one).
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public ConfigException(String file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** The config file's name as given. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, 0 when unknown. */
    public int line() {
        return line;
    }
}
