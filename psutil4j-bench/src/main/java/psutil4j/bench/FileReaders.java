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
 * <p>Each method opens, reads until EOF and closes, like psutil and the C floor do; the content
 * lands in {@link #bytes} (or {@link #direct}) and the total length is returned so the JIT cannot
 * drop the read. {@link FloorVariantsBench} measures them; the fastest is the "floor (Java)"
 * column ({@link #floor}). Not thread-safe: one instance per JMH thread state.
 */
final class FileReaders {

    /**
     * Reads of more than 8 KiB make the JDK's FileInputStream/RandomAccessFile natives malloc a
     * bounce buffer per call (io_util.c, BUF_SIZE 8192); 8 KiB chunks stay on its stack buffer.
     */
    static final int CHUNK = 8192;

    final byte[] bytes = new byte[64 * 1024];
    final ByteBuffer direct = ByteBuffer.allocateDirect(64 * 1024);

    /** The floor: the fastest variant on the machine it was measured on (see FloorVariantsBench). */
    int floor(String path) {
        return randomAccessFile(path);
    }

    /** {@link #floor}, but -1 when the file cannot be opened (a process that exited meanwhile). */
    int floorOrMissing(String path) {
        try (var f = new RandomAccessFile(path, "r")) {
            int total = 0;
            for (int n; (n = f.read(bytes, total, Math.min(CHUNK, bytes.length - total))) > 0; ) {
                total += n;
            }
            return total;
        } catch (IOException gone) {
            return -1;
        }
    }

    /** RandomAccessFile, reads of up to 8 KiB into the reused byte[]. */
    int randomAccessFile(String path) {
        try (var f = new RandomAccessFile(path, "r")) {
            int total = 0;
            for (int n; (n = f.read(bytes, total, Math.min(CHUNK, bytes.length - total))) > 0; ) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RandomAccessFile, one read call asking for the whole 64 KiB buffer (the JDK mallocs). */
    int randomAccessFileBigRead(String path) {
        try (var f = new RandomAccessFile(path, "r")) {
            int total = 0;
            for (int n; (n = f.read(bytes, total, bytes.length - total)) > 0; ) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** FileInputStream, reads of up to 8 KiB into the reused byte[]. */
    int fileInputStream(String path) {
        try (var f = new FileInputStream(path)) {
            int total = 0;
            for (int n; (n = f.read(bytes, total, Math.min(CHUNK, bytes.length - total))) > 0; ) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** FileChannel into a reused direct ByteBuffer (no copy through a temporary buffer). */
    int fileChannelDirect(Path path) {
        try (var ch = FileChannel.open(path, StandardOpenOption.READ)) {
            direct.clear();
            while (ch.read(direct) > 0) {
                // until EOF
            }
            return direct.position();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files.readAllBytes: the idiomatic one-liner; allocates a new array per call (reference only). */
    static int readAllBytes(Path path) {
        try {
            return Files.readAllBytes(path).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * pread(fd, buf, 64 KiB, 0) on a channel kept open between calls. Not a floor of what psutil
     * does (it opens each time): shows what keeping descriptors open could save. seq_file files
     * regenerate their content on a read at offset 0.
     */
    int pread(FileChannel open) {
        try {
            direct.clear();
            long pos = 0;
            for (int n; (n = open.read(direct, pos)) > 0; ) {
                pos += n;
            }
            return direct.position();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
