package psutil4j.internal.linux;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import psutil4j.DiskInodes;
import psutil4j.DiskIoCounters;
import psutil4j.DiskIoCountersEx;
import psutil4j.DiskPartition;
import psutil4j.DiskUsage;
import psutil4j.internal.ffi.FsCalls;
import psutil4j.internal.ffi.Native;
import psutil4j.internal.linux.proc.ProcDiskstats;
import psutil4j.internal.linux.proc.ProcFilesystems;
import psutil4j.internal.linux.proc.ProcMounts;
import psutil4j.internal.linux.proc.ProcPartitions;
import psutil4j.internal.linux.sys.SysBlock;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * psutil's Linux disk functions ({@code _pslinux.disk_partitions}, {@code disk_io_counters},
 * {@code _psposix.disk_usage}) and the parts of {@code psutil/__init__.py} around them
 * (nowrap, the per-disk/total split).
 */
public final class LinuxDisks {

    private static final byte[] ETC_MTAB = ByteCursor.ascii("/etc/mtab");
    private static final byte[] SELF_MOUNTS = ByteCursor.ascii("/self/mounts");
    private static final byte[] SELF_MOUNTINFO = ByteCursor.ascii("/self/mountinfo");
    private static final byte[] FILESYSTEMS = ByteCursor.ascii("/filesystems");
    private static final byte[] PARTITIONS = ByteCursor.ascii("/partitions");
    private static final byte[] DEVNAME = ByteCursor.ascii("DEVNAME=");
    private static final int ENOENT = Native.ENOENT;
    private static final int EACCES = Native.EACCES;
    private static final int EPERM = Native.EPERM;

    /** psutil keeps one nowrap state per function ({@code 'psutil.disk_io_counters'}). */
    private static final WrapNumbers WRAP = new WrapNumbers();
    /** The keys given to {@link #WRAP} by the last call; guarded by WRAP. */
    private static String[] lastKeys = new String[0];
    private static int lastKeyCount;

    private static final ThreadLocal<ProcDiskstats.Table> TABLE =
            ThreadLocal.withInitial(ProcDiskstats.Table::new);
    private static final ThreadLocal<ProcDiskstats.Table> EX_TABLE =
            ThreadLocal.withInitial(ProcDiskstats.Table::new);
    private static final ThreadLocal<long[]> STATVFS =
            ThreadLocal.withInitial(() -> new long[FsCalls.STATVFS_FIELDS]);

    private LinuxDisks() {
    }

    // ---------------------------------------------------------------- partitions

