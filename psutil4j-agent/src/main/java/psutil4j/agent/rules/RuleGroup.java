package psutil4j.agent.rules;

import java.util.List;

/**
 * A group of rules evaluated together, in order.
 *
 * @param name           the group's name, unique in its file
 * @param intervalMillis the evaluation interval, 0 to evaluate on every collection
 * @param rules          the rules
 * @param source         {@code file:line} of the group
 */
public record RuleGroup(String name, long intervalMillis, List<Rule> rules, String source) {

    public RuleGroup {
        rules = List.copyOf(rules);
    }
}
