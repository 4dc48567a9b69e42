package psutil4j.internal.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import psutil4j.AddressFamily;
import psutil4j.NetIfAddr;
import psutil4j.NetIfStats;
import psutil4j.NetIoCounters;
import psutil4j.NetIoCountersEx;
import psutil4j.internal.ffi.Native;
import psutil4j.internal.ffi.NetCalls;
import psutil4j.internal.linux.proc.ProcNetDev;
import psutil4j.internal.linux.sys.SysClassNet;
import psutil4j.internal.parse.ProcBuffer;

/**
 * psutil's {@code net_io_counters}, {@code net_if_addrs} and {@code net_if_stats} on Linux.
 */
public final class LinuxNetwork {

    private static final WrapNumbers WRAP = new WrapNumbers();
    private static final ProcNetDev.NameCache NAMES = new ProcNetDev.NameCache();
    private static final ThreadLocal<ProcNetDev.Table> TABLE = ThreadLocal.withInitial(ProcNetDev.Table::new);
    private static final ThreadLocal<long[]> SUM = ThreadLocal.withInitial(() -> new long[ProcNetDev.FIELDS]);
    private static final ThreadLocal<long[]> SCRATCH = ThreadLocal.withInitial(() -> new long[ProcNetDev.FIELDS]);
    /** The NIC names seen by the last nowrap call, to forget the wrap state of removed NICs. */
    private static volatile String[] lastNames = new String[0];

    private LinuxNetwork() {
    }

    /** Reads /proc/net/dev into this thread's table. */
    static ProcNetDev.Table readDev() {
        ProcBuffer b = ProcBuffer.get();
        int n = b.path(Roots.procBytes()).append(ProcNetDev.PATH).read();
        if (n < 0) {
            throw new UncheckedIOException(new IOException(
                    "cannot read " + b.pathString() + ": " + Native.errnoName(-n)));
        }
        ProcNetDev.Table t = TABLE.get();
        ProcNetDev.parse(b.cursor(), NAMES, t);
        return t;
    }

    /** net_io_counters(pernic=False): the sum over all NICs (all zeros if there is none). */
    public static NetIoCounters ioCounters(boolean nowrap) {
        if (nowrap) {
            // read and adjust under one lock: a snapshot older than the last one adjusted would
            // look like a wrap (psutil reads outside its lock and has that race)
            synchronized (WRAP) {
                return sum(readDev(), true);
            }
        }
        return sum(readDev(), false);
    }

    private static NetIoCounters sum(ProcNetDev.Table t, boolean nowrap) {
        if (nowrap) {
            forgetRemoved(t);
        }
        long[] sum = SUM.get();
        java.util.Arrays.fill(sum, 0);
        long[] v = SCRATCH.get();
        for (int i = 0; i < t.n; i++) {
            System.arraycopy(t.values, i * ProcNetDev.FIELDS, v, 0, ProcNetDev.FIELDS);
            if (nowrap) {
                WRAP.adjust(t.names[i], v);
            }
            for (int f = 0; f < ProcNetDev.FIELDS; f++) {
                sum[f] += v[f];
            }
        }
        return of(sum);
    }

    /** net_io_counters(pernic=True), in /proc/net/dev's order. */
    public static Map<String, NetIoCounters> ioCountersPernic(boolean nowrap) {
        if (nowrap) {
            synchronized (WRAP) {
                return pernic(readDev(), true);
            }
        }
        return pernic(readDev(), false);
    }

    private static Map<String, NetIoCounters> pernic(ProcNetDev.Table t, boolean nowrap) {
        if (nowrap) {
            forgetRemoved(t);
        }
        var out = new LinkedHashMap<String, NetIoCounters>(t.n * 2);
        long[] v = SCRATCH.get();
        for (int i = 0; i < t.n; i++) {
            System.arraycopy(t.values, i * ProcNetDev.FIELDS, v, 0, ProcNetDev.FIELDS);
            if (nowrap) {
                WRAP.adjust(t.names[i], v);
            }
            out.put(t.names[i], of(v));
        }
        return out;
    }

