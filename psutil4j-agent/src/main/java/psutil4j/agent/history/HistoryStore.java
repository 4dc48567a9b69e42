package psutil4j.agent.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

import org.rrd4j.ConsolFun;
import org.rrd4j.core.Archive;
import org.rrd4j.core.RrdBackendFactory;
import org.rrd4j.core.RrdDb;
import org.rrd4j.core.RrdDef;

import psutil4j.agent.config.HistoryConfig;
import psutil4j.agent.model.HistorySource;
import psutil4j.agent.model.SampleBatch;
import psutil4j.agent.model.SampleSink;

/**
 * The agent's history: one rrd4j file per chart in one directory, fed by every collection and
 * read by the HTTP API, the graphs and the reports.
 *
 * <p>The number of charts is bounded: the system charts, plus at most {@code history.disks}
 * disks, {@code nics} interfaces, {@code filesystems} mount points and {@code process_groups}
 * groups (the busiest, largest, or most resident when they first appear); every file has a size
 * fixed by the {@link Layout}, so the footprint is known before the first write.
 *
 * <p>Crash safety: a file is created whole under a temporary name and renamed into place; each
 * update of a file is committed through its journal ({@link PagedBackendFactory}), so a killed
 * process leaves every file with its last update whole or not at all. The directory's {@code charts.properties} maps file names to
 * chart ids (a name is sanitised for the file system) and is replaced atomically. A lock file
 * keeps a second agent from writing the same directory.
 */
public final class HistoryStore implements SampleSink, HistorySource, AutoCloseable {

    /** The index: file name to chart id. */
    static final String INDEX = "charts.properties";
    private static final String LOCK = ".lock";
    private static final String TMP = ".tmp";
    /**
     * How long a process group must have existed before it gets charts: short-lived commands
     * (a grep, a cron job) would otherwise take the slots for good.
     */
    static final long GROUP_MIN_AGE_SECONDS = 60;
    /** Room left on the file system besides a new file, so history never fills it up. */
    private static final long SPARE_BYTES = 64L << 20;

    private final Path dir;
    private final Layout layout;
    private final Map<ChartKind.Family, Integer> caps;
    private final InstantSource clock;
    private final Consumer<String> log;
    private final boolean readOnly;
    private final RrdBackendFactory files = new PagedBackendFactory();
    private final ConcurrentSkipListMap<ChartKind.Key, RrdDb> charts = new ConcurrentSkipListMap<>();
    private final Properties index = new Properties();
    private final ChartFeed feed = new ChartFeed();
    /** When each process group without charts was first seen (continuously since). */
    private final Map<String, Long> groupsSeen = new HashMap<>();
    /** Problems already logged, so a lasting one is logged once. */
    private final Set<String> logged = new HashSet<>();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean closed;

