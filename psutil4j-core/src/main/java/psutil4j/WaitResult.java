package psutil4j;

/**
 * The result of {@link Psutil#waitProcs}: psutil's {@code (gone, alive)} tuple.
 *
 * @param gone processes that ended; each has its {@link PsProcess#returncode()}
 * @param alive processes still running at the timeout
 */
public record WaitResult(java.util.List<PsProcess> gone, java.util.List<PsProcess> alive) {

    public WaitResult {
        gone = java.util.List.copyOf(gone);
        alive = java.util.List.copyOf(alive);
    }
}
