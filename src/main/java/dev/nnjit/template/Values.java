package dev.nnjit.template;

import java.util.List;
import java.util.Map;

/**
 * The template value model, on plain Java objects: strings ({@link String}), integers ({@link Long}), floats
 * ({@link Double}), booleans ({@link Boolean}), none ({@code null}), {@link Undefined}, lists ({@link List}; tuples
 * too), dicts ({@link Map} with string keys, in insertion order), {@link Namespace} and {@link Callable}. JSON input
 * maps onto it directly (a JSON number that is a whole number is an integer, as in transformers.js).
 */
final class Values {
    private Values() {}

    /** Python truthiness: empty strings, lists and dicts, zero, none and undefined are false. */
    static boolean truthy(Object v) {
        if (v == null || v == Undefined.VALUE) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) return !s.isEmpty();
        if (v instanceof Long l) return l != 0;
        if (v instanceof Double d) return d != 0 && !d.isNaN();
        if (v instanceof List<?> l) return !l.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        return true;
    }

    /** The type's name in error messages. */
    static String typeName(Object v) {
        if (v == null) return "none";
        if (v == Undefined.VALUE) return "undefined";
        if (v instanceof String) return "string";
        if (v instanceof Long) return "integer";
        if (v instanceof Double) return "float";
        if (v instanceof Boolean) return "boolean";
        if (v instanceof List) return "list";
        if (v instanceof Map) return "dict";
        if (v instanceof Namespace) return "namespace";
        if (v instanceof Callable) return "function";
        return v.getClass().getSimpleName();
    }

    static boolean isNumber(Object v) { return v instanceof Long || v instanceof Double; }

    /** How {@code {{ v }}} and {@code ~} write a value: lists, dicts and namespaces as JSON; none and undefined as "". */
    static String display(Object v) {
        if (v == null || v == Undefined.VALUE) return "";
        if (v instanceof String s) return s;
        if (v instanceof Long || v instanceof Boolean) return String.valueOf(v);
        if (v instanceof Double d) return formatFloat(d);
        if (v instanceof List || v instanceof Map || v instanceof Namespace) {
            return JsonWriter.write(v, JsonWriter.Style.DEFAULT, false);
        }
        return "<" + typeName(v) + ">";
    }

    /** A float as Python prints it: a whole number keeps ".0"; exponents as "1e-05" / "1e+21". */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            String s = Long.toString((long) d);
            return (d == 0 && 1 / d < 0 ? "-0" : s) + ".0";
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) return s;
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        int exponent = Integer.parseInt(s.substring(e + 1));
        String exp = Integer.toString(Math.abs(exponent));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
    }

    /** Equality as {@code ==}: numbers (and booleans) by value, none equals undefined, lists and dicts by content. */
    static boolean equal(Object a, Object b) {
        boolean aNone = a == null || a == Undefined.VALUE, bNone = b == null || b == Undefined.VALUE;
        if (aNone || bNone) return aNone && bNone;
        if (numeric(a) && numeric(b)) return toDouble(a) == toDouble(b);
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!equal(x.get(i), y.get(i))) return false;
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) return false;
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) return false;
            }
            return true;
        }
        return a.equals(b);
    }

    private static boolean numeric(Object v) { return v instanceof Long || v instanceof Double || v instanceof Boolean; }

    static double toDouble(Object v) {
        if (v instanceof Boolean b) return b ? 1 : 0;
        return ((Number) v).doubleValue();
    }

    /** Converts parsed JSON ({@code dev.nnjit.json}: numbers are doubles) to template values. */
    @SuppressWarnings("unchecked")
    static Object fromJson(Object json) {
        if (json instanceof Double d) {
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) <= 9.007199254740991E15
                    ? (Object) (long) (double) d : d;
        }
        if (json instanceof List<?> list) {
            java.util.ArrayList<Object> out = new java.util.ArrayList<>(list.size());
            for (Object o : list) out.add(fromJson(o));
            return out;
        }
        if (json instanceof Map<?, ?> map) {
            java.util.LinkedHashMap<String, Object> out = new java.util.LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) out.put((String) e.getKey(), fromJson(e.getValue()));
            return out;
        }
        return json;
    }
}
