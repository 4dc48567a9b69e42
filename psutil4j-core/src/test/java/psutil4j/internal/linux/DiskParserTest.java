package psutil4j.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import psutil4j.DiskIoCounters;
import psutil4j.DiskIoCountersEx;
import psutil4j.DiskPartition;
import psutil4j.Psutil;
import psutil4j.internal.linux.proc.ProcDiskstats;
import psutil4j.internal.linux.proc.ProcFilesystems;
import psutil4j.internal.linux.proc.ProcMounts;
import psutil4j.internal.linux.proc.ProcPartitions;
import psutil4j.internal.parse.ByteCursor;

/** Disk parsers on fixture trees: this machine's files and hand-made odd cases. */
class DiskParserTest {

    private static final long S = ProcDiskstats.SECTOR_SIZE;

    private Path savedProc;
    private Path savedSys;
    private Path savedUtmp;

    @BeforeEach
    void saveRoots() {
        savedProc = Roots.proc();
        savedSys = Roots.sys();
        savedUtmp = Roots.utmp();
        LinuxDisks.clearWrapState();
    }

    @AfterEach
    void restoreRoots() {
        Roots.set(savedProc, savedSys, savedUtmp);
        LinuxDisks.clearWrapState();
    }

    static Path fixture(String name) {
        try {
            return Path.of(DiskParserTest.class.getResource("/linux/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static ByteCursor cursor(Path p) {
        try {
            return new ByteCursor(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void useFixture(String name) {
        Path root = fixture(name);
        Roots.set(root.resolve("proc"), root.resolve("sys"), root.resolve("utmp"));
    }

    // ------------------------------------------------------------------ mounts

    @Test
    void mountsDecodeGetmntentEscapesAndSkipCommentsAndBlankLines() {
        List<DiskPartition> m = ProcMounts.parse(cursor(fixture("disk-odd/proc/self/mounts")));
        assertEquals(10, m.size(), m.toString());
        assertEquals(new DiskPartition("/dev/root", "/", "ext4", "rw,relatime"), m.get(0));
        assertEquals(new DiskPartition("/dev/sdb1", "/mnt/my disk\ttab", "ext4", "rw,noatime"), m.get(2));
        // leading blanks, a tab separator, runs of spaces and trailing blanks
        assertEquals(new DiskPartition("/dev/sdc1", "/mnt/back\\slash\nnl", "xfs", "ro"), m.get(3));
        // "\\" is one backslash; an escape getmntent does not know stays as it is
        assertEquals(new DiskPartition("/dev/sdd1", "/mnt/odd\\esc\\101", "ext4", "rw"), m.get(4));
        assertEquals(new DiskPartition("none", "/run/none", "tmpfs", "rw"), m.get(5));
        // missing fields are empty strings, as getmntent gives
        assertEquals(new DiskPartition("/dev/sdf1", "/mnt/short", "", ""), m.get(9));
    }

    @Test
    void mountsOfThisMachineParseLikeFields() {
        Path p = fixture("disk-vm-6.18/proc/self/mounts");
        List<DiskPartition> m = ProcMounts.parse(cursor(p));
        List<String> lines;
        try {
            lines = Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(lines.size(), m.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ");
            assertEquals(new DiskPartition(f[0], f[1], f[2], f[3]), m.get(i));
        }
    }

    @Test
    void filesystemsKeepsBlockTypesAndZfs() {
        Set<String> t = ProcFilesystems.physicalTypes(cursor(fixture("disk-odd/proc/filesystems")));
        assertEquals(Set.of("ext4", "xfs", "zfs", "fuseblk"), t);
        Set<String> vm = ProcFilesystems.physicalTypes(cursor(fixture("disk-vm-6.18/proc/filesystems")));
        assertTrue(vm.containsAll(Set.of("ext4", "xfs", "btrfs")), vm.toString());
        assertFalse(vm.contains("tmpfs"));
        assertFalse(vm.contains("proc"));
    }

    @Test
    void fstypesFromMountinfoFollowTheDash() {
        var set = new HashSet<String>();
        ProcMounts.fstypesFromMountinfo(cursor(fixture("disk-odd/proc/self/mountinfo")), set);
        assertEquals(Set.of("proc", "ext4", "zfs"), set);
        set.clear();
        ProcMounts.fstypesFromMountinfo(cursor(fixture("disk-vm-6.18/proc/self/mountinfo")), set);
        assertTrue(set.containsAll(Set.of("ext4", "proc", "sysfs", "cgroup")), set.toString());
    }

    @Test
    void rootDeviceIsTheLastMountOnSlash() {
        assertEquals(List.of(1, 3),
                toList(ProcMounts.rootDevice(cursor(fixture("disk-odd/proc/self/mountinfo")))));
        assertEquals(List.of(254, 0),
                toList(ProcMounts.rootDevice(cursor(fixture("disk-vm-6.18/proc/self/mountinfo")))));
        assertNull(ProcMounts.rootDevice(ByteCursor.of("20 1 0:1 / /proc rw - proc proc rw\n")));
    }

    private static List<Integer> toList(int[] a) {
        assertNotNull(a);
        return List.of(a[0], a[1]);
    }

    @Test
    void partitionsNameADeviceNumber() {
        assertEquals("vda", ProcPartitions.nameOf(cursor(fixture("disk-vm-6.18/proc/partitions")), 254, 0));
        assertEquals("sda1", ProcPartitions.nameOf(cursor(fixture("disk-odd/proc/partitions")), 8, 1));
        assertNull(ProcPartitions.nameOf(cursor(fixture("disk-odd/proc/partitions")), 8, 2));
    }

    @Test
    void diskPartitionsPhysicalOnFixture() {
        useFixture("disk-odd");
        List<DiskPartition> parts = Psutil.diskPartitions(false);
        // /dev/root resolves through mountinfo (1:3) and /proc/partitions ("null") to /dev/null,
        // which exists on every Linux.
        assertEquals(List.of(
                new DiskPartition("/dev/null", "/", "ext4", "rw,relatime"),
                new DiskPartition("/dev/sdb1", "/mnt/my disk\ttab", "ext4", "rw,noatime"),
                new DiskPartition("/dev/sdc1", "/mnt/back\\slash\nnl", "xfs", "ro"),
                new DiskPartition("/dev/sdd1", "/mnt/odd\\esc\\101", "ext4", "rw"),
                new DiskPartition("tank/home", "/home", "zfs", "rw,xattr"),
                new DiskPartition("/dev/sde1", "/mnt/fuse", "fuseblk", "rw")), parts);
    }

    @Test
    void diskPartitionsAllOnFixture() {
        useFixture("disk-odd");
        List<DiskPartition> parts = Psutil.diskPartitions(true);
        assertEquals(10, parts.size());
        assertEquals("/dev/null", parts.get(0).device());
        // "none" becomes ""
        assertEquals(new DiskPartition("", "/run/none", "tmpfs", "rw"), parts.get(5));
        assertEquals(new DiskPartition("server:/export", "/mnt/nfs", "nfs4", "rw,vers=4.2"), parts.get(8));
    }

    @Test
    void diskPartitionsOfThisMachineFixture() {
        useFixture("disk-vm-6.18");
        List<DiskPartition> parts = Psutil.diskPartitions(false);
        assertEquals(List.of("/"), parts.stream().map(DiskPartition::mountpoint).toList());
        assertEquals("/dev/vda", parts.get(0).device());
        assertEquals(20, Psutil.diskPartitions(true).size());
    }

    @Test
    void missingMountTableIsFileNotFound() {
        Path empty = fixture("disk-sysfs-only");
        Roots.set(empty.resolve("proc"), empty.resolve("sys"), empty.resolve("utmp"));
        var e = assertThrows(UncheckedIOException.class, () -> Psutil.diskPartitions(true));
        assertTrue(e.getCause() instanceof NoSuchFileException, e.toString());
    }

    @Test
    void rootFsDeviceFinderAgainstFindmnt() {
        // psutil's TestRootFsDeviceFinder.test_against_findmnt, when / is on a block device
        String source = psutil4j.testing.Cmd.run("findmnt", "-o", "SOURCE", "-rn", "/").strip();
        String found = LinuxDisks.RootFsDeviceFinder.find();
        if (!source.startsWith("/dev/") || source.equals("/dev/root")) {
            return; // overlay, tmpfs, a container's root: nothing to compare
        }
        assertNotNull(found, "root device of " + source);
        try {
            assertEquals(Path.of(source).toRealPath(), Path.of(found).toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ diskstats

    private static ProcDiskstats.Table parse(String text) {
        var t = new ProcDiskstats.Table();
        ProcDiskstats.parse(ByteCursor.of(text), t);
        return t;
    }

    private static DiskIoCounters row(ProcDiskstats.Table t, int i) {
        return LinuxDisks.toRecord(t.values(i));
    }

    @Test
    void diskstatsAllLayouts() {
        var t = new ProcDiskstats.Table();
        ProcDiskstats.parse(cursor(fixture("disk-odd/proc/diskstats")), t);
        assertEquals(7, t.size());
        // 20 fields (5.5+): flush counters ignored
        assertEquals("sda", t.name(0));
        assertEquals(new DiskIoCounters(100, 200, 2000 * S, 4000 * S, 30, 60, 10, 20, 70), row(t, 0));
        assertEquals("sda1", t.name(1));
        assertEquals(new DiskIoCounters(40, 80, 800 * S, 1600 * S, 12, 24, 4, 8, 28), row(t, 1));
        // 18 fields (4.18+): discard counters ignored
        assertEquals("sdb", t.name(2));
        assertEquals(new DiskIoCounters(1, 5, 3 * S, 7 * S, 4, 8, 2, 6, 10), row(t, 2));
        // 7 fields: 2.6 partition line, times and merges are 0 as in psutil
        assertEquals("sdb1", t.name(3));
        assertEquals(new DiskIoCounters(11, 33, 22 * S, 44 * S, 0, 0, 0, 0, 0), row(t, 3));
        // 14 fields: 2.6 to 4.17 (psutil's test_emulate_kernel_2_6_full)
        assertEquals("hda", t.name(4));
        assertEquals(new DiskIoCounters(1, 5, 3 * S, 7 * S, 4, 8, 2, 6, 10), row(t, 4));
        // 15 fields: 2.4 (psutil's test_emulate_kernel_2_4)
        assertEquals("hdb", t.name(5));
        assertEquals(new DiskIoCounters(1, 5, 3 * S, 7 * S, 4, 8, 2, 6, 10), row(t, 5));
        assertEquals("cciss/c0d0", t.name(6));
    }

    private static OptionalLong of(long v) {
        return OptionalLong.of(v);
    }

    private static final OptionalLong NONE = OptionalLong.empty();

    @Test
    void diskstatsExtraFieldsOfEveryLayout() {
        useFixture("disk-odd");
        var t = new ProcDiskstats.Table();
        ProcDiskstats.parse(cursor(fixture("disk-odd/proc/diskstats")), t);
        Map<String, DiskIoCountersEx> ex = LinuxDisks.perDiskEx(t);
        assertEquals(List.of("sda", "sda1", "sdb", "sdb1", "hda", "hdb", "cciss/c0d0"), new ArrayList<>(ex.keySet()));
        // 5.5+: discards and flushes; psutil's fields as DiskIoCounters has them
        assertEquals(new DiskIoCountersEx(100, 200, 2000 * S, 4000 * S, 30, 60, 10, 20, 70, 0, 90,
                of(0), of(0), of(0), of(0), of(5), of(6), true), ex.get("sda"));
        assertEquals(of(1), ex.get("sda1").flushCount());
        assertFalse(ex.get("sda1").wholeDisk(), "a partition");
        // 4.18+: discards, no flushes
        assertEquals(new DiskIoCountersEx(1, 5, 3 * S, 7 * S, 4, 8, 2, 6, 10, 9, 11,
                of(12), of(13), of(14 * S), of(15), NONE, NONE, true), ex.get("sdb"));
        // 2.6.x partition line: the missing counters are 0, the missing fields empty
        assertEquals(new DiskIoCountersEx(11, 33, 22 * S, 44 * S, 0, 0, 0, 0, 0, 0, 0,
                NONE, NONE, NONE, NONE, NONE, NONE, false), ex.get("sdb1"));
        // 2.6 to 4.17, and 2.4: in flight and weighted time only
        assertEquals(new DiskIoCountersEx(1, 5, 3 * S, 7 * S, 4, 8, 2, 6, 10, 9, 11,
                NONE, NONE, NONE, NONE, NONE, NONE, true), ex.get("hda"));
        assertEquals(new DiskIoCountersEx(1, 5, 3 * S, 7 * S, 4, 8, 2, 6, 10, 9, 11,
                NONE, NONE, NONE, NONE, NONE, NONE, true), ex.get("hdb"));
        assertTrue(ex.get("cciss/c0d0").wholeDisk(), "cciss!c0d0 in /sys/block");
        // psutil's fields agree with the psutil view of the same table
        for (int i = 0; i < t.size(); i++) {
            DiskIoCounters c = row(t, i);
            DiskIoCountersEx e = ex.get(t.name(i));
            assertEquals(c, new DiskIoCounters(e.readCount(), e.writeCount(), e.readBytes(), e.writeBytes(), e.readTime(),
                    e.writeTime(), e.readMergedCount(), e.writeMergedCount(), e.busyTime()), t.name(i));
        }
    }

    @Test
    void extraFieldsAreNotTouchedByNowrap() {
        useFixture("disk-odd");
        // in flight is a gauge: going down is no wrap
        LinuxDisks.perDisk(parse("8 0 sda 10 0 1000 0 0 0 0 0 50 0 0\n"), true);
        var t = parse("8 0 sda 10 0 1000 0 0 0 0 0 3 0 0\n");
        LinuxDisks.perDisk(t, true);
        assertEquals(3, t.extra(0)[ProcDiskstats.IN_FLIGHT]);
        assertEquals(3, LinuxDisks.perDiskEx(t).get("sda").inFlight());
    }

    @Test
    void diskstatsExtraFieldsOfThisMachine() {
        Path p = fixture("disk-vm-6.18/proc/diskstats");
        var t = new ProcDiskstats.Table();
        ProcDiskstats.parse(cursor(p), t);
        List<String> lines;
        try {
            lines = Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            long[] x = t.extra(i);
            assertEquals(8, t.extraCount(i));
            assertEquals(Long.parseLong(f[11]), x[ProcDiskstats.IN_FLIGHT]);
            assertEquals(Long.parseLong(f[13]), x[ProcDiskstats.WEIGHTED_TIME]);
            assertEquals(Long.parseLong(f[14]), x[ProcDiskstats.DISCARD_COUNT]);
            assertEquals(Long.parseLong(f[16]) * 512, x[ProcDiskstats.DISCARD_BYTES]);
            assertEquals(Long.parseLong(f[18]), x[ProcDiskstats.FLUSH_COUNT]);
            assertEquals(Long.parseLong(f[19]), x[ProcDiskstats.FLUSH_TIME]);
        }
    }

    @Test
    void diskstatsOfThisMachine() {
        var t = new ProcDiskstats.Table();
        Path p = fixture("disk-vm-6.18/proc/diskstats");
        ProcDiskstats.parse(cursor(p), t);
        List<String> lines;
        try {
            lines = Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(lines.size(), t.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            assertEquals(f[2], t.name(i));
            long[] v = t.values(i);
            assertEquals(Long.parseLong(f[3]), v[ProcDiskstats.READ_COUNT]);
            assertEquals(Long.parseLong(f[5]) * 512, v[ProcDiskstats.READ_BYTES]);
            assertEquals(Long.parseLong(f[9]) * 512, v[ProcDiskstats.WRITE_BYTES]);
            assertEquals(Long.parseLong(f[12]), v[ProcDiskstats.BUSY_TIME]);
        }
    }

    @Test
    void diskstatsUnknownLayoutFailsLikePsutil() {
        var e = assertThrows(IllegalStateException.class, () -> parse("   3    0   hda 1 2 3 4 5 6\n"));
        assertTrue(e.getMessage().contains("hda"), e.getMessage());
    }

    @Test
    void deviceNameStringsAreReusedBetweenParses() {
        String text = "8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n8 1 sda1 1 2 3 4\n";
        var t = new ProcDiskstats.Table();
        ProcDiskstats.parse(ByteCursor.of(text), t);
        String a = t.name(0);
        String b = t.name(1);
        ProcDiskstats.parse(ByteCursor.of(text), t);
        assertSame(a, t.name(0));
        assertSame(b, t.name(1));
        ProcDiskstats.parse(ByteCursor.of("8 0 sdb 1 2 3 4 5 6 7 8 9 10 11\n"), t);
        assertEquals("sdb", t.name(0));
        assertEquals(1, t.size());
    }

    @Test
    void totalSkipsPartitionsAndPerdiskKeepsThem() {
        useFixture("disk-odd");
        var t = new ProcDiskstats.Table();
        ProcDiskstats.parse(cursor(fixture("disk-odd/proc/diskstats")), t);
        Map<String, DiskIoCounters> per = LinuxDisks.perDisk(t, false);
        assertEquals(List.of("sda", "sda1", "sdb", "sdb1", "hda", "hdb", "cciss/c0d0"), new ArrayList<>(per.keySet()));
        // sda1 and sdb1 have no /sys/block entry: left out of the total (psutil #1313);
        // cciss/c0d0 is /sys/block/cciss!c0d0
        DiskIoCounters total = LinuxDisks.total(t, false).orElseThrow();
        assertEquals(100 + 1 + 1 + 1 + 5, total.readCount());
        assertEquals(200 + 5 + 5 + 5 + 6, total.writeCount());
        assertEquals((2000 + 3 + 3 + 3 + 50) * S, total.readBytes());
        assertEquals((4000 + 7 + 7 + 7 + 60) * S, total.writeBytes());
        assertEquals(70 + 10 + 10 + 10 + 3, total.busyTime());
    }

    @Test
    void totalIsEmptyWithoutDisks() {
        useFixture("disk-odd");
        // psutil's test_emulate_exclude_partitions: only partitions -> None
        var t = parse("259 1 nvme0n1p1 1 2 3 4 5 6 7 8 9 10 11\n");
        assertEquals(Optional.empty(), LinuxDisks.total(t, true));
        assertEquals(1, LinuxDisks.perDisk(t, true).size());
        assertEquals(Map.of(), LinuxDisks.perDisk(parse(""), true));
        assertEquals(Optional.empty(), LinuxDisks.total(parse(""), true));
    }

    @Test
    void sysfsFallbackWhenNoDiskstats() {
        Path odd = fixture("disk-odd");
        Roots.set(fixture("disk-sysfs-only").resolve("proc"), odd.resolve("sys"), odd.resolve("utmp"));
        Map<String, DiskIoCounters> per = Psutil.diskIoCountersPerdisk(false);
        assertEquals(Set.of("cciss!c0d0", "hda", "hdb", "sda", "sda1", "sdb"), per.keySet());
        assertEquals(new DiskIoCounters(40, 80, 800 * S, 1600 * S, 12, 24, 4, 8, 28), per.get("sda1"));
        assertEquals(new DiskIoCounters(2, 6, 4 * S, 8 * S, 5, 9, 3, 7, 11), per.get("hdb"));
        DiskIoCounters total = Psutil.diskIoCounters(false).orElseThrow();
        assertEquals(1 + 1 + 2 + 100 + 5, total.readCount()); // sda1 left out
        Map<String, DiskIoCountersEx> ex = Psutil.diskIoCountersEx();
        assertEquals(per.keySet(), ex.keySet());
        assertEquals(of(5), ex.get("sda").flushCount(), "17 values in sda/stat");
        assertEquals(90, ex.get("sda").weightedTime());
        assertEquals(NONE, ex.get("hdb").discardCount(), "11 values in hdb/stat");
        assertEquals(12, ex.get("hdb").weightedTime());
        assertFalse(ex.get("sda1").wholeDisk());
    }

    @Test
    void neitherDiskstatsNorSysBlockIsUnsupported() {
        Path p = fixture("disk-sysfs-only");
        Roots.set(p.resolve("proc"), p.resolve("no-sys"), p.resolve("utmp"));
        assertThrows(UnsupportedOperationException.class, () -> Psutil.diskIoCounters());
    }

    @Test
    void nowrapKeepsTheSumMonotonic() {
        useFixture("disk-odd");
        // sda's read bytes wrap (a 32-bit sector counter on old kernels), sdb's write count too.
        var first = parse("8 0 sda 10 0 4294967000 0 5 0 100 0 0 0 0\n"
                + "8 16 sdb 10 0 10 0 4294967290 0 100 0 0 0 0\n");
        var second = parse("8 0 sda 20 0 500 0 6 0 200 0 0 0 0\n"
                + "8 16 sdb 11 0 20 0 7 0 150 0 0 0 0\n");
        DiskIoCounters a = LinuxDisks.total(first, true).orElseThrow();
        var t = new ProcDiskstats.Table();
        ProcDiskstats.parse(ByteCursor.of("8 0 sda 20 0 500 0 6 0 200 0 0 0 0\n"
                + "8 16 sdb 11 0 20 0 7 0 150 0 0 0 0\n"), t);
        DiskIoCounters b = LinuxDisks.total(second, true).orElseThrow();
        assertTrue(b.readBytes() >= a.readBytes(), a + " -> " + b);
        assertTrue(b.writeCount() >= a.writeCount(), a + " -> " + b);
        // psutil: new = raw + previous raw value at the wrap
        assertEquals((4294967000L + 500) * S + 20 * S, b.readBytes());
        assertEquals(6 + 4294967290L + 7, b.writeCount());
        // without nowrap the raw sum goes down
        assertTrue(LinuxDisks.total(t, false).orElseThrow().readBytes() < a.readBytes());
        // a third, further-grown reading keeps the offset
        var third = parse("8 0 sda 30 0 600 0 6 0 200 0 0 0 0\n"
                + "8 16 sdb 12 0 20 0 8 0 150 0 0 0 0\n");
        DiskIoCounters c = LinuxDisks.total(third, true).orElseThrow();
        assertEquals((4294967000L + 600) * S + 20 * S, c.readBytes());
        // perdisk shares the state and sees the adjusted values too
        var per = LinuxDisks.perDisk(parse("8 0 sda 30 0 700 0 6 0 200 0 0 0 0\n"
                + "8 16 sdb 12 0 20 0 8 0 150 0 0 0 0\n"), true);
        assertEquals((4294967000L + 700) * S, per.get("sda").readBytes());
    }

    @Test
    void nowrapForgetsADiskThatWentAway() {
        useFixture("disk-odd");
        LinuxDisks.perDisk(parse("8 0 sda 10 0 1000 0 0 0 0 0 0 0 0\n"), true);
        LinuxDisks.perDisk(parse("8 0 sda 10 0 10 0 0 0 0 0 0 0 0\n"), true); // wrapped
        assertEquals(1010 * S, LinuxDisks.perDisk(parse("8 0 sda 10 0 10 0 0 0 0 0 0 0 0\n"), true)
                .get("sda").readBytes());
        LinuxDisks.perDisk(parse("8 16 sdb 1 0 1 0 0 0 0 0 0 0 0\n"), true); // sda gone
        // sda is back: psutil starts it afresh, its old offset is forgotten
        assertEquals(5 * S, LinuxDisks.perDisk(parse("8 0 sda 10 0 5 0 0 0 0 0 0 0 0\n"), true)
                .get("sda").readBytes());
    }

    // ------------------------------------------------------------------ usage_percent

    @Test
    void usagePercentRoundsLikePython() {
        assertEquals(0.0, LinuxDisks.usagePercent(0, 0));
        assertEquals(33.3, LinuxDisks.usagePercent(1, 3));
        assertEquals(66.7, LinuxDisks.usagePercent(2, 3));
        assertEquals(12.5, LinuxDisks.usagePercent(1, 8));
        // round(6.25, 1) == 6.2 in Python: 6.25 is exact in binary, ties go to even
        assertEquals(6.2, LinuxDisks.usagePercent(1, 16));
        // 7/2000*100 is 0.35000000000000003 in Python, which rounds to 0.4
        assertEquals(0.4, LinuxDisks.usagePercent(7, 2000));
        assertEquals(0.1, LinuxDisks.usagePercent(5, 8000));
        assertEquals(100.0, LinuxDisks.usagePercent(5, 5));
    }
}
