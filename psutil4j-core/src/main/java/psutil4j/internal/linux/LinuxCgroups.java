package psutil4j.internal.linux;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import psutil4j.AccessDeniedException;
import psutil4j.CgroupCpuStat;
import psutil4j.CgroupInfo;
import psutil4j.CgroupVersion;
import psutil4j.NoSuchProcessException;
import psutil4j.Pressure;
import psutil4j.internal.ffi.Native;
import psutil4j.internal.linux.proc.PidCgroup;
import psutil4j.internal.linux.proc.ProcMountinfo;
import psutil4j.internal.linux.proc.ProcMountinfo.CgroupMount;
import psutil4j.internal.linux.proc.ProcPressure;
import psutil4j.internal.linux.sys.SysFiles;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * A process's cgroups ({@code /proc/<pid>/cgroup}) located through this mount namespace's cgroup
 * mounts ({@code /proc/self/mountinfo}), and the controller files read there.
 *
 * <p>Locating a cgroup directory: the process's path for a hierarchy (relative to our cgroup
 * namespace) must lie under the mount's root (mountinfo field 4); the directory is then the
 * mount point plus the rest of the path. This covers a plain host ({@code root = /}), a
 * container with a cgroup namespace (paths and roots both {@code /}) and a container without
 * one that sees only its own subtree ({@code root = /docker/<id>}, path {@code /docker/<id>}).
 * A cgroup outside every mount (e.g. a path starting with {@code /..}, a process outside our
 * cgroup namespace) has no directory and its values are empty. Mount points under /sys are
 * read under {@link Roots#sys()}.
 */
public final class LinuxCgroups {

    /** v1 limits at or above this (4 EiB) mean "no limit": the kernel reports about LONG_MAX rounded to pages. */
    static final long V1_UNLIMITED = 1L << 62;

    private static final byte[] MAX = ByteCursor.ascii("max");
    private static final byte[][] CPU_STAT_KEYS = {
        ByteCursor.ascii("usage_usec "), ByteCursor.ascii("user_usec "), ByteCursor.ascii("system_usec "),
        ByteCursor.ascii("nr_periods "), ByteCursor.ascii("nr_throttled "), ByteCursor.ascii("throttled_usec "),
        ByteCursor.ascii("throttled_time "),
    };
    private static final byte[][] CPUACCT_STAT_KEYS = {ByteCursor.ascii("user "), ByteCursor.ascii("system ")};

    private LinuxCgroups() {
    }

    /** The cgroups of {@code pid}, or of the calling process when {@code pid < 0}. */
    public static CgroupInfo cgroup(int pid) {
        List<PidCgroup.Entry> entries;
        try {
            entries = PidCgroup.read(pid);
        } catch (PidCgroup.ErrnoException e) {
            String msg = "cannot read /proc/" + (pid < 0 ? "self" : pid) + "/cgroup: "
                    + Native.errnoName(e.errno());
            throw switch (e.errno()) {
                case Native.EACCES, Native.EPERM -> new AccessDeniedException(pid, null, msg);
                case Native.ENOENT, Native.ESRCH -> new NoSuchProcessException(pid, null, msg);
                default -> new IllegalStateException(msg);
            };
        }
        return build(entries, ProcMountinfo.readCgroupMounts());
    }

    /** Builds the result from parsed {@code /proc/<pid>/cgroup} lines and cgroup mounts. */
    static CgroupInfo build(List<PidCgroup.Entry> entries, List<CgroupMount> mounts) {
        String unified = null;
        Map<String, String> v1 = new LinkedHashMap<>();
        boolean hasV1 = false;
        for (PidCgroup.Entry e : entries) {
            if (e.hierarchyId() == 0) {
                unified = e.path();
            } else {
                hasV1 = true;
                for (String ctl : e.controllers()) {
                    v1.put(ctl, e.path());
                }
            }
        }
        CgroupVersion version = unified == null ? CgroupVersion.V1 : hasV1 ? CgroupVersion.HYBRID : CgroupVersion.V2;
        Path v2Dir = unified == null ? null : locate(mounts, true, null, unified);

        // Each controller is read where it is bound: its v1 hierarchy if any, else v2.
        Path cpuV1 = v1Dir(mounts, v1, "cpu");
        Path cpuacctV1 = v1Dir(mounts, v1, "cpuacct");
        Path memV1 = v1Dir(mounts, v1, "memory");
        Path pidsV1 = v1Dir(mounts, v1, "pids");

        OptionalDouble cpuMax;
        Optional<CgroupCpuStat> cpuStat;
        if (v1.containsKey("cpu") || v1.containsKey("cpuacct")) {
            cpuMax = cpuV1 == null ? OptionalDouble.empty() : v1CpuMax(cpuV1);
            cpuStat = v1CpuStat(cpuacctV1, cpuV1);
        } else {
            cpuMax = v2Dir == null ? OptionalDouble.empty() : v2CpuMax(v2Dir.resolve("cpu.max"));
            cpuStat = v2Dir == null ? Optional.empty() : v2CpuStat(v2Dir.resolve("cpu.stat"));
        }

        OptionalLong memCurrent;
        OptionalLong memMax;
        OptionalLong memHigh = OptionalLong.empty();
        OptionalLong swapCurrent = OptionalLong.empty();
        OptionalLong swapMax = OptionalLong.empty();
        OptionalLong memswCurrent = OptionalLong.empty();
        OptionalLong memswMax = OptionalLong.empty();
        if (v1.containsKey("memory")) {
            memCurrent = memV1 == null ? OptionalLong.empty() : number(memV1.resolve("memory.usage_in_bytes"));
            memMax = memV1 == null ? OptionalLong.empty() : v1Limit(memV1.resolve("memory.limit_in_bytes"));
            if (memV1 != null) {
                // memsw files exist only with swap accounting (CONFIG_MEMCG_SWAP, swapaccount=1).
                memswCurrent = number(memV1.resolve("memory.memsw.usage_in_bytes"));
                memswMax = v1Limit(memV1.resolve("memory.memsw.limit_in_bytes"));
            }
        } else if (v2Dir != null) {
            memCurrent = number(v2Dir.resolve("memory.current"));
            memMax = v2Limit(v2Dir.resolve("memory.max"));
            memHigh = v2Limit(v2Dir.resolve("memory.high"));
            swapCurrent = number(v2Dir.resolve("memory.swap.current"));
            swapMax = v2Limit(v2Dir.resolve("memory.swap.max"));
        } else {
            memCurrent = OptionalLong.empty();
            memMax = OptionalLong.empty();
        }

        Path pidsDir = v1.containsKey("pids") ? pidsV1 : v2Dir;
        OptionalLong pidsCurrent = pidsDir == null ? OptionalLong.empty() : number(pidsDir.resolve("pids.current"));
        OptionalLong pidsMax = pidsDir == null ? OptionalLong.empty() : v2Limit(pidsDir.resolve("pids.max"));

        Optional<Pressure> pressure = Optional.empty();
        if (v2Dir != null) {
            Pressure p = ProcPressure.readCgroup(v2Dir);
            pressure = p.isEmpty() ? Optional.empty() : Optional.of(p);
        }

        return new CgroupInfo(version, Optional.ofNullable(unified), Collections.unmodifiableMap(v1),
                cpuMax, cpuStat, memCurrent, memMax, memHigh, swapCurrent, swapMax, memswCurrent, memswMax,
                pidsCurrent, pidsMax, pressure);
    }

    private static Path v1Dir(List<CgroupMount> mounts, Map<String, String> v1, String controller) {
        String path = v1.get(controller);
        return path == null ? null : locate(mounts, false, controller, path);
    }

    /**
     * The directory of cgroup {@code path} in the v2 hierarchy, or in the v1 hierarchy holding
     * {@code controller}; null when no mount reaches it.
     */
    static Path locate(List<CgroupMount> mounts, boolean v2, String controller, String path) {
        if (!path.startsWith("/") || path.equals("/..") || path.startsWith("/../")) {
            return null;
        }
        for (CgroupMount m : mounts) {
            if (m.v2() != v2 || (!v2 && !m.superOptions().contains(controller))) {
                continue;
            }
            String root = m.root();
            String rest;
            if (root.equals("/")) {
                rest = path;
            } else if (path.equals(root)) {
                rest = "";
            } else if (path.startsWith(root) && path.charAt(root.length()) == '/') {
                rest = path.substring(root.length());
            } else {
                continue;
            }
            Path dir = hostPath(m.mountPoint());
            return rest.length() <= 1 ? dir : dir.resolve(rest.substring(1));
        }
        return null;
    }

    /** A mount point as seen under the configured roots: /sys/... maps to {@link Roots#sys()}. */
    private static Path hostPath(String mountPoint) {
        if (mountPoint.equals("/sys")) {
            return Roots.sys();
        }
        if (mountPoint.startsWith("/sys/")) {
            return Roots.sys().resolve(mountPoint.substring(5));
        }
        return Path.of(mountPoint);
    }

    /** v2 cpu.max: "$MAX $PERIOD", MAX being "max" when unlimited (kernel 4.15+). */
    static OptionalDouble v2CpuMax(Path file) {
        ProcBuffer b = ProcBuffer.get();
        if (b.read(file) < 0) {
            return OptionalDouble.empty();
        }
        return parseCpuMax(b.cursor());
    }

    static OptionalDouble parseCpuMax(ByteCursor c) {
        c.skipWhitespace();
        if (c.startsWith(MAX)) {
            return OptionalDouble.empty();
        }
        long quota = c.nextLong(-1);
        long period = c.nextLong(-1);
        return quota < 0 || period <= 0 ? OptionalDouble.empty() : OptionalDouble.of((double) quota / period);
    }

    /** v1 cpu.cfs_quota_us (-1 = unlimited) / cpu.cfs_period_us. */
    private static OptionalDouble v1CpuMax(Path dir) {
        Long quota = SysFiles.readLong(dir.resolve("cpu.cfs_quota_us"));
        Long period = SysFiles.readLong(dir.resolve("cpu.cfs_period_us"));
        if (quota == null || period == null || quota < 0 || period <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) quota / period);
    }

    private static Optional<CgroupCpuStat> v2CpuStat(Path file) {
        ProcBuffer b = ProcBuffer.get();
        if (b.read(file) < 0) {
            return Optional.empty();
        }
        long[] v = keyed(b.cursor(), CPU_STAT_KEYS);
        return Optional.of(new CgroupCpuStat(opt(v[0]), opt(v[1]), opt(v[2]), opt(v[3]), opt(v[4]), opt(v[5])));
    }

    /** v1: cpuacct.usage (ns), cpuacct.stat (USER_HZ ticks), and the cpu controller's cpu.stat. */
    private static Optional<CgroupCpuStat> v1CpuStat(Path cpuacct, Path cpu) {
        OptionalLong usage = OptionalLong.empty();
        OptionalLong user = OptionalLong.empty();
        OptionalLong system = OptionalLong.empty();
        boolean any = false;
        if (cpuacct != null) {
            Long ns = SysFiles.readLong(cpuacct.resolve("cpuacct.usage"));
            if (ns != null) {
                usage = OptionalLong.of(ns / 1000);
                any = true;
            }
            ProcBuffer b = ProcBuffer.get();
            if (b.read(cpuacct.resolve("cpuacct.stat")) >= 0) {
                long[] t = keyed(b.cursor(), CPUACCT_STAT_KEYS);
                user = ticksToUsec(t[0]);
                system = ticksToUsec(t[1]);
                any = true;
            }
        }
        OptionalLong periods = OptionalLong.empty();
        OptionalLong throttled = OptionalLong.empty();
        OptionalLong throttledUsec = OptionalLong.empty();
        if (cpu != null) {
            ProcBuffer b = ProcBuffer.get();
            if (b.read(cpu.resolve("cpu.stat")) >= 0) {
                long[] v = keyed(b.cursor(), CPU_STAT_KEYS);
                periods = opt(v[3]);
                throttled = opt(v[4]);
                throttledUsec = v[6] < 0 ? OptionalLong.empty() : OptionalLong.of(v[6] / 1000);
                any = true;
            }
        }
        return any ? Optional.of(new CgroupCpuStat(usage, user, system, periods, throttled, throttledUsec))
                : Optional.empty();
    }

    private static OptionalLong ticksToUsec(long ticks) {
        return ticks < 0 ? OptionalLong.empty() : OptionalLong.of(ticks * 1_000_000L / SystemConstants.CLOCK_TICKS);
    }

    /** Values of "key value" lines for the given keys (with trailing space); -1 when absent. */
    static long[] keyed(ByteCursor c, byte[][] keys) {
        long[] out = new long[keys.length];
        java.util.Arrays.fill(out, -1);
        while (c.hasMore()) {
            for (int i = 0; i < keys.length; i++) {
                if (c.consume(keys[i])) {
                    out[i] = c.nextLong(-1);
                    break;
                }
            }
            c.nextLine();
        }
        return out;
    }

    private static OptionalLong opt(long v) {
        return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static OptionalLong number(Path file) {
        Long v = SysFiles.readLong(file);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** A v2 limit file: a number, or "max" for none. */
    private static OptionalLong v2Limit(Path file) {
        return number(file);
    }

    /** A v1 limit file: huge values (PAGE_COUNTER_MAX pages, about 2^63) mean none. */
    private static OptionalLong v1Limit(Path file) {
        Long v = SysFiles.readLong(file);
        return v == null || v < 0 || v >= V1_UNLIMITED ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
