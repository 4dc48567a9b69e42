package psutil4j.internal.linux.sys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import psutil4j.internal.linux.Roots;

/**
 * {@code /sys/class/thermal/thermal_zone*}: psutil's fallback for temperatures when hwmon has
 * no sensors. Zone {@code type} is the unit name, {@code temp} the current value (millidegrees),
 * and trip points of type {@code critical} / {@code high} give the thresholds.
 */
public final class SysThermal {

    private SysThermal() {
    }

    /** Thermal zones in sorted path order; zones whose temp or type cannot be read are skipped. */
    public static List<SysHwmon.RawTemp> temperatures() {
        List<SysHwmon.RawTemp> out = new ArrayList<>();
        for (Path zone : SysFiles.list(Roots.sys().resolve("class/thermal"), "thermal_zone*")) {
            Double current = SysFiles.readDouble(zone.resolve("temp"));
            String unit = SysFiles.readTrimmed(zone.resolve("type"));
            if (current == null || unit == null) {
                continue;
            }
            // "trip_point_0_temp", "trip_point_0_type" -> "trip_point_0". psutil walks a set
            // (random order) and re-divides an already converted value by 1000 on each later
            // trip point; we walk them sorted and convert once, which is what it means.
            var trips = new TreeSet<String>();
            for (Path p : SysFiles.list(zone, "trip_point*")) {
                String[] parts = p.getFileName().toString().split("_");
                if (parts.length >= 3) {
                    trips.add(parts[0] + "_" + parts[1] + "_" + parts[2]);
                }
            }
            Double high = null;
            Double critical = null;
            for (String trip : trips) {
                String type = SysFiles.readTrimmed(zone.resolve(trip + "_type"));
                if ("critical".equals(type)) {
                    critical = milli(SysFiles.readDouble(zone.resolve(trip + "_temp")));
                } else if ("high".equals(type)) {
                    high = milli(SysFiles.readDouble(zone.resolve(trip + "_temp")));
                }
            }
            out.add(new SysHwmon.RawTemp(unit, "", current / 1000.0, high, critical));
        }
        return out;
    }

    private static Double milli(Double v) {
        return v == null ? null : v / 1000.0;
    }
}
