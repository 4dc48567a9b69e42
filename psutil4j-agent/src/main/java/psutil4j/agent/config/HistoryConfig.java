package psutil4j.agent.config;

import java.util.List;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The {@code history:} section: whether the agent keeps history, and how many disks, network
 * interfaces, file systems and process groups get charts of their own. The caps bound the number
 * of charts, hence the disk footprint, which is fixed per chart.
 *
 * @param enabled       whether to keep history at all
 * @param disks         at most this many disks get charts
 * @param nics          at most this many network interfaces
 * @param filesystems   at most this many file systems (mount points)
 * @param processGroups at most this many process-name groups
 */
public record HistoryConfig(boolean enabled, int disks, int nics, int filesystems, int processGroups) {

    /** The keys of the {@code history:} mapping. */
    public static final List<String> KEYS = List.of("enabled", "disks", "nics", "filesystems", "process_groups");

    /** The largest cap of any kind. */
    public static final int MAX_CAP = 1000;

    public HistoryConfig {
        check("disks", disks);
        check("nics", nics);
        check("filesystems", filesystems);
        check("process_groups", processGroups);
    }

    private static void check(String key, int n) {
        if (n < 0 || n > MAX_CAP) {
            throw new IllegalArgumentException("history." + key + " must be 0.." + MAX_CAP + ", got " + n);
        }
    }

    /** Enabled; 8 disks, 8 network interfaces, 16 file systems, 10 process groups. */
    public static HistoryConfig defaults() {
        return new HistoryConfig(true, 8, 8, 16, 10);
    }

    /** Parses the {@code history:} mapping; ConfigException with the line of what is wrong. */
    static HistoryConfig parse(String file, Node v) {
        if (!(v instanceof MappingNode map)) {
            throw new ConfigException(file, ConfigLoader.line(v), "history must be a mapping (enabled, disks, nics, "
                    + "filesystems, process_groups)");
        }
        HistoryConfig d = defaults();
        boolean enabled = d.enabled();
        int disks = d.disks();
        int nics = d.nics();
        int fs = d.filesystems();
        int groups = d.processGroups();
        var seen = new java.util.HashSet<String>();
        for (NodeTuple t : map.getValue()) {
            String key = ConfigLoader.key(file, t, KEYS, "history.", seen);
            Node n = t.getValueNode();
            try {
                switch (key) {
                    case "enabled" -> {
                        if (!(n instanceof ScalarNode s) || !Tag.BOOL.equals(s.getTag())) {
                            throw new IllegalArgumentException("history.enabled must be true or false");
                        }
                        enabled = Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
                    }
                    case "disks" -> disks = ConfigLoader.integer(n, "history.disks", 0, MAX_CAP);
                    case "nics" -> nics = ConfigLoader.integer(n, "history.nics", 0, MAX_CAP);
                    case "filesystems" -> fs = ConfigLoader.integer(n, "history.filesystems", 0, MAX_CAP);
                    default -> groups = ConfigLoader.integer(n, "history.process_groups", 0, MAX_CAP);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, ConfigLoader.line(n), e.getMessage());
            }
        }
        return new HistoryConfig(enabled, disks, nics, fs, groups);
    }
}