    private HistoryStore(Path dir, Layout layout, Map<ChartKind.Family, Integer> caps, InstantSource clock,
                         Consumer<String> log, boolean readOnly, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.layout = layout;
        this.caps = caps;
        this.clock = clock;
        this.log = log;
        this.readOnly = readOnly;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating it if needed) the history in {@code dir} for writing: takes the lock, drops
     * files a crash left half-created, and reopens every chart there is a file for.
     *
     * @param interval the collection interval, which sets the layout
     * @param log      receives one line per problem (a file that would not open, no room left)
     * @throws IOException              when the directory cannot be created or written
     * @throws IllegalStateException    when another process holds the lock, or the files were
     *                                  written with another layout (another interval)
     */
    public static HistoryStore open(Path dir, Duration interval, HistoryConfig config, InstantSource clock,
                                    Consumer<String> log) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // this JVM holds it already
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String pid = Files.readString(dir.resolve(LOCK), StandardCharsets.US_ASCII).strip();
            ch.close();
            throw new IllegalStateException("another process" + (pid.isEmpty() ? "" : " (pid " + pid + ")")
                    + " is writing the history in " + dir);
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return loaded(new HistoryStore(dir, Layout.forInterval(interval), caps(config), clock, log, false, ch, lock));
    }

    /** The store with its files opened; closed (and its lock released) when that fails. */
    private static HistoryStore loaded(HistoryStore store) throws IOException {
        try {
            store.load();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * Opens the history in {@code dir} for reading only (no lock: the agent may be writing it),
     * as {@code ./psutil4j report} does.
     *
     * @throws NoSuchFileException when there is no history there
     */
    public static HistoryStore openReadOnly(Path dir, InstantSource clock) throws IOException {
        if (!Files.isRegularFile(dir.resolve(INDEX))) {
            throw new NoSuchFileException(dir.resolve(INDEX).toString(), null, "no history here");
        }
        return loaded(new HistoryStore(dir, null, Map.of(), clock, s -> { }, true, null, null));
    }

    /** The caps from the config, per family. */
    public static Map<ChartKind.Family, Integer> caps(HistoryConfig c) {
        var m = new EnumMap<ChartKind.Family, Integer>(ChartKind.Family.class);
        m.put(ChartKind.Family.DISK, c.disks());
        m.put(ChartKind.Family.NIC, c.nics());
        m.put(ChartKind.Family.FS, c.filesystems());
        m.put(ChartKind.Family.GROUP, c.processGroups());
        return m;
    }

    /** The directory of the files. */
    public Path dir() {
        return dir;
    }

    /** The layout new files get (null when read-only). */
    public Layout layout() {
        return layout;
    }

    /**
     * The most charts there can be: the system charts and, per family, its cap, or as many
     * devices as already have charts when the cap was lowered since.
     */
    public int maxCharts() {
        return Layout.maxCharts(effectiveCaps());
    }

    /** The most bytes the files can take: {@link #maxCharts()}'s files at their fixed sizes, and their journals at their largest. */
    public long maxBytes() {
        return layout.maxBytes(effectiveCaps());
    }

    private Map<ChartKind.Family, Integer> effectiveCaps() {
        var m = new EnumMap<>(caps);
        devices().forEach((f, names) -> m.merge(f, names.size(), Math::max));
        return m;
    }

    /** What the files and their journals take now, in bytes. */
    public long bytesNow() {
        long n = 0;
        for (var k : charts.keySet()) {
            try {
                Path f = dir.resolve(fileName(k));
                n += Files.size(f);
                Path j = PagedBackendFactory.journalOf(f);
                n += Files.exists(j) ? Files.size(j) : 0;
            } catch (IOException e) {
                // gone meanwhile
            }
        }
        return n;
    }

    /** The line the agent prints at start: "history: at most N charts, X MiB, in DIR (5s for 2d, ...)". */
    public String summary() {
        return summary(maxCharts(), maxBytes(), dir, layout) + "; " + charts.size() + " now, " + mib(bytesNow());
    }

    /** "history: at most N charts, X MiB, in DIR (5s for 2d, 1m for 30d, 1h for 2y)". */
    public static String summary(int charts, long bytes, Path dir, Layout layout) {
        return "history: at most " + charts + " charts, " + mib(bytes) + ", in " + dir + " (" + layout.describe() + ")";
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir, "*" + TMP)) {
            for (Path p : tmp) {
                if (!readOnly) {
                    Files.deleteIfExists(p); // a crash while creating it
                }
            }
        }
        Path indexFile = dir.resolve(INDEX);
        if (Files.exists(indexFile)) {
            try (InputStream in = Files.newInputStream(indexFile)) {
                index.load(in);
            }
        }
        boolean indexChanged = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.rrd")) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (index.getProperty(name) == null) {
                    // Not in the index (it was lost): a name that was not sanitised is its chart id.
                    String id = name.substring(0, name.length() - 4);
                    var key = ChartKind.parse(id);
                    if (key.isPresent() && fileName(key.get()).equals(name)) {
                        index.setProperty(name, id);
                        indexChanged = true;
                    } else {
                        logOnce("unknown", "history: ignoring " + p + ", which " + INDEX + " does not name");
                    }
                }
            }
        }
        for (String file : new TreeMap<>(index).keySet().stream().map(String::valueOf).toList()) {
            var key = ChartKind.parse(index.getProperty(file));
            Path p = dir.resolve(file);
            if (key.isEmpty() || !fileName(key.get()).equals(file)) {
                logOnce(file, "history: ignoring " + INDEX + " entry " + file + "=" + index.getProperty(file));
                continue;
            }
            if (!Files.exists(p)) {
                continue; // a crash between the index and the file: created again when the chart has data
            }
            openChart(key.get(), p);
        }
        if (indexChanged && !readOnly) {
            writeIndex();
        }
    }

    /** Opens an existing file, checking its layout; one that rrd4j cannot open is moved aside. */
    private RrdDb openChart(ChartKind.Key key, Path p) throws IOException {
        RrdDb db;
        try {
            db = RrdDb.getBuilder().setPath(p.toString()).setBackendFactory(files).setReadOnly(readOnly).build();
        } catch (IOException | RuntimeException e) {
            if (readOnly) {
                logOnce(p.toString(), "history: cannot open " + p + ": " + e);
                return null;
            }
            Path aside = p.resolveSibling(p.getFileName() + ".broken-" + clock.instant().getEpochSecond());
            Files.move(p, aside);
            Files.deleteIfExists(PagedBackendFactory.journalOf(p));
            log.accept("history: cannot open " + p + " (" + e + "); moved it to " + aside + " and starting it afresh");
            return null;
        }
        if (!readOnly) {
            RrdDef want = layout.def(p.toString(), key.kind(), 0);
            RrdDef have = db.getRrdDef();
            if (!have.equals(want)) {
                db.close();
                String why = have.getStep() != want.getStep()
                        ? "a " + have.getStep() + "s step, but the interval now gives " + want.getStep() + "s"
                        : "another layout (" + have.dump() + "), not " + want.dump();
                throw new IllegalStateException("history: " + p + " was written with " + why + "; rrd4j files cannot"
                        + " change their layout: set the interval back (" + have.getStep() + "s), or move " + dir
                        + " away to start a new history");
            }
        }
        charts.put(key, db);
        return db;
    }

    @Override
    public void accept(SampleBatch batch) {
        if (readOnly) {
            throw new IllegalStateException("read-only history");
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            long t = batch.timeMillis() / 1000;
            List<ChartFeed.Update> updates = feed.read(batch);
            admit(updates, t);
            for (ChartFeed.Update u : updates) {
                RrdDb db = charts.get(u.key());
                if (db == null) {
                    continue;
                }
                try {
                    synchronized (db) {
                        // Two collections in one second, or the clock stepped back: rrd4j wants later times.
                        if (t > db.getLastUpdateTime()) {
                            db.createSample(t).setValues(u.values()).update();
                            PagedBackendFactory.commit(db);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    logOnce("update " + u.key(), "history: cannot update " + u.key().id() + ": " + e);
                }
            }
        }
    }

    /** Creates the files of charts seen for the first time, within the caps. */
    private void admit(List<ChartFeed.Update> updates, long t) {
        Map<ChartKind.Family, Set<String>> devices = devices();
        var candidates = new HashMap<ChartKind.Key, Double>();
        var groups = new HashSet<String>();
        for (ChartFeed.Update u : updates) {
            if (u.key().kind().family() == ChartKind.Family.GROUP) {
                groups.add(u.key().name());
                long since = groupsSeen.computeIfAbsent(u.key().name(), g -> t);
                // Kernel threads (no resident memory) and groups younger than a minute wait.
                if (u.weight() <= 0 || t - since < GROUP_MIN_AGE_SECONDS) {
                    continue;
                }
            }
            if (!charts.containsKey(u.key())) {
                candidates.put(u.key(), u.weight());
            }
        }
        groupsSeen.keySet().retainAll(groups);
        if (candidates.isEmpty()) {
            return;
        }
        // System charts, and the other kinds of devices that have charts already, come first; then
        // new devices, heaviest first, while their family has room.
        var order = new ArrayList<>(candidates.keySet());
        order.sort((a, b) -> {
            int c = Boolean.compare(isNewDevice(devices, a), isNewDevice(devices, b));
            if (c != 0) {
                return c;
            }
            c = Double.compare(candidates.get(b), candidates.get(a));
            return c != 0 ? c : a.compareTo(b);
        });
        for (ChartKind.Key k : order) {
            ChartKind.Family f = k.kind().family();
            if (f != null) {
                Set<String> names = devices.computeIfAbsent(f, x -> new HashSet<>());
                if (!names.contains(k.name())) {
                    if (names.size() >= caps.getOrDefault(f, 0)) {
                        continue;
                    }
                    names.add(k.name());
                }
            }
            try {
                create(k, t);
            } catch (IOException | RuntimeException e) {
                logOnce("create " + k, "history: cannot create the chart " + k.id() + ": " + e);
            }
        }
    }

    private static boolean isNewDevice(Map<ChartKind.Family, Set<String>> devices, ChartKind.Key k) {
        return k.kind().family() != null && !devices.getOrDefault(k.kind().family(), Set.of()).contains(k.name());
    }

    /** The devices (names) that have a chart, per family. */
    private Map<ChartKind.Family, Set<String>> devices() {
        var m = new EnumMap<ChartKind.Family, Set<String>>(ChartKind.Family.class);
        for (ChartKind.Key k : charts.keySet()) {
            if (k.kind().family() != null) {
                m.computeIfAbsent(k.kind().family(), x -> new HashSet<>()).add(k.name());
            }
        }
        return m;
    }

    private void create(ChartKind.Key key, long t) throws IOException {
        String file = fileName(key);
        Path p = dir.resolve(file);
        if (!key.id().equals(index.getProperty(file))) {
            index.setProperty(file, key.id());
            writeIndex();
        }
        if (Files.exists(p) && openChart(key, p) != null) {
            return;
        }
        long size = layout.fileBytes(key.kind());
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < size + SPARE_BYTES) {
            logOnce("room", "history: not creating " + p + " (" + mib(size) + "): only " + mib(free) + " free on its file"
                    + " system");
            return;
        }
        // Written whole under a temporary name, then renamed: a crash leaves no half file. rrd4j
        // writes the "unknown" rows straight into the file, a block at a time (no heap buffer of
        // the file's size, nothing kept in the agent's memory); a full disk is an IOException.
        Path tmp = dir.resolve(file + TMP);
        RrdDef def = layout.def(tmp.toString(), key.kind(), t - 1);
        try (RrdDb created = RrdDb.getBuilder().setRrdDef(def).setBackendFactory(files).build()) {
            created.getLastUpdateTime();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.deleteIfExists(PagedBackendFactory.journalOf(p)); // a record of an earlier file of that name
        Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE);
        openChart(key, p);
    }

    /** Replaces the index atomically: written to a temporary file, flushed, renamed. */
    private void writeIndex() throws IOException {
        Path tmp = dir.resolve(INDEX + TMP);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            index.store(out, "psutil4j history: file -> chart id");
        }
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, dir.resolve(INDEX), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not every file system syncs a directory
        }
    }

    /**
     * The file name of a chart: its id when that is safe ({@code disk.sda.rrd}), otherwise the id
     * with every character but letters, digits, '.', '_' and '-' replaced by '_', cut to 100
     * characters, and a hash of the id appended ({@code fs._home-1b4f0e98.rrd}), so two ids never
     * share a file.
     */
    static String fileName(ChartKind.Key key) {
        String id = key.id();
        var sb = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            sb.append(ok ? c : '_');
        }
        String safe = sb.toString();
        if (!safe.equals(id) || safe.length() > 100 || safe.contains("..") || safe.endsWith(TMP)) {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
                safe = safe.substring(0, Math.min(100, safe.length())) + "-" + HexFormat.of().formatHex(h, 0, 4);
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
        return safe + ".rrd";
    }

    private void logOnce(String what, String line) {
        if (logged.add(what)) {
            log.accept(line);
        }
    }

    @Override
    public List<Chart> charts() {
        return charts.keySet().stream().map(ChartKind.Key::chart).toList();
    }

    @Override
    public Optional<Window> query(String chartId, Duration range) {
        var key = ChartKind.parse(chartId);
        RrdDb db = key.map(charts::get).orElse(null);
        if (db == null) {
            return Optional.empty();
        }
        try {
            synchronized (db) {
                if (db.isClosed()) {
                    return Optional.empty();
                }
                return Optional.of(window(key.get(), db, Math.max(1, range.toSeconds()), clock.instant().getEpochSecond()));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("history: reading " + chartId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The last {@code range} seconds of a chart from the finest tier that spans them (the
     * coarsest when none does), ending with the tier's last complete step, or with the step
     * before now when the file has not been updated lately (the agent was stopped).
     */
    private static Window window(ChartKind.Key key, RrdDb db, long range, long now) throws IOException {
        var tiers = new TreeMap<Integer, Archive[]>(); // steps -> {avg, min, max}
        for (int i = 0; i < db.getArcCount(); i++) {
            Archive a = db.getArchive(i);
            int slot = switch (a.getConsolFun()) {
                case AVERAGE -> 0;
                case MIN -> 1;
                case MAX -> 2;
                default -> -1;
            };
            if (slot >= 0) {
                tiers.computeIfAbsent(a.getSteps(), s -> new Archive[3])[slot] = a;
            }
        }
        Archive[] tier = null;
        for (Archive[] t : tiers.values()) {
            if (t[0] == null) {
                continue;
            }
            tier = t;
            if (t[0].getArcStep() * (long) t[0].getRows() >= range) {
                break;
            }
        }
        if (tier == null) {
            throw new IOException(db.getPath() + " has no AVERAGE archive");
        }
        long step = tier[0].getArcStep();
        int n = (int) Math.max(1, -Math.floorDiv(-range, step));
        long end = Math.max(tier[0].getEndTime(), Math.floorDiv(now, step) * step - step);
        long first = end - (n - 1) * step;
        double[][] avg = read(db, tier[0], first, n);
        double[][] min = tier[1] == null ? avg : read(db, tier[1], first, n);
        double[][] max = tier[2] == null ? avg : read(db, tier[2], first, n);
        return new Window(key.chart(), first - step, step, min, avg, max);
    }

    /** The rows of every line of {@code arc} for the steps ending at {@code first}, {@code first + step}, ...; NaN outside it. */
    private static double[][] read(RrdDb db, Archive arc, long first, int n) throws IOException {
        long step = arc.getArcStep();
        long start = arc.getStartTime();
        long end = arc.getEndTime();
        long lo = Math.max(first, start);
        long hi = Math.min(first + (n - 1) * step, end);
        double[][] out = new double[db.getDsCount()][n];
        for (int d = 0; d < out.length; d++) {
            java.util.Arrays.fill(out[d], Double.NaN);
            if (lo <= hi) {
                double[] v = arc.getRobin(d).getValues((int) ((lo - start) / step), (int) ((hi - lo) / step + 1));
                System.arraycopy(v, 0, out[d], (int) ((lo - first) / step), v.length);
            }
        }
        return out;
    }

    /** Closes every file (synced to disk) and releases the lock. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        IOException first = null;
        for (RrdDb db : charts.values()) {
            try {
                synchronized (db) {
                    db.close();
                }
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        charts.clear();
        files.close();
        if (lock != null) {
            lock.release();
            lockChannel.close();
        }
        if (first != null) {
            throw first;
        }
    }
}
