package psutil4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./psutil4j iotop}: per-process disk I/O rates from /proc/PID/io deltas. */
@Command(name = "iotop", mixinStandardHelpOptions = true,
        description = {"Live per-process disk I/O (io_counters deltas), or batch output with -b.",
                "Keys: < > move the sort column, R reverse, t tree, / filter, k kill, r renice, q quit."})
final class IotopCommand extends TopBase {

    @Option(names = {"-o", "--only"}, description = "Only show processes that are reading or writing.")
    boolean only;

    @Option(names = "-s", paramLabel = "FIELD", description = "Sort by this field: DISK_READ, DISK_WRITE, IO>, PID, PRIO, USER, COMMAND.")
    String sort;

    @Override
    boolean iotop() {
        return true;
    }

    @Override
    String sortField() {
        return sort;
    }

    @Override
    boolean onlyActive() {
        return only;
    }
}
