package psutil4j;

/**
 * A process's context switches, psutil's {@code pctxsw}.
 *
 * @param voluntary voluntary switches (the process waited)
 * @param involuntary involuntary switches (the scheduler preempted it)
 */
public record CtxSwitches(long voluntary, long involuntary) {
}
