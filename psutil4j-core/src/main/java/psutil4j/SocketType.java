package psutil4j;

/** Socket types on Linux, psutil's use of {@code socket.SocketKind}. */
public enum SocketType {
    /** Stream sockets (TCP, UNIX stream). */
    SOCK_STREAM(1),
    /** Datagram sockets (UDP, UNIX datagram). */
    SOCK_DGRAM(2),
    /** Raw sockets. */
    SOCK_RAW(3),
    /** Reliably delivered messages. */
    SOCK_RDM(4),
    /** Sequenced packets (UNIX seqpacket). */
    SOCK_SEQPACKET(5);

    private final int value;

    SocketType(int value) {
        this.value = value;
    }

    /** The numeric value, as psutil prints it (SOCK_STREAM is 1, SOCK_DGRAM 2). */
    public int value() {
        return value;
    }

    /** The type with this numeric value, or null if Linux has none. */
    public static SocketType of(int value) {
        return switch (value) {
            case 1 -> SOCK_STREAM;
            case 2 -> SOCK_DGRAM;
            case 3 -> SOCK_RAW;
            case 4 -> SOCK_RDM;
            case 5 -> SOCK_SEQPACKET;
            default -> null;
        };
    }
}
