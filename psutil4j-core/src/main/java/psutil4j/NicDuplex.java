package psutil4j;

/** A NIC's duplex mode, psutil's {@code NicDuplex} (NIC_DUPLEX_FULL, ...). */
public enum NicDuplex {
    /** Unknown, or not an Ethernet-like NIC (psutil's NIC_DUPLEX_UNKNOWN, 0). */
    UNKNOWN(0),
    /** Half duplex (psutil's NIC_DUPLEX_HALF, 1). */
    HALF(1),
    /** Full duplex (psutil's NIC_DUPLEX_FULL, 2). */
    FULL(2);

    private final int value;

    NicDuplex(int value) {
        this.value = value;
    }

    /** psutil's numeric value: 2 full, 1 half, 0 unknown. */
    public int value() {
        return value;
    }
}
