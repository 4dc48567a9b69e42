package psutil4j.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import psutil4j.agent.otlp.OtlpConfig;

/**
 * Reads the agent's YAML config. The file is composed into snakeyaml's node tree (not bound to
 * objects) so that every value keeps its line: a YAML syntax error, an unknown key, a wrong type
 * or an out-of-range value is refused as {@code file:line: what is wrong}.
 *
 * <p>Keys (all optional): {@code listen} ("HOST:PORT"), {@code interval} ("5s"), {@code token},
 * {@code data_dir}, {@code rule_files} (a list; relative paths are resolved against the config
 * file's directory), {@code process_groups}, {@code notifiers}, {@code otlp}, {@code history} (a
 * mapping, see {@link HistoryConfig}), {@code report} (a mapping, see {@link ReportConfig}).
 */
public final class ConfigLoader {

    /** The keys a config may hold; anything else is a typo and refused. */
    public static final List<String> KEYS =
            List.of("listen", "interval", "token", "data_dir", "rule_files", "process_groups", "notifiers", "otlp",
                    "history", "report");

    private ConfigLoader() {
    }

    /** Loads a config file; ConfigException (file:line: message) when it is missing or malformed. */
    public static AgentConfig load(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, "no such file");
        } catch (IOException e) {
            throw new ConfigException(name, 0, "cannot read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(name, new StringReader(text), base);
    }

    /**
     * Parses config text.
     *
     * @param name the file name for messages
     * @param base the directory relative rule files are resolved against
     */
    public static AgentConfig parse(String name, Reader text, Path base) {
        Node root;
        try {
            var yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            root = yaml.compose(text);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " " + e.getContext() : "";
            throw new ConfigException(name, line, "YAML syntax error: " + problem + context);
        } catch (YAMLException e) {
            throw new ConfigException(name, 0, "YAML error: " + e.getMessage().lines().findFirst().orElse(""));
        }
        AgentConfig cfg = AgentConfig.defaults();
        if (root == null) {
            return cfg; // an empty file: all defaults
        }
        if (!(root instanceof MappingNode map)) {
            throw new ConfigException(name, line(root), "the config must be a mapping of keys to values");
        }
        String host = cfg.host();
        int port = cfg.port();
        Duration interval = cfg.interval();
        Optional<String> token = cfg.token();
        Path dataDir = cfg.dataDir();
        List<Path> ruleFiles = new ArrayList<>();
        int groups = cfg.processGroups();
        List<Map<String, Object>> notifiers = new ArrayList<>();
        Optional<OtlpConfig> otlp = Optional.empty();
        HistoryConfig history = cfg.history();
        Optional<ReportConfig> report = cfg.report();
        int reportLine = 0;
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ConfigException(name, line(t.getKeyNode()), "keys must be plain names");
            }
            String key = keyNode.getValue();
            Node v = t.getValueNode();
            if (!seen.add(key)) {
                throw new ConfigException(name, line(keyNode), "duplicate key '" + key + "'");
            }
            try {
                switch (key) {
                    case "listen" -> {
                        Object[] hp = AgentConfig.parseListen(scalar(v, "listen", "\"HOST:PORT\""));
                        host = (String) hp[0];
                        port = (Integer) hp[1];
                    }
                    case "interval" -> {
                        interval = Durations.parse(scalar(v, "interval", "a duration such as 5s"));
                        if (interval.compareTo(AgentConfig.MIN_INTERVAL) < 0) {
                            throw new IllegalArgumentException("interval must be at least 1s, got "
                                    + Durations.format(interval));
                        }
                    }
                    case "token" -> {
                        String s = scalar(v, "token", "a string");
                        if (s.isBlank()) {
                            throw new IllegalArgumentException("token must not be empty (remove the key for no token)");
                        }
                        token = Optional.of(s);
                    }
                    case "data_dir" -> dataDir = Path.of(scalar(v, "data_dir", "a directory path"));
                    case "rule_files" -> {
                        if (!(v instanceof SequenceNode seq)) {
                            throw new IllegalArgumentException("rule_files must be a list of paths");
                        }
                        for (Node item : seq.getValue()) {
                            try {
                                Path p = Path.of(scalar(item, "each rule_files entry", "a path"));
                                ruleFiles.add(p.isAbsolute() || base == null ? p : base.resolve(p));
                            } catch (IllegalArgumentException e) {
                                throw new ConfigException(name, line(item), e.getMessage());
                            }
                        }
                    }
                    case "notifiers" -> {
                        if (!(v instanceof SequenceNode seq)) {
                            throw new IllegalArgumentException("notifiers must be a list of mappings (type: webhook, ...)");
                        }
                        for (Node item : seq.getValue()) {
                            if (!(plain(item) instanceof Map<?, ?> m)) {
                                throw new ConfigException(name, line(item), "each notifier must be a mapping with a type");
                            }
                            @SuppressWarnings("unchecked")
                            Map<String, Object> nm = (Map<String, Object>) m;
                            try {
                                psutil4j.agent.rules.NotifierConfig.fromMap(nm); // validate now, with the line
                            } catch (IllegalArgumentException e) {
                                throw new ConfigException(name, line(item), e.getMessage());
                            }
                            notifiers.add(nm);
                        }
                    }
                    case "otlp" -> {
                        if (!(plain(v) instanceof Map<?, ?> m)) {
                            throw new IllegalArgumentException("otlp must be a mapping (endpoint: http://host:4318, ...)");
                        }
                        @SuppressWarnings("unchecked")
                        Map<String, Object> om = (Map<String, Object>) m;
                        try {
                            otlp = Optional.of(OtlpConfig.fromMap(om));
                        } catch (IllegalArgumentException e) {
                            throw new ConfigException(name, fieldLine((MappingNode) v, e.getMessage()), e.getMessage());
                        }
                    }
                    case "process_groups" -> groups = integer(v, "process_groups", 1, AgentConfig.MAX_PROCESS_GROUPS);
                    case "history" -> history = HistoryConfig.parse(name, v);
                    case "report" -> {
                        report = Optional.of(ReportConfig.parse(name, v));
                        reportLine = line(keyNode);
                    }
                    default -> throw new ConfigException(name, line(keyNode),
                            "unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
                }
            } catch (ConfigException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, line(v), e.getMessage());
            }
        }
        if (report.isPresent() && !history.enabled()) {
            throw new ConfigException(name, reportLine, "report needs the history: remove 'history: {enabled: false}'");
        }
        return new AgentConfig(host, port, interval, token, dataDir, ruleFiles, groups, notifiers, otlp, history, report);
    }

    /**
     * The key of an entry of a nested mapping, checked against {@code keys} and those {@code seen}
     * before; ConfigException with the line for a non-scalar, unknown or duplicate key.
     */
    static String key(String file, NodeTuple t, List<String> keys, String prefix, Set<String> seen) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
            throw new ConfigException(file, line(t.getKeyNode()), "keys must be plain names");
        }
        if (!keys.contains(k.getValue())) {
            throw new ConfigException(file, line(k), "unknown key '" + prefix + k.getValue() + "' (known: "
                    + String.join(", ", keys) + ")");
        }
        if (!seen.add(k.getValue())) {
            throw new ConfigException(file, line(k), "duplicate key '" + prefix + k.getValue() + "'");
        }
        return k.getValue();
    }

    /** An integer scalar in {@code min..max}; IllegalArgumentException naming {@code what} otherwise. */
    static int integer(Node v, String what, int min, int max) {
        if (!(v instanceof ScalarNode s) || !Tag.INT.equals(s.getTag())) {
            throw new IllegalArgumentException(what + " must be an integer");
        }
        long n;
        try {
            n = Long.parseLong(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a decimal integer");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got " + n);
        }
        return (int) n;
    }

    /** A YAML node as plain Java values: scalars as Strings, sequences as Lists, mappings as Maps. */
    static Object plain(Node n) {
        return switch (n) {
            case ScalarNode s -> Tag.NULL.equals(s.getTag()) ? null : s.getValue();
            case SequenceNode s -> s.getValue().stream().map(ConfigLoader::plain).toList();
            case MappingNode m -> {
                var out = new java.util.LinkedHashMap<String, Object>();
                for (NodeTuple t : m.getValue()) {
                    out.put(String.valueOf(plain(t.getKeyNode())), plain(t.getValueNode()));
                }
                yield out;
            }
            default -> String.valueOf(n);
        };
    }

    /** The line of the field of {@code map} a message names ({@code 'field'} or {@code otlp: field ...}), else the map's. */
    private static int fieldLine(MappingNode map, String message) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k
                    && (message.contains("'" + k.getValue() + "'") || message.contains(": " + k.getValue() + " "))) {
                return line(message.contains("'" + k.getValue() + "'") ? k : t.getValueNode());
            }
        }
        return line(map);
    }

    /** A scalar's text; IllegalArgumentException naming the expected shape otherwise. */
    static String scalar(Node v, String what, String expected) {
        if (!(v instanceof ScalarNode s) || Tag.NULL.equals(s.getTag())) {
            throw new IllegalArgumentException(what + " must be " + expected);
        }
        return s.getValue();
    }

    static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }
}
