package psutil4j.cli.top;

import java.util.List;

/**
 * One process as top/iotop show it: the figures of one sample, already reduced to plain values so
 * that rendering is a pure function. Unknown values: {@code null} strings, {@code -1} for sizes
 * and counters, {@code NaN} for rates and percentages, {@link Integer#MIN_VALUE} for nice.
 *
 * @param pid process id
 * @param ppid parent pid (0 for the roots)
 * @param user user name (or the uid as text when it has no name)
 * @param nice nice value -20..19
 * @param virt virtual size in bytes (memory_info().vms)
 * @param res resident size in bytes (memory_info().rss)
 * @param shr shared bytes (memory_info().shared)
 * @param status psutil's status string ("running", "sleeping", ...)
 * @param cpuPercent psutil's cpu_percent since the previous sample (100 = one CPU)
 * @param memPercent psutil's memory_percent (rss / total)
 * @param cpuTime user + system CPU seconds
 * @param name process name
 * @param cmdline the command line (empty for kernel threads)
 * @param ioPrio the I/O priority as iotop prints it ("be/4", "rt/0", "idle"), or null
 * @param readRate bytes read from storage per second since the previous sample (io_counters().read_bytes)
 * @param writeRate bytes written to storage per second (io_counters().write_bytes)
 * @param ioWaitPercent share of the interval spent waiting for block I/O (stat field 42,
 *     cpu_times().iowait); 0 unless the kernel's delay accounting is on
 */
public record ProcRow(int pid, int ppid, String user, int nice, long virt, long res, long shr,
        String status, double cpuPercent, double memPercent, double cpuTime, String name,
        List<String> cmdline, String ioPrio, double readRate, double writeRate, double ioWaitPercent) {

    /** What the COMMAND column shows and the filter matches: the command line, or [name]. */
    public String command() {
        if (cmdline == null || cmdline.isEmpty()) {
            return "[" + name.replaceAll("\\p{Cntrl}", "?") + "]";
        }
        String s = String.join(" ", cmdline);
        // a command line may hold newlines and escapes: they must not reach the terminal
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 32 || c == 127 || (c >= 0x80 && c < 0xa0)) {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, c == '\n' || c == '\t' ? ' ' : '?');
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** top's one-letter state (R, S, D, Z, T, t, X, I, ...). */
    public char state() {
        return psutil4j.cli.render.States.letter(status);
    }

    /** top's PR column: 20 + nice for normal tasks (the kernel's priority field minus 100). */
    public String priority() {
        return nice == Integer.MIN_VALUE ? "?" : Integer.toString(20 + nice);
    }
}