    /** psutil's {@code disk_partitions(all)}. */
    public static List<DiskPartition> partitions(boolean all) {
        // Read /proc/filesystems only when filtering (psutil #2191).
        Set<String> fstypes = all ? Set.of() : physicalFstypes();
        List<DiskPartition> raw = readMounts();
        var out = new ArrayList<DiskPartition>(raw.size());
        String rootDevice = null;
        boolean rootLooked = false;
        for (DiskPartition p : raw) {
            String device = p.device();
            if (device.equals("none")) {
                device = "";
            }
            // Some distros mount / as /dev/root or rootfs; find the real device (psutil #1999).
            if (device.equals("/dev/root") || device.equals("rootfs")) {
                if (!rootLooked) {
                    rootDevice = RootFsDeviceFinder.find();
                    rootLooked = true;
                }
                if (rootDevice != null) {
                    device = rootDevice;
                }
            }
            if (!all && (device.isEmpty() || !fstypes.contains(p.fstype()))) {
                continue;
            }
            out.add(device.equals(p.device()) ? p : new DiskPartition(device, p.mountpoint(), p.fstype(), p.opts()));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The "physical" file-system types, from /proc/filesystems, or from mountinfo when that is
     * not readable (psutil catches PermissionError only).
     */
    static Set<String> physicalFstypes() {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(FILESYSTEMS).read();
        if (n >= 0) {
            return ProcFilesystems.physicalTypes(b.cursor());
        }
        if (n != -EACCES && n != -EPERM) {
            throw ioError(b.pathString(), -n);
        }
        n = b.path(Roots.procBytes()).append(SELF_MOUNTINFO).read();
        if (n < 0) {
            throw ioError(b.pathString(), -n);
        }
        var set = new HashSet<String>();
        ProcMounts.fstypesFromMountinfo(b.cursor(), set);
        return set;
    }

    /**
     * The mount table: psutil reads /etc/mtab when PROCFS_PATH is /proc and /etc/mtab is a file
     * (often a link to /proc/self/mounts, but a real file on some old systems), else
     * {@code <procfs>/self/mounts} (psutil #1307, #1470).
     */
    static List<DiskPartition> readMounts() {
        ProcBuffer b = ProcBuffer.get();
        if (Roots.isLive()) {
            int n = b.path(ETC_MTAB).read();
            if (n >= 0) {
                return ProcMounts.parse(b.cursor());
            }
        }
        int n = b.path(Roots.procBytes()).append(SELF_MOUNTS).read();
        if (n < 0) {
            throw ioError(b.pathString(), -n);
        }
        return ProcMounts.parse(b.cursor());
    }

    /**
     * psutil's {@code RootFsDeviceFinder}: names the device of {@code /} from /proc/partitions,
     * then /sys/dev/block/M:m/uevent, then /sys/class/block/{@code *}/dev, and returns it if it
     * exists under /dev.
     */
    static final class RootFsDeviceFinder {

        private RootFsDeviceFinder() {
        }

        static String find() {
            ProcBuffer b = ProcBuffer.get();
            if (b.path(Roots.procBytes()).append(SELF_MOUNTINFO).read() < 0) {
                return null;
            }
            int[] dev = ProcMounts.rootDevice(b.cursor());
            if (dev == null) {
                return null;
            }
            String path = askProcPartitions(dev[0], dev[1]);
            if (path == null) {
                path = askSysDevBlock(dev[0], dev[1]);
            }
            if (path == null) {
                path = askSysClassBlock(dev[0], dev[1]);
            }
            if (path != null && Files.exists(Path.of(path))) {
                return path;
            }
            return null;
        }

        static String askProcPartitions(int major, int minor) {
            ProcBuffer b = ProcBuffer.get();
            if (b.path(Roots.procBytes()).append(PARTITIONS).read() < 0) {
                return null;
            }
            String name = ProcPartitions.nameOf(b.cursor(), major, minor);
            return name == null || name.isEmpty() ? null : "/dev/" + name;
        }

        static String askSysDevBlock(int major, int minor) {
            ProcBuffer b = ProcBuffer.get();
            int n = b.path(Roots.sysBytes()).append("/dev/block/").append(major).append(":")
                    .append(minor).append("/uevent").read();
            if (n < 0) {
                return null;
            }
            ByteCursor c = b.cursor();
            while (c.hasMore()) {
                if (c.consume(DEVNAME)) {
                    String name = c.restOfLine();
                    return name.isEmpty() ? null : "/dev/" + name;
                }
                c.nextLine();
            }
            return null;
        }

        static String askSysClassBlock(int major, int minor) {
            String needle = major + ":" + minor;
            Path dir = Roots.sys().resolve("class/block");
            try (var ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    ProcBuffer b = ProcBuffer.get();
                    if (b.read(p.resolve("dev")) < 0) {
                        continue; // race: gone
                    }
                    if (b.text().strip().equals(needle)) {
                        return "/dev/" + p.getFileName();
                    }
                }
            } catch (java.io.IOException | java.nio.file.DirectoryIteratorException e) {
                return null;
            }
            return null;
        }
    }

    // ---------------------------------------------------------------- usage

    /** psutil's {@code disk_usage(path)} ({@code _psposix.disk_usage}). */
    public static DiskUsage usage(String path) {
        long[] v = statvfs(path);
        long frsize = v[FsCalls.FRSIZE];
        long total = v[FsCalls.BLOCKS] * frsize;
        long availToRoot = v[FsCalls.BFREE] * frsize;
        long availToUser = v[FsCalls.BAVAIL] * frsize;
        long used = total - availToRoot;
        // The percentage is of what a user can use, so higher than used/total when blocks are
        // reserved for root (psutil #829), as df shows.
        long totalUser = used + availToUser;
        return new DiskUsage(total, used, availToUser, usagePercent(used, totalUser));
    }

    /** Inode figures as {@code df -i} shows them. */
    public static DiskInodes inodes(String path) {
        long[] v = statvfs(path);
        long total = v[FsCalls.FILES];
        long free = v[FsCalls.FFREE];
        long used = total - free;
        return new DiskInodes(total, used, free, usagePercent(used, used + free));
    }

    private static long[] statvfs(String path) {
        if (path == null) {
            throw new NullPointerException("path");
        }
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        for (byte x : p) {
            if (x == 0) {
                throw new IllegalArgumentException("path contains a NUL byte: " + path.replace("\0", "\\0"));
            }
        }
        long[] v = STATVFS.get();
        int r = FsCalls.statvfs(p, p.length, v);
        if (r < 0) {
            throw ioError(path, -r);
        }
        return v;
    }

    /**
     * psutil's {@code usage_percent(used, total, round_=1)}: 0 when total is 0, else rounded to
     * one decimal as Python's {@code round()} does (the exact binary value, ties to even).
     */
    static double usagePercent(long used, long total) {
        if (total == 0) {
            return 0.0;
        }
        double pct = ((double) used / total) * 100;
        if (Double.isNaN(pct) || Double.isInfinite(pct)) {
            return pct;
        }
        return new BigDecimal(pct).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
    }

    /**
     * An errno as the IOException Python would raise (FileNotFoundError, NotADirectoryError,
     * PermissionError, OSError), wrapped unchecked.
     */
    static UncheckedIOException ioError(String path, int errno) {
        var e = switch (errno) {
            case ENOENT -> new NoSuchFileException(path);
            case Native.ENOTDIR -> new NotDirectoryException(path);
            case EACCES, EPERM -> new java.nio.file.AccessDeniedException(path, null, Native.errnoName(errno));
            default -> new FileSystemException(path, null, Native.errnoName(errno));
        };
        return new UncheckedIOException(e.getMessage(), e);
    }

    // ---------------------------------------------------------------- I/O counters

    /**
     * Fills the per-thread table as psutil's {@code _pslinux.disk_io_counters(perdisk)} builds its
     * dict before nowrap: from /proc/diskstats, else /sys/block.
     */
    private static ProcDiskstats.Table readIo() {
        return readIo(TABLE.get());
    }

    private static ProcDiskstats.Table readIo(ProcDiskstats.Table t) {
        int n = ProcDiskstats.read(t);
        if (n == -ENOENT) {
            if (!SysBlock.exists()) {
                throw new UnsupportedOperationException(Roots.proc() + "/diskstats nor "
                        + Roots.sys() + "/block are available on this system");
            }
            SysBlock.readStats(t);
        } else if (n < 0) {
            throw ioError(Roots.proc() + "/diskstats", -n);
        }
        return t;
    }

    /**
     * Applies nowrap to the rows where {@code include[i]}, keeping psutil's state semantics:
     * keys missing from this call are forgotten, so a key that comes back starts afresh.
     */
    private static void wrap(ProcDiskstats.Table t, boolean[] include) {
        synchronized (WRAP) {
            int k = 0;
            boolean same = true;
            for (int i = 0; i < t.size(); i++) {
                if (include != null && !include[i]) {
                    continue;
                }
                if (k >= lastKeyCount || !lastKeys[k].equals(t.name(i))) {
                    same = false;
                }
                k++;
            }
            if (!same || k != lastKeyCount) {
                var present = new HashSet<String>();
                String[] keys = new String[k];
                k = 0;
                for (int i = 0; i < t.size(); i++) {
                    if (include == null || include[i]) {
                        present.add(t.name(i));
                        keys[k++] = t.name(i);
                    }
                }
                WRAP.retain(present);
                lastKeys = keys;
                lastKeyCount = k;
            }
            for (int i = 0; i < t.size(); i++) {
                if (include == null || include[i]) {
                    WRAP.adjust(t.name(i), t.values(i));
                }
            }
        }
    }

    private static final ThreadLocal<boolean[][]> INCLUDE = ThreadLocal.withInitial(() -> new boolean[1][16]);

    /**
     * psutil's {@code disk_io_counters(perdisk=False, nowrap)}: the sum over whole disks
     * (partitions are skipped so they are not counted twice, psutil #1313); empty when there are
     * none.
     */
    public static Optional<DiskIoCounters> total(boolean nowrap) {
        return total(readIo(), nowrap);
    }

    /** {@link #total(boolean)} over an already parsed table (fixture tests). */
    static Optional<DiskIoCounters> total(ProcDiskstats.Table t, boolean nowrap) {
        boolean[][] holder = INCLUDE.get();
        if (holder[0].length < t.size()) {
            holder[0] = new boolean[t.size() * 2];
        }
        boolean[] include = holder[0];
        int count = 0;
        for (int i = 0; i < t.size(); i++) {
            include[i] = SysBlock.isStorageDevice(t.name(i), t.nameBytes(i));
            if (include[i]) {
                count++;
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        if (nowrap) {
            wrap(t, include);
        }
        long rc = 0, wc = 0, rb = 0, wb = 0, rt = 0, wt = 0, rm = 0, wm = 0, bt = 0;
        for (int i = 0; i < t.size(); i++) {
            if (!include[i]) {
                continue;
            }
            long[] v = t.values(i);
            rc += v[ProcDiskstats.READ_COUNT];
            wc += v[ProcDiskstats.WRITE_COUNT];
            rb += v[ProcDiskstats.READ_BYTES];
            wb += v[ProcDiskstats.WRITE_BYTES];
            rt += v[ProcDiskstats.READ_TIME];
            wt += v[ProcDiskstats.WRITE_TIME];
            rm += v[ProcDiskstats.READ_MERGED_COUNT];
            wm += v[ProcDiskstats.WRITE_MERGED_COUNT];
            bt += v[ProcDiskstats.BUSY_TIME];
        }
        return Optional.of(new DiskIoCounters(rc, wc, rb, wb, rt, wt, rm, wm, bt));
    }

    /** psutil's {@code disk_io_counters(perdisk=True, nowrap)}: every line, partitions included. */
    public static Map<String, DiskIoCounters> perDisk(boolean nowrap) {
        return perDisk(readIo(), nowrap);
    }

    /** {@link #perDisk(boolean)} over an already parsed table (fixture tests). */
    static Map<String, DiskIoCounters> perDisk(ProcDiskstats.Table t, boolean nowrap) {
        if (t.size() == 0) {
            return Map.of();
        }
        if (nowrap) {
            wrap(t, null);
        }
        var out = new LinkedHashMap<String, DiskIoCounters>(t.size() * 2);
        for (int i = 0; i < t.size(); i++) {
            out.put(t.name(i), toRecord(t.values(i)));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Every device's full counters (beyond psutil), raw: read into a table of its own so that
     * psutil's nowrap state is not touched.
     */
    public static Map<String, DiskIoCountersEx> perDiskEx() {
        return perDiskEx(readIo(EX_TABLE.get()));
    }

    /** {@link #perDiskEx()} over an already parsed table (fixture tests). */
    static Map<String, DiskIoCountersEx> perDiskEx(ProcDiskstats.Table t) {
        var out = new LinkedHashMap<String, DiskIoCountersEx>(t.size() * 2);
        for (int i = 0; i < t.size(); i++) {
            long[] v = t.values(i);
            long[] x = t.extra(i);
            int k = t.extraCount(i);
            out.put(t.name(i), new DiskIoCountersEx(v[ProcDiskstats.READ_COUNT], v[ProcDiskstats.WRITE_COUNT],
                    v[ProcDiskstats.READ_BYTES], v[ProcDiskstats.WRITE_BYTES],
                    v[ProcDiskstats.READ_TIME], v[ProcDiskstats.WRITE_TIME],
                    v[ProcDiskstats.READ_MERGED_COUNT], v[ProcDiskstats.WRITE_MERGED_COUNT],
                    v[ProcDiskstats.BUSY_TIME], x[ProcDiskstats.IN_FLIGHT], x[ProcDiskstats.WEIGHTED_TIME],
                    opt(x, k, ProcDiskstats.DISCARD_COUNT), opt(x, k, ProcDiskstats.DISCARD_MERGED_COUNT),
                    opt(x, k, ProcDiskstats.DISCARD_BYTES), opt(x, k, ProcDiskstats.DISCARD_TIME),
                    opt(x, k, ProcDiskstats.FLUSH_COUNT), opt(x, k, ProcDiskstats.FLUSH_TIME),
                    SysBlock.isStorageDevice(t.name(i), t.nameBytes(i))));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Extra value {@code i} if the line had it. */
    private static OptionalLong opt(long[] x, int count, int i) {
        return i < count ? OptionalLong.of(x[i]) : OptionalLong.empty();
    }

    static DiskIoCounters toRecord(long[] v) {
        return new DiskIoCounters(v[ProcDiskstats.READ_COUNT], v[ProcDiskstats.WRITE_COUNT],
                v[ProcDiskstats.READ_BYTES], v[ProcDiskstats.WRITE_BYTES],
                v[ProcDiskstats.READ_TIME], v[ProcDiskstats.WRITE_TIME],
                v[ProcDiskstats.READ_MERGED_COUNT], v[ProcDiskstats.WRITE_MERGED_COUNT],
                v[ProcDiskstats.BUSY_TIME]);
    }

    /** psutil's {@code disk_io_counters.cache_clear()}: forgets the nowrap state. */
    public static void clearWrapState() {
        synchronized (WRAP) {
            WRAP.clear();
            lastKeys = new String[0];
            lastKeyCount = 0;
        }
    }
}
