package psutil4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./psutil4j top}: procps top / htop: live full-screen process viewer, or batch output with -b. */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"Live process viewer (htop's keys), or procps top's batch output with -b.",
                "Keys: P/M/T/N sort by %%CPU/%%MEM/TIME+/PID, < > move the sort column, R reverse, "
                        + "t tree, / or o filter, k kill, r renice, q quit."})
final class TopCommand extends TopBase {

    @Option(names = "-o", paramLabel = "FIELD", description = "Sort by this field: %%CPU, %%MEM, TIME+, PID, RES, VIRT, ... (+FIELD high first, -FIELD low first).")
    String sort;

    @Override
    boolean iotop() {
        return false;
    }

    @Override
    String sortField() {
        return sort;
    }
}
