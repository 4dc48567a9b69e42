package psutil4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import psutil4j.agent.config.AgentConfig;
import psutil4j.agent.config.ConfigLoader;
import psutil4j.agent.config.Durations;
import psutil4j.agent.history.DataDir;
import psutil4j.agent.history.HistoryStore;
import psutil4j.agent.http.HistoryApi;
import psutil4j.agent.report.Report;
import psutil4j.agent.report.ReportMailer;

/**
 * {@code ./psutil4j report}: the service-quality report (CPU, memory, disk, network over the last
 * day or week) from the history the agent wrote, as one self-contained HTML file; or its tables
 * as JSON; or e-mailed now through the config's {@code report.email}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the service-quality report (CPU, memory, disk, network) from the agent's history.")
final class ReportCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Option(names = "--range", paramLabel = "DURATION", defaultValue = "1d",
            description = "The period, ending now: 1d (default), 1w, or any duration up to 2y.")
    String range;

    @Option(names = "--config", paramLabel = "FILE", description = "The agent's YAML config (for data_dir and report.email).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The agent's data dir (overrides data_dir).")
    Path dataDir;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The HTML file to write (default psutil4j-report-DATE.html; - for standard output).")
    String out;

    @Option(names = "--send", description = "E-mail the report now, to the config's report.email.")
    boolean send;

    @Override
    public void run() {
        AgentConfig cfg = config == null ? AgentConfig.defaults() : ConfigLoader.load(config);
        if (dataDir != null) {
            cfg = cfg.withDataDir(dataDir);
        }
        Duration period = Durations.parse(range);
        if (period.isNegative() || period.isZero() || period.compareTo(HistoryApi.MAX_RANGE) > 0) {
            throw new IllegalArgumentException("--range must be more than 0 and at most 2y, got " + range);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try (var history = HistoryStore.openReadOnly(DataDir.forReading(cfg.dataDir(), System.getenv()),
                InstantSource.system())) {
            Instant now = Instant.now();
            Report report = Report.build(history, period, Report.hostname(), now);
            if (send) {
                var rc = cfg.report().orElseThrow(() -> new IllegalArgumentException(
                        "--send needs a config with report.email (--config FILE)"));
                ReportMailer.mail(report, rc.email());
                stdout.println("report: sent to " + String.join(", ", rc.email().to()));
            }
            if (json.json) {
                stdout.print(report.json());
            }
            if (out != null && out.equals("-")) {
                stdout.print(report.html());
            } else if (out != null || (!json.json && !send)) {
                Path file = Path.of(out != null ? out : "psutil4j-report-" + LocalDate.now() + ".html");
                byte[] html = report.html().getBytes(StandardCharsets.UTF_8);
                Files.write(file, html);
                if (!json.json) {
                    stdout.println("report: wrote " + file + " (" + report.items().size() + " charts, "
                            + String.format(Locale.ROOT, "%.0f KiB", html.length / 1024.0) + ")");
                }
            }
            stdout.flush();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
