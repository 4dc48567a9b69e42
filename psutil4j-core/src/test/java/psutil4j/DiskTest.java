package psutil4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import psutil4j.testing.Cmd;

/** Live cross-checks of the disk functions against df, findmnt and iostat. */
class DiskTest {

    /** psutil's TOLERANCE_DISK_USAGE. */
    static final long TOLERANCE_DISK_USAGE = 10L * 1024 * 1024;

    /** Runs a check twice before failing: values move between our read and the tool's. */
    static void retryOnce(BooleanSupplier check, String what) {
        if (!check.getAsBoolean() && !check.getAsBoolean()) {
            fail(what);
        }
    }

    /** df -P -B1 for one path: total, used, available (bytes). */
    static long[] df(String path, String... extra) {
        var argv = new ArrayList<>(List.of("df", "-P"));
        argv.addAll(List.of(extra));
        argv.add("--");
        argv.add(path);
        String[] lines = Cmd.run(argv).strip().split("\n");
        String[] f = lines[lines.length - 1].trim().split("\\s+");
        // the mount point is the last field and may contain spaces; the numbers are fields 1..3
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
    }

    @Test
    void diskUsageAgainstDf() {
        List<DiskPartition> parts = Psutil.diskPartitions(false);
        assertFalse(parts.isEmpty(), "no physical partition on this machine?");
        for (DiskPartition p : parts) {
            retryOnce(() -> {
                DiskUsage u = Psutil.diskUsage(p.mountpoint());
                long[] d = df(p.mountpoint(), "-B1");
                return u.total() == d[0]
                        && Math.abs(u.used() - d[1]) < TOLERANCE_DISK_USAGE
                        && Math.abs(u.free() - d[2]) < TOLERANCE_DISK_USAGE;
            }, "disk_usage(" + p.mountpoint() + ") = " + Psutil.diskUsage(p.mountpoint())
                    + " but df says " + List.of(df(p.mountpoint(), "-B1")[0], df(p.mountpoint(), "-B1")[1],
                    df(p.mountpoint(), "-B1")[2]));
        }
    }

    @Test
    void diskUsageInvariants() {
        DiskUsage u = Psutil.diskUsage("/");
        assertTrue(u.total() > 0);
        assertTrue(u.used() >= 0 && u.used() <= u.total());
        assertTrue(u.free() >= 0 && u.free() <= u.total() - u.used(), u.toString());
        assertTrue(u.percent() >= 0 && u.percent() <= 100, u.toString());
        // percent has one decimal, of used / (used + free)
        assertEquals(Math.round(u.percent() * 10) / 10.0, u.percent());
        double expect = 100.0 * u.used() / (u.used() + u.free());
        assertTrue(Math.abs(expect - u.percent()) <= 0.05 + 1e-9, u + " vs " + expect);
        // a file works like its directory
        DiskUsage f = Psutil.diskUsage("/proc/self/status");
        assertEquals(Psutil.diskUsage("/proc").total(), f.total());
    }

    @Test
    void diskUsageOfAMissingPathIsFileNotFound() {
        var e = assertThrows(UncheckedIOException.class, () -> Psutil.diskUsage("/no/such/psutil4j/dir"));
        assertTrue(e.getCause() instanceof NoSuchFileException, e.toString());
        assertTrue(e.getMessage().contains("/no/such/psutil4j/dir"), e.getMessage());
        var e2 = assertThrows(UncheckedIOException.class, () -> Psutil.diskUsage(""));
        assertTrue(e2.getCause() instanceof NoSuchFileException, e2.toString());
        var e3 = assertThrows(UncheckedIOException.class, () -> Psutil.diskUsage("/proc/self/stat/x"));
        assertTrue(e3.getCause() instanceof NotDirectoryException, e3.toString());
        assertThrows(IllegalArgumentException.class, () -> Psutil.diskUsage("/tmp\0x"));
        assertThrows(NullPointerException.class, () -> Psutil.diskUsage(null));
    }

