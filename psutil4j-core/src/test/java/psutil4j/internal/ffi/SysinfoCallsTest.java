package psutil4j.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** struct sysinfo's layout (LP64) and a live call. */
class SysinfoCallsTest {

    @Test
    void layoutMatchesTheCStruct() {
        assertEquals(112, SysinfoCalls.SYSINFO.byteSize());
        assertEquals(0, SysinfoCalls.offset("uptime"));
        assertEquals(8, SysinfoCalls.offset("loads"));
        assertEquals(32, SysinfoCalls.offset("totalram"));
        assertEquals(64, SysinfoCalls.offset("totalswap"));
        assertEquals(72, SysinfoCalls.offset("freeswap"));
        assertEquals(80, SysinfoCalls.offset("procs"));
        assertEquals(88, SysinfoCalls.offset("totalhigh"));
        assertEquals(104, SysinfoCalls.offset("mem_unit"));
    }

    @Test
    void liveCallAgreesWithProc() throws Exception {
        long[] si = new long[SysinfoCalls.FIELDS];
        assertEquals(0, SysinfoCalls.sysinfo(si));
        double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        assertEquals(uptime, si[SysinfoCalls.UPTIME], 2.0);
        assertTrue(si[SysinfoCalls.MEM_UNIT] >= 1);
        assertTrue(si[SysinfoCalls.FREESWAP] <= si[SysinfoCalls.TOTALSWAP]);
        String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
        assertEquals(Double.parseDouble(load[2]), si[SysinfoCalls.LOAD15] / SysinfoCalls.LOAD_SCALE, 0.02);
    }
}
