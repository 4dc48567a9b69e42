package psutil4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.DiskPartition;
import psutil4j.Psutil;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j df}: coreutils {@code df}. Sizes come from psutil's {@code disk_usage} (and
 * {@code df -i}'s inode figures from {@link Psutil#diskInodes}), the mounts from
 * {@code disk_partitions(all=True)}.
 *
 * <p>Like coreutils, "Used" is {@code f_blocks - f_bfree} and Use% is
 * {@code ceil(used / (used + avail) * 100)}; psutil's {@code percent} is the same ratio rounded
 * to one decimal, so df can show one point more (21.3 -> 22%). Block counts are rounded up.
 * {@code -h} is human-readable here, as in coreutils; help is {@code --help} only.
 */
@Command(name = "df", description = "Report file system space usage (coreutils df).",
        version = "psutil4j df 0.1.0")
final class DfCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Print version and exit.")
    boolean version;

    @Option(names = {"-a", "--all"}, description = "Include pseudo, duplicate, inaccessible file systems.")
    boolean all;

    @Option(names = {"-h", "--human-readable"}, description = "Print sizes in powers of 1024 (e.g., 1023M).")
    boolean human;

    @Option(names = {"-H", "--si"}, description = "Print sizes in powers of 1000 (e.g., 1.1G).")
    boolean si;

    @Option(names = {"-i", "--inodes"}, description = "List inode information instead of block usage.")
    boolean inodes;

    @Option(names = {"-T", "--print-type"}, description = "Print file system type.")
    boolean printType;

    @Option(names = {"-k"}, description = "Like --block-size=1K.")
    boolean kilo;

    @Option(names = {"-m"}, description = "Like --block-size=1M.")
    boolean mega;

    @Option(names = {"-B", "--block-size"}, paramLabel = "SIZE",
            description = "Scale sizes by SIZE: a number, K, M, G, T (1024s) or KB, MB (1000s), e.g. -B1, -BM.")
    String blockSize;

    @Option(names = {"-P", "--portability"}, description = "Use the POSIX output format.")
    boolean posix;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Limit listing to file systems of type TYPE.")
    List<String> types = new ArrayList<>();

    @Option(names = {"-x", "--exclude-type"}, paramLabel = "TYPE", description = "Exclude file systems of type TYPE.")
    List<String> excludeTypes = new ArrayList<>();

    @Parameters(paramLabel = "FILE", description = "Show the file system holding each FILE.")
    List<String> files = new ArrayList<>();

    /** File system types coreutils treats as "dummy" (hidden without -a): lib/mountlist.c ME_DUMMY. */
    static final Set<String> DUMMY = Set.of("autofs", "proc", "subfs", "debugfs", "devpts", "fusectl",
            "fuse.portal", "mqueue", "rpc_pipefs", "sysfs", "devfs", "kernfs", "ignore", "rootfs",
            "binfmt_misc", "securityfs", "tracefs", "configfs", "pstore", "bpf", "efivarfs", "hugetlbfs",
            "cgroup", "cgroup2", "nsfs", "selinuxfs");

    /** One output row: the mount plus its figures in bytes (or inodes); size -1 = unknown. */
    record Row(DiskPartition part, long size, long used, long avail, double psutilPercent) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long unit;
        try {
            unit = unit();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "invalid block size: '" + blockSize + "'");
        }
        int rc = 0;
        List<DiskPartition> mounts = Psutil.diskPartitions(true);
        var rows = new ArrayList<Row>();
        if (!files.isEmpty()) {
            for (String f : files) {
                try {
                    DiskPartition p = mountOf(mounts, Path.of(f).toRealPath().toString());
                    if (p == null) {
                        throw new IllegalArgumentException("no file system found");
                    }
                    rows.add(measure(p));
                } catch (NoSuchFileException e) {
                    err.println("df: " + f + ": No such file or directory");
                    rc = 1;
                } catch (Exception e) {
                    err.println("df: " + f + ": " + describe(e));
                    rc = 1;
                }
            }
        } else {
            for (DiskPartition p : selectMounts(mounts)) {
                try {
                    Row r = measure(p);
                    if (!all && r.size() == 0) {
                        continue; // coreutils hides 0-block file systems unless -a
                    }
                    rows.add(r);
                } catch (RuntimeException e) {
                    if (all) {
                        rows.add(new Row(p, -1, -1, -1, 0));
                    }
                    // coreutils silently skips mounts it cannot stat unless they were asked for
                }
            }
            if (rows.isEmpty() && !types.isEmpty()) {
                err.println("df: no file systems processed");
                rc = 1;
            }
        }
        if (json.json) {
            out.println(Json.write(toJson(rows), json.pretty));
        } else if (!rows.isEmpty() || files.isEmpty()) {
            render(rows, out, unit);
        }
        out.flush();
        err.flush();
        return rc;
    }

    private static String describe(Exception e) {
        if (e instanceof UncheckedIOException u && u.getCause() instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied (run as root)";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied (run as root)";
        }
        return Main.describe(e);
    }

    private Row measure(DiskPartition p) {
        if (inodes) {
            var i = Psutil.diskInodes(p.mountpoint());
            return new Row(p, i.total(), i.used(), i.free(), i.percent());
        }
        var u = Psutil.diskUsage(p.mountpoint());
        return new Row(p, u.total(), u.used(), u.free(), u.percent());
    }

    /** The mount holding {@code realPath}: longest mount-point prefix, the later mount on ties. */
    static DiskPartition mountOf(List<DiskPartition> mounts, String realPath) {
        DiskPartition best = null;
        for (DiskPartition p : mounts) {
            String m = p.mountpoint();
            boolean under = m.equals("/") || realPath.equals(m) || realPath.startsWith(m + "/");
            if (under && (best == null || m.length() >= best.mountpoint().length())) {
                best = p;
            }
        }
        return best;
    }

    /** The mounts df lists without arguments: type filters, no dummies, one per device. */
    List<DiskPartition> selectMounts(List<DiskPartition> mounts) {
        var sel = new ArrayList<DiskPartition>();
        for (DiskPartition p : mounts) {
            if (!types.isEmpty() && !types.contains(p.fstype())) {
                continue;
            }
            if (excludeTypes.contains(p.fstype())) {
                continue;
            }
            if (!all && (DUMMY.contains(p.fstype()) || p.device().equals("none"))) {
                continue;
            }
            sel.add(p);
        }
        return all ? sel : dedupe(sel);
    }

    /**
     * coreutils' filter_mount_list: of mounts on the same device keep one, preferring a device
     * name with a '/', then the mount point nearer the root, then the later mount at the same place.
     */
    static List<DiskPartition> dedupe(List<DiskPartition> mounts) {
        var seen = new LinkedHashMap<Object, DiskPartition>();
        var order = new ArrayList<Object>();
        for (DiskPartition p : mounts) {
            Object dev;
            try {
                dev = Files.getAttribute(Path.of(p.mountpoint()), "unix:dev");
            } catch (Exception e) {
                dev = p.mountpoint(); // unknown device: its own entry
            }
            DiskPartition old = seen.get(dev);
            if (old == null) {
                seen.put(dev, p);
                order.add(dev);
                continue;
            }
            boolean newHasSlash = p.device().indexOf('/') >= 0;
            boolean oldHasSlash = old.device().indexOf('/') >= 0;
            boolean nearerRoot = old.mountpoint().length() > p.mountpoint().length();
            boolean samePlace = !old.device().equals(p.device()) && old.mountpoint().equals(p.mountpoint());
            if ((newHasSlash && !oldHasSlash) || nearerRoot || samePlace) {
                seen.put(dev, p);
            }
        }
        var res = new ArrayList<DiskPartition>();
        for (Object d : order) {
            res.add(seen.get(d));
        }
        return res;
    }

    /** Bytes per displayed block; 0 means human-readable with powers of 1024, -1 of 1000. */
    long unit() {
        if (human) {
            return 0;
        }
        if (si) {
            return -1;
        }
        if (blockSize != null) {
            return parseSize(blockSize);
        }
        if (mega) {
            return 1024 * 1024;
        }
        return 1024;
    }

    /** coreutils block-size syntax: "1", "K", "1K", "M", "KB", "MiB", "4096"... */
    static long parseSize(String s) {
        String t = s.trim();
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        long n = i == 0 ? 1 : Long.parseLong(t.substring(0, i));
        String suffix = t.substring(i).toUpperCase(Locale.ROOT);
        if (suffix.isEmpty()) {
            if (n <= 0) {
                throw new IllegalArgumentException("invalid block size: '" + s + "'");
            }
            return n;
        }
        char c = suffix.charAt(0);
        int pow = "KMGTPE".indexOf(c) + 1;
        String rest = suffix.substring(1);
        long base = switch (rest) {
            case "", "IB" -> 1024;
            case "B" -> 1000;
            default -> 0;
        };
        if (pow == 0 || base == 0 || n <= 0) {
            throw new IllegalArgumentException("invalid block size: '" + s + "'");
        }
        long v = n;
        for (int k = 0; k < pow; k++) {
            v = Math.multiplyExact(v, base);
        }
        return v;
    }

    /** The size column's header: "1K-blocks", "1M-blocks", "1B-blocks", "1kB-blocks"; -P "1024-blocks". */
    String sizeHeader(long unit) {
        if (unit <= 0) {
            return "Size";
        }
        if (posix) {
            return unit + "-blocks";
        }
        return blockLabel(unit) + "-blocks";
    }

    static String blockLabel(long unit) {
        String[] bin = {"K", "M", "G", "T", "P", "E"};
        for (int p = bin.length; p >= 1; p--) {
            long b = 1L << (10 * p);
            if (unit % b == 0) {
                return unit / b + bin[p - 1];
            }
            long d = (long) Math.pow(1000, p);
            if (unit % d == 0) {
                return unit / d + (p == 1 ? "k" : bin[p - 1]) + "B";
            }
        }
        return unit + "B";
    }

    /** Renders like coreutils: columns as wide as their widest cell, with coreutils' minimum widths. */
    void render(List<Row> rows, PrintWriter out, long unit) {
        var header = new ArrayList<String>();
        var minWidth = new ArrayList<Integer>();
        var left = new ArrayList<Boolean>();
        header.add("Filesystem");
        minWidth.add(14);
        left.add(true);
        if (printType) {
            header.add("Type");
            minWidth.add(4);
            left.add(true);
        }
        if (inodes) {
            for (String h : List.of("Inodes", "IUsed", "IFree")) {
                header.add(h);
                minWidth.add(5);
                left.add(false);
            }
            header.add("IUse%");
        } else {
            header.add(sizeHeader(unit));
            header.add("Used");
            header.add(unit <= 0 ? "Avail" : "Available");
            for (int i = 0; i < 3; i++) {
                minWidth.add(5);
                left.add(false);
            }
            header.add(posix ? "Capacity" : "Use%");
        }
        minWidth.add(4);
        left.add(false);
        header.add("Mounted on");
        minWidth.add(0);
        left.add(true);

        var cells = new ArrayList<String[]>();
        cells.add(header.toArray(String[]::new));
        for (Row r : rows) {
            var c = new ArrayList<String>();
            c.add(r.part().device());
            if (printType) {
                c.add(r.part().fstype());
            }
            if (r.size() < 0) {
                c.addAll(List.of("-", "-", "-", "-"));
            } else if (inodes) {
                c.add(Long.toString(r.size()));
                c.add(Long.toString(r.used()));
                c.add(Long.toString(r.avail()));
                c.add(percent(r.used(), r.used() + r.avail()));
            } else {
                String sfx = suffix(unit);
                c.add(scaled(r.size(), unit) + sfx);
                c.add(scaled(r.used(), unit) + sfx);
                c.add(scaled(r.avail(), unit) + sfx);
                c.add(percent(r.used(), r.used() + r.avail()));
            }
            c.add(r.part().mountpoint());
            cells.add(c.toArray(String[]::new));
        }
        int n = header.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = minWidth.get(i);
        }
        for (String[] row : cells) {
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        for (String[] row : cells) {
            var sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                int pad = w[i] - row[i].length();
                if (i == n - 1) {
                    sb.append(row[i]);
                } else if (left.get(i)) {
                    sb.append(row[i]).append(" ".repeat(pad));
                } else {
                    sb.append(" ".repeat(pad)).append(row[i]);
                }
            }
            out.println(sb);
        }
    }

    /** "-BM" (a unit without a number) makes coreutils print the unit after each size: "22248M". */
    String suffix(long unit) {
        if (unit <= 0 || blockSize == null || blockSize.isEmpty() || Character.isDigit(blockSize.charAt(0))) {
            return "";
        }
        return blockLabel(unit).replaceFirst("^1", "");
    }

    /** coreutils' Use%: ceil(used * 100 / (used + avail)), "-" when there is nothing. */
    static String percent(long used, long total) {
        if (total <= 0) {
            return "-";
        }
        double pct = used * 100.0 / total;
        long ceil = (long) Math.ceil(pct);
        return ceil + "%";
    }

    /** A byte count in units (rounded up, as coreutils), or human-readable for unit 0 / -1. */
    static String scaled(long bytes, long unit) {
        if (unit == 0) {
            return human(bytes, 1024);
        }
        if (unit == -1) {
            return human(bytes, 1000);
        }
        return Long.toString(Math.ceilDiv(bytes, unit));
    }

    /**
     * gnulib human_readable with human_autoscale | human_ceiling | human_SI: one decimal below
     * 10, rounded up; "0" for zero; a bare number below one unit.
     */
    static String human(long bytes, int base) {
        if (bytes < base) {
            return Long.toString(bytes);
        }
        String letters = base == 1024 ? "KMGTPE" : "kMGTPE";
        double v = bytes;
        int p = -1;
        while (v >= base && p < letters.length() - 1) {
            v /= base;
            p++;
        }
        if (v < 10) {
            double r = Math.ceil(v * 10 - 1e-9) / 10;
            if (r < 10) {
                return String.format(Locale.ROOT, "%.1f%c", r, letters.charAt(p));
            }
            v = r;
        }
        double r = Math.ceil(v - 1e-9);
        if (r >= base && p < letters.length() - 1) {
            return String.format(Locale.ROOT, "1.0%c", letters.charAt(p + 1));
        }
        return String.format(Locale.ROOT, "%.0f%c", r, letters.charAt(p));
    }

    private List<Map<String, Object>> toJson(List<Row> rows) {
        var list = new ArrayList<Map<String, Object>>();
        for (Row r : rows) {
            var m = new LinkedHashMap<String, Object>();
            m.put("device", r.part().device());
            m.put("mountpoint", r.part().mountpoint());
            m.put("fstype", r.part().fstype());
            m.put("opts", r.part().opts());
            if (r.size() >= 0) {
                m.put("total", r.size());
                m.put("used", r.used());
                m.put("free", r.avail());
                m.put("percent", r.psutilPercent());
            }
            list.add(m);
        }
        return list;
    }
}
