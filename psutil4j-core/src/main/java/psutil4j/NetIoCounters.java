package psutil4j;

/**
 * Network I/O counters, psutil's {@code snetio}, from /proc/net/dev: for one NIC
 * ({@link Psutil#netIoCountersPernic()}) or summed over all NICs ({@link Psutil#netIoCounters()}).
 *
 * <p>The kernel's counters are unsigned 64-bit: a value above {@link Long#MAX_VALUE} reads as
 * negative here; use {@link Long#toUnsignedString(long)} / {@link Long#compareUnsigned} if that
 * matters (it takes 292 years at 1 GB/s). With {@code nowrap} (the default) counters never
 * decrease between calls, as psutil's.
 *
 * @param bytesSent   bytes sent
 * @param bytesRecv   bytes received
 * @param packetsSent packets sent
 * @param packetsRecv packets received
 * @param errin       errors while receiving
 * @param errout      errors while sending
 * @param dropin      incoming packets dropped
 * @param dropout     outgoing packets dropped
 */
public record NetIoCounters(long bytesSent, long bytesRecv, long packetsSent, long packetsRecv,
                            long errin, long errout, long dropin, long dropout) {
}
