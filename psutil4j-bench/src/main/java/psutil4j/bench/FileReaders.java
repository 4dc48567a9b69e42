package psutil4j.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Plain-Java ways to read a whole kernel file into a reused buffer, parsing nothing.
 *
 * <p>Each variant opens, reads until EOF and closes, like psutil and the C floor do; the content
 * lands in {@link #bytes} (or {@link #direct}) and the total length is returned so the JIT cannot
 * drop the read. {@link FloorVariantsBench} measures them; run-benchmarks.sh runs it first and
 * passes the fastest open/read/close variant as {@code -Dpsutil4j.bench.floor=NAME} to the forks
 * of the other benchmarks, where {@link #floor} uses it ("floor (Java)" column). Not thread-safe:
 * one instance per JMH thread state.
 */
final class FileReaders {

    /** The open/read-to-EOF/close variants that may serve as the floor. */
    enum Variant { randomAccessFile, randomAccessFileBigRead, fileInputStream, fileChannelDirect }

    /** Chosen per run by run-benchmarks.sh; RandomAccessFile when run by hand. */
    static final Variant FLOOR = Variant.valueOf(System.getProperty("psutil4j.bench.floor", "randomAccessFile"));

    /**
     * Reads of more than 8 KiB make the JDK's FileInputStream/RandomAccessFile natives malloc a
     * bounce buffer per call (io_util.c, BUF_SIZE 8192); 8 KiB chunks stay on its stack buffer.
     */
    static final int CHUNK = 8192;

    final byte[] bytes = new byte[64 * 1024];
    final ByteBuffer direct = ByteBuffer.allocateDirect(64 * 1024);

    /**
     * The floor variant on {@code path} (a String, and the same as a Path for the channel variant;
     * {@code asPath} may be null, then it is made here, as plain Java would).
     */
    int floor(String path, Path asPath) {
        try {
            return read(path, asPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #floor}, but -1 when the file cannot be opened (a process that exited meanwhile). */
    int floorOrMissing(String path) {
        try {
            return read(path, null);
        } catch (IOException gone) {
            return -1;
        }
    }

    private int read(String path, Path asPath) throws IOException {
        return switch (FLOOR) {
            case randomAccessFile -> randomAccessFile(path);
            case randomAccessFileBigRead -> randomAccessFileBigRead(path);
            case fileInputStream -> fileInputStream(path);
            case fileChannelDirect -> fileChannelDirect(asPath != null ? asPath : Path.of(path));
        };
    }

    /** RandomAccessFile, reads of up to 8 KiB into the reused byte[]. */
    int randomAccessFile(String path) throws IOException {
        try (var f = new RandomAccessFile(path, "r")) {
            int total = 0;
            for (int n; (n = f.read(bytes, total, Math.min(CHUNK, bytes.length - total))) > 0; ) {
                total += n;
            }
            return total;
        }
    }

    /** RandomAccessFile, one read call asking for the whole 64 KiB buffer (the JDK mallocs). */
    int randomAccessFileBigRead(String path) throws IOException {
        try (var f = new RandomAccessFile(path, "r")) {
            int total = 0;
            for (int n; (n = f.read(bytes, total, bytes.length - total)) > 0; ) {
                total += n;
            }
            return total;
        }
    }

    /** FileInputStream, reads of up to 8 KiB into the reused byte[]. */
    int fileInputStream(String path) throws IOException {
        try (var f = new FileInputStream(path)) {
            int total = 0;
            for (int n; (n = f.read(bytes, total, Math.min(CHUNK, bytes.length - total))) > 0; ) {
                total += n;
            }
            return total;
        }
    }

    /** FileChannel into a reused direct ByteBuffer (no copy through a temporary buffer). */
    int fileChannelDirect(Path path) throws IOException {
        try (var ch = FileChannel.open(path, StandardOpenOption.READ)) {
            direct.clear();
            while (ch.read(direct) > 0) {
                // until EOF
            }
            return direct.position();
        }
    }

    /** Files.readAllBytes: the idiomatic one-liner; allocates a new array per call (reference only). */
    static int readAllBytes(Path path) throws IOException {
        return Files.readAllBytes(path).length;
    }

    /**
     * pread(fd, buf, 64 KiB, 0) on a channel kept open between calls. Not a floor of what psutil
     * does (it opens each time): shows what keeping descriptors open could save. seq_file files
     * regenerate their content on a read at offset 0.
     */
    int pread(FileChannel open) throws IOException {
        direct.clear();
        long pos = 0;
        for (int n; (n = open.read(direct, pos)) > 0; ) {
            pos += n;
        }
        return direct.position();
    }
}
