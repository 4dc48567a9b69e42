package psutil4j.cli.render;

/** Human-readable sizes, as procps {@code free -h} and coreutils {@code df -h} print them. */
public final class Units {

    private static final String[] SUFFIX = {"B", "K", "M", "G", "T", "P", "E"};

    private Units() {
    }

    /** 1536 -> "1.5K", 0 -> "0B"; powers of 1024. */
    public static String human(long bytes) {
        double v = bytes;
        int i = 0;
        while (Math.abs(v) >= 1024 && i < SUFFIX.length - 1) {
            v /= 1024;
            i++;
        }
        if (i == 0) {
            return bytes + SUFFIX[0];
        }
        return (v < 10 ? String.format("%.1f", v) : String.format("%.0f", v)) + SUFFIX[i];
    }
}
