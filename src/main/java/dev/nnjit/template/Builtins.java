package dev.nnjit.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Attribute and index access, and the methods values carry: string methods (upper, lower, strip, lstrip, rstrip,
 * title, capitalize, startswith, endswith, split, replace, join, find) and dict methods (get, items, keys, values).
 * A missing attribute, key or index is {@link Undefined}, never an error.
 */
final class Builtins {
    private Builtins() {}

    @SuppressWarnings("unchecked")
    static Object member(Object object, Object key) {
        if (object instanceof Map<?, ?> map) {
            if (map.containsKey(key)) return map.get(key);
            if (key instanceof String name) {
                Callable method = dictMethod((Map<String, Object>) map, name);
                if (method != null) return method;
            }
            return Undefined.VALUE;
        }
        if (object instanceof Namespace ns) {
            return ns.attributes.containsKey(key) ? ns.attributes.get(key) : Undefined.VALUE;
        }
        if (object instanceof List<?> list) {
            if (key instanceof Long i) {
                long at = i < 0 ? list.size() + i : i;
                return at >= 0 && at < list.size() ? list.get((int) at) : Undefined.VALUE;
            }
            if ("length".equals(key)) return (long) list.size();
            return Undefined.VALUE;
        }
        if (object instanceof String s) {
            if (key instanceof Long i) {
                long at = i < 0 ? s.length() + i : i;
                return at >= 0 && at < s.length() ? String.valueOf(s.charAt((int) at)) : Undefined.VALUE;
            }
            if ("length".equals(key)) return (long) s.length();
            if (key instanceof String name) {
                Callable method = stringMethod(s, name);
                if (method != null) return method;
            }
        }
        return Undefined.VALUE;
    }

    private static Callable dictMethod(Map<String, Object> map, String name) {
        switch (name) {
            case "get":
                return (args, kw) -> {
                    Object key = arg(args, kw, 0, "key", Undefined.VALUE);
                    Object fallback = arg(args, kw, 1, "default", null);
                    return map.containsKey(key) ? map.get(key) : fallback;
                };
            case "items": return (args, kw) -> items(map);
            case "keys": return (args, kw) -> new ArrayList<Object>(map.keySet());
            case "values": return (args, kw) -> new ArrayList<>(map.values());
            default: return null;
        }
    }

