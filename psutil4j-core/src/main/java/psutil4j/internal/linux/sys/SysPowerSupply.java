package psutil4j.internal.linux.sys;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import psutil4j.Battery;
import psutil4j.internal.linux.Roots;
import psutil4j.internal.parse.ProcBuffer;

/**
 * {@code /sys/class/power_supply}: the first battery ({@code BAT*} or a name containing
 * "battery", psutil #1238) and the AC adapter, read as psutil's {@code sensors_battery()}.
 * File names vary between drivers (psutil #966): energy_* (µWh) or charge_* (µAh),
 * power_now (µW) or current_now (µA).
 */
public final class SysPowerSupply {

    private SysPowerSupply() {
    }

    public static Optional<Battery> battery() {
        Path dir = Roots.sys().resolve("class/power_supply");
        String bat = null;
        for (Path p : SysFiles.list(dir, "*")) {
            String n = p.getFileName().toString();
            if ((n.startsWith("BAT") || n.toLowerCase(Locale.ROOT).contains("battery"))
                    && (bat == null || n.compareTo(bat) < 0)) {
                bat = n;
            }
        }
        if (bat == null) {
            return Optional.empty();
        }
        Path root = dir.resolve(bat);
        Long energyNow = firstLong(root.resolve("energy_now"), root.resolve("charge_now"));
        Long powerNow = firstLong(root.resolve("power_now"), root.resolve("current_now"));
        Long energyFull = firstLong(root.resolve("energy_full"), root.resolve("charge_full"));
        Long timeToEmpty = firstLong(root.resolve("time_to_empty_now"));

        // Percent: energy counters give a fraction, more precise than the integer capacity file.
        double percent;
        if (energyFull != null && energyNow != null) {
            percent = energyFull == 0 ? 0.0 : 100.0 * energyNow / energyFull;
        } else {
            Double cap = SysFiles.readDouble(root.resolve("capacity"));
            if (cap == null || cap == -1) {
                return Optional.empty();
            }
            percent = cap;
        }

        // AC0 is not always there; CentOS 7 calls it "AC".
        Optional<Boolean> plugged = Optional.empty();
        Long online = firstLong(dir.resolve("AC0/online"), dir.resolve("AC/online"));
        if (online != null) {
            plugged = Optional.of(online == 1);
        } else {
            String status = SysFiles.readTrimmed(root.resolve("status"));
            status = status == null ? "" : status.toLowerCase(Locale.ROOT);
            if (status.equals("discharging")) {
                plugged = Optional.of(false);
            } else if (status.equals("charging") || status.equals("full")) {
                plugged = Optional.of(true);
            }
        }

        long secsleft;
        if (plugged.orElse(false)) {
            secsleft = Battery.POWER_TIME_UNLIMITED;
        } else if (energyNow != null && powerNow != null) {
            // Python's int() truncates toward zero; a zero power is "unknown".
            secsleft = powerNow == 0 ? Battery.POWER_TIME_UNKNOWN
                    : (long) ((double) energyNow / Math.abs(powerNow) * 3600);
        } else if (timeToEmpty != null) {
            secsleft = timeToEmpty * 60;
            if (secsleft < 0) {
                secsleft = Battery.POWER_TIME_UNKNOWN;
            }
        } else {
            secsleft = Battery.POWER_TIME_UNKNOWN;
        }
        return Optional.of(new Battery(percent, secsleft, plugged));
    }

    /**
     * psutil's {@code multi_bcat}: the integer in the first of the files that can be read. A file
     * that exists but holds a non-integer counts as absent (psutil would carry the string on and
     * fail in arithmetic).
     */
    private static Long firstLong(Path... paths) {
        ProcBuffer b = ProcBuffer.get();
        for (Path p : paths) {
            if (b.read(p) >= 0) {
                return SysFiles.parseLong(b.cursor());
            }
        }
        return null;
    }
}
