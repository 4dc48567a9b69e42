package psutil4j;

import java.time.Duration;

/** A wait ran out of time before the process ended (psutil's {@code TimeoutExpired}). */
public final class TimeoutExpiredException extends PsutilException {

    private final Duration timeout;

    /** @param timeout how long was waited */
    public TimeoutExpiredException(Duration timeout, int pid, String name) {
        super(pid, name, describe("timeout after " + timeout.toMillis() / 1000.0 + " seconds", pid, name, null), null);
        this.timeout = timeout;
    }

    /** How long was waited. */
    public Duration timeout() {
        return timeout;
    }
}
