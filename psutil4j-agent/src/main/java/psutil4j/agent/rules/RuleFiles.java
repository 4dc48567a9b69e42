package psutil4j.agent.rules;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads rule files in Prometheus's format:
 * <pre>
 * groups:
 *   - name: node
 *     interval: 30s            # optional
 *     rules:
 *       - alert: HighCpu
 *         expr: 1 - avg without (cpu, mode) (rate(node_cpu_seconds_total{mode="idle"}[5m])) &gt; 0.9
 *         for: 5m
 *         labels: {severity: warning}
 *         annotations: {summary: "CPU at {{ $value | humanizePercentage }}"}
 *       - record: instance:cpu:busy
 *         expr: ...
 * </pre>
 * Every error found is reported (not just the first), each as {@code file:line: message} with
 * the line of the offending YAML node (PromQL errors add the line inside the expression).
 */
public final class RuleFiles {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final String file;
    private final List<String> errors = new ArrayList<>();

    private RuleFiles(String file) {
        this.file = file;
    }

    /**
     * Reads and validates a rule file.
     *
     * @throws RuleFileException listing every error
     * @throws IOException       if the file cannot be read
     */
    public static List<RuleGroup> load(Path path) throws IOException {
        return parse(path.toString(), Files.readString(path));
    }

    /**
     * Parses and validates rule-file text; {@code file} names it in errors.
     *
     * @throws RuleFileException listing every error
     */
    public static List<RuleGroup> parse(String file, String text) {
        var p = new RuleFiles(file);
        List<RuleGroup> groups = p.groups(text);
        if (!p.errors.isEmpty()) {
            throw new RuleFileException(p.errors);
        }
        return groups;
    }

    /** Reads YAML text as a node tree with line marks, or records the syntax error. */
    static Node compose(String text) {
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    }

    private List<RuleGroup> groups(String text) {
        Node root;
        try {
            root = compose(text);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            errors.add(file + ":" + line + ": YAML: " + e.getProblem());
            return List.of();
        }
        var out = new ArrayList<RuleGroup>();
        if (root == null) {
            return out; // an empty file has no rules, as in Prometheus
        }
        Map<String, Node> top = mapping(root, Set.of("groups"));
        if (top == null) {
            return out;
        }
        Node groups = top.get("groups");
        if (groups == null) {
            return out;
        }
        if (!(groups instanceof SequenceNode seq)) {
            error(groups, "groups must be a list");
            return out;
        }
        var names = new HashSet<String>();
        for (Node g : seq.getValue()) {
            RuleGroup group = group(g);
            if (group != null) {
                if (!names.add(group.name())) {
                    error(g, "groupname: \"" + group.name() + "\" is repeated in the same file");
                }
                out.add(group);
            }
        }
        return out;
    }

