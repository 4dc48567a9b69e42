package psutil4j.cli.render;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes psutil4j's results as JSON with psutil's own field names, so a psutil user's scripts
 * port over: record components become snake_case keys ({@code readMergedCount} ->
 * {@code read_merged_count}), empty Optionals become {@code null} (psutil's None), enums with an
 * {@code int value()} become that number (psutil's IntEnums, e.g. socket families), other enums
 * their name. Non-finite doubles become {@code null}, as JSON has no NaN.
 */
public final class Json {

    private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Optional<Method>> ENUM_VALUE = new ConcurrentHashMap<>();

    private final StringBuilder out = new StringBuilder(1024);
    private final boolean pretty;
    private int depth;

    private Json(boolean pretty) {
        this.pretty = pretty;
    }

    /** The JSON text of {@code value}. */
    public static String write(Object value, boolean pretty) {
        Json j = new Json(pretty);
        j.value(value);
        return j.out.toString();
    }

    /** {@code readMergedCount} -> {@code read_merged_count}. */
    public static String snakeCase(String camel) {
        var sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private void value(Object v) {
        switch (v) {
            case null -> out.append("null");
            case String s -> string(s);
            case Character ch -> string(ch.toString());
            case Boolean b -> out.append(b);
            case Double d -> number(d);
            case Float f -> number(f.doubleValue());
            case Number n -> out.append(n);
            case Optional<?> o -> value(o.orElse(null));
            case OptionalLong o -> {
                if (o.isPresent()) {
                    out.append(o.getAsLong());
                } else {
                    out.append("null");
                }
            }
            case OptionalInt o -> {
                if (o.isPresent()) {
                    out.append(o.getAsInt());
                } else {
                    out.append("null");
                }
            }
            case OptionalDouble o -> {
                if (o.isPresent()) {
                    number(o.getAsDouble());
                } else {
                    out.append("null");
                }
            }
            case Enum<?> e -> enumValue(e);
            case Record r -> record(r);
            case Map<?, ?> m -> map(m);
            case Collection<?> c -> array(c);
            default -> {
                if (v.getClass().isArray()) {
                    int n = Array.getLength(v);
                    var list = new java.util.ArrayList<Object>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(Array.get(v, i));
                    }
                    array(list);
                } else {
                    string(v.toString());
                }
            }
        }
    }

    private void number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            // psutil prints floats with a fraction (12.0): keep that so types survive.
            out.append((long) d).append(".0");
        } else if (Math.abs(d) >= 1e7 && Math.abs(d) < 1e16) {
            // Java switches to exponent form at 1e7, Python's repr (so psutil's JSON) at 1e16:
            // a create_time prints as 1795697570.2, not 1.7956975702E9.
            out.append(new java.math.BigDecimal(Double.toString(d)).toPlainString());
        } else {
            out.append(d);
        }
    }

    private void enumValue(Enum<?> e) {
        Optional<Method> m = ENUM_VALUE.computeIfAbsent(e.getDeclaringClass(), c -> {
            try {
                Method vm = c.getMethod("value");
                return vm.getReturnType() == int.class ? Optional.of(vm) : Optional.empty();
            } catch (NoSuchMethodException ex) {
                return Optional.empty();
            }
        });
        if (m.isPresent()) {
            try {
                out.append((int) m.get().invoke(e));
                return;
            } catch (IllegalAccessException | InvocationTargetException ex) {
                // fall through to the name
            }
        }
        string(e.name());
    }

    private void record(Record r) {
        RecordComponent[] comps = COMPONENTS.computeIfAbsent(r.getClass(), Class::getRecordComponents);
        out.append('{');
        depth++;
        boolean first = true;
        for (RecordComponent rc : comps) {
            Object v;
            try {
                v = rc.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException ex) {
                throw new IllegalStateException("cannot read " + rc, ex);
            }
            first = key(snakeCase(rc.getName()), first);
            value(v);
        }
        depth--;
        close('}', first);
    }

    private void map(Map<?, ?> m) {
        out.append('{');
        depth++;
        boolean first = true;
        for (var e : m.entrySet()) {
            first = key(String.valueOf(e.getKey()), first);
            value(e.getValue());
        }
        depth--;
        close('}', first);
    }

    private void array(Collection<?> c) {
        out.append('[');
        depth++;
        boolean first = true;
        for (Object o : c) {
            if (!first) {
                out.append(',');
            }
            newline();
            first = false;
            value(o);
        }
        depth--;
        close(']', first);
    }

    private boolean key(String k, boolean first) {
        if (!first) {
            out.append(',');
        }
        newline();
        string(k);
        out.append(pretty ? ": " : ":");
        return false;
    }

    private void close(char c, boolean empty) {
        if (!empty) {
            newline();
        }
        out.append(c);
    }

    private void newline() {
        if (pretty) {
            out.append('\n');
            out.append("  ".repeat(depth));
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
