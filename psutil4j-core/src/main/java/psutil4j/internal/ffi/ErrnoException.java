package psutil4j.internal.ffi;

/**
 * A libc call or raw system call failed with {@code errno}. Internal: the process handle turns it
 * into psutil's exceptions in one place (EPERM/EACCES -> AccessDenied, ESRCH -> NoSuchProcess).
 *
 * <p>The message is {@code "call: ENAME"}, e.g. {@code "setpriority: EPERM"}.
 */
public final class ErrnoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String call;

    public ErrnoException(String call, int errno) {
        super(call + ": " + name(errno), null, false, false);
        this.errno = errno;
        this.call = call;
    }

    /** The errno value (asm-generic numbering, e.g. {@link Native#ESRCH}). */
    public int errno() {
        return errno;
    }

    /** The libc function or system call that failed, e.g. {@code "prlimit"}. */
    public String call() {
        return call;
    }

    /** A symbolic name for errno values this package can produce; falls back to {@link Native#errnoName}. */
    static String name(int errno) {
        return switch (errno) {
            case 9 -> "EBADF";
            case 14 -> "EFAULT";
            case 24 -> "EMFILE";
            case 34 -> "ERANGE";
            case 95 -> "EOPNOTSUPP";
            default -> Native.errnoName(errno);
        };
    }
}
