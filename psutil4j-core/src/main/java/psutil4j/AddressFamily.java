package psutil4j;

/**
 * Socket address families on Linux, psutil's use of {@code socket.AddressFamily}.
 *
 * <p>{@link #AF_LINK} is psutil's {@code psutil.AF_LINK}, on Linux an alias of
 * {@code AF_PACKET} (17): the family of MAC addresses in {@link Psutil#netIfAddrs()}; psutil 7+
 * shows it as {@code AF_LINK} (5.9 showed {@code AF_PACKET}). {@link #AF_UNSPEC} marks a NIC
 * with no usable primary address (e.g. a tunnel without a MAC), listed by newest psutil.
 */
public enum AddressFamily {
    /** No address (a virtual or unconfigured NIC). */
    AF_UNSPEC(0),
    /** UNIX domain sockets. */
    AF_UNIX(1),
    /** IPv4. */
    AF_INET(2),
    /** IPv6. */
    AF_INET6(10),
    /** Link layer (MAC) addresses, {@code AF_PACKET} on Linux. */
    AF_LINK(17);

    private final int value;

    AddressFamily(int value) {
        this.value = value;
    }

    /** The numeric value, as psutil prints it (AF_INET is 2, AF_INET6 10, AF_UNIX 1, AF_LINK 17). */
    public int value() {
        return value;
    }
}
