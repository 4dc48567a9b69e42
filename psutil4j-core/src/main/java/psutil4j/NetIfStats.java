package psutil4j;

/**
 * A NIC's state, psutil's {@code snicstats}, from {@link Psutil#netIfStats()}.
 *
 * @param isup   whether the NIC is up and running (IFF_RUNNING, as newest psutil)
 * @param duplex the duplex mode
 * @param speed  the speed in Mbit/s; 0 when unknown (psutil's documented value: virtual NICs,
 *               a NIC that is down)
 * @param mtu    the maximum transmission unit in bytes
 * @param flags  the interface flags, comma-separated as psutil writes them, in bit order
 *               (e.g. "up,broadcast,running,multicast")
 */
public record NetIfStats(boolean isup, NicDuplex duplex, int speed, int mtu, String flags) {
}
