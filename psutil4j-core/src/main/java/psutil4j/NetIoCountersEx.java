package psutil4j;

import java.util.OptionalLong;

/**
 * A NIC's traffic counters with every column of /proc/net/dev and its transmit queue length,
 * beyond psutil, from {@link Psutil#netIoCountersEx()}: psutil's {@link NetIoCounters} fields
 * with the same names, then what net-tools' {@code ifconfig} and {@code ip -s link} also show.
 * Values are the kernel's, not adjusted for wrapping (psutil's {@code nowrap}).
 *
 * @param bytesSent    bytes sent
 * @param bytesRecv    bytes received
 * @param packetsSent  packets sent
 * @param packetsRecv  packets received
 * @param errin        receive errors (all kinds, summed by the driver)
 * @param errout       transmit errors
 * @param dropin       incoming packets dropped
 * @param dropout      outgoing packets dropped
 * @param rxFifo       receive FIFO errors ({@code rx_fifo_errors}): ifconfig's RX "overruns"
 * @param rxFrame      length, overrun, CRC and frame errors added up by the kernel
 *                     (net/core/net-procfs.c): ifconfig's RX "frame"
 * @param rxCompressed compressed packets received (CSLIP, PPP)
 * @param multicast    multicast packets received
 * @param txFifo       transmit FIFO errors: ifconfig's TX "overruns"
 * @param collisions   collisions: ifconfig's "collisions"
 * @param txCarrier    carrier, aborted, window and heartbeat errors added up by the kernel:
 *                     ifconfig's "carrier"
 * @param txCompressed compressed packets sent
 * @param txQueueLen   the transmit queue length (/sys/class/net/NIC/tx_queue_len, ifconfig's
 *                     "txqueuelen"), empty when unreadable (the NIC left meanwhile)
 */
public record NetIoCountersEx(long bytesSent, long bytesRecv, long packetsSent, long packetsRecv,
                              long errin, long errout, long dropin, long dropout, long rxFifo,
                              long rxFrame, long rxCompressed, long multicast, long txFifo,
                              long collisions, long txCarrier, long txCompressed,
                              OptionalLong txQueueLen) {
}
