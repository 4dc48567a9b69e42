package psutil4j.agent.dashboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through its chromedriver (packages chromium and chromium-driver), both
 * named explicitly so Selenium Manager never looks for, or downloads, anything. The browser gets a
 * fresh profile and may resolve no host name (the page must load nothing from outside the agent).
 * {@link #close()} quits it and kills, by pid, any chromedriver or chromium process it leaves.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Selenium warns that it has no DevTools support for this Chromium version: not used here. */
    private static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM.setLevel(java.util.logging.Level.SEVERE);
    }

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    HeadlessChromium(int width, int height) throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver packages (apt-get install chromium chromium-driver)");
        profile = Files.createTempDirectory("psutil4j-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--force-device-scale-factor=1", "--window-size=" + width + "," + height,
                // every host name but the agent's 127.0.0.1 fails to resolve
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--user-data-dir=" + profile);
        ChromeDriver d;
        try {
            d = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            killLeftovers();
            deleteProfile();
            throw e;
        }
        driver = d;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        List<ProcessHandle> mine = browserProcesses();
        try {
            driver.quit();
        } finally {
            service.stop();
            for (ProcessHandle p : mine) {
                try {
                    p.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            }
            killLeftovers();
            deleteProfile();
        }
    }

    /** chromedriver and the chromium processes below it: descendants of this JVM. */
    private static List<ProcessHandle> browserProcesses() {
        var out = new ArrayList<ProcessHandle>();
        ProcessHandle.current().descendants().forEach(p -> {
            String cmd = p.info().command().orElse("");
            if (cmd.contains("chromedriver") || cmd.contains("chromium") || cmd.contains("chrome")) {
                out.add(p);
            }
        });
        return out;
    }

    private static void killLeftovers() {
        for (ProcessHandle p : browserProcesses()) {
            p.destroyForcibly();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> s = Files.walk(profile)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temp dir: not worth failing a test for
        }
    }
}