    /** Psutil.netIoCountersEx(): every /proc/net/dev column and tx_queue_len, raw, in file order. */
    public static Map<String, NetIoCountersEx> ioCountersEx() {
        ProcNetDev.Table t = readDev();
        int n = t.n;
        String[] names = java.util.Arrays.copyOf(t.names, n);
        long[] v = java.util.Arrays.copyOf(t.values, n * ProcNetDev.FIELDS);
        long[] x = java.util.Arrays.copyOf(t.extras, n * ProcNetDev.EXTRA_FIELDS);
        // the table is this thread's and SysClassNet reads through the same ProcBuffer: copied first
        var out = new LinkedHashMap<String, NetIoCountersEx>(n * 2);
        for (int i = 0; i < n; i++) {
            int o = i * ProcNetDev.FIELDS;
            int xo = i * ProcNetDev.EXTRA_FIELDS;
            long q = SysClassNet.txQueueLen(names[i]);
            out.put(names[i], new NetIoCountersEx(v[o + ProcNetDev.BYTES_SENT], v[o + ProcNetDev.BYTES_RECV],
                    v[o + ProcNetDev.PACKETS_SENT], v[o + ProcNetDev.PACKETS_RECV], v[o + ProcNetDev.ERRIN],
                    v[o + ProcNetDev.ERROUT], v[o + ProcNetDev.DROPIN], v[o + ProcNetDev.DROPOUT],
                    x[xo + ProcNetDev.RX_FIFO], x[xo + ProcNetDev.RX_FRAME], x[xo + ProcNetDev.RX_COMPRESSED],
                    x[xo + ProcNetDev.MULTICAST], x[xo + ProcNetDev.TX_FIFO], x[xo + ProcNetDev.TX_COLLS],
                    x[xo + ProcNetDev.TX_CARRIER], x[xo + ProcNetDev.TX_COMPRESSED],
                    q < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(q)));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** net_io_counters.cache_clear(): forgets the nowrap state. */
    public static void clearIoCountersCache() {
        synchronized (WRAP) {
            WRAP.clear();
            lastNames = new String[0];
        }
    }

    private static NetIoCounters of(long[] v) {
        return new NetIoCounters(v[ProcNetDev.BYTES_SENT], v[ProcNetDev.BYTES_RECV],
                v[ProcNetDev.PACKETS_SENT], v[ProcNetDev.PACKETS_RECV], v[ProcNetDev.ERRIN],
                v[ProcNetDev.ERROUT], v[ProcNetDev.DROPIN], v[ProcNetDev.DROPOUT]);
    }

    /**
     * psutil's _WrapNumbers drops the state of keys no longer present. Names are interned by
     * the cache, so an unchanged set is detected by identity without allocating.
     */
    private static void forgetRemoved(ProcNetDev.Table t) {
        String[] prev = lastNames;
        boolean same = prev.length == t.n;
        for (int i = 0; same && i < t.n; i++) {
            same = prev[i] == t.names[i];
        }
        if (same) {
            return;
        }
        String[] now = java.util.Arrays.copyOf(t.names, t.n);
        WRAP.retain(new HashSet<>(List.of(now)));
        lastNames = now;
    }

    /** The NIC names of /proc/net/dev, in order. */
    public static List<String> nicNames() {
        ProcNetDev.Table t = readDev();
        return List.of(java.util.Arrays.copyOf(t.names, t.n));
    }

    /**
     * net_if_stats(): for each NIC of /proc/net/dev (psutil's order), from /sys/class/net.
     * NICs that vanish meanwhile are left out (psutil skips ENODEV).
     */
    public static Map<String, NetIfStats> ifStats() {
        var out = new LinkedHashMap<String, NetIfStats>();
        for (String nic : nicNames()) {
            NetIfStats s = SysClassNet.stats(nic);
            if (s != null) {
                out.put(nic, s);
            }
        }
        return out;
    }

    /**
     * net_if_addrs(): getifaddrs' entries grouped by NIC, as psutil's __init__ does it: entries
     * are stably sorted by family number first (so AF_UNSPEC, AF_INET, AF_INET6 then AF_LINK,
     * and NICs appear in the order of their first entry in that sorted list); MAC addresses
     * shorter than 6 bytes are padded with ":00" (psutil #786); an IPv4 /32 has no broadcast.
     */
    public static Map<String, List<NetIfAddr>> ifAddrs() {
        return group(NetCalls.ifAddrs());
    }

    static Map<String, List<NetIfAddr>> group(List<NetCalls.IfAddr> raw) {
        var sorted = new ArrayList<>(raw);
        sorted.sort(java.util.Comparator.comparingInt(NetCalls.IfAddr::family)); // stable
        var out = new LinkedHashMap<String, List<NetIfAddr>>();
        for (NetCalls.IfAddr e : sorted) {
            AddressFamily fam = switch (e.family()) {
                case NetCalls.AF_INET -> AddressFamily.AF_INET;
                case NetCalls.AF_INET6 -> AddressFamily.AF_INET6;
                case NetCalls.AF_PACKET -> AddressFamily.AF_LINK;
                default -> AddressFamily.AF_UNSPEC;
            };
            String address = e.address();
            if (fam == AddressFamily.AF_LINK && address != null) {
                address = padMac(address);
            }
            String broadcast = e.broadcast();
            if (fam == AddressFamily.AF_INET && isHostMask(e.netmask())) {
                // a /32 has no broadcast address, but getifaddrs hands back the local one
                broadcast = null;
            }
            out.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(new NetIfAddr(fam,
                    Optional.ofNullable(address), Optional.ofNullable(e.netmask()),
                    Optional.ofNullable(broadcast), Optional.ofNullable(e.ptp())));
        }
        return out;
    }

    static String padMac(String mac) {
        int colons = 0;
        for (int i = 0; i < mac.length(); i++) {
            if (mac.charAt(i) == ':') {
                colons++;
            }
        }
        var sb = new StringBuilder(mac);
        for (; colons < 5; colons++) {
            sb.append(":00");
        }
        return sb.toString();
    }

    private static boolean isHostMask(String netmask) {
        return "255.255.255.255".equals(netmask);
    }
}
