package psutil4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.MemoryMapExt;
import psutil4j.PsProcess;
import psutil4j.ZombieProcessException;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j pmap}: procps pmap from psutil's {@code memory_maps(grouped=False)}.
 * Default: address, size, mode, mapping and a total; {@code -x}: Kbytes, RSS and Dirty
 * (shared + private dirty) columns and a "total kB" line. Heap, vdso and anonymous maps show as
 * "[ anon ]", the stack as "[ stack ]", files by base name ({@code -p}: full path).
 */
@Command(name = "pmap", mixinStandardHelpOptions = true,
        description = "Report the memory map of processes (procps pmap).")
final class PmapCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = {"-x", "--extended"}, description = "Show RSS and Dirty columns.")
    boolean extended;

    @Option(names = {"-q", "--quiet"}, description = "No header or footer lines.")
    boolean quiet;

    @Option(names = {"-p", "--show-path"}, description = "Show the full path of mapped files.")
    boolean fullPath;

    @Parameters(paramLabel = "PID", arity = "1..*", description = "Process ids.")
    List<String> pids = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var all = new LinkedHashMap<String, Object>();
        for (String a : pids) {
            int pid = ProcText.pid(spec, a);
            PsProcess p = PsProcess.of(pid);
            List<MemoryMapExt> maps;
            String cmd;
            try {
                maps = p.memoryMapsExt();
                cmd = String.join(" ", p.cmdline());
                cmd = cmd.isEmpty() ? "[" + p.name() + "]" : cmd;
            } catch (ZombieProcessException e) {
                // procps: a zombie has no maps; its header names it as ps does
                maps = List.of();
                cmd = "[" + p.name() + "] <defunct>";
            }
            if (jsonOption.json) {
                all.put(Integer.toString(pid), maps);
                continue;
            }
            out.print(render(pid, cmd, maps, extended, quiet, fullPath));
        }
        if (jsonOption.json) {
            out.println(Json.write(pids.size() == 1 ? all.values().iterator().next() : all, jsonOption.pretty));
        }
        out.flush();
        return 0;
    }

    /** procps' mapping column. */
    static String mapping(String path, boolean fullPath) {
        if (path.equals("[stack]")) {
            return "  [ stack ]";
        }
        if (path.isEmpty() || path.startsWith("[")) {
            return "  [ anon ]";
        }
        if (fullPath) {
            return path;
        }
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** "r-xp" -> "r-x--", "r--s" -> "r--s-". */
    static String mode(String perms) {
        var sb = new StringBuilder(5);
        for (int i = 0; i < 3; i++) {
            sb.append(i < perms.length() ? perms.charAt(i) : '-');
        }
        sb.append(perms.length() > 3 && perms.charAt(3) == 's' ? 's' : '-');
        sb.append('-');
        return sb.toString();
    }

    static String render(int pid, String cmd, List<MemoryMapExt> maps, boolean extended, boolean quiet, boolean fullPath) {
        var sb = new StringBuilder();
        sb.append(pid).append(":   ").append(cmd).append('\n');
        long size = 0;
        long rss = 0;
        long dirty = 0;
        if (extended && !quiet) {
            sb.append("Address           Kbytes     RSS   Dirty Mode  Mapping\n");
        }
        for (MemoryMapExt m : maps) {
            String start = m.addr().substring(0, m.addr().indexOf('-'));
            long kb = m.size() / 1024;
            long r = m.rss() / 1024;
            long d = (m.sharedDirty() + m.privateDirty()) / 1024;
            size += kb;
            rss += r;
            dirty += d;
            String addr = "0".repeat(Math.max(0, 16 - start.length())) + start;
            if (extended) {
                sb.append(String.format("%s %7d %7d %7d %s %s%n", addr, kb, r, d, mode(m.perms()), mapping(m.path(), fullPath)));
            } else {
                sb.append(String.format("%s %6dK %s %s%n", addr, kb, mode(m.perms()), mapping(m.path(), fullPath)));
            }
        }
        if (!quiet) {
            if (extended) {
                sb.append("---------------- ------- ------- ------- \n");
                sb.append(String.format("total kB %15d %7d %7d%n", size, rss, dirty));
            } else {
                sb.append(String.format(" total %16dK%n", size));
            }
        }
        return sb.toString();
    }
}
