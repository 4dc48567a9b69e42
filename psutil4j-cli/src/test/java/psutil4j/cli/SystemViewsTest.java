package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import psutil4j.LoadAvg;
import psutil4j.SwapMemory;
import psutil4j.User;
import psutil4j.VirtualMemory;

/** free, meminfo, uptime, who and tty against procps/coreutils, plus golden layouts. */
class SystemViewsTest {

    private static final long KIB = 1024;

    private static long[] row(String text, String label) {
        for (String l : text.split("\n")) {
            if (l.startsWith(label)) {
                String[] f = l.substring(label.length()).strip().split("\\s+");
                long[] v = new long[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = Long.parseLong(f[i]);
                }
                return v;
            }
        }
        throw new AssertionError("no " + label + " row in\n" + text);
    }

    private static boolean freeAgrees(String ours, String theirs) {
        long[] a = row(ours, "Mem:");
        long[] b = row(theirs, "Mem:");
        if (a.length != 6 || a[0] != b[0]) {
            return false;
        }
        // used, free, shared, buff/cache, available move with 8 busy sessions: 256 MiB
        for (int i = 1; i < 6; i++) {
            if (Math.abs(a[i] - b[i]) > 256L * 1024 * 1024) {
                return false;
            }
        }
        long[] sa = row(ours, "Swap:");
        long[] sb = row(theirs, "Swap:");
        return sa[0] == sb[0] && Math.abs(sa[1] - sb[1]) <= 64L * 1024 * 1024;
    }

    @Test
    void freeMatchesProcpsFree() {
        String ours = Cli.ours("free", "-b").out();
        String theirs = Cli.theirs("free", "-b").out();
        if (!freeAgrees(ours, theirs)) {
            ours = Cli.ours("free", "-b").out();
            theirs = Cli.theirs("free", "-b").out();
        }
        assertTrue(freeAgrees(ours, theirs), "ours\n" + ours + "procps\n" + theirs);
        // used = total - available in both (procps 4.0.2 and psutil 7)
        long[] m = row(ours, "Mem:");
        assertEquals(m[0] - m[5], m[1]);
        for (var flags : List.of(List.<String>of(), List.of("-w"), List.of("-h"), List.of("--si", "-h"), List.of("-m", "-t"),
                List.of("-g"))) {
            var argv = new java.util.ArrayList<>(List.of("free"));
            argv.addAll(flags);
            List<String> o = Cli.ours(argv.toArray(String[]::new)).lines();
            List<String> t = Cli.theirs(argv.toArray(String[]::new)).lines();
            assertEquals(t.size(), o.size(), "free " + flags);
            assertEquals(t.get(0), o.get(0), "header of free " + flags);
            // the total column is static, and so is an empty swap
            for (int i = 1; i < t.size(); i++) {
                String[] tf = t.get(i).split("\\s+");
                String[] of = o.get(i).split("\\s+");
                assertEquals(tf[0], of[0]);
                assertEquals(tf[1], of[1], "free " + flags + ": " + t.get(i) + " vs " + o.get(i));
                assertEquals(tf.length, of.length);
            }
        }
        // repeated: blocks separated by one blank line, as procps
        List<String> rep = Cli.ours("free", "-c", "2", "-s", "0.1").lines();
        List<String> their = Cli.theirs("free", "-c", "2", "-s", "0.1").lines();
        assertEquals(their.size(), rep.size(), String.join("\n", rep));
        assertEquals("", rep.get(3));
        assertEquals(2, Cli.ours("free", "-m", "-g").rc());
        assertEquals(2, Cli.ours("free", "-s", "0").rc());
        assertEquals(2, Cli.ours("free", "--bogus").rc());
    }

    @Test
    void freeGoldenLayout() {
        var vm = new VirtualMemory(24684096 * KIB, 23564352 * KIB, 4.5, 1119744 * KIB, 23337344 * KIB, 0, 0,
                0, 481704 * KIB, 8788 * KIB, 0);
        var sw = new SwapMemory(0, 0, 0, 0, 0, 0);
        var f = new FreeCommand();
        String out = FreeCommand.render(vm, sw, f::scale, false, true);
        assertEquals(String.join("\n",
                "               total        used        free      shared  buff/cache   available",
                "Mem:        24684096     1119744    23337344        8788      481704    23564352",
                "Swap:              0           0           0",
                "Total:      24684096     1119744    23337344",
                ""), out);
        assertEquals("23Gi", FreeCommand.human(24684096 * KIB, false));
        assertEquals("1.4Gi", FreeCommand.human(1441488 * KIB, false));
        assertEquals("8.6Mi", FreeCommand.human(8788 * KIB, false));
        assertEquals("0B", FreeCommand.human(0, false));
        assertEquals("25G", FreeCommand.human(25276514304L, true));
        assertEquals("9.0M", FreeCommand.human(8998912, true));
        assertEquals("512B", FreeCommand.human(512, false));
    }

