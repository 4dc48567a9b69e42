package psutil4j.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import psutil4j.Psutil;
import psutil4j.internal.linux.Roots;
import psutil4j.internal.linux.SystemConstants;

/**
 * A fake /proc under a test's temp directory, made of the files of the {@code proc-sleep}
 * fixture (src/test/resources/linux/proc-sleep/proc), with the library pointed at it
 * ({@link Psutil#setRoots}) until {@link #close()} points it back.
 */
final class FakeProc implements AutoCloseable {

    private final Path proc;
    private final Path oldProc = Roots.proc();
    private final Path oldSys = Roots.sys();
    private final Path oldUtmp = Roots.utmp();

    /** @param files paths under the fixture's proc, e.g. {@code "4242/stat"}, copied to the same place */
    FakeProc(Path tmp, String... files) throws IOException {
        proc = tmp.resolve("proc");
        for (String f : files) {
            Path to = proc.resolve(f);
            Files.createDirectories(to.getParent());
            try (InputStream in = FakeProc.class.getResourceAsStream("/linux/proc-sleep/proc/" + f)) {
                if (in == null) {
                    throw new IOException("no fixture file " + f);
                }
                Files.write(to, in.readAllBytes());
            }
        }
        Psutil.setRoots(proc, oldSys, oldUtmp);
    }

    /** The fake /proc. */
    Path proc() {
        return proc;
    }

    /** Replaces {@code from} by {@code to} in a file under the fake /proc, in place (kept descriptors see it). */
    void rewrite(String file, String from, String to) throws IOException {
        Path p = proc.resolve(file);
        String s = Files.readString(p);
        if (!s.contains(from)) {
            throw new AssertionError(file + " lacks " + from);
        }
        Files.writeString(p, s.replace(from, to));
    }

    @Override
    public void close() {
        Psutil.setRoots(oldProc, oldSys, oldUtmp);
        SystemConstants.bootTime();
    }
}
