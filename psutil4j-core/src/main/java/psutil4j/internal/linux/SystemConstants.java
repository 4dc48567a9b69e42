package psutil4j.internal.linux;

import psutil4j.internal.ffi.Sysconf;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/** Values fixed for the life of the system: clock ticks, page size, boot time. */
public final class SystemConstants {

    /** USER_HZ: the unit of /proc/stat and /proc/[pid]/stat times (100 on every Linux we know). */
    public static final long CLOCK_TICKS = Sysconf.clockTicks();
    /** Bytes per page, the unit of /proc/[pid]/statm. */
    public static final long PAGE_SIZE = Sysconf.pageSize();

    private static final byte[] STAT = ByteCursor.ascii("/stat");
    private static final byte[] BTIME = ByteCursor.ascii("btime");

    private static volatile double bootTime = -1;
    private static volatile Object bootTimeRoot;

    private SystemConstants() {
    }

    /**
     * Boot time in seconds since the epoch, from the {@code btime} line of /proc/stat, as
     * psutil's {@code boot_time()}. Cached per /proc root (it only changes on reboot, or when a
     * system clock update shifts it by a second, which psutil also ignores once read).
     */
    public static double bootTime() {
        Object root = Roots.proc();
        if (bootTime < 0 || bootTimeRoot != root) {
            ProcBuffer b = ProcBuffer.get();
            int n = b.path(Roots.procBytes()).append(STAT).read();
            if (n < 0) {
                throw new IllegalStateException("cannot read " + b.pathString() + ": errno " + -n);
            }
            bootTime = parseBootTime(b.cursor());
            bootTimeRoot = root;
        }
        return bootTime;
    }

    /** The btime value of /proc/stat content. */
    static double parseBootTime(ByteCursor c) {
        while (c.hasMore()) {
            if (c.consume(BTIME)) {
                return c.nextLong();
            }
            c.nextLine();
        }
        throw new IllegalStateException("line 'btime' not found in /proc/stat");
    }
}
