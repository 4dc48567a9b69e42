package psutil4j;

import java.util.Optional;

/**
 * One address of a NIC, psutil's {@code snicaddr}, from {@link Psutil#netIfAddrs()}.
 *
 * @param family    {@link AddressFamily#AF_INET}, {@link AddressFamily#AF_INET6},
 *                  {@link AddressFamily#AF_LINK} (a MAC address) or
 *                  {@link AddressFamily#AF_UNSPEC} (a NIC without a usable address: all
 *                  other fields are then empty)
 * @param address   the address: dotted IPv4, IPv6 as {@code getnameinfo} writes it (link-local
 *                  ones with their scope, {@code fe80::1%eth0}), or a MAC as lowercase colon hex
 * @param netmask   the netmask, when there is one (never for MAC addresses)
 * @param broadcast the broadcast address, when the NIC has IFF_BROADCAST; none for an IPv4 /32
 * @param ptp       the other end of a point-to-point link (typically a VPN); exclusive with
 *                  broadcast
 */
public record NetIfAddr(AddressFamily family, Optional<String> address, Optional<String> netmask,
                        Optional<String> broadcast, Optional<String> ptp) {
}
