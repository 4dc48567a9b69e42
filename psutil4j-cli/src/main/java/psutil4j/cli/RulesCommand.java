package psutil4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import psutil4j.agent.rules.RuleFileException;
import psutil4j.agent.rules.RuleFiles;
import psutil4j.agent.rules.RuleGroup;
import psutil4j.agent.rules.RuleUnitTests;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j rules check|test FILE...}: the agent's alerting rules, checked and unit-tested as
 * {@code promtool check rules} and {@code promtool test rules} do.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Check and unit-test alerting rule files (Prometheus format), as promtool.",
        subcommands = {RulesCommand.Check.class, RulesCommand.Test.class})
final class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rules check}: parse and validate every rule and expression. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Parse and validate rule files: prints SUCCESS: N rules found, or file:line errors (exit 1).")
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        JsonOption json;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Rule files.")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            boolean ok = true;
            var results = new ArrayList<Map<String, Object>>();
            for (Path f : files) {
                var r = new LinkedHashMap<String, Object>();
                r.put("file", f.toString());
                List<String> errors;
                int rules = 0;
                try {
                    List<RuleGroup> groups = RuleFiles.load(f);
                    rules = groups.stream().mapToInt(g -> g.rules().size()).sum();
                    errors = List.of();
                } catch (RuleFileException e) {
                    errors = e.errors();
                } catch (IOException e) {
                    errors = List.of(f + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString()));
                }
                ok &= errors.isEmpty();
                r.put("success", errors.isEmpty());
                r.put("rules", rules);
                r.put("errors", errors);
                results.add(r);
                if (!json.json) {
                    out.println("Checking " + f);
                    if (errors.isEmpty()) {
                        out.println("  SUCCESS: " + rules + " rules found");
                    } else {
                        out.println("  FAILED:");
                        errors.forEach(out::println);
                    }
                    out.println();
                }
            }
            if (json.json) {
                out.println(Json.write(results, json.pretty));
            }
            out.flush();
            return ok ? 0 : 1;
        }
    }

    /** {@code rules test}: promtool's rule unit tests. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run rule unit tests in promtool's format (input_series, alert_rule_test, promql_expr_test).")
    static final class Test implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        JsonOption json;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Test files.")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            boolean ok = true;
            var results = new ArrayList<Map<String, Object>>();
            for (Path f : files) {
                List<String> failures;
                try {
                    failures = RuleUnitTests.run(f).failures();
                } catch (RuleFileException e) {
                    failures = e.errors();
                } catch (IOException e) {
                    failures = List.of(e instanceof java.nio.file.NoSuchFileException n ? n.getFile() + ": no such file"
                            : e.toString());
                } catch (IllegalArgumentException | ClassCastException e) {
                    failures = List.of(f + ": " + e.getMessage());
                }
                ok &= failures.isEmpty();
                var r = new LinkedHashMap<String, Object>();
                r.put("file", f.toString());
                r.put("success", failures.isEmpty());
                r.put("failures", failures);
                results.add(r);
                if (!json.json) {
                    out.println("Unit Testing:  " + f);
                    if (failures.isEmpty()) {
                        out.println("  SUCCESS");
                    } else {
                        out.println("  FAILED:");
                        failures.forEach(out::println);
                    }
                    out.println();
                }
            }
            if (json.json) {
                out.println(Json.write(results, json.pretty));
            }
            out.flush();
            return ok ? 0 : 1;
        }
    }
}
