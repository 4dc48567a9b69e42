package psutil4j.internal.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import psutil4j.User;

/**
 * The utmp file ({@link Roots#utmp()}, default /var/run/utmp) parsed as an array of glibc's
 * {@code struct utmp}, the records psutil reads with {@code getutxent()} for {@code users()}.
 * Reading the file directly needs no native call and honours the configured root.
 *
 * <pre>
 * struct utmp {                 // x86_64 glibc: 384 bytes, little endian
 *     short   ut_type;          //   0 (+2 padding)
 *     pid_t   ut_pid;           //   4
 *     char    ut_line[32];      //   8  device name, "pts/0"
 *     char    ut_id[4];         //  40
 *     char    ut_user[32];      //  44
 *     char    ut_host[256];     //  76
 *     struct exit_status ut_exit; // 332 (two shorts)
 *     int32_t ut_session;       // 336  (long on 64-bit ABIs without the 32-bit compat layout)
 *     struct { int32_t tv_sec; int32_t tv_usec; } ut_tv; // 340
 *     int32_t ut_addr_v6[4];    // 348
 *     char    __glibc_reserved[20]; // 364
 * };
 * </pre>
 * On aarch64 and other 64-bit ABIs without {@code __WORDSIZE_TIME64_COMPAT32}, ut_session is a
 * long and ut_tv holds two longs: 400 bytes, tv_sec at 344.
 */
public final class Utmp {

    /** ut_type of a logged-in user. */
    static final short USER_PROCESS = 7;

    /** Record layout: size and tv_sec offset/width. */
    record Layout(int size, int tvSecOffset, boolean tvSec64) {
        static final Layout X86_64 = new Layout(384, 340, false);
        static final Layout LP64_NATIVE = new Layout(400, 344, true);

        static Layout host() {
            String arch = System.getProperty("os.arch", "");
            return switch (arch) {
                case "amd64", "x86_64", "x86", "i386", "i686" -> X86_64;
                default -> LP64_NATIVE;
            };
        }
    }

    static final int OFF_PID = 4;
    static final int OFF_LINE = 8;
    static final int LINE_LEN = 32;
    static final int OFF_USER = 44;
    static final int USER_LEN = 32;
    static final int OFF_HOST = 76;
    static final int HOST_LEN = 256;

    private Utmp() {
    }

    /**
     * Users from the utmp file; empty when it does not exist (systems without utmp, e.g. most
     * containers) or cannot be read, as glibc's getutxent() then yields nothing to psutil.
     */
    public static List<User> users() {
        byte[] data;
        try {
            data = Files.readAllBytes(Roots.utmp());
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        return parse(data, data.length, Layout.host());
    }

    static List<User> parse(byte[] data, int len) {
        return parse(data, len, Layout.X86_64);
    }

    /** USER_PROCESS entries of {@code data[0, len)}; a trailing partial record is ignored. */
    static List<User> parse(byte[] data, int len, Layout layout) {
        ByteBuffer bb = ByteBuffer.wrap(data, 0, len).order(ByteOrder.nativeOrder());
        List<User> out = new ArrayList<>();
        for (int off = 0; off + layout.size() <= len; off += layout.size()) {
            if (bb.getShort(off) != USER_PROCESS) {
                continue;
            }
            int pid = bb.getInt(off + OFF_PID);
            String line = cString(data, off + OFF_LINE, LINE_LEN);
            String user = cString(data, off + OFF_USER, USER_LEN);
            String host = cString(data, off + OFF_HOST, HOST_LEN);
            long sec = layout.tvSec64() ? bb.getLong(off + layout.tvSecOffset())
                    : Integer.toUnsignedLong(bb.getInt(off + layout.tvSecOffset()));
            // psutil 7 (arch/posix/users.c): local logins are "localhost"; psutil 5.9 kept "".
            if (host.isEmpty() || host.equals(":0") || host.equals(":0.0")) {
                host = "localhost";
            }
            out.add(new User(user, line.isEmpty() ? Optional.empty() : Optional.of(line), host,
                    (double) sec, pid));
        }
        return Collections.unmodifiableList(out);
    }

    /** A NUL-terminated (or full-width, unterminated) char array. */
    private static String cString(byte[] d, int off, int max) {
        int n = 0;
        while (n < max && d[off + n] != 0) {
            n++;
        }
        return new String(d, off, n, StandardCharsets.UTF_8);
    }
}
