package psutil4j.agent.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.rrd4j.graph.RrdGraph;
import org.rrd4j.graph.RrdGraphDef;
import org.rrd4j.graph.RrdGraphInfo;

import psutil4j.agent.model.HistorySource;

/**
 * PNG graphs of a history window, drawn by rrd4j's {@link RrdGraph} (rrdtool's look: time axis,
 * SI-scaled value axis, legend). The average of each line is plotted, consolidated to about one
 * value per pixel; the CPU chart is stacked (its modes add up to 100 %, idle left out).
 * Rendering is headless AWT with the DejaVu fonts rrd4j carries; the JDK still needs the
 * fontconfig library (Debian: {@code fontconfig}).
 */
public final class Graphs {

    /** The default image size. */
    public static final int WIDTH = 760;
    public static final int HEIGHT = 260;
    /** The smallest and largest image accepted. */
    public static final int MIN_SIZE = 200;
    public static final int MAX_SIZE = 4000;

    /** Line colours, in the order of a chart's lines. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Graphs() {
    }

    /**
     * A PNG of exactly {@code width} x {@code height} pixels (the plot area is what is left after
     * the axes, title and legend).
     *
     * @param subtitle what the title adds after the chart's title, e.g. "last 1d"
     * @throws IllegalArgumentException when the size is out of {@link #MIN_SIZE}..{@link #MAX_SIZE}
     */
    public static byte[] png(HistorySource.Window w, String subtitle, int width, int height) throws IOException {
        if (width < MIN_SIZE || height < MIN_SIZE / 2 || width > MAX_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("graph size must be " + MIN_SIZE + ".." + MAX_SIZE + " wide and "
                    + MIN_SIZE / 2 + ".." + MAX_SIZE + " high, got " + width + "x" + height);
        }
        // rrd4j sizes the plot area; the image adds the margins and legend, known after a rendering.
        int cw = width - 100;
        int ch = height - 90;
        RrdGraphInfo info = null;
        for (int attempt = 0; attempt < 3 && cw > 20 && ch > 20; attempt++) {
            info = render(w, subtitle, cw, ch);
            int dw = width - info.getWidth();
            int dh = height - info.getHeight();
            if (dw == 0 && dh == 0) {
                return info.getBytes();
            }
            cw += dw;
            ch += dh;
        }
        if (info == null) {
            info = render(w, subtitle, 20, 20);
        }
        return fit(info.getBytes(), width, height);
    }

    /** The image on a canvas of exactly width x height (cropped or padded with white). */
    private static byte[] fit(byte[] png, int width, int height) throws IOException {
        BufferedImage src = ImageIO.read(new ByteArrayInputStream(png));
        var out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.drawImage(src, 0, 0, null);
        g.dispose();
        var bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }

    private static RrdGraphInfo render(HistorySource.Window w, String subtitle, int plotWidth, int plotHeight)
            throws IOException {
        var chart = w.chart();
        long start = w.startSeconds();
        long end = start + w.length() * w.stepSeconds();
        var g = new RrdGraphDef(start, end);
        g.setFilename("-");
        g.setImageFormat("png");
        g.setWidth(plotWidth);
        g.setHeight(plotHeight);
        g.setShowSignature(false);
        g.setAntiAliasing(true);
        g.setTextAntiAliasing(true);
        g.setTitle(chart.title() + (subtitle == null || subtitle.isEmpty() ? "" : " — " + subtitle));
        g.setVerticalLabel(chart.unit());
        if (chart.unit().startsWith("bytes")) {
            g.setBase(1024);
        }
        g.setMinValue(0);
        boolean stacked = chart.id().equals("cpu");
        if (stacked) {
            g.setMaxValue(100);
            g.setRigid(true);
        }
        // About one value per pixel: the average of the window's steps in it.
        long bucket = Math.max(w.stepSeconds(), -Math.floorDiv(-(end - start), Math.max(1, plotWidth))
                / w.stepSeconds() * w.stepSeconds());
        boolean first = true;
        for (int l = 0; l < chart.lines().size(); l++) {
            String name = chart.lines().get(l);
            if (stacked && name.equals("idle")) {
                continue;
            }
            double[] values = consolidate(w.avg()[l], (int) (bucket / w.stepSeconds()));
            String src = "l" + l;
            g.datasource(src, t -> {
                long i = Math.floorDiv(t - 1 - start, bucket);
                return i < 0 || i >= values.length ? Double.NaN : values[(int) i];
            });
            Color c = PALETTE[l % PALETTE.length];
            if (stacked) {
                g.area(src, c, name, !first);
            } else {
                g.line(src, c, name, 1.5f);
            }
            first = false;
        }
        return new RrdGraph(g).getRrdGraphInfo();
    }

    /** Averages of {@code per} consecutive values, NaN ignored (NaN when all are). */
    static double[] consolidate(double[] v, int per) {
        if (per <= 1) {
            return v;
        }
        double[] out = new double[(v.length + per - 1) / per];
        Arrays.fill(out, Double.NaN);
        for (int b = 0; b < out.length; b++) {
            double sum = 0;
            int n = 0;
            for (int i = b * per; i < Math.min(v.length, (b + 1) * per); i++) {
                if (!Double.isNaN(v[i])) {
                    sum += v[i];
                    n++;
                }
            }
            if (n > 0) {
                out[b] = sum / n;
            }
        }
        return out;
    }
}
