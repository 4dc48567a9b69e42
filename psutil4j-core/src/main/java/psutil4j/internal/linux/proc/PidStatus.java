package psutil4j.internal.linux.proc;

import psutil4j.internal.parse.ByteCursor;

/**
 * /proc/[pid]/status (man 5 proc), parsed into a reusable holder. Lines are dispatched on their
 * first byte and matched against byte constants; values in kB are converted to bytes.
 * Fields a kernel does not have keep -1.
 */
public final class PidStatus {

    private static final byte[] TGID = ByteCursor.ascii("Tgid:");
    private static final byte[] UID = ByteCursor.ascii("Uid:");
    private static final byte[] GID = ByteCursor.ascii("Gid:");
    private static final byte[] THREADS = ByteCursor.ascii("Threads:");
    // since 2.6.23
    private static final byte[] VOLUNTARY = ByteCursor.ascii("voluntary_ctxt_switches:");
    private static final byte[] NONVOLUNTARY = ByteCursor.ascii("nonvoluntary_ctxt_switches:");
    private static final byte[] VM_PEAK = ByteCursor.ascii("VmPeak:");
    private static final byte[] VM_HWM = ByteCursor.ascii("VmHWM:");
    private static final byte[] VM_LCK = ByteCursor.ascii("VmLck:");              // since 2.6.0
    private static final byte[] VM_SWAP = ByteCursor.ascii("VmSwap:");            // since 2.6.34
    private static final byte[] RSS_ANON = ByteCursor.ascii("RssAnon:");          // since 4.5
    private static final byte[] RSS_FILE = ByteCursor.ascii("RssFile:");          // since 4.5
    private static final byte[] RSS_SHMEM = ByteCursor.ascii("RssShmem:");        // since 4.5
    private static final byte[] HUGETLB = ByteCursor.ascii("HugetlbPages:");      // since 4.4
    private static final byte[] CPUS_ALLOWED_LIST = ByteCursor.ascii("Cpus_allowed_list:");

    public int tgid;
    public final long[] uids = new long[3];
    public final long[] gids = new long[3];
    public long threads;
    public long voluntaryCtxtSwitches;
    public long nonvoluntaryCtxtSwitches;
    public long vmPeak;
    public long vmHwm;
    /** VmLck: memory locked with mlock(2) and friends, bytes (-1 without Vm lines: kernel threads, zombies). */
    public long vmLck;
    public long vmSwap;
    public long rssAnon;
    public long rssFile;
    public long rssShmem;
    public long hugetlbPages;
    /** Cpus_allowed_list's value, made only on request ({@link #parse(ByteCursor, boolean)}). */
    public String cpusAllowedList;

    /** Parses status content; Cpus_allowed_list is not kept (see the other overload). */
    public void parse(ByteCursor c) {
        parse(c, false);
    }

    public void parse(ByteCursor c, boolean withCpuList) {
        tgid = -1;
        uids[0] = uids[1] = uids[2] = -1;
        gids[0] = gids[1] = gids[2] = -1;
        threads = voluntaryCtxtSwitches = nonvoluntaryCtxtSwitches = -1;
        vmPeak = vmHwm = vmLck = vmSwap = rssAnon = rssFile = rssShmem = hugetlbPages = -1;
        cpusAllowedList = null;
        while (c.hasMore()) {
            switch (c.peek()) {
                case 'T' -> {
                    if (c.consume(TGID)) {
                        tgid = (int) c.nextLong();
                    } else if (c.consume(THREADS)) {
                        threads = c.nextLong();
                    }
                }
                case 'U' -> {
                    if (c.consume(UID)) {
                        uids[0] = c.nextLong();
                        uids[1] = c.nextLong();
                        uids[2] = c.nextLong();
                    }
                }
                case 'G' -> {
                    if (c.consume(GID)) {
                        gids[0] = c.nextLong();
                        gids[1] = c.nextLong();
                        gids[2] = c.nextLong();
                    }
                }
                case 'V' -> {
                    if (c.consume(VM_PEAK)) {
                        vmPeak = kb(c);
                    } else if (c.consume(VM_HWM)) {
                        vmHwm = kb(c);
                    } else if (c.consume(VM_LCK)) {
                        vmLck = kb(c);
                    } else if (c.consume(VM_SWAP)) {
                        vmSwap = kb(c);
                    }
                }
                case 'R' -> {
                    if (c.consume(RSS_ANON)) {
                        rssAnon = kb(c);
                    } else if (c.consume(RSS_FILE)) {
                        rssFile = kb(c);
                    } else if (c.consume(RSS_SHMEM)) {
                        rssShmem = kb(c);
                    }
                }
                case 'H' -> {
                    if (c.consume(HUGETLB)) {
                        hugetlbPages = kb(c);
                    }
                }
                case 'v' -> {
                    if (c.consume(VOLUNTARY)) {
                        voluntaryCtxtSwitches = c.nextLong();
                    }
                }
                case 'n' -> {
                    if (c.consume(NONVOLUNTARY)) {
                        nonvoluntaryCtxtSwitches = c.nextLong();
                    }
                }
                case 'C' -> {
                    if (withCpuList && c.consume(CPUS_ALLOWED_LIST)) {
                        cpusAllowedList = c.restOfLine();
                        continue;
                    }
                }
                default -> {
                }
            }
            c.nextLine();
        }
    }

    private static long kb(ByteCursor c) {
        long v = c.nextLong();
        return v < 0 ? -1 : v * 1024;
    }

    /** psutil's value for a memory_info_ex field: bytes, or 0 when the kernel lacks the line. */
    public static long orZero(long v) {
        return Math.max(v, 0);
    }
}
