package psutil4j.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import psutil4j.agent.otlp.OtlpConfig;

/**
 * The agent's settings, from {@code psutil4j-agent.yml} (see {@link ConfigLoader}) and the
 * command line.
 *
 * @param host           the address the HTTP server binds, 127.0.0.1 by default
 * @param port           the TCP port, 9633 by default (0 = any free port)
 * @param interval       how often the collector samples, at least one second; 5 s by default
 * @param token          the bearer token clients must send; required to bind a non-loopback address
 * @param dataDir        where the agent keeps its history
 * @param ruleFiles      alerting/recording rule files, for the rule engine
 * @param processGroups  how many process-name groups are exported on their own (the largest by
 *                       RSS); the rest are summed into the group {@code other}
 * @param notifiers      where alerts go (webhook, alertmanager, email, exec), each as its YAML
 *                       mapping; see docs/ALERTS.md
 * @param otlp           where to push metrics over OTLP, if anywhere
 * @param history        whether history is kept, and the caps on its charts
 * @param report         the scheduled e-mail report, if any
 */
public record AgentConfig(String host, int port, Duration interval, Optional<String> token, Path dataDir,
        List<Path> ruleFiles, int processGroups, List<Map<String, Object>> notifiers, Optional<OtlpConfig> otlp,
        HistoryConfig history, Optional<ReportConfig> report) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9633;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/psutil4j");
    public static final int DEFAULT_PROCESS_GROUPS = 50;
    public static final int MAX_PROCESS_GROUPS = 10_000;

    public AgentConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(otlp, "otlp");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(report, "report");
        ruleFiles = List.copyOf(ruleFiles);
        notifiers = List.copyOf(notifiers);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("interval must be at least 1s, got " + Durations.format(interval));
        }
        if (processGroups < 1 || processGroups > MAX_PROCESS_GROUPS) {
            throw new IllegalArgumentException("process_groups must be 1.." + MAX_PROCESS_GROUPS + ", got " + processGroups);
        }
    }

    /** The defaults: 127.0.0.1:9633, every 5 s, no token, 50 process groups. */
    public static AgentConfig defaults() {
        return new AgentConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_INTERVAL, Optional.empty(), DEFAULT_DATA_DIR,
                List.of(), DEFAULT_PROCESS_GROUPS, List.of(), Optional.empty(), HistoryConfig.defaults(),
                Optional.empty());
    }

    public AgentConfig withListen(String newHost, int newPort) {
        return new AgentConfig(newHost, newPort, interval, token, dataDir, ruleFiles, processGroups, notifiers, otlp, history, report);
    }

    public AgentConfig withInterval(Duration newInterval) {
        return new AgentConfig(host, port, newInterval, token, dataDir, ruleFiles, processGroups, notifiers, otlp, history, report);
    }

    public AgentConfig withToken(String newToken) {
        return new AgentConfig(host, port, interval, Optional.ofNullable(newToken), dataDir, ruleFiles, processGroups, notifiers, otlp, history, report);
    }

    public AgentConfig withDataDir(Path newDataDir) {
        return new AgentConfig(host, port, interval, token, newDataDir, ruleFiles, processGroups, notifiers, otlp, history, report);
    }

    /**
     * Parses {@code HOST:PORT}, {@code :PORT}, {@code [v6]:PORT} or a bare {@code PORT}.
     *
     * @return {host, port}
     * @throws IllegalArgumentException when it is none of these
     */
    public static Object[] parseListen(String s) {
        String host = DEFAULT_HOST;
        String portText = s;
        int colon = s.lastIndexOf(':');
        if (colon >= 0) {
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                host = DEFAULT_HOST;
            }
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen must be HOST:PORT, got '" + s + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listen port must be 0..65535, got " + port);
        }
        return new Object[] {host, port};
    }
}
