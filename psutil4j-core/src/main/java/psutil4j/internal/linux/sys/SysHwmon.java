package psutil4j.internal.linux.sys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import psutil4j.internal.linux.Roots;

/**
 * {@code /sys/class/hwmon/hwmon*}: temperature ({@code temp*_input}, millidegrees Celsius) and
 * fan ({@code fan*_input}, RPM) sensors, as psutil's {@code sensors_temperatures()} and
 * {@code sensors_fans()} read them.
 */
public final class SysHwmon {

    /** One temperature sensor before psutil's high/critical fill-in; null is psutil's None. */
    public record RawTemp(String unit, String label, double current, Double high, Double critical) {
    }

    /** One fan. */
    public record RawFan(String unit, String label, long rpm) {
    }

    private SysHwmon() {
    }

    /**
     * Temperature sensor base paths ({@code .../hwmonN/tempK}) in psutil's order: from
     * {@code hwmon*}{@code /temp*_*} and {@code hwmon*}{@code /device/temp*_*} (CentOS has the
     * intermediate device directory, psutil #971), sorted as strings, then coretemp sensors that
     * only appear under /sys/devices/platform. Empty means psutil falls back to thermal zones,
     * even when the files found cannot be read.
     */
    public static List<Path> temperatureBases() {
        Path classHwmon = Roots.sys().resolve("class/hwmon");
        List<Path> bases = new ArrayList<>(sortedBases(classHwmon, "temp*_*", true));
        // Coretemp sensors registered under /sys/devices/platform but missing from
        // /sys/class/hwmon (psutil #1708, PR #1648). psutil compares full file names against
        // stripped bases there, so its check never matches and the entries it adds then fail to
        // read; we implement the intent: add the sensor when /sys/class/hwmon lacks it.
        for (Path coretemp : SysFiles.list(Roots.sys().resolve("devices/platform"), "coretemp.*")) {
            for (Path hw : SysFiles.list(coretemp.resolve("hwmon"), "hwmon*")) {
                for (Path base : basesIn(hw, "temp*_*")) {
                    Path alt = classHwmon.resolve(hw.getFileName()).resolve(base.getFileName());
                    if (!bases.contains(alt)) {
                        bases.add(base);
                    }
                }
            }
        }
        return bases;
    }

    /** The sensors at {@code bases} (from {@link #temperatureBases()}), skipping unreadable ones. */
    public static List<RawTemp> temperatures(List<Path> bases) {
        List<RawTemp> out = new ArrayList<>();
        for (Path base : bases) {
            String b = base.getFileName().toString();
            Double current = SysFiles.readDouble(base.resolveSibling(b + "_input"));
            String unit = SysFiles.readTrimmed(base.resolveSibling("name"));
            if (current == null || unit == null) {
                // psutil skips the whole entry on any error: hwmon is "a stinky broken mess"
                // (psutil #1009, #1101, #1129, #1245, #1323).
                continue;
            }
            Double high = SysFiles.readDouble(base.resolveSibling(b + "_max"));
            Double crit = SysFiles.readDouble(base.resolveSibling(b + "_crit"));
            String label = SysFiles.readTrimmed(base.resolveSibling(b + "_label"));
            out.add(new RawTemp(unit, label == null ? "" : label, current / 1000.0,
                    high == null ? null : high / 1000.0, crit == null ? null : crit / 1000.0));
        }
        return out;
    }

    /**
     * Fans: {@code hwmon*}{@code /fan*_*}, or only when there are none
     * {@code hwmon*}{@code /device/fan*_*} (psutil #971). An entry whose input is unreadable or
     * whose hwmon has no readable {@code name} is skipped (psutil would raise on the latter).
     */
    public static List<RawFan> fans() {
        Path classHwmon = Roots.sys().resolve("class/hwmon");
        List<Path> bases = sortedBases(classHwmon, "fan*_*", false);
        if (bases.isEmpty()) {
            bases = new ArrayList<>();
            for (Path hw : SysFiles.list(classHwmon, "hwmon*")) {
                bases.addAll(basesIn(hw.resolve("device"), "fan*_*"));
            }
            bases.sort((a, b) -> a.toString().compareTo(b.toString()));
        }
        List<RawFan> out = new ArrayList<>();
        for (Path base : bases) {
            String b = base.getFileName().toString();
            Long rpm = SysFiles.readLong(base.resolveSibling(b + "_input"));
            String unit = SysFiles.readTrimmed(base.resolveSibling("name"));
            if (rpm == null || unit == null) {
                continue;
            }
            String label = SysFiles.readTrimmed(base.resolveSibling(b + "_label"));
            out.add(new RawFan(unit, label == null ? "" : label, rpm));
        }
        return out;
    }

    /** Distinct bases under every {@code hwmon*} (and its {@code device/} when asked), sorted as strings. */
    private static List<Path> sortedBases(Path classHwmon, String glob, boolean withDevice) {
        var set = new TreeSet<Path>((a, b) -> a.toString().compareTo(b.toString()));
        for (Path hw : SysFiles.list(classHwmon, "hwmon*")) {
            set.addAll(basesIn(hw, glob));
            if (withDevice) {
                set.addAll(basesIn(hw.resolve("device"), glob));
            }
        }
        return new ArrayList<>(set);
    }

    /** {@code dir/temp1} for files {@code dir/temp1_input}, {@code dir/temp1_max}...: the part before the first '_'. */
    private static List<Path> basesIn(Path dir, String glob) {
        var set = new TreeSet<String>();
        for (Path f : SysFiles.list(dir, glob)) {
            String n = f.getFileName().toString();
            set.add(n.substring(0, n.indexOf('_')));
        }
        List<Path> out = new ArrayList<>(set.size());
        for (String n : set) {
            out.add(dir.resolve(n));
        }
        return out;
    }
}
