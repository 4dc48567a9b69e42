package psutil4j.agent.report;

import java.util.Locale;

/** Values as a person reads them in a report: 12.3 %, 1.5 GiB, 3.2 MiB/s, 12.0/s, 0.42. */
final class Units {

    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {
    }

    /** {@code v} in {@code unit} (a chart's unit: percent, bytes, bytes/s, ops/s, load, seconds/s); "–" for NaN. */
    static String format(double v, String unit) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return switch (unit) {
            case "percent" -> String.format(Locale.ROOT, "%.1f %%", v);
            case "bytes" -> bytes(v);
            case "bytes/s" -> bytes(v) + "/s";
            case "ops/s" -> String.format(Locale.ROOT, "%.1f/s", v);
            case "seconds/s" -> String.format(Locale.ROOT, "%.3f", v);
            default -> String.format(Locale.ROOT, "%.2f", v);
        };
    }

    /** 1024-based: 512 B, 1.5 KiB, 20.0 GiB. */
    static String bytes(double v) {
        double a = Math.abs(v);
        int i = 0;
        while (a >= 1024 && i < BINARY.length - 1) {
            a /= 1024;
            v /= 1024;
            i++;
        }
        return i == 0 ? String.format(Locale.ROOT, "%.0f B", v) : String.format(Locale.ROOT, "%.1f %s", v, BINARY[i]);
    }
}
