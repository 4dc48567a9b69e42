package psutil4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import psutil4j.testing.PythonPsutil;

/**
 * The disk functions against real psutil (5.9.4 from Debian), field by field.
 *
 * <p>Differences between 5.9.4 and the newest psutil that we follow:
 * <ul>
 * <li>5.9.4's {@code sdiskpart} has {@code maxfile} and {@code maxpath}; psutil 6.0 removed them
 *     (gh-2109), and so does {@link DiskPartition}: only the four common fields are compared.</li>
 * <li>disk_usage, disk_io_counters and the partition filtering are the same code in both.</li>
 * </ul>
 * Counters move between the calls, so each psutil value must lie between ours read just before
 * and just after it (the counters only grow).
 */
class DiskConformanceTest {

    private static final String[] IO_FIELDS = {"read_count", "write_count", "read_bytes", "write_bytes",
        "read_time", "write_time", "read_merged_count", "write_merged_count", "busy_time"};

    @Test
    void psutilIsThere() {
        String v = PythonPsutil.version();
        assertTrue(v.matches("\\d+\\.\\d+\\.\\d+.*"), v);
    }

    @Test
    void partitionRecordHasNewestPsutilFields() {
        assertEquals(List.of("device", "mountpoint", "fstype", "opts"),
                Arrays.stream(DiskPartition.class.getRecordComponents()).map(c -> c.getName()).toList());
        JsonNode old = PythonPsutil.eval("list(psutil._common.sdiskpart._fields)");
        // 5.9.4 still has maxfile/maxpath after the four fields we keep
        assertEquals(List.of("device", "mountpoint", "fstype", "opts"),
                List.of(old.get(0).asText(), old.get(1).asText(), old.get(2).asText(), old.get(3).asText()));
    }

    private static List<List<String>> theirPartitions(boolean all) {
        JsonNode n = PythonPsutil.eval("nt(psutil.disk_partitions(all=" + (all ? "True" : "False") + "))");
        var out = new ArrayList<List<String>>();
        for (JsonNode p : n) {
            out.add(List.of(p.get("device").asText(), p.get("mountpoint").asText(),
                    p.get("fstype").asText(), p.get("opts").asText()));
        }
        return out;
    }

    private static List<List<String>> ourPartitions(boolean all) {
        return Psutil.diskPartitions(all).stream()
                .map(p -> List.of(p.device(), p.mountpoint(), p.fstype(), p.opts())).toList();
    }

    @Test
    void diskPartitionsPhysical() {
        compareTwice(false);
    }

    @Test
    void diskPartitionsAll() {
        compareTwice(true);
    }

    private static void compareTwice(boolean all) {
        // mounts may change between the two reads: retry once
        List<List<String>> theirs = theirPartitions(all);
        List<List<String>> ours = ourPartitions(all);
        if (!theirs.equals(ours)) {
            theirs = theirPartitions(all);
            ours = ourPartitions(all);
        }
        assertEquals(theirs, ours);
        assertFalse(ours.isEmpty());
    }

    @Test
    void diskUsageOfEachPartition() {
        for (DiskPartition p : Psutil.diskPartitions(true)) {
            String mp = p.mountpoint();
            JsonNode u = PythonPsutil.exec("p = " + pyString(mp) + "\n"
                    + "try:\n"
                    + "    print(json.dumps(nt(psutil.disk_usage(p))))\n"
                    + "except OSError as e:\n"
                    + "    print(json.dumps({'error': type(e).__name__}))\n");
            DiskUsage ours;
            try {
                ours = Psutil.diskUsage(mp);
            } catch (java.io.UncheckedIOException e) {
                assertTrue(u.has("error"), mp + ": we failed with " + e + " but psutil gave " + u);
                continue;
            }
            assertFalse(u.has("error"), mp + ": psutil failed with " + u + " but we gave " + ours);
            assertEquals(u.get("total").asLong(), ours.total(), mp);
            assertTrue(Math.abs(u.get("used").asLong() - ours.used()) < DiskTest.TOLERANCE_DISK_USAGE, mp);
            assertTrue(Math.abs(u.get("free").asLong() - ours.free()) < DiskTest.TOLERANCE_DISK_USAGE, mp);
            assertTrue(Math.abs(u.get("percent").asDouble() - ours.percent()) <= 0.5, mp + " " + u + " " + ours);
            if (ours.used() == u.get("used").asLong() && ours.free() == u.get("free").asLong()) {
                assertEquals(u.get("percent").asDouble(), ours.percent(), mp);
            }
        }
    }

