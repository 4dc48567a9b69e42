package psutil4j;

/**
 * CPU statistics since boot, psutil's {@code scpustats}, from /proc/stat.
 *
 * @param ctxSwitches context switches (voluntary and involuntary), the {@code ctxt} line
 * @param interrupts hardware interrupts, the total of the {@code intr} line
 * @param softInterrupts software interrupts, the total of the {@code softirq} line
 * @param syscalls system calls: always 0 on Linux, as psutil (the kernel does not count them)
 */
public record CpuStats(long ctxSwitches, long interrupts, long softInterrupts, long syscalls) {
}
