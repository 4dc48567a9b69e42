package psutil4j;

/** Resources of getrlimit(2)/prlimit(2), with psutil's names ({@code psutil.RLIMIT_NOFILE}, ...). */
public enum RLimitResource {
    /** CPU time in seconds. */
    RLIMIT_CPU(0),
    /** Largest file the process may create, bytes. */
    RLIMIT_FSIZE(1),
    /** Data segment size, bytes. */
    RLIMIT_DATA(2),
    /** Stack size, bytes. */
    RLIMIT_STACK(3),
    /** Core file size, bytes. */
    RLIMIT_CORE(4),
    /** Resident set size (ignored since Linux 2.6). */
    RLIMIT_RSS(5),
    /** Processes (threads) of the real user. */
    RLIMIT_NPROC(6),
    /** Open file descriptors. */
    RLIMIT_NOFILE(7),
    /** Locked memory, bytes. */
    RLIMIT_MEMLOCK(8),
    /** Address space, bytes. */
    RLIMIT_AS(9),
    /** File locks. */
    RLIMIT_LOCKS(10),
    /** Queued signals. */
    RLIMIT_SIGPENDING(11),
    /** POSIX message queue bytes. */
    RLIMIT_MSGQUEUE(12),
    /** Ceiling of the nice value (20 - limit). */
    RLIMIT_NICE(13),
    /** Ceiling of the real-time priority. */
    RLIMIT_RTPRIO(14),
    /** Real-time CPU time without blocking, microseconds. */
    RLIMIT_RTTIME(15);

    private final int number;

    RLimitResource(int number) {
        this.number = number;
    }

    /** The kernel's resource number. */
    public int number() {
        return number;
    }
}
