package psutil4j.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import psutil4j.testing.Cmd;

/** The struct layouts of {@link NetCalls} against the C headers. */
class NetCallsLayoutTest {

    static long off(StructLayout l, String f) {
        return l.byteOffset(MemoryLayout.PathElement.groupElement(f));
    }

    /** The LP64 values of glibc's headers (x86_64 and aarch64 agree). */
    @Test
    void layoutsMatchLp64Headers() {
        assertEquals(56, NetCalls.IFADDRS.byteSize());
        assertEquals(Map.of("ifa_next", 0L, "ifa_name", 8L, "ifa_flags", 16L, "ifa_addr", 24L,
                "ifa_netmask", 32L, "ifa_ifu", 40L, "ifa_data", 48L), offsets(NetCalls.IFADDRS,
                List.of("ifa_next", "ifa_name", "ifa_flags", "ifa_addr", "ifa_netmask", "ifa_ifu", "ifa_data")));
        assertEquals(16, NetCalls.SOCKADDR_IN.byteSize());
        assertEquals(4, off(NetCalls.SOCKADDR_IN, "sin_addr"));
        assertEquals(28, NetCalls.SOCKADDR_IN6.byteSize());
        assertEquals(8, off(NetCalls.SOCKADDR_IN6, "sin6_addr"));
        assertEquals(24, off(NetCalls.SOCKADDR_IN6, "sin6_scope_id"));
        assertEquals(20, NetCalls.SOCKADDR_LL.byteSize());
        assertEquals(11, off(NetCalls.SOCKADDR_LL, "sll_halen"));
        assertEquals(12, off(NetCalls.SOCKADDR_LL, "sll_addr"));
    }

    static Map<String, Long> offsets(StructLayout l, List<String> fields) {
        var m = new LinkedHashMap<String, Long>();
        for (String f : fields) {
            m.put(f, off(l, f));
        }
        return m;
    }

    /** Compiles a C program printing sizeof/offsetof with this machine's headers and compares. */
    @Test
    void layoutsMatchThisMachinesCompiler(@TempDir Path tmp) throws IOException {
        Path gcc = Path.of("/usr/bin/gcc");
        if (!Files.isExecutable(gcc)) {
            return; // the LP64 test above still checks the values
        }
        Path src = tmp.resolve("l.c");
        Files.writeString(src, """
                #include <stdio.h>
                #include <stddef.h>
                #include <ifaddrs.h>
                #include <netinet/in.h>
                #include <linux/if_packet.h>
                #define P(s, f) printf(#s "." #f " %zu\\n", offsetof(struct s, f))
                #define S(s) printf(#s " %zu\\n", sizeof(struct s))
                int main(void) {
                  S(ifaddrs); P(ifaddrs, ifa_next); P(ifaddrs, ifa_name); P(ifaddrs, ifa_flags);
                  P(ifaddrs, ifa_addr); P(ifaddrs, ifa_netmask); P(ifaddrs, ifa_ifu); P(ifaddrs, ifa_data);
                  S(sockaddr_in); P(sockaddr_in, sin_family); P(sockaddr_in, sin_port); P(sockaddr_in, sin_addr);
                  P(sockaddr_in, sin_zero);
                  S(sockaddr_in6); P(sockaddr_in6, sin6_family); P(sockaddr_in6, sin6_port);
                  P(sockaddr_in6, sin6_flowinfo); P(sockaddr_in6, sin6_addr); P(sockaddr_in6, sin6_scope_id);
                  S(sockaddr_ll); P(sockaddr_ll, sll_family); P(sockaddr_ll, sll_protocol);
                  P(sockaddr_ll, sll_ifindex); P(sockaddr_ll, sll_hatype); P(sockaddr_ll, sll_pkttype);
                  P(sockaddr_ll, sll_halen); P(sockaddr_ll, sll_addr);
                  return 0;
                }
                """);
        Path exe = tmp.resolve("l");
        Cmd.run(gcc.toString(), "-o", exe.toString(), src.toString());
        String out = Cmd.run(exe.toString());
        Map<String, StructLayout> layouts = Map.of("ifaddrs", NetCalls.IFADDRS, "sockaddr_in", NetCalls.SOCKADDR_IN,
                "sockaddr_in6", NetCalls.SOCKADDR_IN6, "sockaddr_ll", NetCalls.SOCKADDR_LL);
        int checked = 0;
        for (String line : out.strip().split("\n")) {
            String[] kv = line.split(" ");
            long expected = Long.parseLong(kv[1]);
            int dot = kv[0].indexOf('.');
            if (dot < 0) {
                assertEquals(expected, layouts.get(kv[0]).byteSize(), kv[0]);
            } else {
                StructLayout l = layouts.get(kv[0].substring(0, dot));
                assertEquals(expected, off(l, kv[0].substring(dot + 1)), kv[0]);
            }
            checked++;
        }
        assertEquals(27, checked);
    }

    @Test
    void getifaddrsListsLoopback() {
        List<NetCalls.IfAddr> all = NetCalls.ifAddrs();
        assertFalse(all.isEmpty());
        assertTrue(all.stream().anyMatch(a -> a.family() == NetCalls.AF_INET && "127.0.0.1".equals(a.address())),
                all.toString());
        assertEquals("::1", NetCalls.inetNtop(NetCalls.AF_INET6, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
    }
}
