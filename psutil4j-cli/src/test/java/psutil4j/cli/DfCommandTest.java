package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import psutil4j.DiskPartition;
import psutil4j.testing.Cmd;
import psutil4j.testing.PythonPsutil;

/** {@code df}: golden formatting on fixed rows, and the same facts as coreutils df on this machine. */
class DfCommandTest {

    // ---- formatting on fixed data

    @Test
    void humanReadableRoundsUpLikeCoreutils() {
        assertEquals("0", DfCommand.human(0, 1024));
        assertEquals("512", DfCommand.human(512, 1024));
        assertEquals("4.0K", DfCommand.human(4096, 1024));
        assertEquals("1.1K", DfCommand.human(1025, 1024)); // ceiling, not nearest
        assertEquals("10K", DfCommand.human(10 * 1024 - 1, 1024)); // 9.99.. rounds up to 10 -> integer form
        assertEquals("252G", DfCommand.human(270553174016L, 1024));
        assertEquals("1.0M", DfCommand.human(1024 * 1024 - 1, 1024)); // 1024K rounds to the next unit
        assertEquals("4.1k", DfCommand.human(4096, 1000));
        assertEquals("271G", DfCommand.human(270553174016L, 1000));
    }

    @Test
    void usePercentIsCeilingOfUsedOverUsedPlusAvail() {
        assertEquals("22%", DfCommand.percent(23329386496L, 23329386496L + 85614907392L)); // 21.4 -> 22
        assertEquals("0%", DfCommand.percent(0, 100));
        assertEquals("100%", DfCommand.percent(100, 100));
        assertEquals("1%", DfCommand.percent(1, 1000));
        assertEquals("-", DfCommand.percent(0, 0));
    }

    @Test
    void blockSizes() {
        assertEquals(1, DfCommand.parseSize("1"));
        assertEquals(1024, DfCommand.parseSize("K"));
        assertEquals(1024 * 1024, DfCommand.parseSize("1M"));
        assertEquals(1_000_000, DfCommand.parseSize("MB"));
        assertEquals(4096, DfCommand.parseSize("4096"));
        assertEquals("1K", DfCommand.blockLabel(1024));
        assertEquals("4K", DfCommand.blockLabel(4096));
        assertEquals("1M", DfCommand.blockLabel(1 << 20));
        assertEquals("1MB", DfCommand.blockLabel(1_000_000));
        assertEquals("1kB", DfCommand.blockLabel(1000));
        assertEquals("512B", DfCommand.blockLabel(512));
        assertEquals("1B", DfCommand.blockLabel(1));
        assertEquals("66053021", DfCommand.scaled(270553174016L, 4096));
        assertEquals("2", DfCommand.scaled(1025, 1024)); // rounded up
    }

    private static String render(DfCommand cmd, List<DfCommand.Row> rows, long unit) {
        var sw = new StringWriter();
        var pw = new PrintWriter(sw);
        cmd.render(rows, pw, unit);
        pw.flush();
        return sw.toString();
    }

    private static final List<DfCommand.Row> ROWS = List.of(
            new DfCommand.Row(new DiskPartition("/dev/vda", "/", "ext4", "rw"), 270553174016L, 23329386496L,
                    85614907392L, 21.4),
            new DfCommand.Row(new DiskPartition("tmpfs", "/dev/shm", "tmpfs", "rw"), 25276514304L, 0,
                    25276514304L, 0));

    @Test
    void goldenDefault() {
        assertEquals("""
                Filesystem     1K-blocks     Used Available Use% Mounted on
                /dev/vda       264212084 22782604  83608308  22% /
                tmpfs           24684096        0  24684096   0% /dev/shm
                """, render(new DfCommand(), ROWS, 1024));
    }

    @Test
    void goldenHumanWithType() {
        var cmd = new DfCommand();
        cmd.human = true;
        cmd.printType = true;
        assertEquals("""
                Filesystem     Type   Size  Used Avail Use% Mounted on
                /dev/vda       ext4   252G   22G   80G  22% /
                tmpfs          tmpfs   24G     0   24G   0% /dev/shm
                """, render(cmd, ROWS, cmd.unit()));
    }