    static List<Object> items(Map<String, Object> map) {
        List<Object> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            List<Object> pair = new ArrayList<>(2);
            pair.add(e.getKey());
            pair.add(e.getValue());
            out.add(pair);
        }
        return out;
    }

    private static Callable stringMethod(String s, String name) {
        switch (name) {
            case "upper": return (a, k) -> s.toUpperCase(Locale.ROOT);
            case "lower": return (a, k) -> s.toLowerCase(Locale.ROOT);
            case "strip": return (a, k) -> strip(s, chars(a, k), true, true);
            case "lstrip": return (a, k) -> strip(s, chars(a, k), true, false);
            case "rstrip": return (a, k) -> strip(s, chars(a, k), false, true);
            case "title": return (a, k) -> title(s);
            case "capitalize": return (a, k) -> capitalize(s);
            case "startswith": return (a, k) -> affix(s, arg(a, k, 0, "prefix", Undefined.VALUE), true);
            case "endswith": return (a, k) -> affix(s, arg(a, k, 0, "suffix", Undefined.VALUE), false);
            case "split": return (a, k) -> split(s, arg(a, k, 0, "sep", null), arg(a, k, 1, "maxsplit", -1L));
            case "replace": return (a, k) -> replace(s, str(arg(a, k, 0, "old", Undefined.VALUE), "old"),
                    str(arg(a, k, 1, "new", Undefined.VALUE), "new"), arg(a, k, 2, "count", null));
            case "join": return (a, k) -> join(arg(a, k, 0, "iterable", Undefined.VALUE), s);
            case "find": return (a, k) -> (long) s.indexOf(str(arg(a, k, 0, "sub", Undefined.VALUE), "sub"));
            default: return null;
        }
    }

    /** Positional argument {@code i}, else keyword {@code name}, else {@code fallback}. */
    static Object arg(List<Object> args, Map<String, Object> kwargs, int i, String name, Object fallback) {
        if (i < args.size()) return args.get(i);
        if (kwargs.containsKey(name)) return kwargs.get(name);
        return fallback;
    }

    static String str(Object v, String what) {
        if (!(v instanceof String s)) throw new EvalError(what + " must be a string, got a " + Values.typeName(v));
        return s;
    }

    private static String chars(List<Object> args, Map<String, Object> kwargs) {
        Object c = arg(args, kwargs, 0, "chars", null);
        if (c == null || c == Undefined.VALUE) return null;
        return str(c, "strip's chars");
    }

    /**
     * Python's str.strip/lstrip/rstrip: without chars, whitespace (JavaScript's set, as @huggingface/jinja); with
     * chars, any of those characters (which @huggingface/jinja 0.5 ignores: it always strips whitespace).
     */
    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0, end = s.length();
        if (left) while (start < end && stripped(s.charAt(start), chars)) start++;
        if (right) while (end > start && stripped(s.charAt(end - 1), chars)) end--;
        return s.substring(start, end);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? Lexer.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    /** Upper-cases each ASCII letter that starts a word ([A-Za-z0-9_] runs), leaving the rest as it is. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean start = i == 0 || !isWordChar(s.charAt(i - 1));
            sb.append(start && c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return sb.toString();
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** The first character upper-cased, the rest as it is (as @huggingface/jinja). */
    static String capitalize(String s) {
        if (s.isEmpty()) return s;
        int first = Character.charCount(s.codePointAt(0));
        return s.substring(0, first).toUpperCase(Locale.ROOT) + s.substring(first);
    }

    private static boolean affix(String s, Object pattern, boolean prefix) {
        if (pattern instanceof String p) return prefix ? s.startsWith(p) : s.endsWith(p);
        if (pattern instanceof List<?> list) {
            for (Object o : list) if (affix(s, str(o, "each of the tuple's items"), prefix)) return true;
            return false;
        }
        throw new EvalError((prefix ? "startswith" : "endswith") + " needs a string or a tuple of strings, got a "
                + Values.typeName(pattern));
    }

    /** Python's str.split(sep=None, maxsplit=-1). */
    static List<Object> split(String s, Object sep, Object maxsplit) {
        if (!(maxsplit instanceof Long)) throw new EvalError("split's maxsplit must be an integer");
        long max = (Long) maxsplit;
        List<Object> out = new ArrayList<>();
        if (sep == null || sep == Undefined.VALUE) {
            int i = 0, n = s.length();
            while (true) {
                while (i < n && Lexer.isWhitespace(s.charAt(i))) i++;
                if (i >= n) break;
                if (max >= 0 && out.size() >= max) {
                    out.add(s.substring(i));
                    break;
                }
                int j = i;
                while (j < n && !Lexer.isWhitespace(s.charAt(j))) j++;
                out.add(s.substring(i, j));
                i = j;
            }
            return out;
        }
        String separator = str(sep, "split's separator");
        if (separator.isEmpty()) throw new EvalError("empty separator");
        int from = 0;
        while (max < 0 || out.size() < max) {
            int at = s.indexOf(separator, from);
            if (at < 0) break;
            out.add(s.substring(from, at));
            from = at + separator.length();
        }
        out.add(s.substring(from));
        return out;
    }

    /** Python's str.replace(old, new, count); an empty old inserts new between characters and at both ends. */
    static String replace(String s, String old, String replacement, Object count) {
        long remaining = count == null || count == Undefined.VALUE ? Long.MAX_VALUE : (Long) count;
        if (remaining < 0) remaining = Long.MAX_VALUE;
        StringBuilder sb = new StringBuilder();
        if (old.isEmpty()) {
            int i = 0;
            while (true) {
                if (remaining-- > 0) sb.append(replacement);
                if (i >= s.length()) break;
                int cp = s.codePointAt(i);
                sb.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            return sb.toString();
        }
        int from = 0;
        while (remaining > 0) {
            int at = s.indexOf(old, from);
            if (at < 0) break;
            sb.append(s, from, at).append(replacement);
            from = at + old.length();
            remaining--;
        }
        return sb.append(s.substring(from)).toString();
    }

    static String join(Object iterable, String separator) {
        List<Object> items;
        if (iterable instanceof List<?> list) {
            items = new ArrayList<>(list);
        } else if (iterable instanceof String s) {
            items = new ArrayList<>();
            s.codePoints().forEach(cp -> items.add(new String(Character.toChars(cp))));
        } else {
            throw new EvalError("cannot join a " + Values.typeName(iterable));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append(separator);
            sb.append(Values.display(items.get(i)));
        }
        return sb.toString();
    }

    /** The indices Python's {@code [start:stop:step]} selects from a sequence of {@code length} items. */
    static int[] sliceIndices(int length, Long start, Long stop, long step) {
        long lo, hi;
        if (step > 0) {
            lo = start == null ? 0 : clamp(start < 0 ? start + length : start, 0, length);
            hi = stop == null ? length : clamp(stop < 0 ? stop + length : stop, 0, length);
        } else {
            lo = start == null ? length - 1 : clamp(start < 0 ? start + length : start, -1, length - 1);
            hi = stop == null ? -1 : clamp(stop < 0 ? stop + length : stop, -1, length - 1);
        }
        List<Integer> out = new ArrayList<>();
        for (long i = lo; step > 0 ? i < hi : i > hi; i += step) out.add((int) i);
        int[] a = new int[out.size()];
        for (int i = 0; i < a.length; i++) a[i] = out.get(i);
        return a;
    }

    private static long clamp(long v, long lo, long hi) { return Math.max(lo, Math.min(hi, v)); }
}
