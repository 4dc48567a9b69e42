package psutil4j.internal.linux.proc;

import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * The /proc/meminfo fields psutil uses, in bytes (the file says kB, meaning KiB); {@link #MISSING}
 * (-1) for a field this kernel does not print. Fields vary by kernel version, architecture and
 * configuration (man 5 proc), which is why each one may be missing.
 *
 * @param memTotal MemTotal
 * @param memFree MemFree
 * @param memAvailable MemAvailable, since 3.14
 * @param buffers Buffers (absent on some kernels, psutil #1010)
 * @param cached Cached
 * @param sReclaimable SReclaimable, since 2.6.19
 * @param shmem Shmem, since 2.6.32
 * @param memShared MemShared, 2.4 kernels
 * @param active Active
 * @param inactive Inactive
 * @param inactDirty Inact_dirty, 2.4 kernels
 * @param inactClean Inact_clean, 2.4 kernels
 * @param inactLaundry Inact_laundry, 2.4 (Red Hat) kernels
 * @param slab Slab
 * @param activeFile Active(file), since 2.6.28
 * @param inactiveFile Inactive(file), since 2.6.28
 * @param swapTotal SwapTotal
 * @param swapFree SwapFree
 */
public record ProcMeminfo(long memTotal, long memFree, long memAvailable, long buffers,
        long cached, long sReclaimable, long shmem, long memShared, long active, long inactive,
        long inactDirty, long inactClean, long inactLaundry, long slab, long activeFile,
        long inactiveFile, long swapTotal, long swapFree) {

    /** The value of a field the kernel did not print. */
    public static final long MISSING = -1;

    /** One bit per field set in parse(), for the 14 fields of current kernels. */
    private static final int ALL_MODERN = (1 << 14) - 1;

    private static final byte[] MEMINFO = ByteCursor.ascii("/meminfo");

    // Keys include the colon so "Active:" does not match "Active(anon):".
    private static final byte[] MEM_TOTAL = ByteCursor.ascii("MemTotal:");
    private static final byte[] MEM_FREE = ByteCursor.ascii("MemFree:");
    private static final byte[] MEM_AVAILABLE = ByteCursor.ascii("MemAvailable:");
    private static final byte[] MEM_SHARED = ByteCursor.ascii("MemShared:");
    private static final byte[] BUFFERS = ByteCursor.ascii("Buffers:");
    private static final byte[] CACHED = ByteCursor.ascii("Cached:");
    private static final byte[] S_RECLAIMABLE = ByteCursor.ascii("SReclaimable:");
    private static final byte[] SHMEM = ByteCursor.ascii("Shmem:");
    private static final byte[] SLAB = ByteCursor.ascii("Slab:");
    private static final byte[] SWAP_TOTAL = ByteCursor.ascii("SwapTotal:");
    private static final byte[] SWAP_FREE = ByteCursor.ascii("SwapFree:");
    private static final byte[] ACTIVE = ByteCursor.ascii("Active:");
    private static final byte[] ACTIVE_FILE = ByteCursor.ascii("Active(file):");
    private static final byte[] INACTIVE = ByteCursor.ascii("Inactive:");
    private static final byte[] INACTIVE_FILE = ByteCursor.ascii("Inactive(file):");
    private static final byte[] INACT_DIRTY = ByteCursor.ascii("Inact_dirty:");
    private static final byte[] INACT_CLEAN = ByteCursor.ascii("Inact_clean:");
    private static final byte[] INACT_LAUNDRY = ByteCursor.ascii("Inact_laundry:");

    /** Reads and parses {procfs}/meminfo. */
    public static ProcMeminfo read() {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(MEMINFO).read();
        if (n < 0) {
            throw new IllegalStateException("cannot read " + b.pathString() + ": errno " + -n);
        }
        return parse(b.cursor());
    }

    /** Parses meminfo content; MemTotal and MemFree are required (sysinfo(2) has them too). */
    public static ProcMeminfo parse(ByteCursor c) {
        long memTotal = MISSING;
        long memFree = MISSING;
        long memAvailable = MISSING;
        long buffers = MISSING;
        long cached = MISSING;
        long sReclaimable = MISSING;
        long shmem = MISSING;
        long memShared = MISSING;
        long active = MISSING;
        long inactive = MISSING;
        long inactDirty = MISSING;
        long inactClean = MISSING;
        long inactLaundry = MISSING;
        long slab = MISSING;
        long activeFile = MISSING;
        long inactiveFile = MISSING;
        long swapTotal = MISSING;
        long swapFree = MISSING;
        // Stop once every field a modern kernel prints is found (about half-way through the
        // file); the 2.4-era alternatives are only looked for when those are absent.
        int found = 0;
        while (c.hasMore() && found != ALL_MODERN) {
            // Dispatch on the first byte so most lines cost one comparison.
            switch (c.peek()) {
                case 'M' -> {
                    if (c.consume(MEM_TOTAL)) {
                        memTotal = kib(c);
                        found |= 1 << 0;
                    } else if (c.consume(MEM_FREE)) {
                        memFree = kib(c);
                        found |= 1 << 1;
                    } else if (c.consume(MEM_AVAILABLE)) {
                        memAvailable = kib(c);
                        found |= 1 << 2;
                    } else if (c.consume(MEM_SHARED)) {
                        memShared = kib(c);
                    }
                }
                case 'B' -> {
                    if (c.consume(BUFFERS)) {
                        buffers = kib(c);
                        found |= 1 << 3;
                    }
                }
                case 'C' -> {
                    if (c.consume(CACHED)) {
                        cached = kib(c);
                        found |= 1 << 4;
                    }
                }
                case 'S' -> {
                    if (c.consume(S_RECLAIMABLE)) {
                        sReclaimable = kib(c);
                        found |= 1 << 5;
                    } else if (c.consume(SHMEM)) {
                        shmem = kib(c);
                        found |= 1 << 6;
                    } else if (c.consume(SLAB)) {
                        slab = kib(c);
                        found |= 1 << 9;
                    } else if (c.consume(SWAP_TOTAL)) {
                        swapTotal = kib(c);
                        found |= 1 << 12;
                    } else if (c.consume(SWAP_FREE)) {
                        swapFree = kib(c);
                        found |= 1 << 13;
                    }
                }
                case 'A' -> {
                    if (c.consume(ACTIVE)) {
                        active = kib(c);
                        found |= 1 << 7;
                    } else if (c.consume(ACTIVE_FILE)) {
                        activeFile = kib(c);
                        found |= 1 << 10;
                    }
                }
                case 'I' -> {
                    if (c.consume(INACTIVE)) {
                        inactive = kib(c);
                        found |= 1 << 8;
                    } else if (c.consume(INACTIVE_FILE)) {
                        inactiveFile = kib(c);
                        found |= 1 << 11;
                    } else if (c.consume(INACT_DIRTY)) {
                        inactDirty = kib(c);
                    } else if (c.consume(INACT_CLEAN)) {
                        inactClean = kib(c);
                    } else if (c.consume(INACT_LAUNDRY)) {
                        inactLaundry = kib(c);
                    }
                }
                default -> {
                }
            }
            c.nextLine();
        }
        if (memTotal == MISSING || memFree == MISSING) {
            throw new IllegalStateException("/proc/meminfo lacks MemTotal or MemFree");
        }
        return new ProcMeminfo(memTotal, memFree, memAvailable, buffers, cached, sReclaimable,
                shmem, memShared, active, inactive, inactDirty, inactClean, inactLaundry, slab,
                activeFile, inactiveFile, swapTotal, swapFree);
    }

    /** The number after a key, times 1024 as psutil (some keys have no blank: psutil #2809). */
    private static long kib(ByteCursor c) {
        long v = c.nextLong(MISSING);
        return v < 0 ? MISSING : v * 1024;
    }
}
