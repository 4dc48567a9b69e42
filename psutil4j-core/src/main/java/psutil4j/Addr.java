package psutil4j;

/**
 * A socket address in a {@link NetConnection}: psutil's {@code addr(ip, port)} namedtuple for
 * internet sockets, or a path for UNIX sockets (psutil gives a plain string there).
 *
 * <p>Where psutil gives an empty tuple {@code ()} (no remote end, or port 0) or an empty string
 * (an unnamed UNIX socket, and always for a UNIX socket's remote end), psutil4j gives
 * {@code Optional.empty()}.
 */
public sealed interface Addr permits Addr.Inet, Addr.Unix {

    /**
     * An IPv4 or IPv6 address and port, psutil's {@code addr}.
     *
     * @param ip   the address as {@code inet_ntop} writes it ("127.0.0.1", "::1",
     *             "::ffff:127.0.0.1" for an IPv4-mapped IPv6 address)
     * @param port the port, 1..65535
     */
    record Inet(String ip, int port) implements Addr {
    }

    /**
     * A UNIX socket's path; abstract names start with {@code @} (as /proc/net/unix shows them).
     *
     * @param path the path as /proc/net/unix shows it
     */
    record Unix(String path) implements Addr {
    }
}
