package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import psutil4j.Psutil;
import psutil4j.internal.linux.Roots;

/** who over a hand-made utmp file, against coreutils {@code who FILE} (this machine has no utmp). */
@Isolated
class WhoUtmpTest {

    /** One glibc x86-64 struct utmp (384 bytes). */
    private static void record(ByteBuffer b, int type, int pid, String line, String id, String user, String host, int sec) {
        int off = b.position();
        b.putShort(off, (short) type);
        b.putInt(off + 4, pid);
        put(b, off + 8, line, 32);
        put(b, off + 40, id, 4);
        put(b, off + 44, user, 32);
        put(b, off + 76, host, 256);
        b.putInt(off + 340, sec);
        b.position(off + 384);
    }

    private static void put(ByteBuffer b, int off, String s, int max) {
        byte[] x = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(x.length, max); i++) {
            b.put(off + i, x[i]);
        }
    }

    @Test
    void sessionsReadLikeCoreutils() throws Exception {
        if (!System.getProperty("os.arch").equals("amd64")) {
            throw new AssertionError("this fixture is glibc's x86-64 utmp layout; machine is " + System.getProperty("os.arch"));
        }
        Path dir = Files.createTempDirectory("psutil4j-utmp");
        Path utmp = dir.resolve("utmp");
        var b = ByteBuffer.allocate(384 * 4).order(ByteOrder.LITTLE_ENDIAN);
        int t = (int) (System.currentTimeMillis() / 1000) - 7200;
        record(b, 2, 0, "~", "~~", "reboot", "6.1.0", t - 600);
        record(b, 7, 4242, "pts/7", "ts/7", "alice", "10.1.2.3", t);
        record(b, 7, 4243, "tty1", "tty1", "bob", "", t + 125);
        record(b, 8, 4244, "pts/8", "ts/8", "", "", t + 300); // DEAD_PROCESS: not a session
        Files.write(utmp, b.array());
        Path proc = Psutil.procfsPath();
        Path sys = Roots.sys();
        Path old = Roots.utmp();
        try {
            Psutil.setRoots(proc, sys, utmp);
            // coreutils' time format follows the locale: run it in ours
            assertEquals(Cli.theirsSameLocale("who", utmp.toString()).out(), Cli.ours("who").out());
            assertEquals(Cli.theirsSameLocale("who", "-q", utmp.toString()).out(), Cli.ours("who", "-q").out());
            assertEquals(Cli.theirsSameLocale("who", "-H", utmp.toString()).out(), Cli.ours("who", "-H").out());
            assertEquals(Cli.theirsSameLocale("who", "-b", utmp.toString()).out(),
                    WhoCommand.render(java.util.List.of(), t - 600, false, false, java.time.ZoneId.systemDefault(),
                            WhoCommand.posixLocale()));
            assertEquals("alice    pts/7        ", Cli.ours("who").lines().get(0).substring(0, 22));
        } finally {
            Psutil.setRoots(proc, sys, old);
            Files.deleteIfExists(utmp);
            Files.deleteIfExists(dir);
        }
    }
}
