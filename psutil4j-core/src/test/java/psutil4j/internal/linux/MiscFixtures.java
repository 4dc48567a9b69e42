package psutil4j.internal.linux;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import psutil4j.Psutil;

/** Fixture trees for the sensors/users/pressure/cgroup/container tests. */
final class MiscFixtures {

    private MiscFixtures() {
    }

    /** {@code src/test/resources/linux/<name>} as copied to the test classpath. */
    static Path dir(String name) {
        try {
            var url = MiscFixtures.class.getResource("/linux/" + name);
            if (url == null) {
                throw new AssertionError("no fixture " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code body} with /proc, /sys and utmp pointed into fixture {@code name}, then restores the roots. */
    static <T> T with(String name, Callable<T> body) {
        Path root = dir(name);
        return withRoots(root.resolve("proc"), root.resolve("sys"), root.resolve("var/run/utmp"), body);
    }

    static <T> T withRoots(Path proc, Path sys, Path utmp, Callable<T> body) {
        Path oldProc = Roots.proc();
        Path oldSys = Roots.sys();
        Path oldUtmp = Roots.utmp();
        Psutil.setRoots(proc, sys, utmp);
        try {
            return body.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            Psutil.setRoots(oldProc, oldSys, oldUtmp);
        }
    }
}
