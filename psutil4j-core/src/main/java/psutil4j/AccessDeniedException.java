package psutil4j;

/**
 * The kernel refused the operation (EPERM or EACCES), as psutil's {@code AccessDenied}.
 * Running as root, or as the process's owner, usually helps.
 */
public final class AccessDeniedException extends PsutilException {

    /** @param pid the pid, or -1; @param name the name when known; @param msg the operation */
    public AccessDeniedException(int pid, String name, String msg) {
        super(pid, name, describe("access denied", pid, name, msg), null);
    }
}
