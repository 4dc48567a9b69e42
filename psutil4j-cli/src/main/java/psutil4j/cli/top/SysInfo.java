package psutil4j.cli.top;

import java.util.List;
import java.util.OptionalDouble;

import psutil4j.LoadAvg;
import psutil4j.SwapMemory;
import psutil4j.VirtualMemory;

/**
 * The system-wide figures of one sample.
 *
 * @param time wall-clock time of the sample, seconds since the epoch
 * @param uptime seconds since boot
 * @param users number of users()' sessions (login records), -1 if unknown
 * @param load the load averages
 * @param cpuTotal cpu_percent() over all CPUs since the previous sample
 * @param percpu cpu_percent(percpu=True) since the previous sample
 * @param vm virtual_memory()
 * @param swap swap_memory()
 * @param psiCpu pressure "some avg10" for cpu, empty without PSI
 * @param psiMemory pressure "some avg10" for memory
 * @param psiIo pressure "some avg10" for io
 * @param diskReadRate disk_io_counters() read bytes per second (iotop's "Actual DISK READ"), NaN if unknown
 * @param diskWriteRate disk_io_counters() write bytes per second, NaN if unknown
 */
public record SysInfo(double time, double uptime, int users, LoadAvg load, double cpuTotal, List<Double> percpu,
        VirtualMemory vm, SwapMemory swap, OptionalDouble psiCpu, OptionalDouble psiMemory,
        OptionalDouble psiIo, double diskReadRate, double diskWriteRate) {
}
