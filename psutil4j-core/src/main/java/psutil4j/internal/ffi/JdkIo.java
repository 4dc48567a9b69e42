package psutil4j.internal.ffi;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code -Dpsutil4j.io=jdk}: {@link FileIo#readFile} and {@link DirList#numericEntries} through
 * the JDK's own file I/O instead of downcalls, for short-lived processes such as the CLI's
 * one-shot tools. The first downcalls of a JVM cost tens of milliseconds (the linker, then a stub
 * class per call shape), more than a one-shot command spends on everything else; the JDK's I/O
 * classes come ready from the CDS archive. The price is a few objects per file, which a
 * long-running poller (the default, {@code ffm}) should not pay.
 *
 * <p>Results are the same as the downcalls': NIO names ENOENT ({@link NoSuchFileException}) and
 * EACCES ({@link AccessDeniedException}) exactly; for any other failure, whose errno the JDK does
 * not expose, these methods return {@link #ASK_KERNEL} and the caller repeats the call with the
 * downcalls, so errno-dependent logic (ESRCH, zombies) sees the real value.
 */
final class JdkIo {

    /** Whether {@code psutil4j.io=jdk} was set when this class was initialized. */
    static final boolean ENABLED = "jdk".equals(System.getProperty("psutil4j.io"));

    /** Not answered here: make the call with the downcalls. */
    static final int ASK_KERNEL = Integer.MIN_VALUE + 1;

    private JdkIo() {
    }

    /** As {@link FileIo#readFile}, or {@link #ASK_KERNEL}. */
    static int readFile(byte[] path, int pathLen, byte[] dst) {
        String p = ascii(path, pathLen);
        if (p == null) {
            return ASK_KERNEL;
        }
        try (FileChannel ch = FileChannel.open(Path.of(p))) {
            ByteBuffer buf = ByteBuffer.wrap(dst);
            int total = 0;
            while (true) {
                // at most CHUNK per read(2), as the downcall path reads
                int room = Math.min(dst.length - total, FileIo.CHUNK);
                if (room == 0) {
                    return FileIo.TOO_SMALL;
                }
                buf.limit(total + room).position(total);
                int n = ch.read(buf);
                if (n < 0) {
                    return total;
                }
                total += n;
            }
        } catch (NoSuchFileException e) {
            return -Native.ENOENT;
        } catch (AccessDeniedException e) {
            return -Native.EACCES;
        } catch (IOException | RuntimeException e) {
            // another errno, an interrupted thread (ClosedByInterruptException), a path the JDK rejects
            return ASK_KERNEL;
        }
    }

    /** As {@link DirList#numericEntries}, or {@link #ASK_KERNEL} (nothing appended then). */
    static int numericEntries(byte[] path, int pathLen, DirList.Ints out) {
        String p = ascii(path, pathLen);
        String[] names = p == null ? null : new File(p).list();
        if (names == null) {
            return ASK_KERNEL;
        }
        int count = 0;
        for (String name : names) {
            int v = DirList.parseNumber(name);
            if (v >= 0) {
                out.add(v);
                count++;
            }
        }
        return count;
    }

    /**
     * The path as a String if it is plain ASCII without NUL, which the JDK passes to the kernel
     * byte for byte whatever sun.jnu.encoding is; else null.
     */
    private static String ascii(byte[] path, int pathLen) {
        for (int i = 0; i < pathLen; i++) {
            if (path[i] <= 0) {
                return null;
            }
        }
        return new String(path, 0, pathLen, StandardCharsets.US_ASCII);
    }
}
