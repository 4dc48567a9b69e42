package psutil4j.internal.linux.sys;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * /sys/devices/system/cpu: the topology files (physical core count) and the cpufreq policies
 * (frequencies). Read on demand; these are not hot paths, so directory listings use java.nio.
 */
public final class SysCpu {

    /** One cpufreq directory (a policy, or an old kernel's cpuN/cpufreq) and the CPU it covers. */
    public record FreqSource(int cpu, Path dir) {
    }

    private SysCpu() {
    }

    static Path cpuDir() {
        return Roots.sys().resolve("devices/system/cpu");
    }

    /**
     * The number of distinct {@code topology/core_cpus_list} contents (since 5.3), else of the
     * older {@code thread_siblings_list}, as psutil's {@code cpu_count_cores()}: CPUs sharing a
     * core list are hyper-threads of one core. 0 when neither file exists.
     */
    public static int coreCount() {
        int n = distinctTopology("core_cpus_list");
        return n > 0 ? n : distinctTopology("thread_siblings_list");
    }

    private static int distinctTopology(String file) {
        Set<String> lists = new HashSet<>();
        for (Path cpu : cpuDirs()) {
            String s = readTrimmed(cpu.resolve("topology").resolve(file));
            if (s != null) {
                lists.add(s);
            }
        }
        return lists.size();
    }

    /** cpu[0-9]* directories, as psutil's glob. */
    static List<Path> cpuDirs() {
        return list(cpuDir(), "cpu");
    }

    /**
     * The CPUs with a cpufreq directory, sorted by CPU number: from {@code cpufreq/policy[0-9]*}
     * (each policy lists its CPUs in {@code affected_cpus}, psutil #2512: one policy may govern
     * several CPUs, offline CPUs are in none), else {@code cpu[0-9]*}{@code /cpufreq}.
     */
    public static List<FreqSource> freqSources() {
        List<Path> dirs = list(cpuDir().resolve("cpufreq"), "policy");
        if (dirs.isEmpty()) {
            for (Path cpu : cpuDirs()) {
                Path d = cpu.resolve("cpufreq");
                if (Files.isDirectory(d)) {
                    dirs.add(d);
                }
            }
        }
        var byCpu = new TreeMap<Integer, Path>();
        for (Path d : dirs) {
            String affected = readTrimmed(d.resolve("affected_cpus"));
            if (affected == null) {
                // the N of policyN, or of cpuN for cpuN/cpufreq
                Path named = d.getFileName().toString().equals("cpufreq") ? d.getParent() : d;
                byCpu.put(firstNumber(named.getFileName()), d);
            } else if (!affected.isEmpty()) {
                for (String cpu : affected.split("\\s+")) {
                    byCpu.put(Integer.parseInt(cpu), d);
                }
            }
        }
        var out = new ArrayList<FreqSource>(byCpu.size());
        byCpu.forEach((cpu, d) -> out.add(new FreqSource(cpu, d)));
        return out;
    }

    /** The first run of digits in a name, as psutil's {@code re.search("[0-9]+", path)}. */
    private static int firstNumber(Path p) {
        String s = p.toString();
        int i = 0;
        while (i < s.length() && !Character.isDigit(s.charAt(i))) {
            i++;
        }
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return Integer.parseInt(s.substring(i, j));
    }

    /** A file holding one integer (kHz for cpufreq), or -1 if absent or unparsable. */
    public static long readLong(Path file) {
        ProcBuffer b = ProcBuffer.get();
        if (b.read(file) < 0) {
            return -1;
        }
        ByteCursor c = b.cursor();
        c.skipWhitespace();
        return c.nextLong(-1);
    }

    /** A file's content with surrounding whitespace removed, or null if it cannot be read. */
    public static String readTrimmed(Path file) {
        ProcBuffer b = ProcBuffer.get();
        if (b.read(file) < 0) {
            return null;
        }
        return b.text().strip();
    }

    /** Entries of dir named prefix + digit..., sorted by name (empty if dir is absent). */
    private static List<Path> list(Path dir, String prefix) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.length() > prefix.length() && name.startsWith(prefix)
                        && Character.isDigit(name.charAt(prefix.length()))) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }
}
