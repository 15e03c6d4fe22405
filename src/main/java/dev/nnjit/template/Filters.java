package dev.nnjit.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code |} filters chat templates use: trim, upper, lower, capitalize, title, length/count, first, last, join,
 * default/d, items, list, string, int, float, abs, replace, indent, tojson, selectattr, rejectattr, map, reverse,
 * sort, unique, dictsort, safe.
 */
final class Filters {
    private Filters() {}

    @SuppressWarnings("unchecked")
    static Object apply(String name, Object v, List<Object> args, Map<String, Object> kw) {
        switch (name) {
            case "safe": return v;
            case "trim": {
                Object chars = Builtins.arg(args, kw, 0, "chars", null);
                return Builtins.strip(string(v, name), chars == null ? null : Builtins.str(chars, "trim's chars"), true, true);
            }
            case "upper": return string(v, name).toUpperCase(Locale.ROOT);
            case "lower": return string(v, name).toLowerCase(Locale.ROOT);
            case "capitalize": return Builtins.capitalize(string(v, name));
            case "title": return Builtins.title(string(v, name));
            case "length": case "count":
                if (v instanceof String s) return (long) s.length();
                if (v instanceof List<?> l) return (long) l.size();
                if (v instanceof Map<?, ?> m) return (long) m.size();
                if (v instanceof Namespace ns) return (long) ns.attributes.size();
                throw cannot(name, v);
            case "first": {
                List<Object> items = sequence(v, name);
                return items.isEmpty() ? Undefined.VALUE : items.get(0);
            }
            case "last": {
                List<Object> items = sequence(v, name);
                return items.isEmpty() ? Undefined.VALUE : items.get(items.size() - 1);
            }
            case "join": {
                Object sep = Builtins.arg(args, kw, 0, "d", Builtins.arg(args, kw, 0, "separator", ""));
                Object attribute = kw.get("attribute");
                Object items = v;
                if (attribute != null) items = map(sequence(v, name), List.of(), Map.of("attribute", attribute));
                return Builtins.join(items, Builtins.str(sep, "join's separator"));
            }
            case "default": case "d": {
                Object fallback = Builtins.arg(args, kw, 0, "default_value", "");
                boolean onFalsy = Values.truthy(Builtins.arg(args, kw, 1, "boolean", false));
                return v == Undefined.VALUE || (onFalsy && !Values.truthy(v)) ? fallback : v;
            }
            case "items":
                if (v instanceof Map<?, ?> m) return Builtins.items((Map<String, Object>) m);
                if (v == Undefined.VALUE) return new ArrayList<>();
                throw cannot(name, v);
            case "list": return new ArrayList<>(sequence(v, name));
            case "string":
                if (v == null) return "None";
                return Values.display(v);
            case "int": return toInt(v, Builtins.arg(args, kw, 0, "default", 0L));
            case "float": return toFloat(v, Builtins.arg(args, kw, 0, "default", 0.0));
            case "abs":
                if (v instanceof Long l) return Math.abs(l);
                if (v instanceof Double d) return Math.abs(d);
                throw cannot(name, v);
            case "replace":
                return Builtins.replace(string(v, name), Builtins.str(Builtins.arg(args, kw, 0, "old", Undefined.VALUE), "old"),
                        Builtins.str(Builtins.arg(args, kw, 1, "new", Undefined.VALUE), "new"),
                        Builtins.arg(args, kw, 2, "count", null));
            case "indent": return indent(string(v, name), Builtins.arg(args, kw, 0, "width", 4L),
                    Values.truthy(Builtins.arg(args, kw, 1, "first", false)),
                    Values.truthy(Builtins.arg(args, kw, 2, "blank", false)));
            case "tojson": return tojson(v, kw);
            case "selectattr": return selectAttr(sequence(v, name), args, true);
            case "rejectattr": return selectAttr(sequence(v, name), args, false);
            case "map": return map(sequence(v, name), args, kw);
            case "reverse": {
                if (v instanceof String s) return new StringBuilder(s).reverse().toString();
                List<Object> items = new ArrayList<>(sequence(v, name));
                Collections.reverse(items);
                return items;
            }
            case "sort": return sort(sequence(v, name), args, kw);
            case "unique": {
                List<Object> out = new ArrayList<>();
                for (Object o : sequence(v, name)) if (!Operators.contains(out, o)) out.add(o);
                return out;
            }
            case "dictsort": {
                if (!(v instanceof Map<?, ?> m)) throw cannot(name, v);
                List<Object> pairs = Builtins.items((Map<String, Object>) m);
                pairs.sort((a, b) -> compare(((List<Object>) a).get(0), ((List<Object>) b).get(0), false));
                return pairs;
            }
            default: throw new EvalError("unknown filter '" + name + "'");
        }
    }

