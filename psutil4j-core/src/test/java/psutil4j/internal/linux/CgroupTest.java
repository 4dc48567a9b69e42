package psutil4j.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import psutil4j.CgroupCpuStat;
import psutil4j.CgroupInfo;
import psutil4j.CgroupVersion;
import psutil4j.NoSuchProcessException;
import psutil4j.Pressure;
import psutil4j.PressureLine;
import psutil4j.PressureResource;
import psutil4j.Psutil;
import psutil4j.internal.linux.proc.PidCgroup;
import psutil4j.internal.linux.proc.ProcMountinfo;
import psutil4j.internal.parse.ByteCursor;

// Isolated: fixture tests repoint the global Roots, which would confuse tests running alongside.
@org.junit.jupiter.api.parallel.Isolated
class CgroupTest {

    private static final OptionalLong NONE = OptionalLong.empty();

    private static OptionalLong l(long v) {
        return OptionalLong.of(v);
    }

    private static Optional<PressureResource> psi(double s10, double s60, double s300, long st,
            double f10, double f60, double f300, long ft) {
        return Optional.of(new PressureResource(Optional.of(new PressureLine(s10, s60, s300, st)),
                Optional.of(new PressureLine(f10, f60, f300, ft))));
    }

    @Test
    void pureV2() {
        CgroupInfo c = MiscFixtures.with("cgroup-v2", Psutil::cgroup);
        assertEquals(new CgroupInfo(CgroupVersion.V2,
                Optional.of("/user.slice/user-1000.slice/session-3.scope"), Map.of(),
                OptionalDouble.of(0.5),
                Optional.of(new CgroupCpuStat(l(9876543), l(6000000), l(3876543), l(1200), l(37), l(456789))),
                l(268435456), NONE, l(1073741824), l(4096), NONE, NONE, NONE, l(12), l(4915),
                Optional.of(new Pressure(psi(1.5, 0.75, 0.25, 1000, 0.5, 0.25, 0.05, 500),
                        psi(0, 0, 0, 7, 0, 0, 0, 6), psi(0, 0, 0, 3, 0, 0, 0, 2), Optional.empty()))), c);
    }

    @Test
    void pureV2OtherPidWithSpaceInPath() {
        CgroupInfo c = MiscFixtures.with("cgroup-v2", () -> Psutil.cgroup(4242));
        assertEquals(Optional.of("/system.slice/my app.service"), c.unifiedPath());
        assertEquals(OptionalDouble.empty(), c.cpuMax()); // "max 100000"
        // Only the lines present: no cpu controller -> no throttling counters.
        assertEquals(Optional.of(new CgroupCpuStat(l(5), l(3), l(2), NONE, NONE, NONE)), c.cpuStat());
        assertEquals(l(536870912), c.memoryMax());
        assertEquals(NONE, c.memoryCurrent());
        assertEquals(Optional.empty(), c.pressure());
    }

    @Test
    void v2ContainerMountRootIsItsOwnCgroup() {
        CgroupInfo c = MiscFixtures.with("cgroup-v2-container", Psutil::cgroup);
        assertEquals(CgroupVersion.V2, c.version());
        assertEquals(OptionalDouble.of(2.0), c.cpuMax());
        assertEquals(l(1048576), c.memoryCurrent());
        assertEquals(l(2147483648L), c.memoryMax());
        assertEquals(NONE, c.memoryHigh());
        assertEquals(l(3), c.pidsCurrent());
        assertEquals(NONE, c.pidsMax());
        // Cgroups outside the mounted subtree (or outside our namespace) have no reachable files.
        for (int pid : new int[] {77, 78}) {
            CgroupInfo other = MiscFixtures.with("cgroup-v2-container", () -> Psutil.cgroup(pid));
            assertEquals(CgroupVersion.V2, other.version());
            assertEquals(Optional.empty(), other.cpuStat());
            assertEquals(OptionalDouble.empty(), other.cpuMax());
            assertEquals(NONE, other.memoryCurrent());
        }
    }

    @Test
    void pureV1() {
        CgroupInfo c = MiscFixtures.with("cgroup-v1", Psutil::cgroup);
        Map<String, String> paths = new LinkedHashMap<>();
        for (String k : List.of("memory", "cpu", "cpuacct", "pids", "blkio", "name=systemd")) {
            paths.put(k, "/docker/abc");
        }
        long tick = 1_000_000L / SystemConstants.CLOCK_TICKS;
        assertEquals(new CgroupInfo(CgroupVersion.V1, Optional.empty(), paths, OptionalDouble.of(1.5),
                Optional.of(new CgroupCpuStat(l(123456789), l(1000 * tick), l(500 * tick), l(10), l(2), l(3000))),
                l(104857600), NONE, NONE, NONE, NONE, l(104857600), l(536870912), l(5), NONE,
                Optional.empty()), c);
    }

    @Test
    void hybridCapturedFromThisMachine() {
        CgroupInfo c = MiscFixtures.with("cgroup-hybrid", Psutil::cgroup);
        assertEquals(CgroupVersion.HYBRID, c.version());
        assertEquals(Optional.of("/"), c.unifiedPath());
        assertEquals("/process_api/ab2445e9db40fa6a4f90d473ab275dcf", c.v1Paths().get("memory"));
        assertEquals("/", c.v1Paths().get("name=systemd"));
        assertEquals(9, c.v1Paths().size());
        // memory is bound to v1: usage from memory.usage_in_bytes, the 2^63-page limit is "none".
        assertEquals(l(10518528), c.memoryCurrent());
        assertEquals(NONE, c.memoryMax());
        assertEquals(l(10874880), c.memswCurrent());
        assertEquals(NONE, c.memswMax());
        assertEquals(NONE, c.memoryHigh());
        // cpu is bound to v1 too: quota -1 is no limit; usage from cpuacct (ns -> us).
        assertEquals(OptionalDouble.empty(), c.cpuMax());
        long tick = 1_000_000L / SystemConstants.CLOCK_TICKS;
        assertEquals(Optional.of(new CgroupCpuStat(l(427464905), l(33479 * tick), l(9268 * tick), l(0), l(0), l(0))),
                c.cpuStat());
        // pids is a v1 hierarchy whose root has no pids.current.
        assertEquals(NONE, c.pidsCurrent());
        // PSI comes from the unified hierarchy.
        assertEquals(94.13, c.pressure().orElseThrow().cpu().orElseThrow().some().orElseThrow().avg10());
        assertEquals(Optional.empty(), c.pressure().orElseThrow().irq());
    }

