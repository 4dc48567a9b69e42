package psutil4j.agent.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The subset of Prometheus's Go templates that alert labels and annotations use. Inside
 * {@code {{ }}} (with optional {@code -} trim markers) a pipeline of a value and functions:
 * <ul>
 * <li>values: {@code $value}, {@code .Value}, {@code $labels.NAME}, {@code .Labels.NAME},
 *     {@code $labels} (all labels in PromQL notation), {@code index $labels "NAME"}, a quoted string;</li>
 * <li>functions, as {@code x | f} or {@code f x}: {@code humanize}, {@code humanize1024},
 *     {@code humanizePercentage}, {@code humanizeDuration}, {@code toUpper}, {@code toLower},
 *     {@code printf "FORMAT"} (Go verbs %s %d %f %g %e %v with Java's formatter).</li>
 * </ul>
 * Anything else is an error at load time (so {@code rules check} reports it).
 */
public final class Template {

    private Template() {
    }

    /** Checks the syntax, without data. */
    public static void validate(String text) {
        expand(text, Map.of(), 0.0);
    }

    /**
     * Expands the template for an alert with these labels (without {@code __name__}) and value.
     *
     * @throws IllegalArgumentException on an unsupported construct
     */
    public static String expand(String text, Map<String, String> labels, double value) {
        var out = new StringBuilder();
        int i = 0;
        while (true) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                out.append(text, i, text.length());
                return out.toString();
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed action \"{{\" at offset " + open);
            }
            String before = text.substring(i, open);
            String action = text.substring(open + 2, close);
            if (action.startsWith("-")) {
                before = before.stripTrailing();
                action = action.substring(1);
            }
            boolean trimAfter = action.endsWith("-");
            if (trimAfter) {
                action = action.substring(0, action.length() - 1);
            }
            out.append(before);
            out.append(pipeline(action.strip(), labels, value));
            i = close + 2;
            if (trimAfter) {
                while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
            }
        }
    }

    private static String pipeline(String action, Map<String, String> labels, double value) {
        if (action.startsWith("/*") && action.endsWith("*/")) {
            return "";
        }
        List<String> stages = splitPipes(action);
        Object v = null;
        for (int s = 0; s < stages.size(); s++) {
            List<String> words = words(stages.get(s));
            if (words.isEmpty()) {
                throw new IllegalArgumentException("missing value in {{ " + action + " }}");
            }
            if (s == 0) {
                if (words.size() == 1) {
                    v = operand(words.get(0), labels, value);
                    continue;
                }
                // function form: f arg... (the last word is the operand)
                Object arg = words.get(0).equals("index") ? null : operand(words.getLast(), labels, value);
                if (words.get(0).equals("index")) {
                    if (words.size() != 3 || !isLabels(words.get(1))) {
                        throw new IllegalArgumentException("index supports only: index $labels \"name\"");
                    }
                    v = labels.getOrDefault(unquote(words.get(2)), "");
                    continue;
                }
                v = apply(words.subList(0, words.size() - 1), arg);
            } else {
                v = apply(words, v);
            }
        }
        return str(v);
    }

    private static boolean isLabels(String w) {
        return w.equals("$labels") || w.equals(".Labels");
    }

    private static Object operand(String w, Map<String, String> labels, double value) {
        if (w.equals("$value") || w.equals(".Value")) {
            return value;
        }
        if (isLabels(w)) {
            return psutil4j.agent.tsdb.Labels.format(labels);
        }
        if (w.startsWith("$labels.") || w.startsWith(".Labels.")) {
            return labels.getOrDefault(w.substring(w.indexOf('.', 1) + 1), "");
        }
        if (w.startsWith("\"") || w.startsWith("`")) {
            return unquote(w);
        }
        try {
            return Double.parseDouble(w);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unsupported template value: " + w);
        }
    }

    private static Object apply(List<String> fn, Object v) {
        String name = fn.get(0);
        if (name.equals("printf")) {
            if (fn.size() != 2) {
                throw new IllegalArgumentException("printf needs a format string: printf \"%.2f\"");
            }
            String format = unquote(fn.get(1)).replace("%v", "%s");
            Object arg = v;
            if (format.contains("%d") && v instanceof Double d) {
                arg = (long) (double) d;
            }
            try {
                return String.format(Locale.ROOT, format, arg);
            } catch (java.util.IllegalFormatException e) {
                throw new IllegalArgumentException("printf " + fn.get(1) + ": " + e.getMessage());
            }
        }
        if (fn.size() != 1) {
            throw new IllegalArgumentException("unsupported template function call: " + String.join(" ", fn));
        }
        return switch (name) {
            case "humanize" -> humanize(num(v), 1000);
            case "humanize1024" -> humanize(num(v), 1024);
            case "humanizePercentage" -> g4(num(v) * 100) + "%";
            case "humanizeDuration" -> humanizeDuration(num(v));
            case "toUpper" -> str(v).toUpperCase(Locale.ROOT);
            case "toLower" -> str(v).toLowerCase(Locale.ROOT);
            case "title" -> str(v).isEmpty() ? "" : Character.toUpperCase(str(v).charAt(0)) + str(v).substring(1);
            default -> throw new IllegalArgumentException("function \"" + name + "\" not defined");
        };
    }

    private static double num(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        try {
            return Double.parseDouble(str(v));
        } catch (NumberFormatException e) {
            return 0; // validation runs without data; a label that is not a number reads as 0
        }
    }

    private static String str(Object v) {
        return v instanceof Double d ? g(d) : String.valueOf(v);
    }

    /**
     * Go's {@code %v} of a float64 (what {@code {{ $value }}} prints): the shortest digits that
     * round-trip, in exponent form when the exponent is below -4 or at least 6 ({@code 1e+06},
     * {@code 1.5e-05}), else plain ({@code 123456}, {@code 0.05}).
     */
    static String g(double d) {
        String special = GoFormat.special(d);
        if (special != null) {
            return special;
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        var bd = GoFormat.shortest(Math.abs(d));
        int exp = bd.precision() - bd.scale() - 1;
        String sign = d < 0 ? "-" : "";
        return sign + (exp < -4 || exp >= 6 ? GoFormat.exponentForm(bd, exp) : bd.toPlainString());
    }

    /** Go's %.4g. */
    static String g4(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return g(d);
        }
        if (d == 0) {
            return "0";
        }
        var bd = new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 4) {
            String mant = bd.movePointLeft(exp).stripTrailingZeros().toPlainString();
            return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return bd.toPlainString();
    }

    /** Prometheus's humanize: SI prefixes, 4 significant digits. */
    static String humanize(double v, int base) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        if (base == 1024) {
            String[] p = {"", "ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};
            int i = 0;
            while (Math.abs(v) >= 1024 && i < p.length - 1) {
                v /= 1024;
                i++;
            }
            return g4(v) + p[i];
        }
        if (Math.abs(v) >= 1) {
            String[] p = {"", "k", "M", "G", "T", "P", "E", "Z", "Y"};
            int i = 0;
            while (Math.abs(v) >= 1000 && i < p.length - 1) {
                v /= 1000;
                i++;
            }
            return g4(v) + p[i];
        }
        String[] p = {"", "m", "u", "n", "p", "f", "a", "z", "y"};
        int i = 0;
        while (Math.abs(v) < 1 && i < p.length - 1) {
            v *= 1000;
            i++;
        }
        return g4(v) + p[i];
    }

    /** Prometheus's humanizeDuration: {@code 1d 2h 3m 4s}, or ms/us/ns below a second. */
    static String humanizeDuration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        if (v == 0) {
            return "0s";
        }
        if (Math.abs(v) < 1) {
            String[] p = {"", "m", "u", "n", "p", "f", "a", "z", "y"};
            int i = 0;
            while (Math.abs(v) < 1 && i < p.length - 1) {
                v *= 1000;
                i++;
            }
            return g4(v) + p[i] + "s";
        }
        String sign = v < 0 ? "-" : "";
        v = Math.abs(v);
        long seconds = (long) v % 60;
        long minutes = (long) v / 60 % 60;
        long hours = (long) v / 3600 % 24;
        long days = (long) v / 86400;
        if (days != 0) {
            return String.format(Locale.ROOT, "%s%dd %dh %dm %ds", sign, days, hours, minutes, seconds);
        }
        if (hours != 0) {
            return String.format(Locale.ROOT, "%s%dh %dm %ds", sign, hours, minutes, seconds);
        }
        if (minutes != 0) {
            return String.format(Locale.ROOT, "%s%dm %ds", sign, minutes, seconds);
        }
        return String.format(Locale.ROOT, "%s%ss", sign, g4(v));
    }

    private static List<String> splitPipes(String s) {
        var out = new ArrayList<String>();
        int start = 0;
        char q = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (q != 0) {
                if (c == '\\' && q == '"') {
                    i++;
                } else if (c == q) {
                    q = 0;
                }
            } else if (c == '"' || c == '`') {
                q = c;
            } else if (c == '|') {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(s.substring(start).strip());
        return out;
    }

    private static List<String> words(String s) {
        var out = new ArrayList<String>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '"' || c == '`') {
                i++;
                while (i < s.length() && s.charAt(i) != c) {
                    if (s.charAt(i) == '\\' && c == '"') {
                        i++;
                    }
                    i++;
                }
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated quoted string in template");
                }
                i++;
            } else {
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
            }
            out.add(s.substring(start, i));
        }
        return out;
    }

    private static String unquote(String w) {
        if (w.length() >= 2 && (w.charAt(0) == '"' || w.charAt(0) == '`') && w.charAt(w.length() - 1) == w.charAt(0)) {
            String inner = w.substring(1, w.length() - 1);
            return w.charAt(0) == '`' ? inner : inner.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
        }
        throw new IllegalArgumentException("expected a quoted string: " + w);
    }
}
