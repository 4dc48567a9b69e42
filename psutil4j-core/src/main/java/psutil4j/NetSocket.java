package psutil4j;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A socket as the kernel lists it in /proc/net/{tcp,tcp6,udp,udp6,unix}, beyond psutil, from
 * {@link Psutil#netSockets(String, boolean)}: psutil's {@code sconn} fields (same meanings)
 * plus the columns netstat and ss show and psutil drops. One element per socket, whoever holds
 * it (psutil's {@code net_connections} gives a UNIX socket once per fd).
 *
 * @param family        {@link AddressFamily#AF_INET}, {@link AddressFamily#AF_INET6} or
 *                      {@link AddressFamily#AF_UNIX}
 * @param type          {@link SocketType#SOCK_STREAM}, {@link SocketType#SOCK_DGRAM} or (UNIX)
 *                      {@link SocketType#SOCK_SEQPACKET}
 * @param laddr         the local address, as {@link NetConnection#laddr()}: empty for port 0
 *                      (the wildcard's port) and for an unnamed UNIX socket
 * @param raddr         the remote address, as {@link NetConnection#raddr()}: empty when there
 *                      is no remote end (a listening or unconnected socket: 0.0.0.0:0 or [::]:0)
 *                      and always for UNIX sockets
 * @param status        psutil's TCP status; {@link ConnectionStatus#NONE} for UDP and UNIX
 * @param state         the kernel's own state number ("st"): a TCP state of
 *                      include/net/tcp_states.h for TCP and UDP sockets (UDP: 1 connected, 7 not);
 *                      for UNIX sockets the socket_state of include/uapi/linux/net.h (1
 *                      unconnected, also while listening; 2 connecting; 3 connected; 4
 *                      disconnecting)
 * @param inode         the socket's inode ("socket:[inode]" in /proc/PID/fd); 0 for TCP
 *                      sockets in TIME_WAIT or SYN_RECV, which no file holds
 * @param refCount      the kernel's reference count of the socket
 * @param kernelAddress the socket's kernel address as /proc prints it ({@code %pK}: hashed, 0
 *                      when kptr_restrict hides it); lsof's DEVICE for UNIX sockets
 * @param uid           the owner's user id (TCP and UDP; empty for UNIX sockets, whose line has
 *                      none)
 * @param recvQueue     bytes received and not yet read (TCP and UDP; empty for UNIX); for a
 *                      listening TCP socket, connections waiting to be accepted (netstat's
 *                      Recv-Q)
 * @param sendQueue     bytes sent and not yet acknowledged (TCP) or queued (UDP), netstat's
 *                      Send-Q; empty for UNIX sockets
 * @param flags         UNIX sockets' flags: {@code 0x10000} (__SO_ACCEPTCON) while listening,
 *                      netstat's "ACC"; empty for TCP and UDP
 * @param pids          the processes holding the socket in their fd table, ascending; empty when
 *                      none does, when they could not be read, or when owners were not asked for
 */
public record NetSocket(AddressFamily family, SocketType type, Optional<Addr> laddr, Optional<Addr> raddr,
                        ConnectionStatus status, int state, long inode, long refCount, long kernelAddress,
                        OptionalLong uid, OptionalLong recvQueue, OptionalLong sendQueue, OptionalLong flags,
                        List<Integer> pids) {

    /** __SO_ACCEPTCON, the {@link #flags()} bit of a listening UNIX socket. */
    public static final long SO_ACCEPTCON = 1L << 16;
}
