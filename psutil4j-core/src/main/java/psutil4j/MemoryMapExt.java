package psutil4j;

/**
 * One mapped region (psutil's {@code pmmap_ext}, {@code memory_maps(grouped=False)}); sizes in bytes.
 *
 * @param addr the address range, hex 'start-end'
 * @param perms permissions such as 'r-xp'
 * @param path the mapped file, or a pseudo-path such as [heap], [stack], [anon]
 * @param rss resident size
 * @param size mapping size
 * @param pss proportional set size
 * @param sharedClean shared clean pages
 * @param sharedDirty shared dirty pages
 * @param privateClean private clean pages
 * @param privateDirty private dirty pages
 * @param referenced referenced pages
 * @param anonymous anonymous pages
 * @param swap swapped-out pages
 */
public record MemoryMapExt(String addr, String perms, String path, long rss, long size, long pss, long sharedClean, long sharedDirty, long privateClean, long privateDirty, long referenced, long anonymous, long swap) implements MemoryRegion {
}
