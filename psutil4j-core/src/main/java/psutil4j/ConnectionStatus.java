package psutil4j;

/**
 * A socket's TCP state, psutil's {@code ConnectionStatus}: each constant's name is psutil's
 * string ({@code psutil.CONN_LISTEN == "LISTEN"}). UDP and UNIX sockets are {@link #NONE}.
 */
public enum ConnectionStatus {
    /** TCP_ESTABLISHED (1). */
    ESTABLISHED,
    /** TCP_SYN_SENT (2). */
    SYN_SENT,
    /** TCP_SYN_RECV (3). */
    SYN_RECV,
    /** TCP_FIN_WAIT1 (4). */
    FIN_WAIT1,
    /** TCP_FIN_WAIT2 (5). */
    FIN_WAIT2,
    /** TCP_TIME_WAIT (6). */
    TIME_WAIT,
    /** TCP_CLOSE (7). */
    CLOSE,
    /** TCP_CLOSE_WAIT (8). */
    CLOSE_WAIT,
    /** TCP_LAST_ACK (9). */
    LAST_ACK,
    /** TCP_LISTEN (10). */
    LISTEN,
    /** TCP_CLOSING (11). */
    CLOSING,
    /** Not a TCP socket (UDP, UNIX), or a state psutil does not know. */
    NONE;

    /** The status for a kernel TCP state number (include/net/tcp_states.h); NONE if unknown. */
    public static ConnectionStatus ofTcpState(int state) {
        return switch (state) {
            case 1 -> ESTABLISHED;
            case 2 -> SYN_SENT;
            case 3 -> SYN_RECV;
            case 4 -> FIN_WAIT1;
            case 5 -> FIN_WAIT2;
            case 6 -> TIME_WAIT;
            case 7 -> CLOSE;
            case 8 -> CLOSE_WAIT;
            case 9 -> LAST_ACK;
            case 10 -> LISTEN;
            case 11 -> CLOSING;
            default -> NONE;
        };
    }
}
