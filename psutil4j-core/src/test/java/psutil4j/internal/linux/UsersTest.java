package psutil4j.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import psutil4j.Psutil;
import psutil4j.User;
import psutil4j.testing.Cmd;

// Isolated: fixture tests repoint the global Roots, which would confuse tests running alongside.
@org.junit.jupiter.api.parallel.Isolated
class UsersTest {

    static final short RUN_LVL = 1;
    static final short BOOT_TIME = 2;
    static final short LOGIN_PROCESS = 6;
    static final short USER_PROCESS = 7;
    static final short DEAD_PROCESS = 8;

    /** Builds utmp records in x86_64 glibc layout (384 bytes each, little endian). */
    static final class UtmpBuilder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        UtmpBuilder add(short type, int pid, String line, String id, String user, String host, int sec, int usec) {
            ByteBuffer b = ByteBuffer.allocate(384).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort(0, type);
            b.putInt(4, pid);
            put(b, 8, 32, line);
            put(b, 40, 4, id);
            put(b, 44, 32, user);
            put(b, 76, 256, host);
            b.putShort(332, (short) 0);
            b.putShort(334, (short) 0);
            b.putInt(336, 4242); // ut_session
            b.putInt(340, sec);
            b.putInt(344, usec);
            b.putInt(348, 0x0100007f); // 127.0.0.1
            out.writeBytes(b.array());
            return this;
        }

        private static void put(ByteBuffer b, int off, int max, String s) {
            byte[] v = s.getBytes(StandardCharsets.UTF_8);
            if (v.length > max) {
                throw new IllegalArgumentException(s);
            }
            b.put(off, v);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    @Test
    void layoutConstantsMatchGlibcX8664() {
        assertEquals(384, Utmp.Layout.X86_64.size());
        assertEquals(340, Utmp.Layout.X86_64.tvSecOffset());
        assertEquals(4, Utmp.OFF_PID);
        assertEquals(8, Utmp.OFF_LINE);
        assertEquals(44, Utmp.OFF_USER);
        assertEquals(76, Utmp.OFF_HOST);
        assertEquals(Utmp.OFF_HOST + Utmp.HOST_LEN + 4 /* ut_exit */ + 4 /* ut_session */, 340);
    }

    @Test
    void onlyUserProcessEntries() {
        String longHost = "h".repeat(256); // fills ut_host with no NUL terminator
        String longUser = "u".repeat(32);
        byte[] data = new UtmpBuilder()
                .add(BOOT_TIME, 0, "~", "~~", "reboot", "6.1.0", 1_700_000_000, 0)
                .add(RUN_LVL, 53, "~", "~~", "runlevel", "6.1.0", 1_700_000_001, 0)
                .add(LOGIN_PROCESS, 600, "tty1", "tty1", "LOGIN", "", 1_700_000_002, 0)
                .add(USER_PROCESS, 1234, "tty2", "tty2", "root", "", 1_700_000_100, 999_999)
                .add(USER_PROCESS, 2345, "pts/0", "ts/0", "alice", "10.0.0.7", 1_700_000_200, 5)
                .add(DEAD_PROCESS, 2346, "pts/1", "ts/1", "", "", 1_700_000_250, 0)
                .add(USER_PROCESS, 3456, "pts/2", "ts/2", longUser, longHost, 1_700_000_300, 0)
                .add(USER_PROCESS, 4567, ":0", ":0", "bob", ":0", 1_700_000_400, 0)
                .add(USER_PROCESS, 5678, "", "", "carol", ":0.0", 1_700_000_500, 0)
                .bytes();
        List<User> users = Utmp.parse(data, data.length);
        assertEquals(List.of(
                new User("root", Optional.of("tty2"), "localhost", 1_700_000_100.0, 1234),
                new User("alice", Optional.of("pts/0"), "10.0.0.7", 1_700_000_200.0, 2345),
                new User(longUser, Optional.of("pts/2"), longHost, 1_700_000_300.0, 3456),
                new User("bob", Optional.of(":0"), "localhost", 1_700_000_400.0, 4567),
                new User("carol", Optional.empty(), "localhost", 1_700_000_500.0, 5678)), users);
        // A torn trailing record is ignored.
        assertEquals(users.subList(0, 4), Utmp.parse(data, data.length - 100));
        byte[] longer = java.util.Arrays.copyOf(data, data.length + 100);
        java.util.Arrays.fill(longer, data.length, longer.length, (byte) 7);
        assertEquals(users, Utmp.parse(longer, longer.length));
        assertEquals(List.of(), Utmp.parse(new byte[0], 0));
    }

    @Test
    void lp64NativeLayout() {
        // aarch64 & co: long ut_session at 336, 64-bit ut_tv at 344, 400 bytes per record.
        ByteBuffer b = ByteBuffer.allocate(800).order(ByteOrder.nativeOrder());
        b.putShort(0, USER_PROCESS);
        b.putInt(4, 99);
        b.put(8, "pts/3".getBytes(StandardCharsets.UTF_8));
        b.put(44, "erin".getBytes(StandardCharsets.UTF_8));
        b.putLong(344, 4_200_000_000L); // past 2038
        b.putShort(400, DEAD_PROCESS);
        List<User> users = Utmp.parse(b.array(), 800, Utmp.Layout.LP64_NATIVE);
        assertEquals(List.of(new User("erin", Optional.of("pts/3"), "localhost", 4_200_000_000.0, 99)), users);
    }

    @Test
    void readsTheConfiguredUtmpFile(@TempDir Path tmp) throws Exception {
        Path utmp = tmp.resolve("utmp");
        Files.write(utmp, new UtmpBuilder()
                .add(USER_PROCESS, 77, "pts/9", "ts/9", "dave", "example.org", 1_600_000_000, 0).bytes());
        var users = MiscFixtures.withRoots(Roots.proc(), Roots.sys(), utmp, Psutil::users);
        assertEquals(List.of(new User("dave", Optional.of("pts/9"), "example.org", 1_600_000_000.0, 77)), users);
        var none = MiscFixtures.withRoots(Roots.proc(), Roots.sys(), tmp.resolve("missing"), Psutil::users);
        assertEquals(List.of(), none);
    }

    @Test
    void liveMatchesWho() {
        for (int attempt = 0; ; attempt++) {
            Set<String> ours = new TreeSet<>();
            for (User u : Psutil.users()) {
                ours.add(u.name() + " " + u.terminal().orElse(""));
            }
            Set<String> who = new TreeSet<>();
            for (String line : Cmd.run("who").split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2) {
                    who.add(f[0] + " " + f[1]);
                }
            }
            if (ours.equals(who) || attempt == 1) {
                assertEquals(who, ours, "users() vs who");
                // started is whole seconds since the epoch, not in the future.
                for (User u : Psutil.users()) {
                    assertTrue(u.started() <= System.currentTimeMillis() / 1000.0 + 1, u.toString());
                }
                return;
            }
        }
    }
}
