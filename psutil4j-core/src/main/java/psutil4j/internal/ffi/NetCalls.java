package psutil4j.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * getifaddrs(3), getnameinfo(3) and inet_ntop(3): NIC addresses for {@code net_if_addrs()},
 * converted the way psutil's C code does ({@code psutil_net_if_addrs} in
 * psutil/arch/posix/net.c). glibc answers getifaddrs with one netlink round trip.
 *
 * <p>Pointers returned by libc are sized with {@code reinterpret} to the C struct they point to
 * (hence the "restricted" suppression); sizes come from the layouts below.
 */
@SuppressWarnings("restricted")
public final class NetCalls {

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_PACKET = 17;
    // include/uapi/linux/if.h
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_POINTOPOINT = 0x10;
    private static final int NI_MAXHOST = 1025;
    private static final int NI_NUMERICHOST = 1;
    private static final int INET6_ADDRSTRLEN = 46;

    /*
     * struct ifaddrs {                      // <ifaddrs.h>
     *     struct ifaddrs  *ifa_next;        //  0
     *     char            *ifa_name;        //  8
     *     unsigned int     ifa_flags;       // 16  (SIOCGIFFLAGS flags)
     *     struct sockaddr *ifa_addr;        // 24
     *     struct sockaddr *ifa_netmask;     // 32
     *     union { struct sockaddr *ifu_broadaddr;   // 40  (if IFF_BROADCAST)
     *             struct sockaddr *ifu_dstaddr; } ifa_ifu;  // (if IFF_POINTOPOINT)
     *     void            *ifa_data;        // 48
     * };                                    // size 56 on LP64
     */
    public static final StructLayout IFADDRS = MemoryLayout.structLayout(
            ADDRESS.withName("ifa_next"),
            ADDRESS.withName("ifa_name"),
            JAVA_INT.withName("ifa_flags"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("ifa_addr"),
            ADDRESS.withName("ifa_netmask"),
            ADDRESS.withName("ifa_ifu"),
            ADDRESS.withName("ifa_data")).withName("ifaddrs");

    /*
     * struct sockaddr_in {                  // <netinet/in.h>
     *     sa_family_t    sin_family;        //  0  u16
     *     in_port_t      sin_port;          //  2  u16, network order
     *     struct in_addr sin_addr;          //  4  4 bytes, network order
     *     unsigned char  sin_zero[8];       //  8
     * };                                    // size 16
     */
    public static final StructLayout SOCKADDR_IN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin_family"),
            JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin_port"),
            MemoryLayout.sequenceLayout(4, JAVA_BYTE).withName("sin_addr"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("sin_zero")).withName("sockaddr_in");

    /*
     * struct sockaddr_in6 {                 // <netinet/in.h>
     *     sa_family_t     sin6_family;      //  0  u16
     *     in_port_t       sin6_port;        //  2  u16, network order
     *     uint32_t        sin6_flowinfo;    //  4
     *     struct in6_addr sin6_addr;        //  8  16 bytes
     *     uint32_t        sin6_scope_id;    // 24  interface index for link-local addresses
     * };                                    // size 28
     */
    public static final StructLayout SOCKADDR_IN6 = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin6_family"),
            JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin6_port"),
            JAVA_INT.withName("sin6_flowinfo"),
            MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("sin6_addr"),
            JAVA_INT.withName("sin6_scope_id")).withName("sockaddr_in6");

    /*
     * struct sockaddr_ll {                  // <linux/if_packet.h>
     *     unsigned short sll_family;        //  0  AF_PACKET
     *     __be16         sll_protocol;      //  2
     *     int            sll_ifindex;       //  4
     *     unsigned short sll_hatype;        //  8  ARPHRD_*
     *     unsigned char  sll_pkttype;       // 10
     *     unsigned char  sll_halen;         // 11  MAC length
     *     unsigned char  sll_addr[8];       // 12  (glibc's getifaddrs allocates up to 24)
     * };                                    // size 20
     */
    public static final StructLayout SOCKADDR_LL = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sll_family"),
            JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withName("sll_protocol"),
            JAVA_INT.withName("sll_ifindex"),
            JAVA_SHORT.withName("sll_hatype"),
            JAVA_BYTE.withName("sll_pkttype"),
            JAVA_BYTE.withName("sll_halen"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("sll_addr")).withName("sockaddr_ll");

    private static final long IFA_NEXT = off(IFADDRS, "ifa_next");
    private static final long IFA_NAME = off(IFADDRS, "ifa_name");
    private static final long IFA_FLAGS = off(IFADDRS, "ifa_flags");
    private static final long IFA_ADDR = off(IFADDRS, "ifa_addr");
    private static final long IFA_NETMASK = off(IFADDRS, "ifa_netmask");
    private static final long IFA_IFU = off(IFADDRS, "ifa_ifu");
    private static final long SLL_HALEN = off(SOCKADDR_LL, "sll_halen");
    private static final long SLL_ADDR = off(SOCKADDR_LL, "sll_addr");
    /** glibc's {@code struct sockaddr_ll_max} holds up to 24 address bytes (InfiniBand has 20). */
    private static final int SLL_ADDR_MAX = 24;