    @Test
    void goldenPosixAndInodes() {
        var cmd = new DfCommand();
        cmd.posix = true;
        assertEquals("""
                Filesystem     1024-blocks     Used Available Capacity Mounted on
                /dev/vda         264212084 22782604  83608308      22% /
                tmpfs             24684096        0  24684096       0% /dev/shm
                """, render(cmd, ROWS, 1024));
        var ic = new DfCommand();
        ic.inodes = true;
        var irows = List.of(new DfCommand.Row(new DiskPartition("/dev/vda", "/", "ext4", "rw"), 16777216, 413741,
                16363475, 2.5), new DfCommand.Row(new DiskPartition("proc", "/proc", "proc", "rw"), 0, 0, 0, 0));
        assertEquals("""
                Filesystem       Inodes  IUsed    IFree IUse% Mounted on
                /dev/vda       16777216 413741 16363475    3% /
                proc                  0      0        0     - /proc
                """, render(ic, irows, 1024));
    }

    @Test
    void mountOfPicksTheLongestPrefixAndTheLaterMountOnTies() {
        var mounts = List.of(new DiskPartition("/dev/a", "/", "ext4", ""),
                new DiskPartition("/dev/b", "/data", "ext4", ""),
                new DiskPartition("/dev/c", "/data", "xfs", ""),
                new DiskPartition("/dev/d", "/data2", "xfs", ""));
        assertEquals("/dev/c", DfCommand.mountOf(mounts, "/data/x/y").device());
        assertEquals("/dev/c", DfCommand.mountOf(mounts, "/data").device());
        assertEquals("/dev/a", DfCommand.mountOf(mounts, "/dat").device());
        assertEquals("/dev/d", DfCommand.mountOf(mounts, "/data2/z").device());
    }

    // ---- against coreutils df on this machine

