package psutil4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
import psutil4j.Uids;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j pstree}: psmisc pstree in its ASCII form (what psmisc prints off a UTF-8
 * terminal, {@code -A}), following psmisc's dump_tree: children sorted by name then uid
 * ({@code -n}: by pid); identical sibling subtrees merged as "3*[sleep]" (off with {@code -c} and
 * {@code -p}); threads as "{name}" children ({@code -T} hides them); lines cut at the output
 * width (COLUMNS, else 132 as psmisc off a terminal) with a '+', unless {@code -l};
 * {@code -a} prints command lines one process per line, as psmisc reads them (at most a line's
 * width of /proc/[pid]/cmdline; a kernel thread in parentheses; only threads merged).
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

    @Option(names = {"-l", "--long"}, description = "Don't truncate long lines.")
    boolean longLines;

    @Option(names = {"-A", "--ascii"}, description = "ASCII line drawing (always on).")
    boolean ascii;

    @Parameters(paramLabel = "PID", arity = "0..1", description = "Root of the tree (default 1).")
    String root;

    /** A tree node: a process or a thread. */
    static final class Node {
        final int pid;
        final String name;
        final long uid;
        final boolean thread;
        /** Arguments after argv[0] as psmisc splits them (-a); null: none read; empty cmdline: argc -1. */
        List<String> args;
        boolean noCmdline;
        final List<Node> children = new ArrayList<>();

        Node(int pid, String name, long uid, boolean thread) {
            this.pid = pid;
            this.name = name;
            this.uid = uid;
            this.thread = thread;
        }
    }

    /** psmisc's get_output_width(): COLUMNS, else 132 (we cannot ask the terminal). */
    static int outputWidth() {
        String c = System.getenv("COLUMNS");
        if (c != null && !c.isEmpty()) {
            try {
                int w = Integer.parseInt(c.strip());
                if (w > 0) {
                    return w;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        return 132;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        int rootPid = root == null ? 1 : ProcText.pid(spec, root);
        int width = outputWidth();
        var nodes = new HashMap<Integer, Node>();
        var parent = new LinkedHashMap<Integer, Integer>();
        var attrs = new ArrayList<>(List.of("ppid", "name", "num_threads", "uids"));
        if (arguments) {
            attrs.add("cmdline");
        }
        try (var s = Psutil.processIter(attrs, null)) {
            for (PsProcess p : (Iterable<PsProcess>) s::iterator) {
                Map<String, Object> info = p.info();
                String name = comm(info.get("name") instanceof String n ? n : "?");
                long uid = info.get("uids") instanceof Uids u ? u.real() : 0;
                Node n = new Node(p.pid(), name, uid, false);
                if (arguments) {
                    List<String> cmd = info.get("cmdline") instanceof List<?> l ? (List<String>) l : List.of();
                    n.noCmdline = cmd.isEmpty();
                    n.args = cmd.isEmpty() ? List.of() : psmiscArgs(cmd, longLines ? 8192 : width);
                }
                nodes.put(p.pid(), n);
                int pp = info.get("ppid") instanceof Integer x ? x : 0;
                parent.put(p.pid(), pp == p.pid() ? 0 : pp);
                int threads = info.get("num_threads") instanceof Integer t ? t : 1;
                if (!hideThreads && threads > 1) {
                    addThreads(p, n);
                }
            }
        }
        for (var e : parent.entrySet()) {
            Node par = nodes.get(e.getValue());
            if (par != null) {
                par.children.add(nodes.get(e.getKey()));
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
            out.print(render(top, showPids, arguments, !noCompact && !showPids, numericSort, longLines ? 0 : width));
        }
        out.flush();
        return 0;
    }

    /** The kernel's 15-character comm, as psmisc reads it from /proc/[pid]/stat. */
    static String comm(String name) {
        return name.length() > 15 ? name.substring(0, 15) : name;
    }

    /**
     * The arguments psmisc shows: it reads at most {@code limit} bytes of /proc/[pid]/cmdline, ends
     * the buffer with a NUL and splits at NULs after argv[0]. A complete command line thus ends with
     * an empty argument (so every real one gets a leading blank); a cut one does not (its last,
     * partial argument follows the previous one without a blank).
     */
    static List<String> psmiscArgs(List<String> cmdline, int limit) {
        var raw = new StringBuilder();
        for (String a : cmdline) {
            raw.append(a).append('\0');
        }
        byte[] b = raw.toString().getBytes(StandardCharsets.UTF_8);
        int size = Math.min(b.length, limit + 1);
        if (size >= limit + 1) {
            size--;
        }
        byte[] buf = new byte[size + 1];
        System.arraycopy(b, 0, buf, 0, size);
        var out = new ArrayList<String>();
        int start = -1;
        for (int i = 0; i < size; i++) {
            if (buf[i] == 0) {
                if (start < 0) {
                    start = i + 1; // argv[0] ends here
                } else {
                    out.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
                while (i + 1 < size && buf[i + 1] == 0) {
                    i++;
                    start = i + 1;
                }
            }
        }
        if (start >= 0) {
            out.add(new String(buf, start, Math.max(0, size - start), StandardCharsets.UTF_8));
        }
        return out;
    }

    private void addThreads(PsProcess p, Node n) {
        try {
            for (ThreadInfo t : p.threads()) {
                if (t.id() != p.pid()) {
                    Node th = new Node(t.id(), "{" + n.name + "}", n.uid, true);
                    th.args = List.of();
                    n.children.add(th);
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

    /** The tree under {@code top}; {@code width} 0 = no truncation. */
    static String render(Node top, boolean pids, boolean args, boolean compact, boolean numeric, int width) {
        var p = new Printer(pids, args, compact, numeric, width);
        p.dump(top, 0, 1, true, true, 0);
        return p.out.toString();
    }

    /** psmisc's dump_tree over a virtual screen line (cur_x, width[] and more[] per level). */
    private static final class Printer {
        final StringBuilder out = new StringBuilder();
        final boolean pids;
        final boolean args;
        final boolean compact;
        final boolean numeric;
        final int outputWidth;
        final boolean trunc;
        int curX = 1;
        int[] width = new int[64];
        boolean[] more = new boolean[64];

        Printer(boolean pids, boolean args, boolean compact, boolean numeric, int outputWidth) {
            this.pids = pids;
            this.args = args;
            this.compact = compact;
            this.numeric = numeric;
            this.outputWidth = outputWidth;
            this.trunc = outputWidth > 0;
        }

        void outChar(char c) {
            curX++;
            if (!trunc || curX <= outputWidth) {
                out.append(c);
            } else if (curX == outputWidth + 1) {
                out.append('+');
            }
        }

        void outString(String s) {
            for (int i = 0; i < s.length(); i++) {
                outChar(s.charAt(i));
            }
        }

        int outInt(int x) {
            String s = Integer.toString(x);
            outString(s);
            return s.length();
        }

        void newline() {
            out.append('\n');
            curX = 1;
        }

        /** psmisc's out_args: '\' doubled, bytes outside ' '..'~' as \ooo. */
        int outArgs(String s) {
            int n = 0;
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (c == '\\') {
                    outString("\\\\");
                    n += 2;
                } else if (c >= ' ' && c <= '~') {
                    outChar((char) c);
                    n++;
                } else {
                    outString(String.format("\\%03o", c));
                    n += 4;
                }
            }
            return n;
        }

        static int printedLength(String s) {
            int n = 0;
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                n += (b & 0xff) >= ' ' && (b & 0xff) <= '~' ? 1 : 4;
            }
            return n;
        }

        List<Node> sorted(Node n) {
            var kids = new ArrayList<>(n.children);
            kids.sort(numeric ? Comparator.comparingInt((Node x) -> x.pid)
                    : Comparator.comparing((Node x) -> x.name).thenComparingLong(x -> x.uid).thenComparingInt(x -> x.pid));
            return kids;
        }

        static boolean treeEqual(Node a, Node b, Printer p) {
            if (!a.name.equals(b.name) || a.children.size() != b.children.size()) {
                return false;
            }
            List<Node> ka = p.sorted(a);
            List<Node> kb = p.sorted(b);
            for (int i = 0; i < ka.size(); i++) {
                if (!treeEqual(ka.get(i), kb.get(i), p)) {
                    return false;
                }
            }
            return true;
        }

        private void grow(int level) {
            if (level >= width.length) {
                width = java.util.Arrays.copyOf(width, level * 2);
                more = java.util.Arrays.copyOf(more, level * 2);
            }
        }

        void dump(Node cur, int level, int rep, boolean leaf, boolean last, int closing) {
            grow(level + 1);
            if (!leaf) {
                for (int lvl = 0; lvl < level; lvl++) {
                    for (int i = width[lvl] + 1; i > 0; i--) {
                        outChar(' ');
                    }
                    outString(lvl == level - 1 ? (last ? "`-" : "|-") : more[lvl + 1] ? "| " : "  ");
                }
            }
            int add = 0;
            if (rep >= 2) {
                add = outInt(rep) + 2;
                outString("*[");
            }
            boolean swapped = args;
            int info = args ? 1 : 0;
            if (swapped && cur.noCmdline) {
                outChar('(');
            }
            int commLen = outArgs(cur.name);
            int offset = curX;
            if (pids) {
                outChar(info++ > 0 ? ',' : '(');
                outInt(cur.pid);
            }
            if ((swapped && cur.noCmdline) || (!swapped && info > 0)) {
                outChar(')');
            }
            if (args && cur.args != null) {
                List<String> a = cur.args;
                for (int i = 0; i < a.size(); i++) {
                    boolean lastArg = i == a.size() - 1;
                    if (!lastArg) {
                        outChar(' ');
                    }
                    int len = printedLength(a.get(i));
                    if (!trunc || curX + len <= outputWidth - (lastArg ? 0 : 4)) {
                        outArgs(a.get(i));
                    } else {
                        outString("...");
                        break;
                    }
                }
            }
            List<Node> kids = sorted(cur);
            if (args || kids.isEmpty()) {
                for (int i = 0; i < closing; i++) {
                    outChar(']');
                }
                newline();
            }
            more[level] = !last;
            if (args) {
                width[level] = 1 + (commLen > 1 ? 0 : -1);
                for (int k = 0; k < kids.size(); k++) {
                    Node c = kids.get(k);
                    int count = 0;
                    if (compact && c.thread) {
                        for (int j = k + 1; j < kids.size(); ) {
                            if (treeEqual(c, kids.get(j), this)) {
                                kids.remove(j);
                                count++;
                            } else {
                                j++;
                            }
                        }
                    }
                    dump(c, level + 1, count + 1, false, k == kids.size() - 1, count > 0 ? 1 : 0);
                }
                return;
            }
            width[level] = commLen + curX - offset + add;
            if (trunc && curX >= outputWidth) {
                outString("-+-");
                outString("+");
                newline();
                return;
            }
            boolean first = true;
            for (int k = 0; k < kids.size(); k++) {
                Node c = kids.get(k);
                int count = 0;
                if (compact) {
                    for (int j = k + 1; j < kids.size(); ) {
                        if (treeEqual(c, kids.get(j), this)) {
                            kids.remove(j);
                            count++;
                        } else {
                            j++;
                        }
                    }
                }
                boolean hasNext = k < kids.size() - 1;
                if (first) {
                    outString(hasNext ? "-+-" : "---");
                    first = false;
                }
                dump(c, level + 1, count + 1, k == 0, !hasNext, closing + (count > 0 ? 1 : 0));
            }
        }
    }
}
