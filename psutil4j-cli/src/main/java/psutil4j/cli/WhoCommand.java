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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import psutil4j.Psutil;
import psutil4j.User;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j who}: coreutils who over psutil's users(): "NAME LINE TIME (HOST)".
 * {@code -b} prints the boot time as "system boot  2026-11-26 12:52"; unlike coreutils (which
 * reads utmp's BOOT_TIME record and prints nothing without one, as in most containers) it uses
 * psutil's boot_time() (/proc/stat btime). {@code -q} names and "# users=N"; {@code -H} a header.
 */
@Command(name = "who", mixinStandardHelpOptions = true,
        description = "Show who is logged on (coreutils who).")
final class WhoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = {"-b", "--boot"}, description = "Time of last system boot.")
    boolean boot;

    @Option(names = {"-q", "--count"}, description = "All login names and number of users logged on.")
    boolean count;

    @Option(names = {"-H", "--heading"}, description = "Print a line of column headings.")
    boolean heading;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    static String time(double epoch, ZoneId zone) {
        return TIME.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) epoch), zone));
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        ZoneId zone = ZoneId.systemDefault();
        List<User> users = Psutil.users();
        if (jsonOption.json) {
            var m = new LinkedHashMap<String, Object>();
            if (boot) {
                m.put("boot_time", Psutil.bootTime());
            }
            m.put("users", users);
            out.println(Json.write(boot || count ? m : users, jsonOption.pretty));
        } else {
            out.print(render(users, boot ? Psutil.bootTime() : Double.NaN, count, heading, zone));
        }
        out.flush();
    }

    static String render(List<User> users, double boot, boolean count, boolean heading, ZoneId zone) {
        var sb = new StringBuilder();
        if (count) {
            var names = new ArrayList<String>();
            for (User u : users) {
                names.add(u.name());
            }
            sb.append(String.join(" ", names)).append('\n');
            sb.append("# users=").append(users.size()).append('\n');
            return sb.toString();
        }
        if (heading) {
            sb.append(String.format("%-8s %-12s %-16s %s%n", "NAME", "LINE", "TIME", "COMMENT"));
        }
        if (!Double.isNaN(boot)) {
            sb.append(String.format("%-8s %-12s %s%n", "", "system boot", time(boot, zone)));
            return sb.toString();
        }
        for (User u : users) {
            String line = String.format("%-8s %-12s %s", u.name(), u.terminal().orElse("?"), time(u.started(), zone));
            if (u.host() != null && !u.host().isEmpty()) {
                line += " (" + u.host() + ")";
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
