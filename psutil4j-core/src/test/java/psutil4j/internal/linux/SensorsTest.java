package psutil4j.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import psutil4j.Battery;
import psutil4j.Fan;
import psutil4j.Psutil;
import psutil4j.Temperature;

// Isolated: fixture tests repoint the global Roots, which would confuse tests running alongside.
@org.junit.jupiter.api.parallel.Isolated
class SensorsTest {

    private static Temperature t(String label, double cur, Double high, Double crit) {
        return new Temperature(label, cur,
                high == null ? OptionalDouble.empty() : OptionalDouble.of(high),
                crit == null ? OptionalDouble.empty() : OptionalDouble.of(crit));
    }

    @Test
    void hwmonTemperaturesInPsutilOrder() {
        var temps = MiscFixtures.with("sensors-laptop", () -> Psutil.sensorsTemperatures());
        // Unit order is first appearance in string-sorted base paths; hwmon/device (CentOS) included;
        // thermal zones ignored because hwmon has sensors.
        assertEquals(List.of("acpitz", "coretemp", "nvme", "k10temp", "zero"), List.copyOf(temps.keySet()));
        // No max: psutil fills high from critical.
        assertEquals(List.of(t("", 27.8, 105.0, 105.0)), temps.get("acpitz"));
        // "temp10" sorts before "temp2" as psutil sorts strings.
        assertEquals(List.of(t("Package id 0", 45.0, 80.0, 100.0), t("Core 8", 41.5, 80.0, 100.0),
                t("Core 0", 43.0, 80.0, 100.0)), temps.get("coretemp"));
        // temp2_input "garbage" skips the sensor; a non-numeric max is None.
        assertEquals(List.of(t("Composite", 38.85, 81.85, 84.85), t("Sensor 2", 36.85, null, null)),
                temps.get("nvme"));
        assertEquals(List.of(t("Tctl", 50.125, null, null)), temps.get("k10temp"));
        // A zero high is falsy in psutil: it is replaced by critical.
        assertEquals(List.of(t("", 30.0, 90.0, 90.0)), temps.get("zero"));
    }

    @Test
    void fahrenheitConvertsEveryValue() {
        var temps = MiscFixtures.with("sensors-laptop", () -> Psutil.sensorsTemperatures(true));
        assertEquals(t("", 27.8 * 9 / 5 + 32, 105.0 * 9 / 5 + 32, 105.0 * 9 / 5 + 32), temps.get("acpitz").get(0));
        // psutil converts before filling in: a 0 °C high becomes 32 °F, which is truthy and kept.
        assertEquals(t("", 30.0 * 9 / 5 + 32, 32.0, 90.0 * 9 / 5 + 32), temps.get("zero").get(0));
    }

    @Test
    void thermalZoneFallback() {
        var temps = MiscFixtures.with("sensors-thermal", () -> Psutil.sensorsTemperatures());
        // zone2 has no type: skipped. Sorted as strings: thermal_zone10 before thermal_zone2.
        assertEquals(List.of("x86_pkg_temp", "acpitz", "pch_cannonlake"), List.copyOf(temps.keySet()));
        assertEquals(List.of(t("", 45.0, 100.0, 100.0)), temps.get("x86_pkg_temp"));
        assertEquals(List.of(t("", 27.8, null, null)), temps.get("acpitz"));
        assertEquals(List.of(t("", 51.0, 95.0, 95.0)), temps.get("pch_cannonlake"));
    }

    @Test
    void thermalTripPointsConvertedOnce() {
        var temps = MiscFixtures.with("sensors-trips", () -> Psutil.sensorsTemperatures());
        assertEquals(Map.of("x86_pkg_temp", List.of(t("", 45.0, 95.0, 100.0))), temps);
    }

    @Test
    void coretempOnlyUnderPlatformIsAdded() {
        var temps = MiscFixtures.with("sensors-coretemp-platform", () -> Psutil.sensorsTemperatures());
        assertEquals(List.of("acpitz", "coretemp"), List.copyOf(temps.keySet()));
        assertEquals(List.of(t("Package id 0", 47.0, 100.0, 100.0)), temps.get("coretemp"));
    }

    @Test
    void fans() {
        var fans = MiscFixtures.with("sensors-laptop", () -> Psutil.sensorsFans());
        assertEquals(Map.of("thinkpad", List.of(new Fan("", 2100), new Fan("GPU fan", 0))), fans);
        assertTrue(MiscFixtures.with("sensors-thermal", () -> Psutil.sensorsFans()).isEmpty());
    }

    @Test
    void batteryFromEnergyCountersDischarging() {
        var bat = MiscFixtures.with("sensors-laptop", () -> Psutil.sensorsBattery()).orElseThrow();
        // BAT0 is chosen (min name), AC/online 0: 30 Wh at 15 W = 2 h.
        assertEquals(new Battery(50.0, 7200, Optional.of(false)), bat);
        assertTrue(bat.secsleftKnown());
    }

    @Test
    void batteryFromChargeCountersCharging() {
        var bat = MiscFixtures.with("sensors-thermal", () -> Psutil.sensorsBattery()).orElseThrow();
        // No AC0/AC: status "Charging" means plugged, so the time left is unlimited.
        assertEquals(new Battery(100.0 * 2000000 / 3000000, Battery.POWER_TIME_UNLIMITED, Optional.of(true)), bat);
        assertFalse(bat.secsleftKnown());
    }

    @Test
    void batteryFromCapacityAndTimeToEmpty() {
        var bat = MiscFixtures.with("sensors-capacity", () -> Psutil.sensorsBattery()).orElseThrow();
        assertEquals(new Battery(77.0, 90 * 60, Optional.of(false)), bat);
    }

    @Test
    void noSensors() {
        MiscFixtures.with("sensors-none", () -> {
            assertTrue(Psutil.sensorsTemperatures().isEmpty());
            assertTrue(Psutil.sensorsFans().isEmpty());
            assertTrue(Psutil.sensorsBattery().isEmpty());
            return null;
        });
        // Not even the directories.
        MiscFixtures.withRoots(MiscFixtures.dir("sensors-none").resolve("nope"),
                MiscFixtures.dir("sensors-none").resolve("nope"), MiscFixtures.dir("sensors-none").resolve("nope"), () -> {
                    assertTrue(Psutil.sensorsTemperatures().isEmpty());
                    assertTrue(Psutil.sensorsFans().isEmpty());
                    assertTrue(Psutil.sensorsBattery().isEmpty());
                    return null;
                });
    }

    @Test
    void liveDoesNotCrashAndIsConsistent() {
        var temps = Psutil.sensorsTemperatures();
        for (var e : temps.entrySet()) {
            assertFalse(e.getValue().isEmpty(), e.getKey());
        }
        var hwmon = java.nio.file.Path.of("/sys/class/hwmon");
        var thermal = java.nio.file.Path.of("/sys/class/thermal");
        if (!java.nio.file.Files.isDirectory(hwmon) && psutil4j.internal.linux.sys.SysFiles.list(thermal, "thermal_zone*").isEmpty()) {
            assertTrue(temps.isEmpty(), "no hwmon and no thermal zones, yet " + temps);
        }
        Psutil.sensorsFans();
        Psutil.sensorsBattery().ifPresent(b -> assertTrue(b.percent() >= 0 && b.percent() <= 100.5, b.toString()));
    }
}