    @Test
    void diskInodesAgainstDfI() {
        for (DiskPartition p : Psutil.diskPartitions(false)) {
            retryOnce(() -> {
                DiskInodes i = Psutil.diskInodes(p.mountpoint());
                long[] d = df(p.mountpoint(), "-i");
                // files come and go: allow some churn between the two reads
                return i.total() == d[0] && Math.abs(i.used() - d[1]) < 5000
                        && Math.abs(i.free() - d[2]) < 5000
                        && i.used() + i.free() == i.total();
            }, "diskInodes(" + p.mountpoint() + ") = " + Psutil.diskInodes(p.mountpoint()));
        }
        DiskInodes proc = Psutil.diskInodes("/proc");
        assertTrue(proc.percent() >= 0 && proc.percent() <= 100);
    }

    @Test
    void mountSetMatchesFindmnt() {
        retryOnce(() -> {
            List<String> ours = new ArrayList<>(Psutil.diskPartitions(true).stream()
                    .map(DiskPartition::mountpoint).toList());
            List<String> theirs = new ArrayList<>();
            for (String line : Cmd.run("findmnt", "-r", "-n", "-k", "-o", "TARGET").split("\n")) {
                if (!line.isEmpty()) {
                    theirs.add(unescapeFindmnt(line));
                }
            }
            ours.sort(null);
            theirs.sort(null);
            return ours.equals(theirs);
        }, "mount points differ from findmnt's");
    }

    /** findmnt -r writes unsafe characters as \xHH. */
    static String unescapeFindmnt(String s) {
        var out = new java.io.ByteArrayOutputStream();
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\\' && i + 3 < b.length && b[i + 1] == 'x') {
                out.write(Integer.parseInt(new String(b, i + 2, 2, java.nio.charset.StandardCharsets.US_ASCII), 16));
                i += 3;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void physicalPartitionsAreASubsetWithDevices() {
        List<DiskPartition> all = Psutil.diskPartitions(true);
        List<DiskPartition> phys = Psutil.diskPartitions(false);
        assertTrue(all.containsAll(phys), "all=true must include every all=false entry");
        for (DiskPartition p : phys) {
            assertFalse(p.device().isEmpty(), p.toString());
            assertFalse(List.of("proc", "sysfs", "tmpfs", "cgroup", "cgroup2", "devpts").contains(p.fstype()), p.toString());
        }
        assertTrue(phys.stream().anyMatch(p -> p.mountpoint().equals("/"))
                || all.stream().noneMatch(p -> p.mountpoint().equals("/") && p.device().startsWith("/dev/")),
                "/ on a block device should be listed: " + phys);
    }

    /** iostat -d -k: name -> {kB_read, kB_wrtn} (psutil's test_against_iostat). */
    static Map<String, long[]> iostat() {
        var out = new HashMap<String, long[]>();
        for (String line : Cmd.run("iostat", "-d", "-k").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 7 || f[0].equals("Linux") || f[0].equals("Device") || f[0].startsWith("Device")) {
                continue;
            }
            try {
                out.put(f[0], new long[] {Long.parseLong(f[5]), Long.parseLong(f[6])});
            } catch (NumberFormatException e) {
                // not a data line
            }
        }
        return out;
    }

    @Test
    void ioCountersAgainstIostat() {
        retryOnce(() -> {
            Map<String, long[]> io = iostat();
            Map<String, DiskIoCounters> ours = Psutil.diskIoCountersPerdisk(false);
            int compared = 0;
            for (var e : io.entrySet()) {
                DiskIoCounters c = ours.get(e.getKey());
                if (c == null) {
                    continue;
                }
                compared++;
                if (Math.abs(c.readBytes() - e.getValue()[0] * 1024) >= 1024 * 1024
                        || Math.abs(c.writeBytes() - e.getValue()[1] * 1024) >= 1024 * 1024) {
                    return false;
                }
            }
            return compared > 0 || io.isEmpty();
        }, "read/write bytes differ from iostat's kB_read/kB_wrtn by 1 MiB or more");
    }

