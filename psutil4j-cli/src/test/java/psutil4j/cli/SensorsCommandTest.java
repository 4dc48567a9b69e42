package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import psutil4j.Battery;
import psutil4j.Fan;
import psutil4j.Temperature;
import psutil4j.testing.PythonPsutil;

/** {@code sensors}: lm-sensors' layout on fixed readings; on this machine, the same chips as psutil. */
class SensorsCommandTest {

    @Test
    void goldenChips() {
        var temps = new LinkedHashMap<String, List<Temperature>>();
        temps.put("coretemp", List.of(
                new Temperature("Package id 0", 45.0, OptionalDouble.of(80.0), OptionalDouble.of(100.0)),
                new Temperature("Core 0", 42.0, OptionalDouble.of(80.0), OptionalDouble.of(100.0))));
        temps.put("acpitz", List.of(new Temperature("", 27.8, OptionalDouble.empty(), OptionalDouble.of(105.0)),
                new Temperature("", -5.5, OptionalDouble.empty(), OptionalDouble.empty())));
        var fans = Map.of("thinkpad", List.of(new Fan("", 2000)));
        assertEquals("""
                coretemp
                Package id 0:  +45.0°C  (high = +80.0°C, crit = +100.0°C)
                Core 0:        +42.0°C  (high = +80.0°C, crit = +100.0°C)

                acpitz
                temp1:        +27.8°C  (crit = +105.0°C)
                temp2:         -5.5°C

                thinkpad
                fan1:        2000 RPM

                battery
                charge:         85.5 %
                time left:     1:02:03
                power plugged: no

                """, SensorsCommand.render(temps, fans, new Battery(85.5, 3723, Optional.of(false)), false));
        assertEquals("", SensorsCommand.render(Map.of(), Map.of(), null, false));
        assertTrue(SensorsCommand.render(Map.of("x", List.of(new Temperature("t", 100, OptionalDouble.empty(),
                OptionalDouble.empty()))), Map.of(), null, true).contains("+100.0°F"));
    }

    @Test
    void sameChipsAsPsutilOrHonestNothing() throws Exception {
        JsonNode temps = PythonPsutil.eval("nt(psutil.sensors_temperatures())");
        JsonNode fans = PythonPsutil.eval("nt(psutil.sensors_fans())");
        JsonNode battery = PythonPsutil.eval("nt(psutil.sensors_battery())");
        SysCli.Result r = SysCli.run("sensors");
        if (temps.isEmpty() && fans.isEmpty() && battery.isNull()) {
            assertEquals(1, r.rc());
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("No sensors found!\n"), r.err());
        } else {
            assertEquals(0, r.rc(), r.err());
            temps.fieldNames().forEachRemaining(chip -> assertTrue(r.out().contains(chip + "\n"), chip));
            fans.fieldNames().forEachRemaining(chip -> assertTrue(r.out().contains(chip + "\n"), chip));
        }
        JsonNode ours = new ObjectMapper().readTree(SysCli.run("sensors", "--json").out());
        assertEquals(names(temps), names(ours.get("sensors_temperatures")));
        assertEquals(names(fans), names(ours.get("sensors_fans")));
        assertEquals(battery.isNull(), ours.get("sensors_battery").isNull());
    }

    private static List<String> names(JsonNode n) {
        var l = new java.util.ArrayList<String>();
        n.fieldNames().forEachRemaining(l::add);
        return l;
    }

    @Test
    void unknownFlag() {
        assertEquals(2, SysCli.run("sensors", "--bogus").rc());
    }
}