    @Test
    void diskUsageOfMissingPathFailsInBoth() {
        JsonNode u = PythonPsutil.exec("try:\n"
                + "    psutil.disk_usage('/no/such/psutil4j/dir')\n"
                + "    print(json.dumps('ok'))\n"
                + "except OSError as e:\n"
                + "    print(json.dumps(type(e).__name__))\n");
        assertEquals("FileNotFoundError", u.asText());
        try {
            Psutil.diskUsage("/no/such/psutil4j/dir");
            fail("no exception");
        } catch (java.io.UncheckedIOException e) {
            assertTrue(e.getCause() instanceof java.nio.file.NoSuchFileException);
        }
    }

    private static String pyString(String s) {
        var sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '\'') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    private static long[] fields(DiskIoCounters c) {
        return new long[] {c.readCount(), c.writeCount(), c.readBytes(), c.writeBytes(), c.readTime(),
            c.writeTime(), c.readMergedCount(), c.writeMergedCount(), c.busyTime()};
    }

    private static void assertBetween(DiskIoCounters before, JsonNode theirs, DiskIoCounters after, String what) {
        long[] b = fields(before);
        long[] a = fields(after);
        for (int i = 0; i < IO_FIELDS.length; i++) {
            long t = theirs.get(IO_FIELDS[i]).asLong();
            assertTrue(b[i] <= t && t <= a[i],
                    what + "." + IO_FIELDS[i] + ": psutil " + t + " not within ours " + b[i] + ".." + a[i]);
        }
    }

    @Test
    void diskIoCountersPerdisk() {
        Map<String, DiskIoCounters> before = Psutil.diskIoCountersPerdisk(false);
        JsonNode theirs = PythonPsutil.eval("nt(psutil.disk_io_counters(perdisk=True, nowrap=False))");
        Map<String, DiskIoCounters> after = Psutil.diskIoCountersPerdisk(false);
        var theirKeys = new ArrayList<String>();
        theirs.fieldNames().forEachRemaining(theirKeys::add);
        assertEquals(theirKeys, new ArrayList<>(before.keySet()), "same devices in the same order");
        assertEquals(before.keySet(), after.keySet());
        for (String k : theirKeys) {
            assertBetween(before.get(k), theirs.get(k), after.get(k), k);
        }
    }

    @Test
    void diskIoCountersTotal() {
        Optional<DiskIoCounters> before = Psutil.diskIoCounters(false);
        JsonNode theirs = PythonPsutil.eval("nt(psutil.disk_io_counters(perdisk=False, nowrap=False))");
        Optional<DiskIoCounters> after = Psutil.diskIoCounters(false);
        if (theirs.isNull()) {
            assertTrue(before.isEmpty() && after.isEmpty());
            return;
        }
        assertBetween(before.orElseThrow(), theirs, after.orElseThrow(), "total");
    }

    @Test
    void diskIoCountersTotalWithNowrap() {
        Psutil.diskIoCountersCacheClear();
        DiskIoCounters before = Psutil.diskIoCounters().orElseThrow();
        JsonNode theirs = PythonPsutil.eval("nt(psutil.disk_io_counters())");
        DiskIoCounters after = Psutil.diskIoCounters().orElseThrow();
        assertBetween(before, theirs, after, "total(nowrap)");
    }
}