    private RuleGroup group(Node node) {
        Map<String, Node> m = mapping(node, Set.of("name", "interval", "rules", "limit", "query_offset", "labels"));
        if (m == null) {
            return null;
        }
        String name = scalar(m.get("name"), "name", node);
        if (name == null || name.isEmpty()) {
            if (name != null) {
                error(node, "groupname must not be empty");
            }
            return null;
        }
        long interval = 0;
        if (m.containsKey("interval")) {
            interval = duration(m.get("interval"), "interval");
        }
        var rules = new ArrayList<Rule>();
        Node rs = m.get("rules");
        if (rs instanceof SequenceNode seq) {
            for (Node r : seq.getValue()) {
                Rule rule = rule(r);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        } else if (rs != null && !(rs instanceof ScalarNode s && s.getValue().isEmpty())) {
            error(rs, "rules must be a list");
        }
        return new RuleGroup(name, interval, rules, where(node));
    }

    private Rule rule(Node node) {
        Map<String, Node> m = mapping(node, Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels",
                "annotations"));
        if (m == null) {
            return null;
        }
        String alert = m.containsKey("alert") ? scalar(m.get("alert"), "alert", node) : null;
        String record = m.containsKey("record") ? scalar(m.get("record"), "record", node) : null;
        if ((alert == null) == (record == null)) {
            error(node, "one of 'record' or 'alert' must be set");
            return null;
        }
        String exprText = scalar(m.get("expr"), "expr", node);
        Expr expr = null;
        if (exprText == null) {
            return null;
        }
        if (exprText.isBlank()) {
            error(node, "field 'expr' must be set in rule");
        } else {
            try {
                expr = PromQL.parse(exprText);
                if (expr.type() == Expr.ValueType.MATRIX) {
                    error(m.get("expr"), "expr: rule expressions must be an instant vector or a scalar");
                }
            } catch (PromQLException e) {
                Node en = m.get("expr");
                // Block scalars (| or >) start on the line after the key; plain ones on its line.
                int base = en.getStartMark().getLine() + (isBlock(en) ? 1 : 0);
                errors.add(file + ":" + (base + e.line()) + ": " + (alert != null ? alert : record) + ": "
                        + e.getMessage());
            }
        }
        Map<String, String> labels = stringMap(m.get("labels"), "labels");
        for (String k : labels.keySet()) {
            if (!LABEL_NAME.matcher(k).matches() || k.startsWith("__")) {
                error(m.get("labels"), "invalid label name: " + k);
            }
        }
        if (record != null) {
            for (String k : List.of("for", "keep_firing_for", "annotations")) {
                if (m.containsKey(k)) {
                    error(m.get(k), "invalid field '" + k + "' in recording rule");
                }
            }
            if (!METRIC_NAME.matcher(record).matches()) {
                error(m.get("record"), "invalid recording rule name: " + record);
            }
            return expr == null ? null : new Rule.Recording(record, exprText, expr, labels, where(node));
        }
        if (alert.isEmpty()) {
            error(node, "field 'alert' must be set in rule");
        }
        long forMillis = m.containsKey("for") ? duration(m.get("for"), "for") : 0;
        long keep = m.containsKey("keep_firing_for") ? duration(m.get("keep_firing_for"), "keep_firing_for") : 0;
        Map<String, String> annotations = stringMap(m.get("annotations"), "annotations");
        for (var e : labels.entrySet()) {
            checkTemplate(m.get("labels"), "label " + e.getKey(), e.getValue());
        }
        for (var e : annotations.entrySet()) {
            checkTemplate(m.get("annotations"), "annotation " + e.getKey(), e.getValue());
        }
        return expr == null ? null
                : new Rule.Alerting(alert, exprText, expr, forMillis, keep, labels, annotations, where(node));
    }

    private static boolean isBlock(Node n) {
        return n instanceof ScalarNode s && (s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.LITERAL
                || s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.FOLDED);
    }

    private void checkTemplate(Node at, String what, String text) {
        try {
            Template.validate(text);
        } catch (IllegalArgumentException e) {
            error(at, what + ": " + e.getMessage());
        }
    }

    // ---- node helpers ----

    private String where(Node n) {
        return file + ":" + (n.getStartMark().getLine() + 1);
    }

    private void error(Node n, String msg) {
        errors.add(where(n) + ": " + msg);
    }

    /** A mapping's entries by key; unknown keys are errors. Null (after an error) if not a mapping. */
    private Map<String, Node> mapping(Node node, Set<String> allowed) {
        if (!(node instanceof MappingNode mn)) {
            error(node, "expected a mapping");
            return null;
        }
        var out = new LinkedHashMap<String, Node>();
        for (NodeTuple t : mn.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                error(t.getKeyNode(), "keys must be strings");
                continue;
            }
            if (!allowed.contains(k.getValue())) {
                error(k, "field " + k.getValue() + " not found (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                continue;
            }
            out.put(k.getValue(), t.getValueNode());
        }
        return out;
    }

    private String scalar(Node n, String field, Node parent) {
        if (n == null) {
            error(parent, "field '" + field + "' must be set");
            return null;
        }
        if (!(n instanceof ScalarNode s)) {
            error(n, field + " must be a string");
            return null;
        }
        return s.getValue();
    }

    private long duration(Node n, String field) {
        String s = scalar(n, field, n);
        if (s == null) {
            return 0;
        }
        try {
            return PromQL.parseDuration(s.strip());
        } catch (IllegalArgumentException e) {
            error(n, field + ": " + e.getMessage());
            return 0;
        }
    }

    private Map<String, String> stringMap(Node n, String field) {
        var out = new LinkedHashMap<String, String>();
        if (n == null || n instanceof ScalarNode s && s.getValue().isEmpty()) {
            return out;
        }
        if (!(n instanceof MappingNode mn)) {
            error(n, field + " must be a mapping of strings");
            return out;
        }
        for (NodeTuple t : mn.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
                out.put(k.getValue(), v.getValue());
            } else {
                error(t.getKeyNode(), field + " must map strings to strings");
            }
        }
        return out;
    }
}
