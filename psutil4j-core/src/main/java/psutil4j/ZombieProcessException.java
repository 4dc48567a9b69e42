package psutil4j;

/**
 * The process is a zombie: it exited but its parent has not reaped it, so most of its
 * /proc files are empty (psutil's {@code ZombieProcess}). A subclass of
 * {@link NoSuchProcessException}, as in psutil.
 */
public final class ZombieProcessException extends NoSuchProcessException {

    private final int ppid;

    /** @param ppid the parent's pid when known, else -1 */
    public ZombieProcessException(int pid, String name, int ppid, String msg) {
        super(pid, name, describe("process still exists but it's a zombie", pid, name,
                ppid >= 0 ? (msg == null ? "ppid=" + ppid : msg + ", ppid=" + ppid) : msg), null);
        this.ppid = ppid;
    }

    /** The parent's pid when known, else -1. */
    public int ppid() {
        return ppid;
    }
}
