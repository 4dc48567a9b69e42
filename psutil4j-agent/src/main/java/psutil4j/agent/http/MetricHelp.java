package psutil4j.agent.http;

import java.util.Map;

/** HELP texts of the exported families, node_exporter's and process-exporter's where they have them. */
final class MetricHelp {

    private MetricHelp() {
    }

    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("node_cpu_seconds_total", "Seconds the CPUs spent in each mode."),
            Map.entry("node_cpu_guest_seconds_total", "Seconds the CPUs spent in guests (VMs) for each mode."),
            Map.entry("node_memory_MemTotal_bytes", "Memory information field MemTotal_bytes."),
            Map.entry("node_memory_MemAvailable_bytes", "Memory information field MemAvailable_bytes."),
            Map.entry("node_memory_MemFree_bytes", "Memory information field MemFree_bytes."),
            Map.entry("node_memory_Buffers_bytes", "Memory information field Buffers_bytes."),
            Map.entry("node_memory_Cached_bytes", "Memory information field Cached_bytes."),
            Map.entry("node_memory_SwapTotal_bytes", "Memory information field SwapTotal_bytes."),
            Map.entry("node_memory_SwapFree_bytes", "Memory information field SwapFree_bytes."),
            Map.entry("node_load1", "1m load average."),
            Map.entry("node_load5", "5m load average."),
            Map.entry("node_load15", "15m load average."),
            Map.entry("node_filesystem_size_bytes", "Filesystem size in bytes."),
            Map.entry("node_filesystem_free_bytes", "Filesystem free space in bytes."),
            Map.entry("node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes."),
            Map.entry("node_network_receive_bytes_total", "Network device statistic receive_bytes."),
            Map.entry("node_network_transmit_bytes_total", "Network device statistic transmit_bytes."),
            Map.entry("node_network_receive_packets_total", "Network device statistic receive_packets."),
            Map.entry("node_network_transmit_packets_total", "Network device statistic transmit_packets."),
            Map.entry("node_network_receive_errs_total", "Network device statistic receive_errs."),
            Map.entry("node_network_transmit_errs_total", "Network device statistic transmit_errs."),
            Map.entry("node_network_receive_drop_total", "Network device statistic receive_drop."),
            Map.entry("node_network_transmit_drop_total", "Network device statistic transmit_drop."),
            Map.entry("node_disk_reads_completed_total", "The total number of reads completed successfully."),
            Map.entry("node_disk_writes_completed_total", "The total number of writes completed successfully."),
            Map.entry("node_disk_read_bytes_total", "The total number of bytes read successfully."),
            Map.entry("node_disk_written_bytes_total", "The total number of bytes written successfully."),
            Map.entry("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os."),
            Map.entry("node_boot_time_seconds", "Node boot time, in unixtime."),
            Map.entry("node_context_switches_total", "Total number of context switches."),
            Map.entry("node_intr_total", "Total number of interrupts serviced."),
            Map.entry("node_pressure_cpu_waiting_seconds_total", "Total time in seconds that processes have waited for CPU time."),
            Map.entry("node_pressure_cpu_stalled_seconds_total", "Total time in seconds no process could make progress due to CPU congestion."),
            Map.entry("node_pressure_memory_waiting_seconds_total", "Total time in seconds that processes have waited for memory."),
            Map.entry("node_pressure_memory_stalled_seconds_total", "Total time in seconds no process could make progress due to memory congestion."),
            Map.entry("node_pressure_io_waiting_seconds_total", "Total time in seconds that processes have waited due to IO congestion."),
            Map.entry("node_pressure_io_stalled_seconds_total", "Total time in seconds no process could make progress due to IO congestion."),
            Map.entry("node_pressure_irq_stalled_seconds_total", "Total time in seconds no process could make progress due to IRQ congestion."),
            Map.entry("node_time_seconds", "System time in seconds since epoch (1970)."),
            Map.entry("namedprocess_namegroup_num_procs", "number of processes in this group"),
            Map.entry("namedprocess_namegroup_cpu_seconds_total", "Cpu user usage in seconds"),
            Map.entry("namedprocess_namegroup_memory_bytes", "number of bytes of memory in use"),
            Map.entry("namedprocess_namegroup_read_bytes_total", "number of bytes read by this group"),
            Map.entry("namedprocess_namegroup_write_bytes_total", "number of bytes written by this group"),
            Map.entry("ALERTS", "Pending and firing alerts of the agent's rules, 1 each (alertstate label)."),
            Map.entry("ALERTS_FOR_STATE", "When each pending or firing alert became active, in epoch seconds."));

    /** The HELP text of a family; a generic one for names not listed. */
    static String of(String name) {
        return HELP.getOrDefault(name, "psutil4j metric " + name + ".");
    }
}