    @Test
    void meminfoTotalsAreTheKernels() throws Exception {
        String proc = Files.readString(Path.of("/proc/meminfo"));
        String ours = Cli.ours("meminfo").out();
        for (String key : List.of("MemTotal", "SwapTotal")) {
            Matcher a = Pattern.compile("(?m)^" + key + ":\\s+(\\d+) kB").matcher(proc);
            Matcher b = Pattern.compile("(?m)^" + key + ":\\s+(\\d+) kB").matcher(ours);
            assertTrue(a.find() && b.find(), key);
            assertEquals(a.group(1), b.group(1), key);
        }
        assertTrue(Cli.ours("meminfo", "--json").out().contains("\"virtual_memory\":{\"total\":"));
    }

    private static final Pattern UPTIME = Pattern.compile(
            "^ \\d\\d:\\d\\d:\\d\\d up (.*),\\s+(\\d+) users?,  load average: ([\\d.]+), ([\\d.]+), ([\\d.]+)$");

    @Test
    void uptimeMatchesProcps() {
        // procps before and after ours: the "up" text may turn a minute between any two runs
        Matcher t = UPTIME.matcher(Cli.theirs("uptime").out().replace("\n", ""));
        Matcher o = UPTIME.matcher(Cli.ours("uptime").out().replace("\n", ""));
        Matcher t2 = UPTIME.matcher(Cli.theirs("uptime").out().replace("\n", ""));
        assertTrue(o.matches(), "ours: " + Cli.ours("uptime").out());
        assertTrue(t.matches(), "procps: " + Cli.theirs("uptime").out());
        assertEquals(t.group(2), o.group(2), "users");
        for (int i = 3; i <= 5; i++) {
            assertEquals(Double.parseDouble(t.group(i)), Double.parseDouble(o.group(i)), 1.0, "load " + i);
        }
        assertTrue(t2.matches());
        String up = o.group(1);
        assertTrue(up.equals(t.group(1)) || up.equals(t2.group(1)), "up: ours " + up + ", procps " + t.group(1)
                + " then " + t2.group(1));
        String p1 = Cli.theirs("uptime", "-p").out();
        String pretty = Cli.ours("uptime", "-p").out();
        String pretty2 = Cli.ours("uptime", "--pretty").out();
        String p2 = Cli.theirs("uptime", "-p").out();
        assertTrue(pretty.equals(p1) || pretty.equals(p2), "-p: ours " + pretty + ", procps " + p1 + " then " + p2);
        assertTrue(pretty2.equals(p1) || pretty2.equals(p2), "--pretty: ours " + pretty2);
        var fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        var a = LocalDateTime.parse(Cli.ours("uptime", "-s").out().strip(), fmt);
        var b = LocalDateTime.parse(Cli.theirs("uptime", "-s").out().strip(), fmt);
        // procps derives boot from now - /proc/uptime, psutil reads btime: a second apart at most
        assertTrue(Math.abs(java.time.Duration.between(a, b).getSeconds()) <= 1, a + " vs " + b);
        assertEquals(2, Cli.ours("uptime", "-x").rc());
    }

