package psutil4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import psutil4j.AccessDeniedException;
import psutil4j.MemoryFootprint;
import psutil4j.MemoryInfo;
import psutil4j.NoSuchProcessException;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j procsmem}: psutil's scripts/procsmem.py: USS, PSS, swap and RSS of every
 * process that has a USS (kernel threads have none), sorted by USS ascending, from
 * memory_footprint() (/proc/[pid]/smaps_rollup) and memory_info(). Processes we may not read are
 * counted in a warning on stderr (run as root to see them all).
 */
@Command(name = "procsmem", mixinStandardHelpOptions = true,
        description = "Show USS, PSS, swap and RSS per process, sorted by USS (psutil's procsmem.py).")
final class ProcsmemCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    /** One line of the report. */
    record Entry(int pid, String username, List<String> cmdline, long uss, long pss, long swap, long rss) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        var entries = new ArrayList<Entry>();
        int denied = 0;
        try (var s = Psutil.processIter(List.of("cmdline", "username", "memory_info"), null)) {
            for (PsProcess p : (Iterable<PsProcess>) s::iterator) {
                try {
                    Map<String, Object> info = p.info();
                    // not prefetched: read again, so a zombie (skipped) and a denial (counted) differ
                    MemoryInfo mi = info.get("memory_info") instanceof MemoryInfo m ? m : p.memoryInfo();
                    MemoryFootprint f = p.memoryFootprint();
                    if (f.uss() == 0) {
                        continue;
                    }
                    List<String> cmd = info.get("cmdline") instanceof List<?> l ? (List<String>) l : List.of();
                    String user = info.get("username") instanceof String u ? u : "?";
                    entries.add(new Entry(p.pid(), user, cmd, f.uss(), f.pss(), f.swap(), mi.rss()));
                } catch (AccessDeniedException e) {
                    denied++;
                } catch (NoSuchProcessException e) {
                    // ended meanwhile
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::uss));
        PrintWriter out = spec.commandLine().getOut();
        if (jsonOption.json) {
            var list = new ArrayList<Map<String, Object>>();
            for (Entry e : entries) {
                var m = new LinkedHashMap<String, Object>();
                m.put("pid", e.pid());
                m.put("username", e.username());
                m.put("cmdline", e.cmdline());
                m.put("uss", e.uss());
                m.put("pss", e.pss());
                m.put("swap", e.swap());
                m.put("rss", e.rss());
                list.add(m);
            }
            out.println(Json.write(list, jsonOption.pretty));
        } else {
            out.print(render(entries));
        }
        out.flush();
        if (denied > 0) {
            var err = spec.commandLine().getErr();
            err.println("warning: access denied for " + denied + " pids (run as root to see them)");
            err.flush();
        }
    }

    static String render(List<Entry> entries) {
        var sb = new StringBuilder();
        String templ = "%-7s %-7s %-30s %7s %7s %7s %7s%n";
        sb.append(String.format(templ, "PID", "User", "Cmdline", "USS", "PSS", "Swap", "RSS"));
        sb.append("=".repeat(78)).append('\n');
        for (Entry e : entries) {
            String user = e.username().length() > 7 ? e.username().substring(0, 7) : e.username();
            String cmd = String.join(" ", e.cmdline());
            if (cmd.length() > 30) {
                cmd = cmd.substring(0, 30);
            }
            sb.append(String.format(templ, e.pid(), user, cmd, bytes(e.uss()), bytes(e.pss()), bytes(e.swap()), bytes(e.rss())));
        }
        return sb.toString();
    }

    /** procsmem.py's convert_bytes: "15.3M", "0B". */
    static String bytes(long n) {
        String symbols = "KMGTPE";
        for (int i = symbols.length() - 1; i >= 0; i--) {
            long prefix = 1L << ((i + 1) * 10);
            if (n >= prefix) {
                return String.format(java.util.Locale.ROOT, "%.1f%c", (double) n / prefix, symbols.charAt(i));
            }
        }
        return n + "B";
    }
}
