package psutil4j.internal.linux;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import psutil4j.Battery;
import psutil4j.Fan;
import psutil4j.Temperature;
import psutil4j.internal.linux.sys.SysHwmon;
import psutil4j.internal.linux.sys.SysPowerSupply;
import psutil4j.internal.linux.sys.SysThermal;

/** psutil's {@code sensors_temperatures()}, {@code sensors_fans()}, {@code sensors_battery()} on Linux. */
public final class LinuxSensors {

    private LinuxSensors() {
    }

    /**
     * hwmon sensors, or the thermal zones when hwmon has no temperature file at all; grouped by
     * unit name in order of first appearance (a Python dict's order), with psutil's fill-in:
     * a missing (or zero, Python falsiness) critical takes high and vice versa.
     */
    public static Map<String, List<Temperature>> temperatures(boolean fahrenheit) {
        var bases = SysHwmon.temperatureBases();
        List<SysHwmon.RawTemp> raw = bases.isEmpty() ? SysThermal.temperatures() : SysHwmon.temperatures(bases);
        return group(raw, fahrenheit);
    }

    /** Groups raw readings as psutil's {@code sensors_temperatures()} in psutil/__init__.py does. */
    static Map<String, List<Temperature>> group(List<SysHwmon.RawTemp> raw, boolean fahrenheit) {
        Map<String, List<Temperature>> out = new LinkedHashMap<>();
        for (SysHwmon.RawTemp t : raw) {
            double current = convert(t.current(), fahrenheit);
            Double high = t.high() == null ? null : convert(t.high(), fahrenheit);
            Double crit = t.critical() == null ? null : convert(t.critical(), fahrenheit);
            if (truthy(high) && !truthy(crit)) {
                crit = high;
            } else if (truthy(crit) && !truthy(high)) {
                high = crit;
            }
            out.computeIfAbsent(t.unit(), k -> new ArrayList<>())
                    .add(new Temperature(t.label(), current, opt(high), opt(crit)));
        }
        out.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(out);
    }

    public static Map<String, List<Fan>> fans() {
        Map<String, List<Fan>> out = new LinkedHashMap<>();
        for (SysHwmon.RawFan f : SysHwmon.fans()) {
            out.computeIfAbsent(f.unit(), k -> new ArrayList<>()).add(new Fan(f.label(), f.rpm()));
        }
        out.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(out);
    }

    public static Optional<Battery> battery() {
        return SysPowerSupply.battery();
    }

    private static double convert(double c, boolean fahrenheit) {
        return fahrenheit ? c * 9 / 5 + 32 : c;
    }

    /** Python truthiness of a float-or-None. */
    private static boolean truthy(Double d) {
        return d != null && d != 0.0;
    }

    private static OptionalDouble opt(Double d) {
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }
}
