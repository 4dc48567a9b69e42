package psutil4j;

import java.util.Optional;

/**
 * A socket of one process, psutil's {@code pconn} (a {@link NetConnection} without the pid),
 * from {@code Process.netConnections}.
 *
 * @param fd     the file descriptor
 * @param family {@link AddressFamily#AF_INET}, {@link AddressFamily#AF_INET6} or
 *               {@link AddressFamily#AF_UNIX}
 * @param type   {@link SocketType#SOCK_STREAM}, {@link SocketType#SOCK_DGRAM} or
 *               {@link SocketType#SOCK_SEQPACKET}
 * @param laddr  the local address; empty where psutil gives {@code ()} or {@code ""}
 * @param raddr  the remote address; empty where psutil gives {@code ()} or {@code ""}
 * @param status the TCP state; {@link ConnectionStatus#NONE} for UDP and UNIX sockets
 */
public record ProcessConnection(int fd, AddressFamily family, SocketType type, Optional<Addr> laddr,
                                Optional<Addr> raddr, ConnectionStatus status) {
}
