package psutil4j.internal.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import psutil4j.internal.parse.ByteCursor;

/** Fixture trees under src/test/resources/linux/<case>/{proc,sys}. Tests only. */
final class Fixtures {

    private Fixtures() {
    }

    static Path root(String fixture) {
        try {
            var url = Fixtures.class.getResource("/linux/" + fixture);
            if (url == null) {
                throw new AssertionError("no fixture " + fixture);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(String fixture, String file) {
        try {
            return Files.readAllBytes(root(fixture).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String fixture, String file) {
        return new String(bytes(fixture, file), StandardCharsets.UTF_8);
    }

    static ByteCursor cursor(String fixture, String file) {
        return new ByteCursor(bytes(fixture, file));
    }

    /** Runs body with Roots pointing at the fixture's proc and sys, then restores them. */
    static <T> T withRoots(String fixture, Supplier<T> body) {
        Path proc = Roots.proc();
        Path sys = Roots.sys();
        Path utmp = Roots.utmp();
        Path r = root(fixture);
        Roots.set(r.resolve("proc"), r.resolve("sys"), utmp);
        try {
            return body.get();
        } finally {
            Roots.set(proc, sys, utmp);
        }
    }

    /** The value after "key:" in a meminfo-style text, times 1024; -1 if absent. */
    static long meminfo(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0])
                        * 1024;
            }
        }
        return -1;
    }
}