    @Test
    void uptimeGolden() {
        ZoneId utc = ZoneId.of("UTC");
        double now = java.time.Instant.parse("2027-01-15T13:05:01Z").getEpochSecond();
        var l = new LoadAvg(0, 0.01, 0.05);
        assertEquals(" 13:05:01 up 10 min,  0 user,  load average: 0.00, 0.01, 0.05", UptimeCommand.line(now, 600, 0, l, utc));
        assertEquals(" 13:05:01 up 1 day,  2:03,  2 users,  load average: 0.00, 0.01, 0.05",
                UptimeCommand.line(now, 86400 + 2 * 3600 + 3 * 60, 2, l, utc));
        assertEquals(" 13:05:01 up 3 days, 23:59,  1 user,  load average: 0.00, 0.01, 0.05",
                UptimeCommand.line(now, 3 * 86400 + 23 * 3600 + 59 * 60 + 7, 1, l, utc));
        assertEquals("up 10 minutes", UptimeCommand.pretty(600));
        assertEquals("up 1 minute", UptimeCommand.pretty(60));
        assertEquals("up 0 minutes", UptimeCommand.pretty(30));
        assertEquals("up 1 week, 1 day, 1 hour, 1 minute", UptimeCommand.pretty(8 * 86400 + 3660));
        // procps 4.0.2 printed exactly this at 2:00 of uptime (its minutes test looks at leftover seconds)
        assertEquals("up 2 hours, 0 minutes", UptimeCommand.pretty(7200));
        assertEquals("2027-01-15 13:05:01", UptimeCommand.since(now, utc));
    }

    @Test
    void whoMatchesCoreutils() {
        assertEquals(Cli.theirsSameLocale("who", "-q").out(), Cli.ours("who", "-q").out());
        assertEquals(Cli.theirsSameLocale("who").out(), Cli.ours("who").out());
        assertEquals(Cli.theirsSameLocale("who", "am", "i").out(), Cli.ours("who", "am", "i").out());
        assertEquals(2, Cli.ours("who", "x").rc());
        String ours = WhoCommand.render(List.of(), psutil4j.Psutil.bootTime(), false, false, ZoneId.systemDefault(), false);
        Matcher m = Pattern.compile("^ {9}system boot  (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d)\n$").matcher(ours);
        assertTrue(m.matches(), ours);
        assertEquals(ours.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d", "").length(),
                Cli.ours("who", "-b").out().replaceAll("(\\d{4}-\\d\\d-\\d\\d|[A-Z][a-z][a-z] [ \\d]\\d) \\d\\d:\\d\\d", "").length());
        String theirs = Cli.theirsSameLocale("who", "-b").out();
        if (!theirs.isBlank()) {
            // a utmp with a BOOT_TIME record: coreutils reads that
            assertEquals(theirs, Cli.ours("who", "-b").out());
        }
        // uptime -s is the boot time to the second; who shows the minute
        var fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        var since = LocalDateTime.parse(Cli.theirs("uptime", "-s").out().strip(), fmt);
        var minute = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        assertTrue(m.group(1).equals(minute.format(since)) || m.group(1).equals(minute.format(since.minusSeconds(1))),
                m.group(1) + " vs " + since);
    }

    @Test
    void whoGolden() {
        ZoneId utc = ZoneId.of("UTC");
        double t = java.time.Instant.parse("2027-01-15T08:00:00Z").getEpochSecond();
        var users = List.of(new User("alice", Optional.of("pts/0"), "10.0.0.1", t, 100),
                new User("bob", Optional.of("tty1"), "", t + 60, 101));
        assertEquals("alice    pts/0        2027-01-15 08:00 (10.0.0.1)\nbob      tty1         2027-01-15 08:01\n",
                WhoCommand.render(users, Double.NaN, false, false, utc, false));
        assertEquals("alice    pts/0        Jan 15 08:00 (10.0.0.1)\nbob      tty1         Jan 15 08:01\n",
                WhoCommand.render(users, Double.NaN, false, false, utc, true));
        assertEquals("alice bob\n# users=2\n", WhoCommand.render(users, Double.NaN, true, false, utc, false));
        assertEquals("         system boot  2027-01-15 08:00\n", WhoCommand.render(users, t, false, false, utc, false));
        assertEquals("         system boot  Jan 15 08:00\n", WhoCommand.render(users, t, false, false, utc, true));
        assertEquals("NAME     LINE         TIME             COMMENT\n",
                WhoCommand.render(List.of(), Double.NaN, false, true, utc, false));
        assertEquals("NAME     LINE         TIME         COMMENT\n",
                WhoCommand.render(List.of(), Double.NaN, false, true, utc, true));
    }

    @Test
    void ttyLikeCoreutils() {
        var theirs = Cli.theirs("tty");
        var ours = Cli.ours("tty");
        // neither the test JVM nor the child has a terminal on stdin
        assertEquals(theirs.out(), ours.out());
        assertEquals(theirs.rc(), ours.rc());
        assertEquals("", Cli.ours("tty", "-s").out());
        // which paths are terminals: the library's (Psutil.ttyname, LinuxFilesTest)
    }
}
