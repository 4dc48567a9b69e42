package psutil4j.agent.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import psutil4j.agent.rules.Expr.ValueType;
import psutil4j.agent.tsdb.Labels;
import psutil4j.agent.tsdb.Matcher;

/**
 * A recursive-descent parser for the PromQL subset in docs/ALERTS.md. Precedence, lowest first, as
 * Prometheus: {@code or}; {@code and unless}; comparisons; {@code + -}; {@code * / %}; {@code ^}
 * (right-associative); unary minus binds looser than {@code ^} ({@code -2^2 == -4}).
 */
public final class PromQL {

    static final Set<String> AGGREGATORS = Set.of("sum", "avg", "min", "max", "count", "group", "stddev",
            "stdvar", "topk", "bottomk", "quantile");

    private final String src;
    private final List<Tok> toks;
    private int p;

    private PromQL(String src) {
        this.src = src;
        this.toks = lex(src);
    }

    /**
     * Parses and type-checks an expression.
     *
     * @throws PromQLException with line and column on a syntax or type error
     */
    public static Expr parse(String expr) {
        var parser = new PromQL(expr);
        Expr e = parser.expr(0);
        Tok t = parser.peek();
        if (t.kind != K.EOF) {
            throw parser.error(t, "unexpected " + t.describe());
        }
        return e;
    }

    /**
     * Parses a series in promtool's input notation, {@code name{a="b"}}: a selector with equality
     * matchers only. Returns the label set, {@code __name__} included.
     */
    public static java.util.SortedMap<String, String> parseSeries(String series) {
        Expr e = parse(series);
        if (!(e instanceof Expr.VectorSelector vs) || vs.offsetMillis() != 0) {
            throw new PromQLException(1, 1, "not a series: " + series);
        }
        var m = new java.util.TreeMap<String, String>();
        for (Matcher x : vs.matchers()) {
            if (x.op() != Matcher.Op.EQ) {
                throw new PromQLException(1, 1, "series labels must use =: " + x);
            }
            m.put(x.name(), x.value());
        }
        return Labels.sorted(m);
    }

    // ---- lexer ----

    enum K { IDENT, NUMBER, DURATION, STRING, LBRACE, RBRACE, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, OP, EOF }

    record Tok(K kind, String text, int pos) {
        String describe() {
            return kind == K.EOF ? "end of input" : '"' + text + '"';
        }
    }

