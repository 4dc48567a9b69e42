package psutil4j.internal.linux.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import psutil4j.internal.parse.ByteCursor;

/** The /proc/[pid] parsers on fixture files (captured from a sleep, and hand-made odd cases). */
class PidParsersTest {

    static byte[] fixture(String path) {
        try (InputStream in = PidParsersTest.class.getResourceAsStream("/linux/" + path)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static ByteCursor cursor(String path) {
        return new ByteCursor(fixture(path));
    }

    @Test
    void statOfSleep() {
        var st = new PidStat();
        assertTrue(st.parse(cursor("proc-sleep/proc/4242/stat")));
        assertEquals("sleep", st.name());
        assertEquals('S', st.state);
        assertEquals(11347, st.ppid);
        assertEquals(0, st.ttyNr);
        assertEquals(145, st.minflt);
        assertEquals(0, st.majflt);
        assertEquals(118684, st.starttime);
        assertEquals(2990080, st.vsize);
        assertEquals(408, st.rss);
        assertEquals(0, st.nice);
        assertEquals(1, st.numThreads);
        assertEquals(0, st.delayacctBlkioTicks);
        assertEquals("sleeping", PidStat.statusName(st.state));
        // beyond psutil: job control, flags, scheduling
        assertEquals(11347, st.pgrp);
        assertEquals(5113, st.session);
        assertEquals(-1, st.tpgid, "no controlling terminal");
        assertEquals(4194304, st.flags);
        assertEquals(0, st.rtPriority);
        assertEquals(0, st.policy);
    }

    @Test
    void statOfARealTimeProcess() {
        // a SCHED_FIFO (1) thread at priority 50 on a terminal, leading its session in the foreground
        var st = new PidStat();
        assertTrue(st.parse(ByteCursor.of("812 (rt app) S 1 812 812 34817 812 1077936448 0 0 0 0 0 0 0 0 -51 0 1 0 "
                + "100 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 3 50 1 0 0 0\n")));
        assertEquals(812, st.pgrp);
        assertEquals(812, st.session);
        assertEquals(812, st.tpgid);
        assertEquals(1077936448, st.flags);
        assertEquals(3, st.processor);
        assertEquals(50, st.rtPriority);
        assertEquals(1, st.policy);
    }

    @Test
    void statWithParenthesesInNameAndNoField42() {
        var st = new PidStat();
        assertTrue(st.parse(cursor("proc-odd/proc/4243/stat")));
        assertEquals("a) b (c", st.name());
        assertTrue(st.nameEquals("a) b (c"));
        assertFalse(st.nameEquals("a) b (d"));
        assertEquals('R', st.state);
        assertEquals(1, st.ppid);
        assertEquals(34816, st.ttyNr);
        assertEquals(100, st.minflt);
        assertEquals(2, st.majflt);
        assertEquals(150, st.utime);
        assertEquals(75, st.stime);
        assertEquals(3, st.cutime);
        assertEquals(4, st.cstime);
        assertEquals(5, st.nice);
        assertEquals(500, st.starttime);
        assertEquals(1, st.processor);
        assertEquals(-1, st.delayacctBlkioTicks, "field 42 missing (psutil #2455)");
        assertEquals(4243, st.pgrp);
        assertEquals(4243, st.session);
        assertEquals(4243, st.tpgid);
        assertEquals(4194560, st.flags);
        assertEquals(0, st.policy);
        assertFalse(st.parse(ByteCursor.of("")), "empty stat (process gone)");
    }

    @Test
    void psutilsStatMock() {
        // psutil's test_stat_file_parsing: no trailing newline, nothing after field 42
        var st = new PidStat();
        assertTrue(st.parse(ByteCursor.of("0 (cat) Z 1 0 0 0 0 0 0 0 0 0 2 3 4 5 0 0 0 0 6 "
                + "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 6 0 0 7")));
        assertEquals("cat", st.name());
        assertEquals('Z', st.state);
        assertEquals(1, st.ppid);
        assertEquals(6, st.starttime);
        assertEquals(2, st.utime);
        assertEquals(3, st.stime);
        assertEquals(4, st.cutime);
        assertEquals(5, st.cstime);
        assertEquals(6, st.processor);
        assertEquals(7, st.delayacctBlkioTicks);
    }

    @Test
    void psutilsStatusMock() {
        // psutil's test_status_file_parsing
        var s = new PidStatus();
        s.parse(ByteCursor.of("Uid:\t1000\t1001\t1002\t1003\nGid:\t1004\t1005\t1006\t1007\nThreads:\t66\n"
                + "Cpus_allowed:\tf\nCpus_allowed_list:\t0-7\nvoluntary_ctxt_switches:\t12\nnonvoluntary_ctxt_switches:\t13"),
                true);
        assertEquals(12, s.voluntaryCtxtSwitches);
        assertEquals(13, s.nonvoluntaryCtxtSwitches);
        assertEquals(66, s.threads);
        assertArrayEquals(new long[] {1000, 1001, 1002}, s.uids);
        assertArrayEquals(new long[] {1004, 1005, 1006}, s.gids);
        assertEquals("0-7", s.cpusAllowedList);
    }

    @Test
    void statusNames() {
        String letters = "RSDTtZXxKWIP?";
        String[] names = {"running", "sleeping", "disk-sleep", "stopped", "tracing-stop", "zombie", "dead", "dead",
            "wake-kill", "waking", "idle", "parked", "?"};
        for (int i = 0; i < letters.length(); i++) {
            assertEquals(names[i], PidStat.statusName((byte) letters.charAt(i)));
        }
    }

    @Test
    void status() {
        var s = new PidStatus();
        s.parse(cursor("proc-sleep/proc/4242/status"), true);
        assertEquals(4242, s.tgid);
        assertArrayEquals(new long[] {0, 0, 0}, s.uids);
        assertArrayEquals(new long[] {0, 0, 0}, s.gids);
        assertEquals(1, s.threads);
        assertTrue(s.voluntaryCtxtSwitches >= 0 && s.nonvoluntaryCtxtSwitches >= 0);
        assertTrue(s.vmPeak > 0 && s.vmHwm > 0 && s.rssAnon >= 0 && s.rssFile > 0 && s.vmSwap == 0);
        assertEquals(0, s.vmPeak % 1024, "kB converted to bytes");
        assertEquals(0, s.vmLck);
        assertTrue(s.cpusAllowedList != null && !s.cpusAllowedList.isEmpty());

        var locked = new PidStatus();
        locked.parse(ByteCursor.of("VmPeak:\t  100 kB\nVmLck:\t      16 kB\nVmHWM:\t  50 kB\n"));
        assertEquals(16 * 1024, locked.vmLck);

        var old = new PidStatus();
        old.parse(ByteCursor.of("Name:\tx\nTgid:\t7\nUid:\t1\t2\t3\t2\nGid:\t4\t5\t6\t5\nThreads:\t3\n"));
        assertEquals(-1, old.vmLck, "no Vm lines: a kernel thread");
        assertEquals(7, old.tgid);
        assertArrayEquals(new long[] {1, 2, 3}, old.uids);
        assertArrayEquals(new long[] {4, 5, 6}, old.gids);
        assertEquals(3, old.threads);
        assertEquals(-1, old.voluntaryCtxtSwitches, "before 2.6.23");
        assertEquals(-1, old.rssAnon, "before 4.5");
        assertNull(old.cpusAllowedList);
    }

    @Test
    void statm() {
        var m = new PidStatm();
        assertTrue(m.parse(cursor("proc-sleep/proc/4242/statm"), 4096));
        assertEquals(730 * 4096L, m.size);
        assertEquals(452 * 4096L, m.resident);
        assertEquals(424 * 4096L, m.shared);
        assertEquals(5 * 4096L, m.text);
        assertEquals(89 * 4096L, m.data);
        assertFalse(m.parse(ByteCursor.of(""), 4096));
    }

    private static List<String> cmd(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return PidCmdline.parse(b, b.length);
    }

    @Test
    void cmdline() {
        byte[] b = fixture("proc-sleep/proc/4242/cmdline");
        assertEquals(List.of("sleep", "300"), PidCmdline.parse(b, b.length));
        assertEquals(List.of("a", "", "b", ""), cmd("a\0\0b\0\0"), "empty arguments are kept");
        assertEquals(List.of(""), cmd("\0"));
        // setproctitle() rewrote it with spaces and no NUL (psutil #1179)
        byte[] sp = fixture("proc-odd/proc/4243/cmdline");
        assertEquals(List.of("foo", "bar", "", "baz"), PidCmdline.parse(sp, sp.length));
        assertEquals(List.of("foo", "bar"), cmd("foo bar "));
        // NUL-terminated but space-separated (psutil #1179, comment 552984549)
        byte[] ch = fixture("proc-odd/proc/4244/cmdline");
        assertEquals(List.of("chrome", "--type=renderer", "--lang=en"), PidCmdline.parse(ch, ch.length));
        assertEquals(List.of("a b", "c"), cmd("a b\0c\0"), "spaces inside NUL-separated arguments stay");
        // psutil's test_cmdline_mocked, test_cmdline_spaces_mocked, test_cmdline_mixed_separators
        assertEquals(List.of("foo", "bar"), cmd("foo\0bar\0"));
        assertEquals(List.of("foo", "bar", ""), cmd("foo\0bar\0\0"));
        assertEquals(List.of("foo", "bar", ""), cmd("foo bar  "));
        assertEquals(List.of("foo", "bar"), cmd("foo bar\0"));
        String big = "x".repeat(70_000);
        assertEquals(List.of("prog", big), cmd("prog\0" + big + "\0"));
    }

    @Test
    void cmdlineMatchesItsOwnParse() {
        for (String c : new String[] {"sleep\0300\0", "a\0\0b\0\0", "\0", "foo bar  ", "foo bar\0", "chrome --x=1\0",
            "a b\0c\0", "x", "héllo\0w\0"}) {
            byte[] b = c.getBytes(StandardCharsets.UTF_8);
            List<String> parsed = PidCmdline.parse(b, b.length);
            boolean ascii = c.chars().allMatch(ch -> ch < 128);
            assertEquals(ascii, PidCmdline.matches(b, b.length, parsed), c);
        }
        byte[] b = "sleep\0300\0".getBytes(StandardCharsets.UTF_8);
        assertFalse(PidCmdline.matches(b, b.length, List.of("sleep", "301")));
        assertFalse(PidCmdline.matches(b, b.length, List.of("sleep")));
        assertFalse(PidCmdline.matches(b, b.length, List.of("sleep", "300", "")));
        assertFalse(PidCmdline.matches(b, b.length, List.of("sleep 300")));
        byte[] sp = "sleep 300".getBytes(StandardCharsets.UTF_8);
        assertFalse(PidCmdline.matches(sp, sp.length, List.of("sleep 300")));
        assertTrue(PidCmdline.matches(sp, sp.length, List.of("sleep", "300")));
    }

    @Test
    void environ() {
        byte[] b = fixture("proc-sleep/proc/4242/environ");
        Map<String, String> env = PidEnviron.parse(b, b.length);
        assertEquals(Map.of("HOME", "/root", "PATH", "/usr/bin:/bin", "EMPTY", "", "A", "b=c"), env,
                "no '=' or empty key skipped; stops at the double NUL");
        assertEquals(Map.of(), PidEnviron.parse(new byte[0], 0));
        byte[] dup = "K=1\0K=2\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(Map.of("K", "2"), PidEnviron.parse(dup, dup.length));
    }

    @Test
    void io() {
        long[] v = PidIo.parse(cursor("proc-sleep/proc/4242/io"));
        assertArrayEquals(new long[] {10, 0, 0, 0, 6976, 0}, v);
        assertNull(PidIo.parse(ByteCursor.of("")));
        // blank and malformed lines are skipped (psutil #1004)
        long[] odd = PidIo.parse(ByteCursor.of("rchar: 1\n\nwchar: 2\ngarbage\nsyscr: 3\nsyscw: 4\nread_bytes: 5\nwrite_bytes: 6\n"));
        assertArrayEquals(new long[] {3, 4, 5, 6, 1, 2}, odd);
        long[] missing = PidIo.parse(ByteCursor.of("rchar: 1\n"));
        assertEquals(-1, missing[0]);
    }

    @Test
    void fdinfoAndMode() {
        long[] v = PidFdinfo.parse(cursor("proc-sleep/proc/4242/fdinfo/0"));
        assertEquals(0, v[0]);
        assertEquals(0100000, v[1]);
        assertEquals("r", PidFdinfo.mode(0));
        assertEquals("w", PidFdinfo.mode(1));
        assertEquals("r+", PidFdinfo.mode(2));
        assertEquals("a", PidFdinfo.mode(1 | 02000));
        assertEquals("a+", PidFdinfo.mode(2 | 02000));
        assertEquals("r", PidFdinfo.mode(02000), "O_APPEND on a read-only fd changes nothing");
        long[] w = PidFdinfo.parse(ByteCursor.of("pos:\t123\nflags:\t02100001\nmnt_id:\t1\n"));
        assertEquals(123, w[0]);
        assertEquals(02100001, w[1]);
    }

    @Test
    void smapsFootprintAndBlocks() {
        long[] roll = PidSmaps.footprint(cursor("proc-sleep/proc/4242/smaps_rollup"));
        long[] full = PidSmaps.footprint(cursor("proc-sleep/proc/4242/smaps"));
        assertTrue(roll[0] > 0 && roll[1] > 0);
        assertEquals(roll[0], full[0], "uss: same private pages");
        assertTrue(Math.abs(roll[1] - full[1]) <= 200 * 1024, "pss: rollup is a little higher (psutil's note)");
        assertEquals(roll[2], full[2]);
        List<PidSmaps.Block> blocks = PidSmaps.blocks(cursor("proc-sleep/proc/4242/smaps"));
        assertTrue(blocks.size() > 5);
        assertTrue(blocks.stream().anyMatch(b -> b.path().equals("[stack]")));
        assertTrue(blocks.stream().anyMatch(b -> b.path().equals("[anon]")));
        assertTrue(blocks.stream().anyMatch(b -> b.path().endsWith("/sleep")));
        long rssSum = blocks.stream().mapToLong(b -> b.values()[0]).sum();
        assertTrue(rssSum > 0);
        var odd = PidSmaps.blocks(ByteCursor.of("00400000-00401000 r-xp 00000000 08:01 12 /tmp/my file (deleted)\n"
                + "Size:                  4 kB\nRss:                   4 kB\nVmFlags: rd ex mr mw me\n"
                + "00600000-00601000 rw-p 00000000 00:00 0 \nSize:                  8 kB\nSwap:  1 kB\n"));
        assertEquals(2, odd.size());
        assertEquals("/tmp/my file (deleted)", odd.get(0).path());
        assertEquals(4096, odd.get(0).values()[0]);
        assertEquals(4096, odd.get(0).values()[1]);
        assertEquals("[anon]", odd.get(1).path());
        assertEquals(1024, odd.get(1).values()[9]);
        assertEquals("rw-p", odd.get(1).perms());
        assertEquals("00600000-00601000", odd.get(1).addr());
    }

    @Test
    void memTotal() {
        assertTrue(MemTotal.parse(cursor("proc-sleep/proc/meminfo")) > 0);
    }

    @Test
    void wchan() {
        assertEquals("hrtimer_nanosleep", PidWchan.parse(cursor("proc-sleep/proc/4242/wchan")));
        assertEquals("poll_schedule_timeout.constprop.0", PidWchan.parse(ByteCursor.of("poll_schedule_timeout.constprop.0")));
        assertEquals(null, PidWchan.parse(ByteCursor.of("0")), "running, or hidden from this user");
        assertEquals(null, PidWchan.parse(ByteCursor.of("")));
        assertEquals("do_sys_poll", PidWchan.parse(ByteCursor.of("do_sys_poll\n")));
    }
}