    @Test
    void mountinfoParsing() {
        String text = """
                22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw
                30 25 0:27 / /sys/fs/cgroup rw,nosuid shared:4 master:9 - cgroup2 cgroup2 rw,nsdelegate
                31 25 0:28 /a\\040b /mnt/my\\040cg\\134x rw - cgroup cgroup rw,cpu,cpuacct
                32 25 0:29 / /mnt/no-optional rw - cgroup none rw,name=systemd
                33 25 0:30 / /mnt/cgroupfs rw - cgroupfs x rw
                34 25 0:31 / /mnt/cr rw\r - cgroup2 x rw
                35 25 0:32 / /mnt/truncated rw
                """;
        var mounts = ProcMountinfo.parseCgroupMounts(ByteCursor.of(text));
        assertEquals(List.of(
                new ProcMountinfo.CgroupMount(true, "/", "/sys/fs/cgroup", List.of("rw", "nsdelegate")),
                new ProcMountinfo.CgroupMount(false, "/a b", "/mnt/my cg\\x", List.of("rw", "cpu", "cpuacct")),
                new ProcMountinfo.CgroupMount(false, "/", "/mnt/no-optional", List.of("rw", "name=systemd")),
                new ProcMountinfo.CgroupMount(true, "/", "/mnt/cr", List.of("rw"))), mounts);
        // Locating: the path must lie under the mount root, on a component boundary.
        assertEquals(Path.of("/mnt/my cg\\x/c"), LinuxCgroups.locate(mounts, false, "cpu", "/a b/c"));
        assertEquals(Path.of("/mnt/my cg\\x"), LinuxCgroups.locate(mounts, false, "cpuacct", "/a b"));
        assertEquals(null, LinuxCgroups.locate(mounts, false, "cpu", "/a bc"));
        assertEquals(null, LinuxCgroups.locate(mounts, false, "memory", "/a b"));
    }

    @Test
    void procCgroupParsing() {
        var e = PidCgroup.parse(ByteCursor.of("12:cpu,cpuacct:/x:y\n0::/\n1:name=systemd:/user.slice\nbad\n"));
        assertEquals(List.of(new PidCgroup.Entry(12, List.of("cpu", "cpuacct"), "/x:y"),
                new PidCgroup.Entry(0, List.of(), "/"),
                new PidCgroup.Entry(1, List.of("name=systemd"), "/user.slice")), e);
        assertEquals(OptionalDouble.empty(), LinuxCgroups.parseCpuMax(ByteCursor.of("max 100000\n")));
        assertEquals(OptionalDouble.of(0.25), LinuxCgroups.parseCpuMax(ByteCursor.of("25000 100000\n")));
    }

    @Test
    void errors() {
        assertThrows(IllegalArgumentException.class, () -> Psutil.cgroup(0));
        assertThrows(NoSuchProcessException.class, () -> MiscFixtures.with("cgroup-v2", () -> Psutil.cgroup(999999)));
    }

    @Test
    void liveSelfMatchesProcAndCgroupFiles() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/cgroup"));
        CgroupInfo c = Psutil.cgroup();
        String unified = null;
        Map<String, String> v1 = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f[0].equals("0")) {
                unified = f[2];
            } else {
                for (String ctl : f[1].split(",")) {
                    v1.put(ctl, f[2]);
                }
            }
        }
        assertEquals(Optional.ofNullable(unified), c.unifiedPath());
        assertEquals(v1, c.v1Paths());
        assertEquals(unified == null ? CgroupVersion.V1 : v1.isEmpty() ? CgroupVersion.V2 : CgroupVersion.HYBRID,
                c.version());
        // Memory usage against the controller's own file (moving: 64 MiB tolerance), limit exactly.
        Path memDir = v1.containsKey("memory") ? Path.of("/sys/fs/cgroup/memory" + v1.get("memory"))
                : unified != null ? Path.of("/sys/fs/cgroup" + unified) : null;
        String usageFile = v1.containsKey("memory") ? "memory.usage_in_bytes" : "memory.current";
        if (memDir != null && Files.exists(memDir.resolve(usageFile))) {
            long usage = Long.parseLong(Files.readString(memDir.resolve(usageFile)).trim());
            assertTrue(Math.abs(usage - c.memoryCurrent().orElseThrow()) < 64L << 20,
                    usage + " vs " + c.memoryCurrent());
            String limitFile = v1.containsKey("memory") ? "memory.limit_in_bytes" : "memory.max";
            String limit = Files.readString(memDir.resolve(limitFile)).trim();
            boolean unlimited = limit.equals("max") || Long.parseLong(limit) >= 1L << 62;
            assertEquals(unlimited ? NONE : l(Long.parseLong(limit)), c.memoryMax());
        }
        // pid 1 is readable here (its cgroup file is world-readable).
        assertEquals(c.version(), Psutil.cgroup(1).version());
    }
}
