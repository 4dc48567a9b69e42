package psutil4j;

import java.util.Optional;

/**
 * A user logged in on the system, psutil's {@code suser}: one USER_PROCESS entry of the utmp
 * file, from {@link Psutil#users()}.
 *
 * @param name     the login name ({@code ut_user})
 * @param terminal the tty or pseudo-tty ({@code ut_line}, e.g. {@code "pts/0"}); empty when none
 * @param host     the remote host name ({@code ut_host}); {@code "localhost"} for local logins
 *                 (an empty host, {@code ":0"} or {@code ":0.0"}), as psutil 7 does
 * @param started  the login time, seconds since the epoch ({@code ut_tv.tv_sec}, whole seconds)
 * @param pid      the pid of the login process ({@code ut_pid})
 */
public record User(String name, Optional<String> terminal, String host, double started, int pid) {
}
