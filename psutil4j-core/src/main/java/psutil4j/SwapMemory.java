package psutil4j;

/**
 * Swap usage, psutil's {@code sswap}, from /proc/meminfo and /proc/vmstat. With no swap
 * configured every field is 0 (percent included), as psutil.
 *
 * @param total swap space in bytes ({@code SwapTotal})
 * @param used {@code total - free} in bytes
 * @param free free swap in bytes ({@code SwapFree})
 * @param percent {@code used / total * 100}, rounded to one decimal; 0.0 when there is no swap
 * @param sin bytes swapped in since boot ({@code pswpin} pages times 4096, as psutil); 0 when
 *     /proc/vmstat lacks the counter, as psutil
 * @param sout bytes swapped out since boot ({@code pswpout} pages times 4096, as psutil); 0 when
 *     /proc/vmstat lacks the counter, as psutil
 */
public record SwapMemory(long total, long used, long free, double percent, long sin, long sout) {
}