    // int getifaddrs(struct ifaddrs **ifap)
    private static final class Getifaddrs {
        static final MethodHandle MH = Native.downcallErrno("getifaddrs",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    // void freeifaddrs(struct ifaddrs *ifa)
    private static final class Freeifaddrs {
        static final MethodHandle MH = Native.downcall("freeifaddrs",
                FunctionDescriptor.ofVoid(ADDRESS));
    }

    // int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, socklen_t hostlen,
    //                 char *serv, socklen_t servlen, int flags)
    private static final class Getnameinfo {
        static final MethodHandle MH = Native.downcall("getnameinfo",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    // const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
    private static final class InetNtop {
        static final MethodHandle MH = Native.downcall("inet_ntop",
                FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    }

    private NetCalls() {
    }

    private static long off(StructLayout l, String field) {
        return l.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    /**
     * One getifaddrs entry as psutil's C layer returns it: a family of AF_INET, AF_INET6 or
     * AF_PACKET with a non-null address, or AF_UNSPEC with all addresses null (no address, or
     * one psutil cannot convert: a NIC without a MAC, another family).
     *
     * @param name      the interface name
     * @param flags     ifa_flags
     * @param family    AF_UNSPEC, AF_INET, AF_INET6 or AF_PACKET
     * @param address   the address text, null for AF_UNSPEC
     * @param netmask   the netmask text, or null
     * @param broadcast the broadcast address (IFF_BROADCAST), or null
     * @param ptp       the point-to-point destination (IFF_POINTOPOINT), or null
     */
    public record IfAddr(String name, int flags, int family, String address, String netmask,
                         String broadcast, String ptp) {
    }

    /**
     * All entries of getifaddrs(3), in its order.
     *
     * @throws java.io.UncheckedIOException if getifaddrs fails
     */
    public static List<IfAddr> ifAddrs() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment holder = arena.allocate(ADDRESS);
            MemorySegment host = arena.allocate(NI_MAXHOST);
            MemorySegment st = Native.callState();
            int r = (int) Getifaddrs.MH.invokeExact(st, holder);
            if (r != 0) {
                int errno = Native.errno(st);
                throw new java.io.UncheckedIOException(
                        new java.io.IOException("getifaddrs() failed: " + Native.errnoName(errno)));
            }
            MemorySegment first = holder.get(ADDRESS, 0);
            try {
                var out = new ArrayList<IfAddr>();
                for (MemorySegment ifa = first; !ifa.equals(MemorySegment.NULL);
                        ifa = ifa.reinterpret(IFADDRS.byteSize()).get(ADDRESS, IFA_NEXT)) {
                    MemorySegment e = ifa.reinterpret(IFADDRS.byteSize());
                    out.add(entry(e, host));
                }
                return out;
            } finally {
                Freeifaddrs.MH.invokeExact(first);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static IfAddr entry(MemorySegment e, MemorySegment host) throws Throwable {
        String name = e.get(ADDRESS, IFA_NAME).reinterpret(Integer.MAX_VALUE).getString(0);
        int flags = e.get(JAVA_INT, IFA_FLAGS);
        MemorySegment addr = e.get(ADDRESS, IFA_ADDR);
        if (addr.equals(MemorySegment.NULL)) {
            return new IfAddr(name, flags, AF_UNSPEC, null, null, null, null); // virtual NIC
        }
        int family = Short.toUnsignedInt(addr.reinterpret(2).get(JAVA_SHORT, 0));
        String address = convert(addr, family, host);
        if (address == null) {
            return new IfAddr(name, flags, AF_UNSPEC, null, null, null, null);
        }
        String netmask = convert(e.get(ADDRESS, IFA_NETMASK), family, host);
        String broadcast = null;
        String ptp = null;
        if ((flags & IFF_BROADCAST) != 0) {
            broadcast = convert(e.get(ADDRESS, IFA_IFU), family, host);
        } else if ((flags & IFF_POINTOPOINT) != 0) {
            ptp = convert(e.get(ADDRESS, IFA_IFU), family, host);
        }
        return new IfAddr(name, flags, family, address, netmask, broadcast, ptp);
    }

    /** psutil_convert_ipaddr: text of a sockaddr of {@code family}, or null. */
    private static String convert(MemorySegment sa, int family, MemorySegment host) throws Throwable {
        if (sa.equals(MemorySegment.NULL)) {
            return null;
        }
        if (family == AF_INET || family == AF_INET6) {
            long len = family == AF_INET ? SOCKADDR_IN.byteSize() : SOCKADDR_IN6.byteSize();
            int r = (int) Getnameinfo.MH.invokeExact(sa.reinterpret(len), (int) len, host, NI_MAXHOST,
                    MemorySegment.NULL, 0, NI_NUMERICHOST);
            return r == 0 ? host.getString(0) : null;
        }
        if (family == AF_PACKET) {
            MemorySegment ll = sa.reinterpret(SLL_ADDR + SLL_ADDR_MAX);
            int halen = Math.min(Byte.toUnsignedInt(ll.get(JAVA_BYTE, SLL_HALEN)), SLL_ADDR_MAX);
            if (halen == 0) {
                return null;
            }
            var sb = new StringBuilder(halen * 3);
            for (int i = 0; i < halen; i++) {
                int b = Byte.toUnsignedInt(ll.get(JAVA_BYTE, SLL_ADDR + i));
                if (i > 0) {
                    sb.append(':');
                }
                sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        }
        return null;
    }

    /** inet_ntop(3) of 4 (AF_INET) or 16 (AF_INET6) bytes, for checking the Java formatter. */
    public static String inetNtop(int af, byte[] src) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(16);
            MemorySegment.copy(src, 0, s, JAVA_BYTE, 0, src.length);
            MemorySegment dst = arena.allocate(INET6_ADDRSTRLEN);
            MemorySegment r = (MemorySegment) InetNtop.MH.invokeExact(af, s, dst, INET6_ADDRSTRLEN);
            return r.equals(MemorySegment.NULL) ? null : dst.getString(0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
