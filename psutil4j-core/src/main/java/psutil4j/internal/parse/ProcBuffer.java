package psutil4j.internal.parse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import psutil4j.internal.ffi.FileIo;

/**
 * A per-thread, reused buffer for reading one kernel file at a time, and a reused path builder.
 *
 * <p>Typical use, allocation-free:
 * <pre>{@code
 * ProcBuffer b = ProcBuffer.get();
 * int n = b.path(Roots.proc()).append("/").append(pid).append("/stat").read();
 * if (n < 0) { ...n is -errno... }
 * ByteCursor c = b.cursor();
 * }</pre>
 * The whole file is read (growing the buffer as needed), so the content is consistent as far as
 * the kernel makes it so. Not reentrant: parse before starting the next read on the same thread.
 */
public final class ProcBuffer {

    private static final ThreadLocal<ProcBuffer> LOCAL = ThreadLocal.withInitial(ProcBuffer::new);

    private byte[] data = new byte[FileIo.CHUNK];
    private int len;
    private final byte[] path = new byte[4096];
    private int pathLen;
    private final ByteCursor cursor = new ByteCursor();

    public static ProcBuffer get() {
        return LOCAL.get();
    }

    /** Starts a new path with the given prefix bytes (e.g. the /proc root). */
    public ProcBuffer path(byte[] prefix) {
        System.arraycopy(prefix, 0, path, 0, prefix.length);
        pathLen = prefix.length;
        return this;
    }

    public ProcBuffer append(byte[] part) {
        System.arraycopy(part, 0, path, pathLen, part.length);
        pathLen += part.length;
        return this;
    }

    /** Appends ASCII text; for constants prefer {@link #append(byte[])}. */
    public ProcBuffer append(String part) {
        for (int i = 0; i < part.length(); i++) {
            path[pathLen++] = (byte) part.charAt(i);
        }
        return this;
    }

    /** Appends a non-negative decimal without allocating. */
    public ProcBuffer append(long v) {
        if (v == 0) {
            path[pathLen++] = '0';
            return this;
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        int p = pathLen + digits;
        for (long t = v; t > 0; t /= 10) {
            path[--p] = (byte) ('0' + (t % 10));
        }
        pathLen += digits;
        return this;
    }

    /** The path builder's bytes (valid up to {@link #pathLength()}), for other syscalls on the path. */
    public byte[] pathArray() {
        return path;
    }

    /** Length of the path built so far. */
    public int pathLength() {
        return pathLen;
    }

    public String pathString() {
        return new String(path, 0, pathLen, StandardCharsets.UTF_8);
    }

    /** Reads the whole file at the current path; returns its length or -errno. */
    public int read() {
        while (true) {
            int n = FileIo.readFile(path, pathLen, data);
            if (n == FileIo.TOO_SMALL) {
                data = new byte[data.length * 2]; // once per size class: the buffer is kept
                continue;
            }
            len = Math.max(n, 0);
            return n;
        }
    }

    /** readlink(2) of the current path into the data buffer; returns its length or -errno. */
    public int readlink() {
        int n = FileIo.readlink(path, pathLen, data);
        len = Math.max(n, 0);
        return n;
    }

    /** Reads a file by Path (slow path, for rarely read files). */
    public int read(Path p) {
        path(p.toString().getBytes(StandardCharsets.UTF_8));
        return read();
    }

    public byte[] data() {
        return data;
    }

    public int length() {
        return len;
    }

    /** A cursor over the bytes last read. */
    public ByteCursor cursor() {
        return cursor.reset(data, 0, len);
    }

    /** The bytes last read, as a String. */
    public String text() {
        return new String(data, 0, len, StandardCharsets.UTF_8);
    }
}
