package psutil4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import psutil4j.Psutil;
import psutil4j.SwapMemory;
import psutil4j.VirtualMemory;
import psutil4j.cli.render.Json;
import psutil4j.cli.render.Units;

/**
 * {@code ./psutil4j meminfo}: psutil's virtual_memory() and swap_memory() laid out like
 * /proc/meminfo ("MemTotal:       24684096 kB"), with the /proc/meminfo name where one exists and
 * psutil's derived figures (MemUsed = total - available, percentages, swap in/out) added.
 * Cached is psutil's: Cached + SReclaimable.
 */
@Command(name = "meminfo", mixinStandardHelpOptions = false,
        description = "Show psutil's memory figures in /proc/meminfo layout.")
final class MeminfoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Option(names = {"-h", "--human"}, description = "Human-readable sizes (1.4G).")
    boolean human;

    @Override
    public void run() {
        VirtualMemory vm = Psutil.virtualMemory();
        SwapMemory sw = Psutil.swapMemory();
        PrintWriter out = spec.commandLine().getOut();
        if (jsonOption.json) {
            var m = new LinkedHashMap<String, Object>();
            m.put("virtual_memory", vm);
            m.put("swap_memory", sw);
            out.println(Json.write(m, jsonOption.pretty));
        } else {
            out.print(render(vm, sw, human));
        }
        out.flush();
    }

    static String render(VirtualMemory vm, SwapMemory sw, boolean human) {
        var sb = new StringBuilder();
        line(sb, "MemTotal", vm.total(), human);
        line(sb, "MemAvailable", vm.available(), human);
        line(sb, "MemUsed", vm.used(), human);
        line(sb, "MemFree", vm.free(), human);
        sb.append(String.format("%-16s%8.1f %%%n", "MemPercent:", vm.percent()));
        line(sb, "Active", vm.active(), human);
        line(sb, "Inactive", vm.inactive(), human);
        line(sb, "Buffers", vm.buffers(), human);
        line(sb, "Cached", vm.cached(), human);
        line(sb, "Shmem", vm.shared(), human);
        line(sb, "Slab", vm.slab(), human);
        line(sb, "SwapTotal", sw.total(), human);
        line(sb, "SwapUsed", sw.used(), human);
        line(sb, "SwapFree", sw.free(), human);
        sb.append(String.format("%-16s%8.1f %%%n", "SwapPercent:", sw.percent()));
        line(sb, "SwapIn", sw.sin(), human);
        line(sb, "SwapOut", sw.sout(), human);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, long bytes, boolean human) {
        if (human) {
            sb.append(String.format("%-16s%8s%n", key + ":", Units.human(bytes)));
        } else {
            sb.append(String.format("%-16s%8d kB%n", key + ":", bytes / 1024));
        }
    }
}
