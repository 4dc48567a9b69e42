package psutil4j.agent.config;

import java.time.Duration;

/**
 * Durations as written in the config and on the command line: {@code 500ms}, {@code 5s},
 * {@code 2m}, {@code 1h}, {@code 1d}, {@code 1w}, {@code 1y} (365 days), or bare seconds.
 */
public final class Durations {

    private Durations() {
    }

    /** Parses a duration; IllegalArgumentException with a readable message when malformed. */
    public static Duration parse(String s) {
        String t = s.strip();
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("not a duration: '" + s + "' (use e.g. 5s, 500ms, 1m)");
        }
        double n;
        try {
            n = Double.parseDouble(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + s + "' (use e.g. 5s, 500ms, 1m)");
        }
        double millis = switch (t.substring(i).strip()) {
            case "", "s" -> n * 1000;
            case "ms" -> n;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            case "w" -> n * 7 * 86_400_000;
            case "y" -> n * 365 * 86_400_000;
            default -> throw new IllegalArgumentException("not a duration: '" + s + "' (units: ms, s, m, h, d, w, y)");
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** The shortest of {@code 5s}, {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
