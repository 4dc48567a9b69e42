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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.Psutil;
import psutil4j.User;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j who}: coreutils who over psutil's users(): "NAME LINE TIME (HOST)".
 * {@code -b} prints the boot time as "system boot  2026-11-26 12:52"; unlike coreutils (which
 * reads utmp's BOOT_TIME record and prints nothing without one, as in most containers) it uses
 * psutil's boot_time() (/proc/stat btime). {@code -q} names and "# users=N"; {@code -H} a header;
 * {@code -m} or {@code who am i}: the session on standard input's terminal.
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

    @Option(names = {"-m"}, description = "Only the session on standard input's terminal (as \"who am i\").")
    boolean me;

    @Parameters(arity = "0..2", paramLabel = "am i", description = "\"who am i\": like -m.")
    List<String> amI = new ArrayList<>();

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter POSIX = DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ROOT);

    /**
     * coreutils picks the time format by locale: in the C/POSIX locale "Nov 26 12:52" (%b %e
     * %H:%M), in any other "2026-11-26 12:52". The locale is LC_ALL, else LC_TIME, else LANG.
     */
    static boolean posixLocale() {
        String l = null;
        for (String k : new String[] {"LC_ALL", "LC_TIME", "LANG"}) {
            String v = System.getenv(k);
            if (v != null && !v.isEmpty()) {
                l = v;
                break;
            }
        }
        return l == null || l.equals("C") || l.equals("POSIX");
    }

    static String time(double epoch, ZoneId zone) {
        return time(epoch, zone, posixLocale());
    }

    static String time(double epoch, ZoneId zone, boolean posix) {
        return (posix ? POSIX : ISO).format(ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) epoch), zone));
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        ZoneId zone = ZoneId.systemDefault();
        if (!amI.isEmpty() && amI.size() != 2) {
            throw ProcText.usage(spec, "extra operand '" + amI.get(0) + "' (only \"who am i\" takes operands)");
        }
        List<User> users = Psutil.users();
        if (me || amI.size() == 2) {
            // coreutils: the entry of the terminal on stdin; none without a terminal
            String tty = Psutil.ttyname(0).orElse(null);
            String line = tty == null ? null : tty.substring("/dev/".length());
            users = users.stream().filter(u -> line != null && line.equals(u.terminal().orElse(null))).toList();
        }
        if (jsonOption.json) {
            var m = new LinkedHashMap<String, Object>();
            if (boot) {
                m.put("boot_time", Psutil.bootTime());
            }
            m.put("users", users);
            out.println(Json.write(boot || count ? m : users, jsonOption.pretty));
        } else {
            out.print(render(users, boot ? Psutil.bootTime() : Double.NaN, count, heading, zone, posixLocale()));
        }
        out.flush();
    }

    static String render(List<User> users, double boot, boolean count, boolean heading, ZoneId zone, boolean posix) {
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
            sb.append(String.format("%-8s %-12s %-" + (posix ? 12 : 16) + "s %s%n", "NAME", "LINE", "TIME", "COMMENT"));
        }
        if (!Double.isNaN(boot)) {
            sb.append(String.format("%-8s %-12s %s%n", "", "system boot", time(boot, zone, posix)));
            return sb.toString();
        }
        for (User u : users) {
            String line = String.format("%-8s %-12s %s", u.name(), u.terminal().orElse("?"), time(u.started(), zone, posix));
            // psutil 7 reports a local login's empty host as "localhost"; coreutils prints nothing
            if (u.host() != null && !u.host().isEmpty() && !u.host().equals("localhost")) {
                line += " (" + u.host() + ")";
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