    /** Mount point -> the numeric columns of df output (everything but the last column is split on blanks). */
    static Map<String, long[]> parse(String out, int numbers) {
        var m = new LinkedHashMap<String, long[]>();
        String[] lines = out.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < numbers + 3) {
                continue;
            }
            long[] v = new long[numbers];
            for (int k = 0; k < numbers; k++) {
                v[k] = Long.parseLong(f[1 + k]);
            }
            m.put(f[f.length - 1], v);
        }
        return m;
    }

    @Test
    void sameMountsAndSizesAsCoreutils() {
        for (int attempt = 0; ; attempt++) {
            String theirs = Cmd.run("df", "-k");
            SysCli.Result ours = SysCli.run("df", "-k");
            assertEquals(0, ours.rc(), ours.err());
            assertEquals(theirs.lines().findFirst().orElseThrow().replaceAll("\\s+", " "),
                    ours.out().lines().findFirst().orElseThrow().replaceAll("\\s+", " "));
            Map<String, long[]> t = parse(theirs, 3);
            Map<String, long[]> o = parse(ours.out(), 3);
            assertFalse(t.isEmpty());
            assertEquals(new ArrayList<>(t.keySet()), new ArrayList<>(o.keySet()), "mount points, in order");
            boolean ok = true;
            for (String mp : t.keySet()) {
                long[] a = t.get(mp);
                long[] b = o.get(mp);
                assertEquals(a[0], b[0], "1K-blocks of " + mp);
                long tol = Math.max(10 * 1024, a[0] / 100); // 10 MiB or 1%: others write meanwhile
                ok &= Math.abs(a[1] - b[1]) <= tol && Math.abs(a[2] - b[2]) <= tol;
            }
            if (ok) {
                return;
            }
            assertTrue(attempt < 2, "used/available differ beyond tolerance:\n" + theirs + "\n" + ours.out());
        }
    }

    @Test
    void sameInodeTotalsAsCoreutils() {
        Map<String, long[]> t = parse(Cmd.run("df", "-i"), 3);
        SysCli.Result ours = SysCli.run("df", "-i");
        assertEquals(0, ours.rc(), ours.err());
        assertTrue(ours.out().startsWith("Filesystem"));
        assertTrue(ours.out().lines().findFirst().orElseThrow().contains("Inodes  IUsed") 
                || ours.out().lines().findFirst().orElseThrow().matches(".*Inodes +IUsed +IFree +IUse% Mounted on"));
        Map<String, long[]> o = parse(ours.out(), 3);
        assertEquals(t.keySet(), o.keySet());
        for (String mp : t.keySet()) {
            assertEquals(t.get(mp)[0], o.get(mp)[0], "inodes of " + mp);
        }
    }

    @Test
    void typesAndAllAndPathsAsCoreutils() {
        assertEquals(typeColumn(Cmd.run("df", "-T")), typeColumn(SysCli.run("df", "-T").out()));
        assertEquals(parse(Cmd.run("df", "-a"), 3).keySet(), parse(SysCli.run("df", "-a").out(), 3).keySet());
        for (String path : List.of("/tmp", "/proc/self", "/dev/null", System.getProperty("java.home"))) {
            assertEquals(parse(Cmd.run("df", path), 3).keySet(), parse(SysCli.run("df", path).out(), 3).keySet(), path);
        }
    }

    @Test
    void typeFiltersAsCoreutils() {
        for (String[] args : List.of(new String[] {"-t", "tmpfs"}, new String[] {"-x", "tmpfs"},
                new String[] {"-t", "ext4", "-t", "devtmpfs"})) {
            var theirs = new ArrayList<String>(List.of("df"));
            theirs.addAll(List.of(args));
            var ours = new ArrayList<String>(List.of("df"));
            ours.addAll(List.of(args));
            String t;
            try {
                t = Cmd.run(theirs);
            } catch (AssertionError e) {
                t = ""; // "no file systems processed": exit 1
            }
            SysCli.Result o = SysCli.run(ours.toArray(String[]::new));
            assertEquals(parse(t, 3).keySet(), parse(o.out(), 3).keySet(), String.join(" ", args));
            assertEquals(t.isEmpty() ? 1 : 0, o.rc(), String.join(" ", args));
        }
    }

    private static Map<String, String> typeColumn(String out) {
        var m = new LinkedHashMap<String, String>();
        out.lines().skip(1).forEach(l -> {
            String[] f = l.trim().split("\\s+");
            m.put(f[f.length - 1], f[1]);
        });
        return m;
    }

    @Test
    void humanColumnsMatchCoreutilsForStaticSizes() {
        var t = Cmd.run("df", "-h", "/dev/shm").lines().skip(1).findFirst().orElseThrow().trim().split("\\s+");
        var o = SysCli.run("df", "-h", "/dev/shm").out().lines().skip(1).findFirst().orElseThrow().trim().split("\\s+");
        assertEquals(t[1], o[1], "Size");
        assertEquals(t[t.length - 1], o[o.length - 1]);
    }

    @Test
    void errorsAndExitCodes() {
        SysCli.Result missing = SysCli.run("df", "/no/such/path");
        assertEquals(1, missing.rc());
        assertEquals("df: /no/such/path: No such file or directory\n", missing.err());
        assertEquals("", missing.out());
        assertEquals(2, SysCli.run("df", "--bogus").rc());
        assertEquals(2, SysCli.run("df", "-Bxyz").rc());
        SysCli.Result both = SysCli.run("df", "/no/such/path", "/");
        assertEquals(1, both.rc());
        assertEquals(2, both.out().lines().count());
    }

    @Test
    void jsonHasPsutilsFieldsAndValues() throws Exception {
        SysCli.Result r = SysCli.run("df", "--json", "/");
        assertEquals(0, r.rc(), r.err());
        JsonNode ours = new ObjectMapper().readTree(r.out()).get(0);
        JsonNode theirs = PythonPsutil.eval("nt(psutil.disk_usage('/'))");
        for (String f : List.of("total", "used", "free", "percent")) {
            assertTrue(ours.has(f), f);
        }
        assertEquals(theirs.get("total").asLong(), ours.get("total").asLong());
        assertEquals(theirs.get("used").asLong(), ours.get("used").asLong(), 64L << 20);
        assertEquals("/", ours.get("mountpoint").asText());
    }
}
