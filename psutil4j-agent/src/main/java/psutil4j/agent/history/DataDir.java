package psutil4j.agent.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import psutil4j.agent.config.AgentConfig;

/**
 * Where the history lives: {@code DATA_DIR/history}. The default data dir,
 * {@code /var/lib/psutil4j}, is root's (or the systemd unit's state directory); an agent that
 * cannot create or write it (run by a user) falls back to the user's state directory,
 * {@code $XDG_STATE_HOME/psutil4j} or {@code ~/.local/state/psutil4j}, and says so. A data dir
 * set in the config is used as it is, or refused.
 *
 * @param dir  the history directory
 * @param note why the fallback is used, when it is
 */
public record DataDir(Path dir, Optional<String> note) {

    /** The history's sub-directory of a data dir. */
    public static final String HISTORY = "history";

    /**
     * The history directory of the agent with data dir {@code configured}, creating it unless
     * {@code dryRun} (then it only checks that it could be created).
     *
     * @param env the environment (HOME, XDG_STATE_HOME)
     * @throws IOException when the configured dir (or, for the default, both) cannot be used
     */
    public static DataDir forWriting(Path configured, Map<String, String> env, boolean dryRun) throws IOException {
        Path dir = configured.resolve(HISTORY);
        try {
            usable(dir, dryRun);
            return new DataDir(dir, Optional.empty());
        } catch (IOException e) {
            Optional<Path> fallback = fallback(configured, env);
            if (fallback.isEmpty()) {
                throw new IOException("data_dir " + configured + ": " + reason(e), e);
            }
            Path alt = fallback.get().resolve(HISTORY);
            try {
                usable(alt, dryRun);
            } catch (IOException e2) {
                throw new IOException("neither " + configured + " (" + reason(e) + ") nor " + fallback.get() + " ("
                        + reason(e2) + ") can hold the history; set data_dir in the config", e2);
            }
            return new DataDir(alt, Optional.of("history: " + configured + " is not writable (" + reason(e) + "); using "
                    + fallback.get() + " instead"));
        }
    }

    /**
     * Where a reader finds the history of an agent with data dir {@code configured}: there, or
     * in the user's fallback when {@code configured} is the default.
     *
     * @throws IOException naming the places looked at when there is no history in any
     */
    public static Path forReading(Path configured, Map<String, String> env) throws IOException {
        var looked = new ArrayList<Path>();
        var candidates = new ArrayList<>(List.of(configured));
        fallback(configured, env).ifPresent(candidates::add);
        for (Path c : candidates) {
            Path dir = c.resolve(HISTORY);
            looked.add(dir);
            if (Files.isRegularFile(dir.resolve(HistoryStore.INDEX))) {
                return dir;
            }
        }
        throw new IOException("no history in " + String.join(" or ", looked.stream().map(Path::toString).toList())
                + ": start the agent (./psutil4j serve) with the same data_dir first");
    }

    /** The user's state directory, for the default data dir only. */
    static Optional<Path> fallback(Path configured, Map<String, String> env) {
        if (!configured.equals(AgentConfig.DEFAULT_DATA_DIR)) {
            return Optional.empty();
        }
        String state = env.get("XDG_STATE_HOME");
        if (state != null && state.startsWith("/")) {
            return Optional.of(Path.of(state, "psutil4j"));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        if (home == null || home.isEmpty() || home.equals("?")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(home, ".local", "state", "psutil4j"));
    }

    /** Creates {@code dir} and checks it can be written; or, when {@code dryRun}, that it could be. */
    private static void usable(Path dir, boolean dryRun) throws IOException {
        if (!dryRun) {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe", ".tmp");
            Files.delete(probe);
            return;
        }
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new IOException((p == null ? dir : p) + " is not a directory");
        }
        if (!Files.isWritable(p)) {
            throw new IOException(p + ": permission denied");
        }
    }

    private static String reason(IOException e) {
        return switch (e) {
            case java.nio.file.AccessDeniedException a -> a.getFile() + ": permission denied";
            case java.nio.file.FileSystemException f -> f.getFile() + ": " + (f.getReason() != null ? f.getReason()
                    : f.getClass().getSimpleName());
            default -> e.getMessage();
        };
    }
}
