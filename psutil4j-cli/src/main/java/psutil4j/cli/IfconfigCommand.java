package psutil4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.AddressFamily;
import psutil4j.NetIfAddr;
import psutil4j.NetIfStats;
import psutil4j.NetIoCounters;
import psutil4j.NetIoCountersEx;
import psutil4j.Psutil;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j ifconfig}: net-tools {@code ifconfig}'s display (no configuration), from
 * psutil's {@code net_if_addrs}, {@code net_if_stats} and {@code net_io_counters(pernic=True)}.
 *
 * <p>Extras psutil lacks (overruns, frame, carrier, collisions, txqueuelen) come from psutil4j's
 * {@code Psutil.netIoCountersEx()}, which reads the same files as net-tools. Unlike
 * net-tools, every IPv4 address of an interface is listed (ifconfig shows only the first).
 */
@Command(name = "ifconfig", mixinStandardHelpOptions = true, version = "psutil4j ifconfig 0.1.0",
        description = "Show network interfaces (net-tools ifconfig, display only).")
final class IfconfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Option(names = "-a", description = "Show all interfaces, also those that are down.")
    boolean all;

    @Parameters(arity = "0..1", paramLabel = "INTERFACE", description = "Show only this interface.")
    String iface;

    /** IFF_* bits of linux/if.h, in the order net-tools prints them. */
    static final String[] FLAG_NAMES = {"UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", "NOTRAILERS",
        "RUNNING", "NOARP", "PROMISC", "ALLMULTI", "SLAVE", "MASTER", "MULTICAST", "DYNAMIC"};
    static final int[] FLAG_BITS = {0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x800, 0x400,
        0x1000, 0x8000};

    /** The /proc/net/dev columns psutil leaves out that ifconfig prints. */
    record DevExtras(long rxFifo, long rxFrame, long txFifo, long txColls, long txCarrier) {
        static final DevExtras NONE = new DevExtras(0, 0, 0, 0, 0);

        static DevExtras of(NetIoCountersEx x) {
            return new DevExtras(x.rxFifo(), x.rxFrame(), x.txFifo(), x.collisions(), x.txCarrier());
        }
    }

    /** Everything printed for one interface. */
    record Iface(String name, NetIfStats stats, List<NetIfAddr> addrs, NetIoCounters io, DevExtras extras,
                 OptionalLong txqueuelen) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, NetIfStats> stats = Psutil.netIfStats();
        Map<String, List<NetIfAddr>> addrs = Psutil.netIfAddrs();
        Map<String, NetIoCounters> io = Psutil.netIoCountersPernic(false);
        Map<String, NetIoCountersEx> ex = Psutil.netIoCountersEx();
        var names = new ArrayList<>(stats.keySet());
        names.sort(IfconfigCommand::natural);
        if (iface != null) {
            if (!stats.containsKey(iface)) {
                spec.commandLine().getErr().println(iface + ": error fetching interface information: Device not found");
                spec.commandLine().getErr().flush();
                return 1;
            }
            names.retainAll(List.of(iface));
        }
        var shown = new ArrayList<Iface>();
        for (String n : names) {
            NetIfStats s = stats.get(n);
            if (iface == null && !all && !s.isup()) {
                continue;
            }
            NetIoCountersEx x = ex.get(n);
            shown.add(new Iface(n, s, addrs.getOrDefault(n, List.of()), io.get(n),
                    x == null ? DevExtras.NONE : DevExtras.of(x),
                    x == null ? OptionalLong.empty() : x.txQueueLen()));
        }
        if (json.json) {
            var m = new LinkedHashMap<String, Object>();
            for (Iface f : shown) {
                var e = new LinkedHashMap<String, Object>();
                e.put("addrs", f.addrs());
                e.put("stats", f.stats());
                e.put("io_counters", f.io());
                m.put(f.name(), e);
            }
            out.println(Json.write(m, json.pretty));
        } else {
            for (Iface f : shown) {
                out.print(render(f));
            }
        }
        out.flush();
        return 0;
    }

    /** net-tools orders interfaces by name, digits compared as numbers (eth2 before eth10). */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = Long.compare(Long.parseLong(a.substring(si, i)), Long.parseLong(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** psutil's flags string ("up,broadcast,running,multicast") as IFF_* bits. */
    static int flagBits(String flags) {
        int bits = 0;
        for (String f : flags.split(",")) {
            for (int i = 0; i < FLAG_NAMES.length; i++) {
                if (FLAG_NAMES[i].equalsIgnoreCase(f.trim())) {
                    bits |= FLAG_BITS[i];
                }
            }
        }
        return bits;
    }

    /** One interface's block, ending with the blank line net-tools prints. */
    static String render(Iface f) {
        var sb = new StringBuilder();
        int bits = flagBits(f.stats().flags());
        var names = new ArrayList<String>();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((bits & FLAG_BITS[i]) != 0) {
                names.add(FLAG_NAMES[i]);
            }
        }
        sb.append(f.name()).append(": flags=").append(bits).append('<').append(String.join(",", names))
                .append(">  mtu ").append(f.stats().mtu()).append('\n');
        String mac = null;
        for (NetIfAddr a : f.addrs()) {
            if (a.family() == AddressFamily.AF_INET && a.address().isPresent()) {
                sb.append("        inet ").append(a.address().get());
                a.netmask().ifPresent(m -> sb.append("  netmask ").append(m));
                a.broadcast().ifPresent(b -> sb.append("  broadcast ").append(b));
                a.ptp().ifPresent(p -> sb.append("  destination ").append(p));
                sb.append('\n');
            }
        }
        for (NetIfAddr a : f.addrs()) {
            if (a.family() == AddressFamily.AF_INET6 && a.address().isPresent()) {
                String ip = a.address().get();
                int pct = ip.indexOf('%');
                if (pct >= 0) {
                    ip = ip.substring(0, pct);
                }
                int scope = scope(ip);
                sb.append("        inet6 ").append(ip).append("  prefixlen ").append(prefixLen(a.netmask().orElse("")))
                        .append("  scopeid 0x").append(Integer.toHexString(scope)).append('<').append(scopeName(scope))
                        .append(">\n");
            }
            if (a.family() == AddressFamily.AF_LINK) {
                mac = a.address().orElse(null);
            }
        }
        String q = f.txqueuelen().isPresent() ? "  txqueuelen " + f.txqueuelen().getAsLong() : "";
        if ((bits & 0x8) != 0) {
            sb.append("        loop").append(q).append("  (Local Loopback)\n");
        } else if (mac != null) {
            sb.append("        ether ").append(mac).append(q).append("  (Ethernet)\n");
        } else {
            sb.append("        unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00").append(q).append("  (UNSPEC)\n");
        }
        NetIoCounters io = f.io();
        if (io != null) {
            DevExtras x = f.extras();
            sb.append("        RX packets ").append(io.packetsRecv()).append("  bytes ").append(io.bytesRecv())
                    .append(" (").append(scaled(io.bytesRecv())).append(")\n");
            sb.append("        RX errors ").append(io.errin()).append("  dropped ").append(io.dropin())
                    .append("  overruns ").append(x.rxFifo()).append("  frame ").append(x.rxFrame()).append('\n');
            sb.append("        TX packets ").append(io.packetsSent()).append("  bytes ").append(io.bytesSent())
                    .append(" (").append(scaled(io.bytesSent())).append(")\n");
            // net-tools prints one space before "overruns" here
            sb.append("        TX errors ").append(io.errout()).append("  dropped ").append(io.dropout())
                    .append(" overruns ").append(x.txFifo()).append("  carrier ").append(x.txCarrier())
                    .append("  collisions ").append(x.txColls()).append('\n');
        }
        sb.append('\n');
        return sb.toString();
    }

    /** Kernel IPv6 scope as /proc/net/if_inet6 gives it: 0x10 host, 0x20 link, 0x40 site, 0 global. */
    static int scope(String ip) {
        String l = ip.toLowerCase(Locale.ROOT);
        if (l.equals("::1")) {
            return 0x10;
        }
        if (l.startsWith("fe8") || l.startsWith("fe9") || l.startsWith("fea") || l.startsWith("feb")) {
            return 0x20;
        }
        if (l.startsWith("fec") || l.startsWith("fed") || l.startsWith("fee") || l.startsWith("fef")) {
            return 0x40;
        }
        if (l.startsWith("::") && l.indexOf('.') > 0 && !l.startsWith("::ffff:")) {
            return 0x80;
        }
        return 0;
    }

    static String scopeName(int scope) {
        return switch (scope) {
            case 0 -> "global";
            case 0x10 -> "host";
            case 0x20 -> "link";
            case 0x40 -> "site";
            case 0x80 -> "compat";
            default -> "unknown";
        };
    }

    /** Bits set in an IPv6 netmask text ("ffff:ffff:ffff:ffff::" -> 64). */
    static int prefixLen(String mask) {
        if (mask.isEmpty()) {
            return 0;
        }
        try {
            byte[] b = java.net.InetAddress.getByName(mask).getAddress(); // a literal: no lookup
            int n = 0;
            for (byte x : b) {
                n += Integer.bitCount(x & 0xff);
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    /** net-tools' print_bytes_scaled: truncated to one decimal, binary units. */
    static String scaled(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        long intPart = bytes;
        long frac = 0;
        int i = 0;
        while (Long.compareUnsigned(intPart, 1024) >= 0 && i < units.length - 1) {
            frac = (intPart % 1024) * 10 / 1024;
            intPart /= 1024;
            i++;
        }
        return intPart + "." + frac + " " + units[i];
    }
}
