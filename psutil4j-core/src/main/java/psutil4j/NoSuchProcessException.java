package psutil4j;

/**
 * The process no longer exists (psutil's {@code NoSuchProcess}), or its pid was reused by
 * another process since the handle was made.
 */
public sealed class NoSuchProcessException extends PsutilException permits ZombieProcessException {

    /** @param pid the pid; @param name the name when known, else null; @param msg detail, may be null */
    public NoSuchProcessException(int pid, String name, String msg) {
        this(pid, name, describe("process no longer exists", pid, name, msg), null);
    }

    NoSuchProcessException(int pid, String name, String fullMessage, Throwable cause) {
        super(pid, name, fullMessage, cause);
    }
}
