package psutil4j.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import psutil4j.LoadAvg;
import psutil4j.Psutil;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j uptime}: procps 4 uptime: " 13:05:01 up 10 min,  0 users,  load average:
 * 0.00, 0.01, 0.05" ("user" unless more than one, as procps 4.0.2); {@code -p} "up 10 minutes";
 * {@code -s} the boot time "2026-11-26 12:52:50". Uptime is now minus psutil's boot_time();
 * users are psutil's users() (utmp sessions).
 */
@Command(name = "uptime", mixinStandardHelpOptions = true,
        description = "Tell how long the system has been running (procps uptime).")
final class UptimeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    // not the JsonOption mixin: its hidden --pretty is procps uptime's long form of -p
    @Option(names = "--json", description = "Print JSON with psutil's field names.")
    boolean json;

    @Option(names = {"-p", "--pretty"}, description = "Show uptime in pretty format.")
    boolean prettyUp;

    @Option(names = {"-s", "--since"}, description = "Show the boot time, yyyy-mm-dd HH:MM:SS.")
    boolean since;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        double boot = Psutil.bootTime();
        double now = System.currentTimeMillis() / 1000.0;
        int users = Psutil.users().size();
        LoadAvg l = Psutil.getloadavg();
        ZoneId zone = ZoneId.systemDefault();
        if (json) {
            var m = new LinkedHashMap<String, Object>();
            m.put("boot_time", boot);
            m.put("uptime", now - boot);
            m.put("users", users);
            m.put("getloadavg", List.of(l.load1(), l.load5(), l.load15()));
            out.println(Json.write(m, false));
        } else if (since) {
            out.println(since(boot, zone));
        } else if (prettyUp) {
            out.println(pretty((long) (now - boot)));
        } else {
            out.println(line(now, (long) (now - boot), users, l, zone));
        }
        out.flush();
    }

    static String since(double boot, ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
                .format(ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) boot), zone));
    }

    /** procps' sprint_uptime. */
    static String line(double now, long up, int users, LoadAvg l, ZoneId zone) {
        var t = ZonedDateTime.ofInstant(Instant.ofEpochMilli((long) (now * 1000)), zone);
        var sb = new StringBuilder(String.format(" %02d:%02d:%02d up ", t.getHour(), t.getMinute(), t.getSecond()));
        long days = up / 86400;
        long hours = up / 3600 % 24;
        long minutes = up / 60 % 60;
        if (days > 0) {
            sb.append(days).append(days > 1 ? " days, " : " day, ");
        }
        if (hours > 0) {
            sb.append(String.format("%2d:%02d, ", hours, minutes));
        } else {
            sb.append(minutes).append(" min, ");
        }
        sb.append(String.format(Locale.ROOT, "%2d %s,  load average: %.2f, %.2f, %.2f",
                users, users > 1 ? "users" : "user", l.load1(), l.load5(), l.load15()));
        return sb.toString();
    }

    /** procps' sprint_uptime pretty form: "up 1 week, 2 days, 3 hours, 4 minutes". */
    static String pretty(long up) {
        long years = up / (365L * 86400);
        long rest = up % (365L * 86400);
        long weeks = rest / (7 * 86400);
        long days = rest / 86400 % 7;
        long hours = up / 3600 % 24;
        long minutes = up / 60 % 60;
        var parts = new ArrayList<String>();
        if (years > 0) {
            parts.add(years + (years > 1 ? " years" : " year"));
        }
        if (weeks > 0) {
            parts.add(weeks + (weeks > 1 ? " weeks" : " week"));
        }
        if (days > 0) {
            parts.add(days + (days > 1 ? " days" : " day"));
        }
        if (hours > 0) {
            parts.add(hours + (hours > 1 ? " hours" : " hour"));
        }
        // procps 4 tests the seconds left after the minutes (always <= 60), so minutes are always
        // printed, "0 minutes" included ("up 2 hours, 0 minutes"); procps 3.3 tested the total
        parts.add(minutes + (minutes != 1 ? " minutes" : " minute"));
        return "up " + String.join(", ", parts);
    }
}
