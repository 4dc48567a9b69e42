package psutil4j.agent.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import psutil4j.agent.http.AgentServer;
import psutil4j.agent.model.HistorySource;

class GraphsTest {

    private static final HistorySource.Chart NET = new HistorySource.Chart("net.eth0", "Network eth0", "bytes/s",
            List.of("rx", "tx"));

    /** A day at 1 min: rx a sine around 5 MB/s, tx 1 MB/s; or all unknown. */
    static HistorySource.Window window(boolean known) {
        int n = 1440;
        double[][] avg = new double[2][n];
        for (int i = 0; i < n; i++) {
            avg[0][i] = known ? 5e6 + 4e6 * Math.sin(i / 100.0) : Double.NaN;
            avg[1][i] = known ? 1e6 : Double.NaN;
        }
        return new HistorySource.Window(NET, 1_700_000_000L, 60, avg, avg, avg);
    }

    static BufferedImage decode(byte[] png) throws IOException {
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** Pixels within a small distance of {@code c}. */
    static int pixels(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int dr = ((rgb >> 16) & 0xff) - c.getRed();
                int dg = ((rgb >> 8) & 0xff) - c.getGreen();
                int db = (rgb & 0xff) - c.getBlue();
                if (dr * dr + dg * dg + db * db < 30 * 30) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void pngOfTheAskedSizeWithTheLinesDrawn() throws IOException {
        for (int[] size : new int[][] {{Graphs.WIDTH, Graphs.HEIGHT}, {400, 150}, {1200, 500}}) {
            BufferedImage img = decode(Graphs.png(window(true), "last 1d", size[0], size[1]));
            assertEquals(size[0], img.getWidth());
            assertEquals(size[1], img.getHeight());
            BufferedImage empty = decode(Graphs.png(window(false), "last 1d", size[0], size[1]));
            int rx = pixels(img, Graphs.PALETTE[0]);
            int tx = pixels(img, Graphs.PALETTE[1]);
            int legendOnly = pixels(empty, Graphs.PALETTE[0]);
            // each line crosses the plot: at least one pixel per column of it
            assertTrue(rx > legendOnly + size[0] / 2, "rx line drawn: " + rx + " vs " + legendOnly + " with no data");
            assertTrue(tx > pixels(empty, Graphs.PALETTE[1]) + size[0] / 2, "tx line drawn: " + tx);
        }
    }

    @Test
    void cpuIsStackedAreas() throws IOException {
        var cpu = new HistorySource.Chart("cpu", "CPU", "percent", List.of("user", "system", "idle"));
        double[][] avg = {new double[60], new double[60], new double[60]};
        Arrays.fill(avg[0], 30);
        Arrays.fill(avg[1], 20);
        Arrays.fill(avg[2], 50);
        var img = decode(Graphs.png(new HistorySource.Window(cpu, 1_700_000_000L, 60, avg, avg, avg), "", 600, 300));
        int user = pixels(img, Graphs.PALETTE[0]);
        int system = pixels(img, Graphs.PALETTE[1]);
        // areas: 30 % and 20 % of the plot's height over its width
        assertTrue(user > 10_000 && system > 6_000 && user > system, user + " " + system);
        assertEquals(0, pixels(img, Graphs.PALETTE[2]), "idle is left out");
    }

    @Test
    void consolidatesToOneValuePerPixel() {
        assertArrayEquals(new double[] {1.5, 3, Double.NaN, 5},
                Graphs.consolidate(new double[] {1, 2, Double.NaN, 3, Double.NaN, Double.NaN, 5}, 2));
    }

    @Test
    void servedAtGraphChartPng() throws Exception {
        HistorySource source = new HistorySource() {
            @Override
            public List<Chart> charts() {
                return List.of(NET);
            }

            @Override
            public Optional<Window> query(String id, Duration range) {
                return id.equals("net.eth0") ? Optional.of(window(true)) : Optional.empty();
            }
        };
        try (var server = AgentServer.start("127.0.0.1", 0, Optional.empty(), () -> null)) {
            ReportPages.register(server, source);
            var http = HttpClient.newHttpClient();
            var ok = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/graph/net.eth0.png?range=1d&width=500&height=200"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, ok.statusCode());
            assertEquals("image/png", ok.headers().firstValue("Content-Type").orElseThrow());
            var img = decode(ok.body());
            assertEquals(500, img.getWidth());
            assertEquals(200, img.getHeight());
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(server.url() + "/graph/nope.png")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            var bad = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/graph/net.eth0.png?range=3y")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("at most 2 years"), bad.body());
            assertEquals(400, http.send(HttpRequest.newBuilder(URI.create(server.url() + "/graph/net.eth0.png?width=5")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        assertThrows(IllegalArgumentException.class, () -> Graphs.png(window(true), "", 10_000, 100));
    }
}
