package psutil4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Man pages in troff (man(7) macros) written from picocli's live command model, so every tool in
 * Main's subcommand list gets one without anyone writing it: {@code ./psutil4j man top | man -l -}.
 */
final class ManPage {

    private ManPage() {
    }

    /** The page's file name: psutil4j.1 for the root, psutil4j-top.1 for a tool. */
    static String fileName(CommandSpec spec) {
        return spec.qualifiedName("-") + ".1";
    }

    /** The troff source of one command's page. */
    static String troff(CommandSpec spec, String version) {
        var sb = new StringBuilder();
        String title = spec.qualifiedName("-").toUpperCase(Locale.ROOT);
        sb.append(".TH ").append(quote(title)).append(" 1 \"\" ").append(quote(version))
                .append(" \"psutil4j Manual\"\n");
        sb.append(".SH NAME\n").append(esc(spec.qualifiedName("-"))).append(" \\- ")
                .append(esc(first(spec.usageMessage().description()))).append('\n');
        sb.append(".SH SYNOPSIS\n.nf\n");
        String synopsis = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .synopsis(0);
        for (String l : synopsis.strip().split("\n")) {
            sb.append(esc(l)).append('\n');
        }
        sb.append(".fi\n");
        String[] desc = spec.usageMessage().description();
        if (desc.length > 0) {
            sb.append(".SH DESCRIPTION\n");
            for (String d : desc) {
                sb.append(esc(fmt(d))).append("\n.PP\n");
            }
        }
        var options = spec.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            sb.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                sb.append(".TP\n.B ").append(esc(String.join(", ", o.names())));
                if (o.arity().max() > 0) {
                    sb.append(' ').append(esc(o.paramLabel()));
                }
                sb.append('\n').append(esc(fmt(o.description()))).append('\n');
            }
        }
        var params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            sb.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : params) {
                sb.append(".TP\n.I ").append(esc(p.paramLabel())).append('\n')
                        .append(esc(fmt(p.description()))).append('\n');
            }
        }
        var subs = new ArrayList<CommandLine>();
        spec.subcommands().values().stream().distinct()
                .filter(c -> !c.getCommandSpec().usageMessage().hidden()).forEach(subs::add);
        if (!subs.isEmpty()) {
            sb.append(".SH COMMANDS\n");
            for (CommandLine c : subs) {
                sb.append(".TP\n.B ").append(esc(c.getCommandName())).append('\n')
                        .append(esc(first(c.getCommandSpec().usageMessage().description()))).append('\n');
            }
        }
        sb.append(".SH EXIT STATUS\n0 on success, 1 on a runtime failure (one line on stderr), 2 on a usage error.\n");
        sb.append(".SH SEE ALSO\n");
        if (spec.parent() == null) {
            List<String> pages = subs.stream().map(c -> esc(fileName(c.getCommandSpec()).replace(".1", "(1)"))).toList();
            sb.append(String.join(", ", pages)).append('\n');
        } else {
            sb.append("psutil4j(1)\n");
        }
        return sb.toString();
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : fmt(lines[0]);
    }

    /** picocli formats descriptions with String.format ("%%" is a percent sign, "%n" a newline). */
    private static String fmt(String s) {
        try {
            return String.format(Locale.ROOT, s).replace(System.lineSeparator(), " ");
        } catch (java.util.IllegalFormatException e) {
            return s;
        }
    }

    private static String fmt(String[] lines) {
        return String.join(" ", java.util.Arrays.stream(lines).map(ManPage::fmt).toList());
    }

    private static String quote(String s) {
        return "\"" + esc(s).replace("\"", "\\(dq") + "\"";
    }

    /** Escapes text for troff: backslashes, hyphens, and control lines starting with . or '. */
    static String esc(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        if (t.startsWith(".") || t.startsWith("'")) {
            t = "\\&" + t;
        }
        return t;
    }
}
