package psutil4j;

/**
 * Base of psutil4j's errors, mirroring psutil's {@code psutil.Error}.
 *
 * <p>All are unchecked. The hierarchy is sealed: a {@code switch} over it is exhaustive.
 * Messages carry the pid, the process name when known, and the operation, as psutil's do.
 */
public sealed class PsutilException extends RuntimeException
        permits NoSuchProcessException, AccessDeniedException, TimeoutExpiredException {

    private final int pid;
    private final String name;

    PsutilException(int pid, String name, String message, Throwable cause) {
        super(message, cause);
        this.pid = pid;
        this.name = name;
    }

    /** The pid this error is about, or -1 when it is not about a process. */
    public int pid() {
        return pid;
    }

    /** The process name when it was known, else {@code null}. */
    public String name() {
        return name;
    }

    static String describe(String kind, int pid, String name, String msg) {
        var sb = new StringBuilder(kind);
        if (pid >= 0) {
            sb.append(" (pid=").append(pid);
            if (name != null) {
                sb.append(", name='").append(name).append('\'');
            }
            sb.append(')');
        }
        if (msg != null && !msg.isEmpty()) {
            sb.append(": ").append(msg);
        }
        return sb.toString();
    }
}
