package psutil4j.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the machine's own tools (free, ps, df, ...) for cross-checks. Tests only. */
public final class Cmd {

    private Cmd() {
    }

    /** Runs argv, waits up to 60 s, and returns stdout; fails on a non-zero exit. */
    public static String run(String... argv) {
        return run(List.of(argv));
    }

    public static String run(List<String> argv) {
        try {
            var pb = new ProcessBuilder(argv).redirectErrorStream(false);
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            p.getOutputStream().close();
            var errReader = Thread.ofVirtual().start(() -> {
                try {
                    p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // best effort
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + argv);
            }
            errReader.join();
            if (p.exitValue() != 0) {
                throw new AssertionError("exit " + p.exitValue() + ": " + argv + "\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
