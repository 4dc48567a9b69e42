package psutil4j.internal.linux.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import psutil4j.internal.ffi.FsCalls;
import psutil4j.internal.linux.Roots;
import psutil4j.internal.linux.proc.ProcDiskstats;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * /sys/block: which names are whole disks (psutil's {@code is_storage_device}), and the
 * per-device {@code stat} files psutil reads when /proc/diskstats is missing (issue #1321).
 */
public final class SysBlock {

    private static final byte[] BLOCK = ByteCursor.ascii("/block/");
    private static final int MAX_CACHED = 4096;

    /**
     * Whether a kernel name has a /sys/block entry. A name keeps its kind (whole disk or
     * partition) while it exists, and diskstats lists a disk only after its sysfs entry is made,
     * so the answer is cached per name instead of calling access(2) for every device on every
     * call; the cache is dropped when the sysfs root changes.
     */
    private static final ConcurrentHashMap<String, Boolean> STORAGE = new ConcurrentHashMap<>();
    private static volatile byte[] storageRoot;

    private static final ThreadLocal<byte[]> PATH = ThreadLocal.withInitial(() -> new byte[4096]);

    private SysBlock() {
    }

    /**
     * psutil's {@code is_storage_device(name)}: true if {@code <sysfs>/block/<name>} exists
     * ({@code /} in a name such as {@code cciss/c0d0} is {@code !} in sysfs), i.e. a whole disk
     * ({@code sda}, {@code nvme0n1}, also virtual ones such as {@code loop0}) and not a partition
     * ({@code sda1}). Adapted by psutil from sysstat's iostat (issue #1313).
     */
    public static boolean isStorageDevice(String name, byte[] nameBytes) {
        byte[] root = Roots.sysBytes();
        if (root != storageRoot) {
            STORAGE.clear();
            storageRoot = root;
        }
        Boolean known = STORAGE.get(name);
        if (known != null) {
            return known;
        }
        byte[] p = PATH.get();
        int len = root.length + BLOCK.length + nameBytes.length;
        if (len > p.length) {
            return false;
        }
        System.arraycopy(root, 0, p, 0, root.length);
        System.arraycopy(BLOCK, 0, p, root.length, BLOCK.length);
        int off = root.length + BLOCK.length;
        for (int i = 0; i < nameBytes.length; i++) {
            byte x = nameBytes[i];
            p[off + i] = x == '/' ? (byte) '!' : x;
        }
        boolean exists = FsCalls.exists(p, len);
        if (STORAGE.size() >= MAX_CACHED) {
            STORAGE.clear();
        }
        STORAGE.put(name, exists);
        return exists;
    }

    /** Forgets cached {@link #isStorageDevice} answers. */
    public static void clearCache() {
        STORAGE.clear();
    }

    /** True if {@code <sysfs>/block} exists. */
    public static boolean exists() {
        return Files.isDirectory(Roots.sys().resolve("block"));
    }

    /**
     * psutil's {@code read_sysfs()}: every directory under {@code <sysfs>/block/<dev>} that has
     * a {@code stat} file (the disk and its partitions), walked top-down without following
     * symlinks below the top level (as {@code os.walk}). Entries are sorted for a stable order
     * (psutil uses the directory order).
     */
    public static void readStats(ProcDiskstats.Table out) {
        out.clear();
        Path block = Roots.sys().resolve("block");
        try {
            for (Path dev : sortedChildren(block)) {
                walk(dev, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void walk(Path dir, ProcDiskstats.Table out) throws IOException {
        List<Path> children;
        try {
            children = sortedChildren(dir);
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return; // gone meanwhile, or not a directory
        }
        Path stat = dir.resolve("stat");
        if (Files.isRegularFile(stat)) {
            ProcBuffer b = ProcBuffer.get();
            if (b.read(stat) >= 0) {
                ProcDiskstats.parseSysStat(b.cursor(), out, dir.getFileName().toString());
            }
        }
        for (Path child : children) {
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                walk(child, out);
            }
        }
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        var list = new ArrayList<Path>();
        try (var ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                list.add(p);
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        list.sort(null);
        return list;
    }
}
