package psutil4j.internal.linux.sys;

import java.nio.charset.StandardCharsets;

import psutil4j.NetIfStats;
import psutil4j.NicDuplex;
import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * /sys/class/net/&lt;nic&gt;/{flags,operstate,mtu,speed,duplex} (net/core/net-sysfs.c): what
 * psutil gets with the SIOCGIFFLAGS, SIOCGIFMTU and SIOCETHTOOL ioctls, without a socket.
 *
 * <p>Differences from the ioctls, and how they are bridged:
 * <ul>
 * <li>{@code flags} is {@code dev->flags}, while SIOCGIFFLAGS returns {@code dev_get_flags()},
 *     which adds IFF_RUNNING when the device is running and its operstate is UP or UNKNOWN
 *     ({@code netif_oper_up}); /sys's {@code operstate} reads "down" unless the device runs, so
 *     RUNNING is set when operstate is "up" or "unknown". {@code dev_get_flags} also replaces
 *     PROMISC/ALLMULTI by the user-requested ones ({@code dev->gflags}, not in /sys): a NIC made
 *     promiscuous by the kernel itself (a bridge port) shows "promisc" here but not in psutil.
 * <li>{@code speed}/{@code duplex} read fail (EINVAL) on a NIC that is down and (EOPNOTSUPP) on
 *     one without ethtool link settings, like psutil's EINVAL/EOPNOTSUPP cases: speed 0 and
 *     duplex unknown. SPEED_UNKNOWN prints as -1: speed 0, as psutil.
 * </ul>
 */
public final class SysClassNet {

    private static final byte[] CLASS_NET = ByteCursor.ascii("/class/net/");
    private static final byte[] FLAGS = ByteCursor.ascii("/flags");
    private static final byte[] OPERSTATE = ByteCursor.ascii("/operstate");
    private static final byte[] MTU = ByteCursor.ascii("/mtu");
    private static final byte[] SPEED = ByteCursor.ascii("/speed");
    private static final byte[] DUPLEX = ByteCursor.ascii("/duplex");
    private static final byte[] TX_QUEUE_LEN = ByteCursor.ascii("/tx_queue_len");
    private static final byte[] UP = ByteCursor.ascii("up");
    private static final byte[] UNKNOWN = ByteCursor.ascii("unknown");
    private static final byte[] FULL = ByteCursor.ascii("full");
    private static final byte[] HALF = ByteCursor.ascii("half");
    private static final byte[] HEX_PREFIX = ByteCursor.ascii("0x");

    // include/uapi/linux/if.h, in bit order; psutil lists them in this order (16-bit ifr_flags).
    private static final String[] FLAG_NAMES = {
        "up", "broadcast", "debug", "loopback", "pointopoint", "notrailers", "running", "noarp",
        "promisc", "allmulti", "master", "slave", "multicast", "portsel", "automedia", "dynamic",
    };
    public static final int IFF_UP = 0x1;
    public static final int IFF_RUNNING = 0x40;

    private SysClassNet() {
    }

    /** The stats of {@code nic}, or null when it is gone (psutil skips ENODEV). */
    public static NetIfStats stats(String nic) {
        byte[] name = nic.getBytes(StandardCharsets.UTF_8);
        ProcBuffer b = ProcBuffer.get();
        if (read(b, name, FLAGS) < 0) {
            return null;
        }
        long devFlags = parseFlags(b.cursor());
        if (read(b, name, MTU) < 0) {
            return null;
        }
        long mtu = b.cursor().skipWhitespace().nextLong(-1);
        boolean operUp = read(b, name, OPERSTATE) >= 0 && isOperUp(b.cursor());
        int speed = read(b, name, SPEED) >= 0 ? parseSpeed(b.cursor()) : 0;
        NicDuplex duplex = read(b, name, DUPLEX) >= 0 ? parseDuplex(b.cursor()) : NicDuplex.UNKNOWN;
        if (devFlags < 0 || mtu < 0) {
            return null;
        }
        int flags = ifrFlags((int) devFlags, operUp);
        return new NetIfStats((flags & IFF_RUNNING) != 0, duplex, speed, (int) mtu, flagsString(flags));
    }

    /**
     * /sys/class/net/NIC/tx_queue_len (the queue length net-tools' ifconfig gets with the
     * SIOCGIFTXQLEN ioctl), or -1 when the NIC is gone.
     */
    public static long txQueueLen(String nic) {
        ProcBuffer b = ProcBuffer.get();
        if (read(b, nic.getBytes(StandardCharsets.UTF_8), TX_QUEUE_LEN) < 0) {
            return -1;
        }
        return parseTxQueueLen(b.cursor());
    }

    /** tx_queue_len: "1000\n" (an unsigned int); -1 if malformed. */
    public static long parseTxQueueLen(ByteCursor c) {
        c.skipWhitespace();
        return c.nextLong(-1);
    }

    /** /sys flags: "0x1003". -1 if malformed. */
    public static long parseFlags(ByteCursor c) {
        c.skipWhitespace();
        c.consume(HEX_PREFIX);
        return c.nextHex();
    }

    /** operstate "up" or "unknown": {@code netif_oper_up()} (and the device is running). */
    public static boolean isOperUp(ByteCursor c) {
        c.skipWhitespace();
        return lineIs(c, UP) || lineIs(c, UNKNOWN);
    }

    /** speed in Mbit/s; SPEED_UNKNOWN (-1) and anything beyond INT_MAX are 0, as psutil. */
    public static int parseSpeed(ByteCursor c) {
        c.skipWhitespace();
        long v = c.nextLong(0);
        return v < 0 || v > Integer.MAX_VALUE ? 0 : (int) v;
    }

    public static NicDuplex parseDuplex(ByteCursor c) {
        c.skipWhitespace();
        if (lineIs(c, FULL)) {
            return NicDuplex.FULL;
        }
        if (lineIs(c, HALF)) {
            return NicDuplex.HALF;
        }
        return NicDuplex.UNKNOWN;
    }

    private static boolean lineIs(ByteCursor c, byte[] word) {
        if (!c.startsWith(word)) {
            return false;
        }
        int after = c.pos() + word.length;
        return after >= c.end() || ByteCursor.isSpace(c.array()[after]);
    }

    /**
     * SIOCGIFFLAGS's 16 bits from /sys's {@code dev->flags}, as {@code dev_get_flags()} does:
     * IFF_RUNNING is not stored in {@code dev->flags} but derived from the operstate.
     */
    public static int ifrFlags(int devFlags, boolean operUp) {
        int f = devFlags & ~IFF_RUNNING;
        if (operUp && (f & IFF_UP) != 0) {
            f |= IFF_RUNNING;
        }
        return f & 0xFFFF;
    }

    /** psutil's comma-separated flag names, in bit order: "up,broadcast,running,multicast". */
    public static String flagsString(int flags) {
        var sb = new StringBuilder(64);
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                if (!sb.isEmpty()) {
                    sb.append(',');
                }
                sb.append(FLAG_NAMES[i]);
            }
        }
        return sb.toString();
    }

    private static int read(ProcBuffer b, byte[] name, byte[] file) {
        return b.path(Roots.sysBytes()).append(CLASS_NET).append(name).append(file).read();
    }
}