    private List<Tok> lex(String s) {
        var out = new ArrayList<Tok>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#') { // comment to end of line
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            int start = i;
            if (Character.isLetter(c) || c == '_' || c == ':') {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':')) {
                    i++;
                }
                out.add(new Tok(K.IDENT, s.substring(start, i), start));
                continue;
            }
            if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                int d = durationEnd(s, i);
                if (d > 0) {
                    out.add(new Tok(K.DURATION, s.substring(start, d), start));
                    i = d;
                    continue;
                }
                if (c == '0' && i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
                    i += 2;
                    while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
                        i++;
                    }
                } else {
                    while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                        i++;
                    }
                    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                        int j = i + 1;
                        if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                            j++;
                        }
                        if (j < n && Character.isDigit(s.charAt(j))) {
                            i = j;
                            while (i < n && Character.isDigit(s.charAt(i))) {
                                i++;
                            }
                        }
                    }
                }
                if (i < n && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
                    throw error(start, "bad number or duration syntax: \"" + s.substring(start, i + 1) + "\"");
                }
                out.add(new Tok(K.NUMBER, s.substring(start, i), start));
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                out.add(new Tok(K.STRING, string(s, i), start));
                i = stringEnd;
                continue;
            }
            K single = switch (c) {
                case '{' -> K.LBRACE;
                case '}' -> K.RBRACE;
                case '(' -> K.LPAREN;
                case ')' -> K.RPAREN;
                case '[' -> K.LBRACKET;
                case ']' -> K.RBRACKET;
                case ',' -> K.COMMA;
                default -> null;
            };
            if (single != null) {
                out.add(new Tok(single, String.valueOf(c), start));
                i++;
                continue;
            }
            String two = i + 1 < n ? s.substring(i, i + 2) : "";
            if (Set.of("==", "!=", "<=", ">=", "=~", "!~").contains(two)) {
                out.add(new Tok(K.OP, two, start));
                i += 2;
                continue;
            }
            if ("+-*/%^<>=".indexOf(c) >= 0) {
                out.add(new Tok(K.OP, String.valueOf(c), start));
                i++;
                continue;
            }
            throw error(start, "unexpected character: '" + c + "'");
        }
        out.add(new Tok(K.EOF, "", n));
        return out;
    }

    /** The end of a duration like 1h30m starting at i, or -1 if the text there is not one. */
    private static int durationEnd(String s, int i) {
        int n = s.length();
        int j = i;
        boolean any = false;
        while (j < n && Character.isDigit(s.charAt(j))) {
            int k = j;
            while (k < n && Character.isDigit(s.charAt(k))) {
                k++;
            }
            int u = unitLength(s, k);
            if (u == 0) {
                break;
            }
            j = k + u;
            any = true;
        }
        if (!any || (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'))) {
            return -1;
        }
        return j;
    }

    private static int unitLength(String s, int k) {
        if (s.startsWith("ms", k)) {
            return 2;
        }
        return k < s.length() && "smhdwy".indexOf(s.charAt(k)) >= 0 ? 1 : 0;
    }

    /** Milliseconds of a duration such as {@code 5m}, {@code 1h30m}, {@code 250ms}. */
    public static long parseDuration(String text) {
        if (durationEnd(text, 0) != text.length()) {
            throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
        }
        long total = 0;
        int i = 0;
        while (i < text.length()) {
            int k = i;
            while (Character.isDigit(text.charAt(k))) {
                k++;
            }
            long v = Long.parseLong(text.substring(i, k));
            int u = unitLength(text, k);
            String unit = text.substring(k, k + u);
            total += v * switch (unit) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                case "w" -> 7 * 86_400_000L;
                default -> 365 * 86_400_000L;
            };
            i = k + u;
        }
        return total;
    }

    private int stringEnd;

    private String string(String s, int i) {
        char q = s.charAt(i);
        var sb = new StringBuilder();
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == q) {
                stringEnd = j + 1;
                return sb.toString();
            }
            if (c == '\\' && q != '`' && j + 1 < s.length()) {
                char e = s.charAt(++j);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e; // \\ \" \' and regex escapes such as \. kept as the character after
                });
                if (e != '\\' && e != '"' && e != '\'' && e != 'n' && e != 't' && e != 'r') {
                    sb.insert(sb.length() - 1, '\\'); // unknown escape: keep it for the regex engine
                }
                j++;
                continue;
            }
            if (c == '\n' && q != '`') {
                break;
            }
            sb.append(c);
            j++;
        }
        throw error(i, "unterminated quoted string");
    }

    // ---- parser ----

    private Tok peek() {
        return toks.get(p);
    }

    private Tok next() {
        return toks.get(p++);
    }

    private boolean at(K k, String text) {
        Tok t = peek();
        return t.kind == k && (text == null || t.text.equals(text));
    }

    private boolean atKeyword(String kw) {
        Tok t = peek();
        return t.kind == K.IDENT && t.text.equalsIgnoreCase(kw);
    }

    private Tok expect(K k, String what) {
        Tok t = next();
        if (t.kind != k) {
            throw error(t, "unexpected " + t.describe() + ", expected " + what);
        }
        return t;
    }

    PromQLException error(Tok t, String msg) {
        return error(t.pos, msg);
    }

    PromQLException error(int pos, String msg) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < pos && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new PromQLException(line, col, msg);
    }

    private static int precedence(Tok t) {
        if (t.kind == K.IDENT) {
            return switch (t.text.toLowerCase(Locale.ROOT)) {
                case "or" -> 1;
                case "and", "unless" -> 2;
                case "atan2" -> 5;
                default -> -1;
            };
        }
        if (t.kind != K.OP) {
            return -1;
        }
        return switch (t.text) {
            case "==", "!=", "<", ">", "<=", ">=" -> 3;
            case "+", "-" -> 4;
            case "*", "/", "%" -> 5;
            case "^" -> 6;
            default -> -1;
        };
    }

    /** Precedence climbing: parses operators of precedence at least {@code min}. */
    private Expr expr(int min) {
        Expr lhs = unary();
        while (true) {
            Tok op = peek();
            int prec = precedence(op);
            if (prec < 0 || prec < min) {
                return lhs;
            }
            next();
            String opText = op.text.toLowerCase(Locale.ROOT);
            if (opText.equals("atan2")) {
                throw error(op, "atan2 is not supported");
            }
            boolean bool = false;
            if (atKeyword("bool")) {
                Tok b = next();
                if (prec != 3) {
                    throw error(b, "bool modifier can only be used on comparison operators");
                }
                bool = true;
            }
            boolean on = false;
            List<String> matching = List.of();
            if (atKeyword("on") || atKeyword("ignoring")) {
                on = next().text.equalsIgnoreCase("on");
                matching = labelList();
                if (atKeyword("group_left") || atKeyword("group_right")) {
                    throw error(peek(), peek().text + " (many-to-one matching) is not supported");
                }
            }
            // ^ is right-associative; the others are left-associative.
            Expr rhs = expr(op.text.equals("^") ? prec : prec + 1);
            lhs = binary(op, opText, lhs, rhs, bool, on, matching);
        }
    }

    private Expr binary(Tok op, String o, Expr lhs, Expr rhs, boolean bool, boolean on, List<String> matching) {
        for (Expr side : List.of(lhs, rhs)) {
            if (side.type() == ValueType.MATRIX) {
                throw error(op, "binary expression must contain only scalar and instant vector types");
            }
        }
        var b = new Expr.Binary(o, lhs, rhs, bool, on, matching);
        boolean scalars = lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR;
        if (b.comparison() && scalars && !bool) {
            throw error(op, "comparisons between scalars must use BOOL modifier");
        }
        if (b.setOp() && (lhs.type() != ValueType.VECTOR || rhs.type() != ValueType.VECTOR)) {
            throw error(op, "set operator \"" + o + "\" not allowed in binary scalar expression");
        }
        if (!matching.isEmpty() || on) {
            if (lhs.type() != ValueType.VECTOR || rhs.type() != ValueType.VECTOR) {
                throw error(op, "vector matching only allowed between instant vectors");
            }
        }
        return b;
    }

    private Expr unary() {
        if (at(K.OP, "-") || at(K.OP, "+")) {
            Tok t = next();
            Expr e = expr(6); // binds looser than ^ only
            if (e.type() == ValueType.MATRIX) {
                throw error(t, "unary expression only allowed on expressions of type scalar or instant vector");
            }
            if (t.text.equals("+")) {
                return e;
            }
            return e instanceof Expr.NumberLiteral n ? new Expr.NumberLiteral(-n.value()) : new Expr.Negation(e);
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        if (at(K.LBRACKET, null)) {
            Tok lb = next();
            if (!(e instanceof Expr.VectorSelector vs)) {
                throw error(lb, "ranges only allowed for vector selectors (subqueries are not supported)");
            }
            Tok d = expect(K.DURATION, "a duration such as 5m");
            if (at(K.OP, null) && peek().text.equals(":") || at(K.IDENT, null) && peek().text.startsWith(":")) {
                throw error(peek(), "subqueries are not supported");
            }
            expect(K.RBRACKET, "\"]\"");
            long range = parseDuration(d.text);
            if (range <= 0) {
                throw error(d, "range must be positive");
            }
            e = new Expr.MatrixSelector(vs, range);
        }
        if (atKeyword("offset")) {
            Tok o = next();
            boolean neg = false;
            if (at(K.OP, "-")) {
                next();
                neg = true;
            }
            Tok d = expect(K.DURATION, "a duration after offset");
            long off = parseDuration(d.text) * (neg ? -1 : 1);
            e = switch (e) {
                case Expr.VectorSelector vs -> new Expr.VectorSelector(vs.name(), vs.matchers(), off);
                case Expr.MatrixSelector ms -> new Expr.MatrixSelector(
                        new Expr.VectorSelector(ms.selector().name(), ms.selector().matchers(), off), ms.rangeMillis());
                default -> throw error(o, "offset modifier must be preceded by a selector");
            };
        }
        return e;
    }

    private Expr primary() {
        Tok t = peek();
        switch (t.kind) {
            case NUMBER -> {
                next();
                return new Expr.NumberLiteral(number(t));
            }
            case DURATION -> {
                next();
                return new Expr.NumberLiteral(parseDuration(t.text) / 1000.0);
            }
            case LPAREN -> {
                next();
                Expr e = expr(0);
                expect(K.RPAREN, "\")\"");
                return e;
            }
            case LBRACE -> {
                return selector(null, t);
            }
            case IDENT -> {
                String low = t.text.toLowerCase(Locale.ROOT);
                if (low.equals("inf") || low.equals("nan")) {
                    next();
                    return new Expr.NumberLiteral(low.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
                }
                if (AGGREGATORS.contains(low)) {
                    return aggregate();
                }
                next();
                if (at(K.LPAREN, null)) {
                    return call(t);
                }
                return selector(t.text, t);
            }
            default -> throw error(t, "unexpected " + t.describe());
        }
    }

    private double number(Tok t) {
        try {
            String s = t.text;
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseLong(s.substring(2), 16);
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error(t, "bad number: " + t.describe());
        }
    }

    private Expr selector(String name, Tok at) {
        var matchers = new ArrayList<Matcher>();
        if (name != null) {
            matchers.add(Matcher.eq(Labels.NAME, name));
        }
        if (at(K.LBRACE, null)) {
            next();
            while (!at(K.RBRACE, null)) {
                Tok label = expect(K.IDENT, "a label name");
                Tok op = next();
                Matcher.Op mop = switch (op.kind == K.OP ? op.text : "") {
                    case "=" -> Matcher.Op.EQ;
                    case "!=" -> Matcher.Op.NE;
                    case "=~" -> Matcher.Op.RE;
                    case "!~" -> Matcher.Op.NRE;
                    default -> throw error(op, "unexpected " + op.describe() + " in label matching, expected "
                            + "one of \"=\", \"!=\", \"=~\", \"!~\"");
                };
                Tok v = expect(K.STRING, "a quoted label value");
                try {
                    if (label.text.equals(Labels.NAME) && name != null) {
                        throw error(label, "metric name must not be set twice: \"" + name + "\"");
                    }
                    matchers.add(Matcher.of(label.text, mop, v.text));
                } catch (PromQLException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw error(v, e.getMessage());
                }
                if (!at(K.COMMA, null)) {
                    break;
                }
                next();
            }
            expect(K.RBRACE, "\"}\" or \",\"");
        }
        if (matchers.stream().allMatch(Matcher::matchesEmpty)) {
            throw error(at, "vector selector must contain at least one non-empty matcher");
        }
        return new Expr.VectorSelector(name, List.copyOf(matchers), 0);
    }

    private List<String> labelList() {
        expect(K.LPAREN, "\"(\"");
        var out = new ArrayList<String>();
        while (!at(K.RPAREN, null)) {
            out.add(expect(K.IDENT, "a label name").text);
            if (!at(K.COMMA, null)) {
                break;
            }
            next();
        }
        expect(K.RPAREN, "\")\"");
        return List.copyOf(out);
    }

    private Expr aggregate() {
        Tok opTok = next();
        String op = opTok.text.toLowerCase(Locale.ROOT);
        List<String> grouping = List.of();
        boolean without = false;
        boolean grouped = false;
        if (atKeyword("by") || atKeyword("without")) {
            without = next().text.equalsIgnoreCase("without");
            grouping = labelList();
            grouped = true;
        }
        expect(K.LPAREN, "\"(\" after " + op);
        Expr param = null;
        if (op.equals("topk") || op.equals("bottomk") || op.equals("quantile")) {
            param = expr(0);
            if (param.type() != ValueType.SCALAR) {
                throw error(opTok, "expected type scalar in aggregation parameter, got " + param.type().text);
            }
            expect(K.COMMA, "\",\"");
        }
        Tok at = peek();
        Expr inner = expr(0);
        if (inner.type() != ValueType.VECTOR) {
            throw error(at, "expected type instant vector in aggregation expression, got " + inner.type().text);
        }
        expect(K.RPAREN, "\")\"");
        if (!grouped && (atKeyword("by") || atKeyword("without"))) {
            without = next().text.equalsIgnoreCase("without");
            grouping = labelList();
        }
        return new Expr.Aggregate(op, grouping, without, inner, param);
    }

    private Expr call(Tok name) {
        Functions.Signature sig = Functions.SIGNATURES.get(name.text);
        if (sig == null) {
            throw error(name, "unknown function with name \"" + name.text + "\"");
        }
        expect(K.LPAREN, "\"(\"");
        var args = new ArrayList<Expr>();
        var positions = new ArrayList<Tok>();
        while (!at(K.RPAREN, null)) {
            positions.add(peek());
            args.add(expr(0));
            if (!at(K.COMMA, null)) {
                break;
            }
            next();
        }
        expect(K.RPAREN, "\")\"");
        int min = sig.args().size() - sig.optional();
        if (args.size() < min || args.size() > sig.args().size()) {
            throw error(name, "expected " + (sig.optional() > 0 ? min + " to " : "") + sig.args().size()
                    + " argument(s) in call to \"" + name.text + "\", got " + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            ValueType want = sig.args().get(i);
            if (args.get(i).type() != want) {
                throw error(positions.get(i), "expected type " + want.text + " in call to function \"" + name.text
                        + "\", got " + args.get(i).type().text);
            }
        }
        return new Expr.Call(name.text, List.copyOf(args), sig.returns());
    }
}