    private static EvalError cannot(String filter, Object v) {
        return new EvalError("the filter '" + filter + "' cannot take a " + Values.typeName(v));
    }

    private static String string(Object v, String filter) {
        if (v instanceof String s) return s;
        throw cannot(filter, v);
    }

    /** A list's items, a dict's keys, a string's characters. */
    @SuppressWarnings("unchecked")
    private static List<Object> sequence(Object v, String filter) {
        if (v instanceof List) return (List<Object>) v;
        if (v instanceof Map) return new ArrayList<>(((Map<String, Object>) v).keySet());
        if (v instanceof String s) {
            List<Object> chars = new ArrayList<>();
            s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            return chars;
        }
        throw cannot(filter, v);
    }

    private static Object toInt(Object v, Object fallback) {
        if (v instanceof Long) return v;
        if (v instanceof Double d) return (long) (double) d;
        if (v instanceof Boolean b) return b ? 1L : 0L;
        if (v instanceof String s) {
            String t = Builtins.strip(s, null, true, true);
            int i = 0;
            if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) i++;
            int digits = i;
            while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') i++;
            if (i == digits) return fallback;
            try {
                return Long.parseLong(t.substring(t.charAt(0) == '+' ? 1 : 0, i));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private static Object toFloat(Object v, Object fallback) {
        if (v instanceof Long l) return (double) l;
        if (v instanceof Double) return v;
        if (v instanceof Boolean b) return b ? 1.0 : 0.0;
        if (v instanceof String s) {
            try {
                return Double.parseDouble(Builtins.strip(s, null, true, true));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private static String indent(String s, Object width, boolean first, boolean blank) {
        String pad;
        if (width instanceof String w) {
            pad = w;
        } else if (width instanceof Long n) {
            pad = " ".repeat((int) Math.max(0, Math.min(n, 1000)));
        } else {
            throw new EvalError("indent's width must be an integer or a string");
        }
        List<Object> lines = Builtins.split(s, "\n", -1L);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = (String) lines.get(i);
            if (i > 0) sb.append('\n');
            if ((i > 0 || first) && (blank || !line.isEmpty())) sb.append(pad);
            sb.append(line);
        }
        return sb.toString();
    }

    private static String tojson(Object v, Map<String, Object> kw) {
        Object indent = kw.getOrDefault("indent", null);
        String indentText = null;
        if (indent instanceof Long n) {
            indentText = " ".repeat((int) Math.max(0, Math.min(n, 1000)));
        } else if (indent instanceof String s) {
            indentText = s;
        } else if (indent != null) {
            throw new EvalError("tojson's indent must be an integer or a string");
        }
        String items = null, keys = null;
        Object separators = kw.get("separators");
        if (separators instanceof List<?> seps) {
            if (seps.size() != 2) throw new EvalError("tojson's separators must be two strings");
            items = Builtins.str(seps.get(0), "tojson's item separator");
            keys = Builtins.str(seps.get(1), "tojson's key separator");
        } else if (separators != null) {
            throw new EvalError("tojson's separators must be two strings");
        }
        JsonWriter.Style style = new JsonWriter.Style(indentText, items, keys,
                Values.truthy(kw.getOrDefault("sort_keys", false)), Values.truthy(kw.getOrDefault("ensure_ascii", false)));
        return JsonWriter.write(v, style, true);
    }

    private static Object attribute(Object item, String path) {
        Object value = item;
        for (Object part : Builtins.split(path, ".", -1L)) {
            if (value instanceof Map || value instanceof Namespace) {
                value = Builtins.member(value, part);
                if (value instanceof Callable) return Undefined.VALUE;
            } else if (value instanceof List<?> list) {
                try {
                    value = Builtins.member(list, Long.parseLong((String) part));
                } catch (NumberFormatException e) {
                    return Undefined.VALUE;
                }
            } else {
                return Undefined.VALUE;
            }
        }
        return value;
    }

    private static List<Object> selectAttr(List<Object> items, List<Object> args, boolean select) {
        if (args.isEmpty()) throw new EvalError((select ? "selectattr" : "rejectattr") + " needs an attribute name");
        String attr = Builtins.str(args.get(0), "the attribute name");
        String test = args.size() > 1 ? Builtins.str(args.get(1), "the test name") : null;
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map || item instanceof Namespace)) {
                throw new EvalError((select ? "selectattr" : "rejectattr") + " needs a list of dicts, got a "
                        + Values.typeName(item) + " in it");
            }
            Object a = attribute(item, attr);
            boolean passed = a != Undefined.VALUE
                    && (test == null ? Values.truthy(a) : Tests.apply(test, a, args.subList(2, args.size())));
            if (passed == select) out.add(item);
        }
        return out;
    }

    private static List<Object> map(List<Object> items, List<Object> args, Map<String, Object> kw) {
        List<Object> out = new ArrayList<>();
        if (kw.containsKey("attribute")) {
            String attr = Builtins.str(kw.get("attribute"), "map's attribute");
            Object fallback = kw.getOrDefault("default", Undefined.VALUE);
            for (Object item : items) {
                Object a = attribute(item, attr);
                out.add(a == Undefined.VALUE ? fallback : a);
            }
            return out;
        }
        if (args.isEmpty()) throw new EvalError("map needs a filter name or attribute=...");
        String filter = Builtins.str(args.get(0), "map's filter name");
        for (Object item : items) out.add(apply(filter, item, args.subList(1, args.size()), Map.of()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> sort(List<Object> items, List<Object> args, Map<String, Object> kw) {
        boolean reverse = Values.truthy(Builtins.arg(args, kw, 0, "reverse", false));
        boolean caseSensitive = Values.truthy(Builtins.arg(args, kw, 1, "case_sensitive", false));
        Object attribute = Builtins.arg(args, kw, 2, "attribute", null);
        List<Object> out = new ArrayList<>(items);
        out.sort((a, b) -> {
            Object x = attribute == null ? a : attribute(a, Values.display(attribute));
            Object y = attribute == null ? b : attribute(b, Values.display(attribute));
            int c = compare(x, y, caseSensitive);
            return reverse ? -c : c;
        });
        return out;
    }

    private static int compare(Object a, Object b, boolean caseSensitive) {
        if ((a instanceof Long || a instanceof Double || a instanceof Boolean)
                && (b instanceof Long || b instanceof Double || b instanceof Boolean)) {
            return Double.compare(Values.toDouble(a), Values.toDouble(b));
        }
        if (a instanceof String x && b instanceof String y) {
            return caseSensitive ? x.compareTo(y) : x.toLowerCase(Locale.ROOT).compareTo(y.toLowerCase(Locale.ROOT));
        }
        if (a == null && b == null) return 0;
        throw new EvalError("cannot compare a " + Values.typeName(a) + " with a " + Values.typeName(b));
    }
}
