package psutil4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import psutil4j.Psutil;
import psutil4j.SwapMemory;
import psutil4j.VirtualMemory;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j free}: procps-ng 4 free (the installed 4.0.2), from psutil's virtual_memory()
 * and swap_memory(). Both compute used = total - available (procps 3.3 used total - free -
 * buff/cache); buff/cache = buffers + cached, where cached includes SReclaimable in both; shared
 * is Shmem. Units: kibibytes by default, -b/-k/-m/-g/--tera (or --si for powers of 1000),
 * -h human ("1.4Gi", "677Mi"; with --si "1.5G").
 */
@Command(name = "free", mixinStandardHelpOptions = false,
        description = "Display amount of free and used memory in the system (procps free).")
final class FreeCommand implements Callable<Integer>, FastStart.Tool {

    /** The flags {@link #fast} parses: every option but --help, --version, -s and -c. */
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("-b", "bytes"), Map.entry("--bytes", "bytes"), Map.entry("-k", "kibi"), Map.entry("--kibi", "kibi"),
            Map.entry("-m", "mebi"), Map.entry("--mebi", "mebi"), Map.entry("-g", "gibi"), Map.entry("--gibi", "gibi"),
            Map.entry("--tebi", "tebi"), Map.entry("-h", "human"), Map.entry("--human", "human"),
            Map.entry("--si", "si"), Map.entry("-w", "wide"), Map.entry("--wide", "wide"),
            Map.entry("-t", "total"), Map.entry("--total", "total"),
            Map.entry("--json", "json"), Map.entry("--pretty", "pretty"));
    private static final List<String> UNITS = List.of("bytes", "kibi", "mebi", "gibi", "tebi", "human");

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    static final class Unit {
        @Option(names = {"-b", "--bytes"}, description = "Show output in bytes.")
        boolean bytes;
        @Option(names = {"-k", "--kibi"}, description = "Show output in kibibytes (default).")
        boolean kibi;
        @Option(names = {"-m", "--mebi"}, description = "Show output in mebibytes.")
        boolean mebi;
        @Option(names = {"-g", "--gibi"}, description = "Show output in gibibytes.")
        boolean gibi;
        @Option(names = "--tebi", description = "Show output in tebibytes.")
        boolean tebi;
        @Option(names = {"-h", "--human"}, description = "Show human-readable output.")
        boolean human;
    }

    @ArgGroup(exclusive = true)
    Unit unit = new Unit();

    @Option(names = "--si", description = "Use powers of 1000, not 1024.")
    boolean si;

    @Option(names = {"-w", "--wide"}, description = "Separate buffers and cache columns.")
    boolean wide;

    @Option(names = {"-t", "--total"}, description = "Show a Total line (Mem + Swap).")
    boolean total;

    @Option(names = {"-s", "--seconds"}, paramLabel = "N", description = "Repeat every N seconds.")
    Double seconds;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Repeat N times, then exit.")
    Integer count;

    /**
     * {@link FastStart}'s parser: {@code free} with flags only, at most one unit; null for
     * anything else (-s, -c, --help, ...), which picocli parses.
     */
    static FreeCommand fast(String[] args) {
        Set<String> f = FastStart.flags(args, FLAGS);
        if (f == null) {
            return null;
        }
        int units = 0;
        for (String u : UNITS) {
            units += f.contains(u) ? 1 : 0;
        }
        if (units > 1) {
            return null; // the units are an exclusive group: picocli's error
        }
        var c = new FreeCommand();
        c.jsonOption = new JsonOption();
        c.jsonOption.json = f.contains("json");
        c.jsonOption.pretty = f.contains("pretty");
        c.unit.bytes = f.contains("bytes");
        c.unit.kibi = f.contains("kibi");
        c.unit.mebi = f.contains("mebi");
        c.unit.gibi = f.contains("gibi");
        c.unit.tebi = f.contains("tebi");
        c.unit.human = f.contains("human");
        c.si = f.contains("si");
        c.wide = f.contains("wide");
        c.total = f.contains("total");
        return c;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (seconds != null && !(seconds > 0)) {
            throw ProcText.usage(spec, "seconds argument '" + seconds + "' is not positive");
        }
        if (count != null && count < 1) {
            throw ProcText.usage(spec, "count argument '" + count + "' is not positive");
        }
        return run(spec.commandLine().getOut());
    }

    @Override
    public int run(PrintWriter out) throws InterruptedException {
        int n = count != null ? count : seconds != null ? Integer.MAX_VALUE : 1;
        long delay = seconds == null ? 1000 : (long) (seconds * 1000);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                Thread.sleep(delay);
            }
            VirtualMemory vm = Psutil.virtualMemory();
            SwapMemory sw = Psutil.swapMemory();
            if (jsonOption.json) {
                var m = new LinkedHashMap<String, Object>();
                m.put("virtual_memory", vm);
                m.put("swap_memory", sw);
                out.println(Json.write(m, jsonOption.pretty));
            } else {
                out.print(render(vm, sw, this::scale, wide, total));
                if (i < n - 1) {
                    // procps separates repeated blocks by a blank line, none after the last
                    out.println();
                }
            }
            out.flush();
        }
        return 0;
    }

    /** A byte count in the chosen unit, as procps prints it. */
    String scale(long bytes) {
        if (unit.human) {
            return human(bytes, si);
        }
        long base = si ? 1000 : 1024;
        int shift = unit.bytes ? 0 : unit.mebi ? 2 : unit.gibi ? 3 : unit.tebi ? 4 : 1;
        long v = bytes;
        for (int i = 0; i < shift; i++) {
            v /= base;
        }
        return Long.toString(v);
    }

    /**
     * procps' scale_size: "512B", then the first of "%.1f" and an integer that fits in 4 columns
     * plus the 'i' ("1.4Gi", "23Gi"); with --si without the 'i'.
     */
    static String human(long bytes, boolean si) {
        String units = "BKMGTPE";
        if (bytes < (si ? 1000 : 1024)) {
            return bytes + "B";
        }
        double base = si ? 1000 : 1024;
        for (int i = 1; i < units.length(); i++) {
            double v = bytes / Math.pow(base, i);
            String suffix = units.charAt(i) + (si ? "" : "i");
            int max = si ? 4 : 5;
            String f = String.format(java.util.Locale.ROOT, "%.1f%s", v, suffix);
            if (f.length() <= max) {
                return f;
            }
            String d = (long) v + suffix;
            if (d.length() <= max) {
                return d;
            }
        }
        return bytes + "B";
    }

    interface Scale {
        String of(long bytes);
    }

    static String render(VirtualMemory vm, SwapMemory sw, Scale s, boolean wide, boolean total) {
        var sb = new StringBuilder();
        if (wide) {
            sb.append(String.format("%-9s%11s %11s %11s %11s %11s %11s %11s%n", "", "total", "used", "free", "shared",
                    "buffers", "cache", "available"));
            sb.append(String.format("%-9s%11s %11s %11s %11s %11s %11s %11s%n", "Mem:", s.of(vm.total()), s.of(vm.used()),
                    s.of(vm.free()), s.of(vm.shared()), s.of(vm.buffers()), s.of(vm.cached()), s.of(vm.available())));
        } else {
            sb.append(String.format("%-9s%11s %11s %11s %11s %11s %11s%n", "", "total", "used", "free", "shared",
                    "buff/cache", "available"));
            sb.append(String.format("%-9s%11s %11s %11s %11s %11s %11s%n", "Mem:", s.of(vm.total()), s.of(vm.used()),
                    s.of(vm.free()), s.of(vm.shared()), s.of(vm.buffers() + vm.cached()), s.of(vm.available())));
        }
        sb.append(String.format("%-9s%11s %11s %11s%n", "Swap:", s.of(sw.total()), s.of(sw.used()), s.of(sw.free())));
        if (total) {
            sb.append(String.format("%-9s%11s %11s %11s%n", "Total:", s.of(vm.total() + sw.total()),
                    s.of(vm.used() + sw.used()), s.of(vm.free() + sw.free())));
        }
        return sb.toString();
    }
}
