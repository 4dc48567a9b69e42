package psutil4j;

/**
 * A resource limit, as returned by prlimit(2), psutil's {@code (soft, hard)} tuple.
 *
 * @param soft the soft limit, or {@link #RLIM_INFINITY}
 * @param hard the hard limit (ceiling for the soft one), or {@link #RLIM_INFINITY}
 */
public record RLimit(long soft, long hard) {

    /** psutil's {@code RLIM_INFINITY}: no limit. */
    public static final long RLIM_INFINITY = -1;
}