    @Test
    void totalIsTheSumOfWholeDisksAndGrows() {
        Optional<DiskIoCounters> t1 = Psutil.diskIoCounters(false);
        Map<String, DiskIoCounters> per = Psutil.diskIoCountersPerdisk(false);
        Optional<DiskIoCounters> t2 = Psutil.diskIoCounters(false);
        assertTrue(t1.isPresent(), "this machine has disks");
        // whole disks only: the sum over the perdisk entries that are in /sys/block
        long reads = 0;
        for (var e : per.entrySet()) {
            if (java.nio.file.Files.exists(java.nio.file.Path.of("/sys/block", e.getKey().replace('/', '!')))) {
                reads += e.getValue().readCount();
            }
        }
        assertTrue(t1.get().readCount() <= reads && reads <= t2.get().readCount(),
                t1.get().readCount() + " <= " + reads + " <= " + t2.get().readCount());
        DiskIoCounters a = t1.get();
        DiskIoCounters b = t2.get();
        assertTrue(b.readBytes() >= a.readBytes() && b.writeBytes() >= a.writeBytes()
                && b.readCount() >= a.readCount() && b.writeCount() >= a.writeCount()
                && b.busyTime() >= a.busyTime(), a + " -> " + b);
        assertEquals(0, a.readBytes() % 512);
        assertEquals(Psutil.diskIoCounters().isPresent(), true);
        assertFalse(Psutil.diskIoCountersPerdisk().isEmpty());
        Psutil.diskIoCountersCacheClear();
    }

    /** /proc/diskstats as text, split: name -> the values after it. */
    static Map<String, long[]> diskstats() {
        var m = new HashMap<String, long[]>();
        try {
            for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/diskstats"))) {
                String[] f = l.trim().split("\\s+");
                long[] v = new long[f.length - 3];
                for (int i = 3; i < f.length; i++) {
                    v[i - 3] = Long.parseLong(f[i]);
                }
                m.put(f[2], v);
            }
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /**
     * diskIoCountersEx against /proc/diskstats read as text before and after: each counter lies
     * between the two readings (in flight is a gauge: at most the larger of them plus what
     * another reader may start), discards and flushes are present when the kernel has them,
     * and whole disks are those in /sys/block, as iostat lists them.
     */
    @Test
    void extendedCountersMatchDiskstats() {
        Map<String, long[]> before = diskstats();
        Map<String, DiskIoCountersEx> ex = Psutil.diskIoCountersEx();
        Map<String, long[]> after = diskstats();
        assertFalse(ex.isEmpty());
        for (var e : ex.entrySet()) {
            long[] b = before.get(e.getKey());
            long[] a = after.get(e.getKey());
            if (b == null || a == null || b.length < 11) {
                continue; // came or went meanwhile
            }
            DiskIoCountersEx x = e.getValue();
            long[] ours = {x.readCount(), x.readMergedCount(), x.readBytes() / 512, x.readTime(), x.writeCount(),
                x.writeMergedCount(), x.writeBytes() / 512, x.writeTime(), -1, x.busyTime(), x.weightedTime(),
                x.discardCount().orElse(-1), x.discardMergedCount().orElse(-1), x.discardBytes().orElse(-512) / 512,
                x.discardTime().orElse(-1), x.flushCount().orElse(-1), x.flushTime().orElse(-1)};
            for (int i = 0; i < b.length && i < ours.length; i++) {
                if (i == 8) {
                    continue; // in flight
                }
                assertTrue(b[i] <= ours[i] && ours[i] <= a[i], e.getKey() + " field " + (i + 4) + ": " + b[i] + " <= "
                        + ours[i] + " <= " + a[i]);
            }
            assertEquals(b.length >= 15, x.discardCount().isPresent(), e.getKey());
            assertEquals(b.length >= 17, x.flushCount().isPresent(), e.getKey());
            assertTrue(x.inFlight() >= 0);
            assertEquals(java.nio.file.Files.exists(java.nio.file.Path.of("/sys/block", e.getKey().replace('/', '!'))),
                    x.wholeDisk(), e.getKey());
        }
    }
}
