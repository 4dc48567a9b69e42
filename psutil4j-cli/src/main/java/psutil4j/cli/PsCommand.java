package psutil4j.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.MemoryInfo;
import psutil4j.ProcessCpuTimes;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.Uids;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j ps}: procps ps for the forms people type: {@code ps aux}, {@code ps -ef},
 * {@code ps -eo pid,user,comm --sort=-%cpu}, {@code ps -p PID}, {@code ps -u USER}, {@code ps -C NAME}.
 *
 * <p>One {@link Psutil#processIter} sweep prefetches only the psutil attributes the chosen columns
 * need. %CPU is procps' lifetime average (CPU time / elapsed time), not a sampled rate. The STAT
 * flags psutil does not model (session leader 's', foreground '+', locked 'L'), process groups,
 * scheduling classes and wait channels are psutil4j's additional attributes ("sid", "tpgid",
 * "locked_memory", ..., {@link Psutil#EXTRA_PROCESS_ATTRS}), prefetched in the same sweep.
 */
@Command(name = "ps", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Report a snapshot of the current processes (procps ps).",
        footer = {"", "BSD words: a (all with a terminal), x (also without), u (user format), w (ignored).",
            "Format keys: pid ppid uid user comm args cmd command nice ni rss vsz stat state lstart start",
            "  stime start_time etime etimes time cputime bsdtime %%cpu pcpu c %%mem pmem tty tt psr nlwp pgid sid",
            "  tpgid cls rtprio wchan f.",
            "  key=HEADER renames a column; key= hides its header."})
final class PsCommand implements java.util.concurrent.Callable<Integer>, FastStart.Tool {

    /** The flags {@link #fast} parses: those without a value. */
    private static final Map<String, String> FLAGS = Map.of("-e", "all", "-A", "all", "-f", "full",
            "--forest", "forest", "--no-headers", "noHeaders", "--no-heading", "noHeaders",
            "--json", "json", "--pretty", "pretty");

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = {"-e", "-A"}, description = "Select every process.")
    boolean all;

    @Option(names = "-f", description = "Full format: UID PID PPID C STIME TTY TIME CMD.")
    boolean full;

    @Option(names = {"-o", "--format"}, paramLabel = "KEYS", description = "Columns, comma-separated (repeatable).")
    List<String> format = new ArrayList<>();

    @Option(names = {"-p", "--pid"}, paramLabel = "PID", split = ",", description = "Select by pid.")
    List<String> pids = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER", split = ",", description = "Select by effective user name or id.")
    List<String> users = new ArrayList<>();

    @Option(names = {"-U", "--User"}, paramLabel = "USER", split = ",", description = "Select by real user name or id.")
    List<String> realUsers = new ArrayList<>();

    @Option(names = "-C", paramLabel = "NAME", split = ",", description = "Select by command name.")
    List<String> names = new ArrayList<>();

    @Option(names = "--sort", paramLabel = "[+|-]KEY", split = ",", description = "Sort keys, - for descending (e.g. -%%cpu,pid).")
    List<String> sort = new ArrayList<>();

    @Option(names = "--forest", description = "ASCII art process tree in the command column (BSD: f).")
    boolean forest;

    @Option(names = {"--no-headers", "--no-heading"}, description = "Print no header line.")
    boolean noHeaders;

    @Parameters(paramLabel = "BSD", description = "BSD options: aux, ax, u, ...")
    List<String> bsd = new ArrayList<>();

    /** A column: procps header, width, alignment, the psutil attributes it needs, value and sort key. */
    record Column(String key, String header, int width, boolean right, List<String> attrs,
                  Function<Row, String> text, Function<Row, Comparable<?>> sortKey) {
        Column withHeader(String h) {
            return new Column(key, h, width, right, attrs, text, sortKey);
        }
    }

    /** One process: its prefetched psutil attributes plus what ps derives from them. */
    static final class Row {
        final Map<String, Object> info;
        final double now;
        final long memTotal;
        /** --forest: the ASCII art before the command ("     \\_ "). */
        String forest = "";

        Row(Map<String, Object> info, double now, long memTotal) {
            this.info = info;
            this.now = now;
            this.memTotal = memTotal;
        }

        int pid() {
            return (Integer) info.get("pid");
        }

        Object get(String k) {
            return info.get(k);
        }

        double createTime() {
            return info.get("create_time") instanceof Double d ? d : Double.NaN;
        }

        long cpuSeconds() {
            return info.get("cpu_times") instanceof ProcessCpuTimes t ? (long) (t.user() + t.system() + 1e-6) : 0;
        }

        /** procps pcpu in tenths of a percent: CPU time over the time since start, truncated. */
        long pcpuTenths() {
            if (!(info.get("cpu_times") instanceof ProcessCpuTimes t)) {
                return 0;
            }
            double elapsed = now - createTime();
            if (!(elapsed > 0)) {
                return 0;
            }
            return (long) ((t.user() + t.system()) * 1000 / elapsed);
        }

        long pmemTenths() {
            if (!(info.get("memory_info") instanceof MemoryInfo m) || memTotal <= 0) {
                return 0;
            }
            return m.rss() * 1000 / memTotal;
        }

        long rssKb() {
            return info.get("memory_info") instanceof MemoryInfo m ? m.rss() / 1024 : 0;
        }

        long vszKb() {
            return info.get("memory_info") instanceof MemoryInfo m ? m.vms() / 1024 : 0;
        }

        String user() {
            Object u = info.get("username");
            if (u != null) {
                return u.toString();
            }
            return info.get("uids") instanceof Uids ids ? Long.toString(ids.effective()) : "?";
        }

        String name() {
            Object n = info.get("name");
            return n == null ? "?" : n.toString();
        }

        /**
         * The kernel's comm, as procps shows it: psutil extends a user process's 15-character
         * name from its command line, procps does not. (Kernel threads may have longer names of
         * their own, which both show.)
         */
        String comm() {
            String n = name();
            return n.length() > 15 && info.get("cmdline") instanceof List<?> l && !l.isEmpty() ? n.substring(0, 15) : n;
        }

        @SuppressWarnings("unchecked")
        String args() {
            boolean zombie = "zombie".equals(info.get("status"));
            Object c = info.get("cmdline");
            if (!zombie && c instanceof List<?> l && !l.isEmpty()) {
                return String.join(" ", (List<String>) l);
            }
            return "[" + name() + "]" + (zombie ? " <defunct>" : "");
        }

        /** An int attribute, or {@code dflt} when absent (not asked for, or access denied). */
        int intOf(String key, int dflt) {
            return info.get(key) instanceof Integer i ? i : dflt;
        }

        /** Scheduled by a policy other than SCHED_OTHER (0) and SCHED_BATCH (3). */
        boolean realtime() {
            int policy = intOf("sched_policy", 0);
            return policy != 0 && policy != 3;
        }

        char stateChar() {
            return stateLetter((String) info.get("status"));
        }

        String stat() {
            var sb = new StringBuilder().append(stateChar());
            int nice = info.get("nice") instanceof Integer n ? n : 0;
            if (nice < 0) {
                sb.append('<');
            } else if (nice > 0) {
                sb.append('N');
            }
            if (info.get("locked_memory") instanceof Long locked && locked > 0) {
                sb.append('L');
            }
            if (intOf("sid", -1) == pid()) {
                sb.append('s');
            }
            if (info.get("num_threads") instanceof Integer n && n > 1) {
                sb.append('l');
            }
            if (info.get("tpgid") instanceof Integer tpgid && tpgid == intOf("pgid", -1)) {
                sb.append('+');
            }
            return sb.toString();
        }
    }

    static String comm(String name) {
        return name.length() > 15 ? name.substring(0, 15) : name;
    }

    private static String userName(long uid) {
        return ProcText.userName(uid);
    }

    /** psutil's status string -> the kernel's state letter. */
    static char stateLetter(String status) {
        return psutil4j.cli.render.States.letter(status);
    }

    /** procps CLS: TS FF RR B ISO IDL DLN. */
    static String schedClass(Row r) {
        int p = r.intOf("sched_policy", -1);
        if (p < 0) {
            return "-";
        }
        String[] names = {"TS", "FF", "RR", "B", "ISO", "IDL", "DLN"};
        return p < names.length ? names[p] : "?";
    }

    /** procps WCHAN: the kernel function, without the '.' and '_' prefixes procps drops; "-" when none. */
    static String wchan(Row r) {
        if (!(r.get("wchan") instanceof String w)) {
            return "-";
        }
        int i = w.startsWith(".") ? 1 : 0;
        while (i < w.length() && w.charAt(i) == '_') {
            i++;
        }
        return w.substring(i);
    }

    static String tenths(long t) {
        return t >= 1000 ? Long.toString(t / 10) : (t / 10) + "." + (t % 10);
    }

    private static Column col(String key, String header, int width, boolean right, List<String> attrs,
                              Function<Row, String> text, Function<Row, Comparable<?>> sortKey) {
        return new Column(key, header, width, right, attrs, text, sortKey);
    }

    /** The format keys procps knows that we support, with procps' headers and widths. */
    static Column column(String key, ZoneId zone) {
        return switch (key) {
            case "pid", "tgid" -> col(key, "PID", 5, true, List.of(), r -> Integer.toString(r.pid()), Row::pid);
            case "ppid" -> col(key, "PPID", 5, true, List.of("ppid"), r -> String.valueOf(r.get("ppid")),
                    r -> r.get("ppid") instanceof Integer i ? i : -1);
            case "uid", "euid" -> col(key, "UID", 5, true, List.of("uids"),
                    r -> r.get("uids") instanceof Uids u ? Long.toString(u.effective()) : "?",
                    r -> r.get("uids") instanceof Uids u ? u.effective() : -1L);
            case "user", "euser", "uname" -> col(key, "USER", 8, false, List.of("username", "uids"), Row::user, Row::user);
            case "comm", "ucomm", "ucmd" -> col(key, "COMMAND", 15, false, List.of("name", "cmdline"),
                    r -> r.forest + r.comm(), Row::comm);
            case "args", "command" -> col(key, "COMMAND", 27, false, List.of("cmdline", "name", "status"),
                    r -> r.forest + r.args(), Row::args);
            case "cmd" -> col(key, "CMD", 27, false, List.of("cmdline", "name", "status"), r -> r.forest + r.args(), Row::args);
            // procps: "-" for real-time and deadline policies, where the nice value means nothing
            case "nice", "ni" -> col(key, "NI", 3, true, List.of("nice", "sched_policy"),
                    r -> r.realtime() || !(r.get("nice") instanceof Integer) ? "-" : r.get("nice").toString(),
                    r -> r.get("nice") instanceof Integer n ? n : 0);
            case "cls", "class", "policy" -> col(key, "CLS", 3, true, List.of("sched_policy"), PsCommand::schedClass,
                    r -> r.intOf("sched_policy", -1));
            case "rtprio" -> col(key, "RTPRIO", 6, true, List.of("sched_policy", "rt_priority"),
                    r -> r.realtime() ? Integer.toString(r.intOf("rt_priority", 0)) : "-",
                    r -> r.intOf("rt_priority", 0));
            case "rss", "rssize", "rsz" -> col(key, "RSS", 5, true, List.of("memory_info"),
                    r -> Long.toString(r.rssKb()), Row::rssKb);
            case "vsz", "vsize" -> col(key, "VSZ", 6, true, List.of("memory_info"),
                    r -> Long.toString(r.vszKb()), Row::vszKb);
            case "stat" -> col(key, "STAT", 4, false,
                    List.of("status", "nice", "num_threads", "locked_memory", "sid", "pgid", "tpgid"), Row::stat, Row::stat);
            case "state", "s" -> col(key, "S", 1, false, List.of("status"),
                    r -> String.valueOf(r.stateChar()), r -> String.valueOf(r.stateChar()));
            case "lstart" -> col(key, "STARTED", 24, true, List.of("create_time"),
                    r -> ProcText.lstart(r.createTime(), zone), Row::createTime);
            case "start" -> col(key, "STARTED", 8, true, List.of("create_time"),
                    r -> startLong(r.createTime(), r.now, zone), Row::createTime);
            case "start_time" -> col(key, "START", 5, true, List.of("create_time"),
                    r -> ProcText.start(r.createTime(), r.now, zone), Row::createTime);
            case "stime" -> col(key, "STIME", 5, true, List.of("create_time"),
                    r -> ProcText.start(r.createTime(), r.now, zone), Row::createTime);
            case "etime" -> col(key, "ELAPSED", 11, true, List.of("create_time"),
                    r -> ProcText.etime(elapsed(r)), r -> elapsed(r));
            case "etimes" -> col(key, "ELAPSED", 7, true, List.of("create_time"),
                    r -> Long.toString(elapsed(r)), r -> elapsed(r));
            case "time", "cputime" -> col(key, "TIME", 8, true, List.of("cpu_times"),
                    r -> ProcText.cpuTime(r.cpuSeconds()), Row::cpuSeconds);
            case "bsdtime" -> col(key, "TIME", 6, true, List.of("cpu_times"),
                    r -> ProcText.bsdTime(r.cpuSeconds()), Row::cpuSeconds);
            case "%cpu", "pcpu" -> col(key, "%CPU", 4, true, List.of("cpu_times", "create_time"),
                    r -> tenths(r.pcpuTenths()), Row::pcpuTenths);
            case "c" -> col(key, "C", 2, true, List.of("cpu_times", "create_time"),
                    r -> Long.toString(Math.min(99, r.pcpuTenths() / 10)), Row::pcpuTenths);
            case "%mem", "pmem" -> col(key, "%MEM", 4, true, List.of("memory_info"),
                    r -> tenths(r.pmemTenths()), Row::pmemTenths);
            case "tty", "tt", "tname" -> col(key, "TT", 8, false, List.of("terminal"),
                    r -> ProcText.tty((String) r.get("terminal")), r -> ProcText.tty((String) r.get("terminal")));
            case "psr" -> col(key, "PSR", 3, true, List.of("cpu_num"),
                    r -> String.valueOf(r.get("cpu_num")), r -> r.get("cpu_num") instanceof Integer i ? i : -1);
            case "nlwp", "thcount" -> col(key, "NLWP", 4, true, List.of("num_threads"),
                    r -> String.valueOf(r.get("num_threads")), r -> r.get("num_threads") instanceof Integer i ? i : 0);
            case "pgid", "pgrp" -> col(key, "PGID", 5, true, List.of("pgid"),
                    r -> r.get("pgid") == null ? "?" : r.get("pgid").toString(), r -> r.intOf("pgid", -1));
            case "sid", "sess", "session" -> col(key, "SID", 5, true, List.of("sid"),
                    r -> r.get("sid") == null ? "?" : r.get("sid").toString(), r -> r.intOf("sid", -1));
            case "tpgid" -> col(key, "TPGID", 5, true, List.of("tpgid"),
                    r -> Integer.toString(r.intOf("tpgid", -1)), r -> r.intOf("tpgid", -1));
            case "wchan" -> col(key, "WCHAN", 6, false, List.of("wchan"), PsCommand::wchan, PsCommand::wchan);
            // procps F: PF_FORKNOEXEC (1) and PF_SUPERPRIV (4) of the kernel's flags
            case "f", "flag", "flags" -> col(key, "F", 1, true, List.of("flags"),
                    r -> r.get("flags") instanceof Long f ? Long.toOctalString((f >> 6) & 7) : "?",
                    r -> r.get("flags") instanceof Long f ? (f >> 6) & 7 : -1L);
            default -> null;
        };
    }

    private static long elapsed(Row r) {
        double e = r.now - r.createTime();
        return e > 0 ? (long) e : 0;
    }

    /** procps 'start': HH:MM:SS within a day, else "Mon dd". */
    static String startLong(double epoch, double now, ZoneId zone) {
        var t = java.time.ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond((long) epoch), zone);
        return now - epoch < 86400
                ? java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).format(t)
                : java.time.format.DateTimeFormatter.ofPattern("MMM dd", Locale.ROOT).format(t);
    }

    private static final List<String> AUX = List.of("user", "pid", "%cpu", "%mem", "vsz", "rss", "tty=TTY", "stat",
            "start_time=START", "bsdtime", "args=COMMAND");
    private static final List<String> FULL = List.of("user=UID", "pid", "ppid", "c", "stime", "tty=TTY", "time", "args=CMD");
    private static final List<String> DEFAULT = List.of("pid", "tty=TTY", "time", "comm=CMD");
    /** procps' format when BSD words select without 'u' ("ps ax"). */
    private static final List<String> BSD = List.of("pid", "tty=TTY", "stat", "bsdtime", "args=COMMAND");

    /** The columns for the options given; a usage error for an unknown key. */
    List<Column> columns(ZoneId zone) {
        List<String> keys;
        boolean bsdU = bsdFlags().contains('u');
        if (!format.isEmpty()) {
            keys = new ArrayList<>();
            for (String f : format) {
                // "comm=NAME,pid": a header runs to the end of the word only when it is the last key
                for (String k : f.split(",")) {
                    if (!k.isBlank()) {
                        keys.add(k.strip());
                    }
                }
            }
        } else if (bsdU) {
            keys = AUX;
        } else if (full) {
            keys = FULL;
        } else if (!bsd.isEmpty()) {
            keys = BSD;
        } else {
            keys = DEFAULT;
        }
        var cols = new ArrayList<Column>();
        for (String k : keys) {
            int eq = k.indexOf('=');
            String name = (eq < 0 ? k : k.substring(0, eq)).toLowerCase(Locale.ROOT);
            Column c = column(name, zone);
            if (c == null) {
                throw ProcText.usage(spec, "unknown user-defined format specifier \"" + name + "\"");
            }
            cols.add(eq < 0 ? c : c.withHeader(k.substring(eq + 1)));
        }
        return cols;
    }

    private Set<Character> bsdFlags() {
        var s = new LinkedHashSet<Character>();
        for (String w : bsd) {
            String x = w.startsWith("-") ? w.substring(1) : w;
            for (char ch : x.toCharArray()) {
                if ("auxwf".indexOf(ch) < 0) {
                    throw ProcText.usage(spec, "unsupported BSD option '" + ch + "' in \"" + w + "\" (supported: a u x w f)");
                }
                s.add(ch);
            }
        }
        return s;
    }

    /**
     * {@link FastStart}'s parser: flags without a value and BSD words of the supported letters
     * ({@code ps aux}, {@code ps -ef}, {@code ps axf --json}); null for anything else (-o, -p,
     * --sort, ...), which picocli parses.
     */
    static PsCommand fast(String[] args) {
        var words = new ArrayList<String>();
        Set<String> f = FastStart.flags(args, FLAGS, PsCommand::supportedBsdWord, words);
        if (f == null) {
            return null;
        }
        var c = new PsCommand();
        c.jsonOption = new JsonOption();
        c.jsonOption.json = f.contains("json");
        c.jsonOption.pretty = f.contains("pretty");
        c.all = f.contains("all");
        c.full = f.contains("full");
        c.forest = f.contains("forest");
        c.noHeaders = f.contains("noHeaders");
        c.bsd.addAll(words);
        return c;
    }

    /** The calls whose downcalls the sweep makes, on this process. */
    private static void linkDowncalls() {
        try {
            PsProcess me = PsProcess.current();
            me.nice();
            me.username();
        } catch (RuntimeException e) {
            // the sweep will meet the same failure and report it
        }
    }

    private static boolean supportedBsdWord(String w) {
        for (int i = 0; i < w.length(); i++) {
            if ("auxwf".indexOf(w.charAt(i)) < 0) {
                return false;
            }
        }
        return !w.isEmpty();
    }

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut());
    }

    @Override
    public int run(PrintWriter out) {
        // Linking ps's downcalls (sysconf, getpwuid_r, getpriority) takes ~30 ms in a fresh JVM:
        // done on another core while this thread loads the time zone and sets up the columns.
        Thread.ofPlatform().daemon().name("ps-link").start(PsCommand::linkDowncalls);
        ZoneId zone = ZoneId.systemDefault();
        List<Column> cols = columns(zone);
        Set<Character> flags = bsdFlags();
        Comparator<Row> order = comparator(zone);

        var attrs = new LinkedHashSet<String>();
        attrs.add("pid");
        if (forest || flags.contains('f')) {
            attrs.add("ppid");
            attrs.add("create_time");
        }
        for (Column c : cols) {
            attrs.addAll(c.attrs());
        }
        for (String s : sort) {
            Column c = column(sortName(s), zone);
            if (c == null) {
                continue; // reported by comparator()
            }
            attrs.addAll(c.attrs());
        }

        var wantPids = new LinkedHashSet<Integer>();
        for (String p : ProcText.words(pids)) {
            wantPids.add(ProcText.pid(spec, p));
        }
        var wantUsers = new LinkedHashSet<>(ProcText.words(users));
        var wantNames = new LinkedHashSet<>(ProcText.words(names));
        var wantRealUsers = new LinkedHashSet<>(ProcText.words(realUsers));
        boolean explicitSel = !wantPids.isEmpty() || !wantUsers.isEmpty() || !wantNames.isEmpty() || !wantRealUsers.isEmpty();
        boolean everyone = all || (flags.contains('a') && flags.contains('x'));
        boolean defaultSel = !everyone && !explicitSel && !flags.contains('a') && !flags.contains('x');
        if (!wantUsers.isEmpty()) {
            attrs.add("username");
            attrs.add("uids");
        }
        if (!wantNames.isEmpty()) {
            attrs.add("name");
        }
        if (!wantRealUsers.isEmpty()) {
            attrs.add("uids");
        }
        long myEuid = -1;
        String myTty = null;
        if (defaultSel || flags.contains('a') || flags.contains('x')) {
            attrs.add("terminal");
            attrs.add("uids");
            PsProcess me = PsProcess.current();
            myEuid = me.uids().effective();
            myTty = me.terminal().orElse(null);
        }

        double now = System.currentTimeMillis() / 1000.0;
        long memTotal = Psutil.virtualMemory().total();
        var collected = new ArrayList<Row>();
        final long euid = myEuid;
        final String tty = myTty;
        try (var stream = Psutil.processIter(attrs, null)) {
            stream.forEach(p -> {
                Map<String, Object> info = p.info();
                if (!selected(info, everyone, explicitSel, defaultSel, flags, wantPids, wantUsers, wantNames, wantRealUsers, euid, tty)) {
                    return;
                }
                collected.add(new Row(info, now, memTotal));
            });
        }
        List<Row> rows = collected;
        if (forest || flags.contains('f')) {
            rows = forest(rows);
        } else if (order != null) {
            rows.sort(order);
        }

        if (jsonOption.json) {
            out.println(Json.write(jsonRows(rows, attrs, cols), jsonOption.pretty));
        } else {
            print(out, cols, rows, !noHeaders);
        }
        out.flush();
        // procps exits 1 when the selection matched nothing
        return rows.isEmpty() ? 1 : 0;
    }

    /**
     * procps' forest: rows sorted by (ppid, start time, pid); trees rooted at each row whose parent
     * is not shown, the last such root first (procps scans its array backwards); children of pid 1
     * stay at pid 1's level; each level adds " \\_ " (or " |  " / "    " for ancestors).
     */
    static List<Row> forest(List<Row> rows) {
        var sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt((Row r) -> ppid(r)).thenComparingDouble(Row::createTime).thenComparingInt(Row::pid));
        var shown = new java.util.HashSet<Integer>();
        for (Row r : sorted) {
            shown.add(r.pid());
        }
        var byParent = new java.util.HashMap<Integer, List<Row>>();
        for (Row r : sorted) {
            byParent.computeIfAbsent(ppid(r), k -> new ArrayList<>()).add(r);
        }
        var out = new ArrayList<Row>(rows.size());
        for (int i = sorted.size() - 1; i >= 0; i--) {
            Row r = sorted.get(i);
            if (!shown.contains(ppid(r)) || ppid(r) == r.pid()) {
                tree(r, 0, false, new StringBuilder(), byParent, out);
            }
        }
        return out;
    }

    private static int ppid(Row r) {
        return r.info.get("ppid") instanceof Integer p ? p : 0;
    }

    private static void tree(Row self, int level, boolean sibling, StringBuilder prefix,
                             Map<Integer, List<Row>> byParent, List<Row> out) {
        if (level > 0) {
            prefix.setLength(level - 1);
            prefix.append(sibling ? '+' : 'L');
        }
        self.forest = art(prefix);
        out.add(self);
        List<Row> kids = byParent.getOrDefault(self.pid(), List.of());
        if (kids.isEmpty()) {
            return;
        }
        if (level > 0) {
            prefix.setCharAt(level - 1, sibling ? '|' : ' ');
        }
        for (int k = 0; k < kids.size(); k++) {
            Row c = kids.get(k);
            if (c == self) {
                continue;
            }
            boolean more = k < kids.size() - 1;
            tree(c, self.pid() == 1 ? level : level + 1, more, prefix, byParent, out);
            prefix.setLength(Math.max(level, 0));
        }
    }

    private static String art(CharSequence prefix) {
        var sb = new StringBuilder();
        for (int i = 0; i < prefix.length(); i++) {
            sb.append(switch (prefix.charAt(i)) {
                case '+', 'L' -> " \\_ ";
                case '|' -> " |  ";
                default -> "    ";
            });
        }
        return sb.toString();
    }

    private static boolean selected(Map<String, Object> info, boolean everyone, boolean explicitSel, boolean defaultSel,
                                    Set<Character> flags, Set<Integer> wantPids, Set<String> wantUsers,
                                    Set<String> wantNames, Set<String> wantRealUsers, long myEuid, String myTty) {
        if (everyone) {
            return true;
        }
        if (explicitSel) {
            int pid = (Integer) info.get("pid");
            if (wantPids.contains(pid)) {
                return true;
            }
            if (!wantUsers.isEmpty()) {
                Object u = info.get("username");
                long euid = info.get("uids") instanceof Uids ids ? ids.effective() : -1;
                if ((u != null && wantUsers.contains(u.toString())) || wantUsers.contains(Long.toString(euid))) {
                    return true;
                }
            }
            if (!wantNames.isEmpty()) {
                // procps compares the first 15 characters (the kernel's comm)
                String comm = comm(String.valueOf(info.get("name")));
                for (String n : wantNames) {
                    if (comm(n).equals(comm)) {
                        return true;
                    }
                }
            }
            if (!wantRealUsers.isEmpty()) {
                long ruid = info.get("uids") instanceof Uids ids ? ids.real() : -1;
                if (wantRealUsers.contains(Long.toString(ruid)) || wantRealUsers.contains(userName(ruid))) {
                    return true;
                }
            }
            if (!flags.contains('a') && !flags.contains('x')) {
                return false;
            }
        }
        Object term = info.get("terminal");
        long euid = info.get("uids") instanceof Uids ids ? ids.effective() : -1;
        if (defaultSel) {
            return euid == myEuid && java.util.Objects.equals(term, myTty);
        }
        if (flags.contains('a') && term != null) {
            return true;
        }
        return flags.contains('x') && euid == myEuid;
    }

    private static String sortName(String s) {
        String k = s.strip();
        if (k.startsWith("-") || k.startsWith("+")) {
            k = k.substring(1);
        }
        return k.toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Comparator<Row> comparator(ZoneId zone) {
        Comparator<Row> cmp = null;
        for (String s : sort) {
            if (s.isBlank()) {
                continue;
            }
            String name = sortName(s);
            Column c = column(name, zone);
            if (c == null) {
                throw ProcText.usage(spec, "unknown sort specifier \"" + name + "\"");
            }
            Comparator<Row> one = Comparator.comparing(r -> (Comparable) c.sortKey().apply(r));
            if (s.strip().startsWith("-")) {
                one = one.reversed();
            }
            cmp = cmp == null ? one : cmp.thenComparing(one);
        }
        return cmp;
    }

    /** procps layout: fixed widths, numbers right-aligned, overflow pushes the line right; last column unpadded. */
    static void print(PrintWriter out, List<Column> cols, List<Row> rows, boolean header) {
        if (header && cols.stream().anyMatch(c -> !c.header().isEmpty())) {
            var h = new ArrayList<String>();
            for (Column c : cols) {
                h.add(c.header());
            }
            out.println(line(cols, h));
        }
        for (Row r : rows) {
            var cells = new ArrayList<String>(cols.size());
            for (Column c : cols) {
                cells.add(printable(c.text().apply(r)));
            }
            out.println(line(cols, cells));
        }
    }

    static String line(List<Column> cols, List<String> cells) {
        var sb = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            String v = cells.get(i);
            boolean last = i == cols.size() - 1;
            int w = Math.max(c.width(), c.header().length());
            if (i > 0) {
                sb.append(' ');
            }
            if (c.right()) {
                sb.append(" ".repeat(Math.max(0, w - v.length()))).append(v);
            } else if (last) {
                sb.append(v);
            } else {
                if (v.length() > w) {
                    // procps cuts text columns that are not last; a user name gets a '+' mark
                    v = c.key().contains("user") || c.key().equals("uname") ? v.substring(0, w - 1) + "+" : v.substring(0, w);
                }
                sb.append(v).append(" ".repeat(w - v.length()));
            }
        }
        return sb.toString();
    }

    /** procps prints control characters (a newline inside an argument) as '?'. */
    static String printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20 || s.charAt(i) == 0x7f) {
                var sb = new StringBuilder(s);
                for (int j = i; j < sb.length(); j++) {
                    if (sb.charAt(j) < 0x20 || sb.charAt(j) == 0x7f) {
                        sb.setCharAt(j, '?');
                    }
                }
                return sb.toString();
            }
        }
        return s;
    }

    private static List<Map<String, Object>> jsonRows(List<Row> rows, Set<String> attrs, List<Column> cols) {
        boolean pmem = cols.stream().anyMatch(c -> c.key().equals("%mem") || c.key().equals("pmem"));
        var out = new ArrayList<Map<String, Object>>(rows.size());
        for (Row r : rows) {
            var m = new LinkedHashMap<String, Object>();
            m.put("pid", r.pid());
            for (String a : new java.util.TreeSet<>(attrs)) {
                if (!a.equals("pid")) {
                    m.put(a, r.info.get(a));
                }
            }
            if (pmem) {
                m.put("memory_percent", r.memTotal > 0 && r.info.get("memory_info") instanceof MemoryInfo mi
                        ? mi.rss() * 100.0 / r.memTotal : null);
            }
            out.add(m);
        }
        return out;
    }
}
