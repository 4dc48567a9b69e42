package psutil4j;

/**
 * What {@link MemoryMap} (regions grouped by path) and {@link MemoryMapExt} (single regions)
 * share: psutil's memory_maps() fields other than addr and perms. Sizes in bytes.
 */
public sealed interface MemoryRegion permits MemoryMap, MemoryMapExt {

    /** The mapped file, or a pseudo-path such as [heap], [stack], [anon]. */
    String path();

    /** Resident size. */
    long rss();

    /** Mapping size. */
    long size();

    /** Proportional set size. */
    long pss();

    /** Shared clean pages. */
    long sharedClean();

    /** Shared dirty pages. */
    long sharedDirty();

    /** Private clean pages. */
    long privateClean();

    /** Private dirty pages. */
    long privateDirty();

    /** Referenced pages. */
    long referenced();

    /** Anonymous pages. */
    long anonymous();

    /** Swapped-out pages. */
    long swap();
}
