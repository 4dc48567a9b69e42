package psutil4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import psutil4j.Battery;
import psutil4j.Fan;
import psutil4j.Psutil;
import psutil4j.Temperature;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j sensors}: lm-sensors' {@code sensors} layout for psutil's
 * {@code sensors_temperatures()}, {@code sensors_fans()} and {@code sensors_battery()}.
 *
 * <p>Chips are psutil's names (the hwmon {@code name}, without lm-sensors' "-bus-address"
 * suffix and "Adapter:" line, which psutil does not know); an unlabelled sensor is shown as
 * "temp1", "fan1"... by its position. The battery, which lm-sensors shows only as a voltage, is
 * shown as psutil sees it. Nothing found: lm-sensors' message on stderr and exit status 1.
 */
@Command(name = "sensors", mixinStandardHelpOptions = true, version = "psutil4j sensors 0.1.0",
        description = "Show temperatures, fans and battery (lm-sensors sensors).")
final class SensorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Option(names = {"-f", "--fahrenheit"}, description = "Show temperatures in degrees Fahrenheit.")
    boolean fahrenheit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, List<Temperature>> temps = Psutil.sensorsTemperatures(fahrenheit);
        Map<String, List<Fan>> fans = Psutil.sensorsFans();
        Optional<Battery> battery = Psutil.sensorsBattery();
        if (json.json) {
            var m = new LinkedHashMap<String, Object>();
            m.put("sensors_temperatures", temps);
            m.put("sensors_fans", fans);
            m.put("sensors_battery", battery.orElse(null));
            out.println(Json.write(m, json.pretty));
            out.flush();
            return 0;
        }
        String text = render(temps, fans, battery.orElse(null), fahrenheit);
        if (text.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("No sensors found!");
            err.println("Make sure you loaded all the kernel drivers you need.");
            err.println("Try sensors-detect at root level.");
            err.flush();
            return 1;
        }
        out.print(text);
        out.flush();
        return 0;
    }

    /** Chips in psutil's order, temperatures first then fans of a chip, a blank line after each. */
    static String render(Map<String, List<Temperature>> temps, Map<String, List<Fan>> fans, Battery battery,
                         boolean fahrenheit) {
        var sb = new StringBuilder();
        var chips = new LinkedHashMap<String, Boolean>();
        temps.keySet().forEach(k -> chips.put(k, true));
        fans.keySet().forEach(k -> chips.put(k, true));
        String unit = fahrenheit ? "°F" : "°C";
        for (String chip : chips.keySet()) {
            List<Temperature> ts = temps.getOrDefault(chip, List.of());
            List<Fan> fs = fans.getOrDefault(chip, List.of());
            var labels = new java.util.ArrayList<String>();
            for (int i = 0; i < ts.size(); i++) {
                labels.add(label(ts.get(i).label(), "temp", i));
            }
            for (int i = 0; i < fs.size(); i++) {
                labels.add(label(fs.get(i).label(), "fan", i));
            }
            // lm-sensors' get_label_size: labels take at least 11 columns, plus one
            int width = Math.max(11, labels.stream().mapToInt(String::length).max().orElse(0)) + 1;
            sb.append(chip).append('\n');
            int n = 0;
            for (Temperature t : ts) {
                String l = labels.get(n++);
                sb.append(l).append(':').append(" ".repeat(width - l.length()));
                sb.append(String.format(Locale.ROOT, "%+6.1f%s", t.current(), unit));
                var limits = new java.util.ArrayList<String>();
                if (t.high().isPresent()) {
                    limits.add(String.format(Locale.ROOT, "high = %+.1f%s", t.high().getAsDouble(), unit));
                }
                if (t.critical().isPresent()) {
                    limits.add(String.format(Locale.ROOT, "crit = %+.1f%s", t.critical().getAsDouble(), unit));
                }
                if (!limits.isEmpty()) {
                    sb.append("  (").append(String.join(", ", limits)).append(')');
                }
                sb.append('\n');
            }
            for (Fan f : fs) {
                String l = labels.get(n++);
                sb.append(l).append(':').append(" ".repeat(width - l.length()));
                sb.append(String.format(Locale.ROOT, "%4d RPM%n", f.current()));
            }
            sb.append('\n');
        }
        if (battery != null) {
            sb.append("battery\n");
            sb.append(String.format(Locale.ROOT, "charge:        %5.1f %%%n", battery.percent()));
            String left = battery.secsleft() == Battery.POWER_TIME_UNLIMITED ? "unlimited"
                    : battery.secsleft() == Battery.POWER_TIME_UNKNOWN ? "unknown"
                    : String.format(Locale.ROOT, "%d:%02d:%02d", battery.secsleft() / 3600,
                            battery.secsleft() / 60 % 60, battery.secsleft() % 60);
            sb.append("time left:     ").append(left).append('\n');
            sb.append("power plugged: ").append(battery.powerPlugged().map(b -> b ? "yes" : "no").orElse("unknown"))
                    .append("\n\n");
        }
        return sb.toString();
    }

    private static String label(String label, String kind, int index) {
        return label == null || label.isEmpty() ? kind + (index + 1) : label;
    }
}
