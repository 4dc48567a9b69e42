package psutil4j;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A system-wide socket, psutil's {@code sconn}, from {@link Psutil#netConnections(String)}.
 *
 * @param fd     the file descriptor in the owning process, or -1 when unknown (psutil's -1)
 * @param family {@link AddressFamily#AF_INET}, {@link AddressFamily#AF_INET6} or
 *               {@link AddressFamily#AF_UNIX}
 * @param type   {@link SocketType#SOCK_STREAM}, {@link SocketType#SOCK_DGRAM} or (UNIX)
 *               {@link SocketType#SOCK_SEQPACKET}
 * @param laddr  the local address; empty where psutil gives {@code ()} or {@code ""}
 * @param raddr  the remote address; empty where psutil gives {@code ()} or {@code ""} (always
 *               for UNIX sockets: Linux does not tell the peer's path)
 * @param status the TCP state; {@link ConnectionStatus#NONE} for UDP and UNIX sockets
 * @param pid    the owning process, empty when unknown (psutil's None: no permission to read
 *               its /proc/pid/fd, or a socket no process holds)
 */
public record NetConnection(int fd, AddressFamily family, SocketType type, Optional<Addr> laddr,
                            Optional<Addr> raddr, ConnectionStatus status, OptionalInt pid) {
}
