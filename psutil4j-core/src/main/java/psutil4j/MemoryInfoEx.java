package psutil4j;

/**
 * {@link MemoryInfo} plus the peaks and splits of /proc/[pid]/status, newest psutil's {@code pmem_ex}. Fields the kernel lacks are 0, as psutil.
 *
 * @param rss resident set size
 * @param vms virtual memory size
 * @param shared shared resident size
 * @param text text size
 * @param data data + stack size
 * @param peakRss peak resident size (VmHWM)
 * @param peakVms peak virtual size (VmPeak)
 * @param rssAnon resident anonymous memory (RssAnon, since Linux 4.5)
 * @param rssFile resident file mappings (RssFile, since 4.5)
 * @param rssShmem resident shared memory (RssShmem, since 4.5)
 * @param swap swapped-out anonymous memory (VmSwap, since 2.6.34)
 * @param hugetlb hugetlb memory (HugetlbPages, since 4.4)
 */
public record MemoryInfoEx(long rss, long vms, long shared, long text, long data, long peakRss, long peakVms, long rssAnon, long rssFile, long rssShmem, long swap, long hugetlb) {
}
