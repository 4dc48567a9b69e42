package psutil4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.ThreadInfo;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j pstree}: psmisc pstree in its ASCII form ({@code -A} style, the one psmisc
 * prints when not on a UTF-8 terminal). Children sorted by name ({@code -n}: by pid); identical
 * sibling leaves merged as "3*[sleep]"; threads shown as "{name}" children, as psmisc does
 * ({@code -T} hides them). {@code -p} adds pids (and turns merging off), {@code -a} shows command
 * lines, {@code -c} disables merging. An optional PID roots the tree (default 1).
 */
@Command(name = "pstree", mixinStandardHelpOptions = true,
        description = "Display a tree of processes (psmisc pstree).")
final class PstreeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = {"-p", "--show-pids"}, description = "Show pids; implies -c.")
    boolean showPids;

    @Option(names = {"-a", "--arguments"}, description = "Show command line arguments.")
    boolean arguments;

    @Option(names = {"-c", "--compact-not"}, description = "Don't compact identical subtrees.")
    boolean noCompact;

    @Option(names = {"-n", "--numeric-sort"}, description = "Sort by pid instead of name.")
    boolean numericSort;

    @Option(names = {"-T", "--hide-threads"}, description = "Hide threads.")
    boolean hideThreads;

    @Option(names = {"-A", "--ascii"}, description = "ASCII line drawing (always on).")
    boolean ascii;

    @Parameters(paramLabel = "PID", arity = "0..1", description = "Root of the tree (default 1).")
    String root;

    /** A tree node: a process or a thread. */
    static final class Node {
        final int pid;
        final String name;
        final String args;
        final boolean thread;
        final List<Node> children = new ArrayList<>();

        Node(int pid, String name, String args, boolean thread) {
            this.pid = pid;
            this.name = name;
            this.args = args;
            this.thread = thread;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        int rootPid = root == null ? 1 : ProcText.pid(spec, root);
        var nodes = new LinkedHashMap<Integer, Node>();
        var parent = new HashMap<Integer, Integer>();
        var attrs = new ArrayList<>(List.of("ppid", "name", "num_threads"));
        if (arguments) {
            attrs.add("cmdline");
        }
        try (var s = Psutil.processIter(attrs, null)) {
            for (PsProcess p : (Iterable<PsProcess>) s::iterator) {
                Map<String, Object> info = p.info();
                String name = info.get("name") instanceof String n ? n : "?";
                String args = null;
                if (arguments && info.get("cmdline") instanceof List<?> l && l.size() > 1) {
                    args = String.join(" ", ((List<String>) l).subList(1, l.size()));
                }
                Node n = new Node(p.pid(), name, args, false);
                nodes.put(p.pid(), n);
                parent.put(p.pid(), info.get("ppid") instanceof Integer pp ? pp : 0);
                int threads = info.get("num_threads") instanceof Integer t ? t : 1;
                if (!hideThreads && threads > 1) {
                    addThreads(p, n, threads);
                }
            }
        }
        for (var e : parent.entrySet()) {
            Node child = nodes.get(e.getKey());
            Node par = nodes.get(e.getValue());
            if (par != null && e.getKey() != rootPid) {
                par.children.add(child);
            }
        }
        Node top = nodes.get(rootPid);
        if (top == null) {
            return 1; // psmisc prints nothing for a missing pid
        }
        PrintWriter out = spec.commandLine().getOut();
        if (jsonOption.json) {
            out.println(Json.write(json(top), jsonOption.pretty));
        } else {
            List<String> lines = arguments ? renderArgs(top, showPids, numericSort)
                    : render(top, showPids, !noCompact && !showPids, numericSort);
            for (String line : lines) {
                out.println(line);
            }
        }
        out.flush();
        return 0;
    }

    private void addThreads(PsProcess p, Node n, int count) {
        if (!showPids) {
            for (int i = 1; i < count; i++) {
                n.children.add(new Node(p.pid(), "{" + n.name + "}", null, true));
            }
            return;
        }
        try {
            for (ThreadInfo t : p.threads()) {
                if (t.id() != p.pid()) {
                    n.children.add(new Node(t.id(), "{" + n.name + "}", null, true));
                }
            }
        } catch (RuntimeException e) {
            // gone or denied: show no threads
        }
    }

    private static Map<String, Object> json(Node n) {
        var m = new LinkedHashMap<String, Object>();
        m.put("pid", n.pid);
        m.put("name", n.thread ? n.name.substring(1, n.name.length() - 1) : n.name);
        if (n.thread) {
            m.put("thread", true);
        }
        var kids = new ArrayList<Object>();
        for (Node c : n.children) {
            kids.add(json(c));
        }
        m.put("children", kids);
        return m;
    }

    static String label(Node n, boolean pids) {
        String s = n.name + (pids ? "(" + n.pid + ")" : "");
        return n.args == null ? s : s + " " + n.args;
    }

    private static List<Node> sorted(Node n, boolean numeric) {
        var kids = new ArrayList<>(n.children);
        Comparator<Node> byName = Comparator.comparing((Node x) -> x.name).thenComparingInt(x -> x.pid);
        kids.sort(numeric ? Comparator.comparing((Node x) -> x.thread).thenComparingInt(x -> x.pid) : byName);
        return kids;
    }

    /**
     * psmisc's layout with {@code -a}: one process per line, children indented under their parent
     * ("  |-", "  `-"); only threads are merged. psmisc also cuts long command lines, we do not.
     */
    static List<String> renderArgs(Node n, boolean pids, boolean numeric) {
        var out = new ArrayList<String>();
        out.add(label(n, pids));
        List<Node> kids = sorted(n, numeric);
        // -a still merges threads (psmisc: it "disables compaction for processes but not threads")
        var blocks = new ArrayList<List<String>>();
        for (int i = 0; i < kids.size(); i++) {
            Node k = kids.get(i);
            int same = 1;
            while (!pids && k.thread && i + same < kids.size() && kids.get(i + same).thread
                    && kids.get(i + same).name.equals(k.name)) {
                same++;
            }
            blocks.add(same > 1 ? List.of(same + "*[" + k.name + "]") : renderArgs(k, pids, numeric));
            i += same - 1;
        }
        for (int i = 0; i < blocks.size(); i++) {
            boolean last = i == blocks.size() - 1;
            List<String> sub = blocks.get(i);
            for (int j = 0; j < sub.size(); j++) {
                out.add((j == 0 ? (last ? "  `-" : "  |-") : (last ? "    " : "  | ")) + sub.get(j));
            }
        }
        return out;
    }

    /** The lines of the tree under {@code n}, psmisc's ASCII layout. */
    static List<String> render(Node n, boolean pids, boolean compact, boolean numeric) {
        String label = label(n, pids);
        List<Node> kids = sorted(n, numeric);
        // each child's rendering, merged with identical neighbours as "N*[...]"
        var blocks = new ArrayList<List<String>>();
        List<String> prev = null;
        int same = 0;
        for (Node k : kids) {
            List<String> r = render(k, pids, compact, numeric);
            if (compact && prev != null && r.size() == 1 && prev.equals(r)) {
                same++;
                continue;
            }
            if (prev != null) {
                blocks.add(merged(prev, same));
            }
            prev = r;
            same = 1;
        }
        if (prev != null) {
            blocks.add(merged(prev, same));
        }
        var out = new ArrayList<String>();
        if (blocks.isEmpty()) {
            out.add(label);
            return out;
        }
        String pad = " ".repeat(label.length());
        for (int i = 0; i < blocks.size(); i++) {
            List<String> b = blocks.get(i);
            boolean first = i == 0;
            boolean last = i == blocks.size() - 1;
            for (int j = 0; j < b.size(); j++) {
                String prefix;
                if (j == 0) {
                    prefix = first ? label + (blocks.size() == 1 ? "---" : "-+-") : pad + (last ? " `-" : " |-");
                } else {
                    prefix = pad + (last ? "   " : " | ");
                }
                out.add(prefix + b.get(j));
            }
        }
        return out;
    }

    private static List<String> merged(List<String> r, int count) {
        return count <= 1 ? r : List.of(count + "*[" + r.get(0) + "]");
    }
}
