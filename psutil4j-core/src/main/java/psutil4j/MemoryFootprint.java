package psutil4j;

/**
 * Memory that is really the process's, from /proc/[pid]/smaps_rollup (or smaps), psutil's {@code pfootprint}.
 *
 * @param uss unique set size: private memory, freed if the process ended now
 * @param pss proportional set size: shared memory divided among its sharers
 * @param swap swapped-out memory
 */
public record MemoryFootprint(long uss, long pss, long swap) {
}
