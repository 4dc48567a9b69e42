package psutil4j;

/**
 * A process's memory from /proc/[pid]/statm in bytes, newest psutil's Linux {@code pmem} (psutil 5.9 also had lib and dirty, always 0 since Linux 2.6, since dropped).
 *
 * @param rss resident set size (top's RES)
 * @param vms virtual memory size (top's VIRT)
 * @param shared resident pages backed by files or shared memory (top's SHR)
 * @param text text (code) size (top's CODE)
 * @param data data + stack size (top's DATA)
 */
public record MemoryInfo(long rss, long vms, long shared, long text, long data) {
}
