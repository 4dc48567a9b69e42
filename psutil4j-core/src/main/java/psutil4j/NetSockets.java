package psutil4j;

import java.util.List;

/**
 * The result of {@link Psutil#netSockets(String, boolean)}: the sockets, and whether every
 * holder could be found.
 *
 * @param sockets        one element per socket, in /proc/net's order (tcp, tcp6, udp, udp6,
 *                       unix as the kind selects)
 * @param ownersComplete true when owners were asked for and every process's fd table could be
 *                       read; false when some could not (another user's processes, without
 *                       root; a sandbox may hide pid 1's fd links even from root), whose sockets
 *                       then show no pid, or when owners were not asked for
 */
public record NetSockets(List<NetSocket> sockets, boolean ownersComplete) {
}
