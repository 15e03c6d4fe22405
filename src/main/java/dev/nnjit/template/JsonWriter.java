package dev.nnjit.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Template values as JSON, formatted as transformers' {@code tojson} filter formats them (Python's
 * {@code json.dumps(value, ensure_ascii=False, indent=..., separators=..., sort_keys=...)}): items separated by
 * ", " and keys by ": " unless told otherwise (with an indent, items by ","), non-ASCII characters kept as they are.
 * The same text is how lists and dicts print ({@code {{ [1, 2] }}} → {@code [1, 2]}).
 */
final class JsonWriter {
    /**
     * @param indent null for one line; else the text of one indentation level
     * @param itemSeparator null: ", " (or "," with an indent)
     * @param keySeparator null: ": "
     */
    record Style(String indent, String itemSeparator, String keySeparator, boolean sortKeys, boolean ensureAscii) {
        static final Style DEFAULT = new Style(null, null, null, false, false);

        String items() { return itemSeparator != null ? itemSeparator : indent != null ? "," : ", "; }

        String keys() { return keySeparator != null ? keySeparator : ": "; }
    }

    private JsonWriter() {}

    /** @param undefinedAsNull whether undefined values write as null (tojson) or as "undefined" (printing) */
    static String write(Object value, Style style, boolean undefinedAsNull) {
        StringBuilder sb = new StringBuilder();
        write(value, style, undefinedAsNull, 0, sb);
        return sb.toString();
    }

    private static void write(Object v, Style style, boolean undefinedAsNull, int depth, StringBuilder sb) {
        if (depth > 512) throw new IllegalStateException("value nested more than 512 deep");
        if (v == null) {
            sb.append("null");
        } else if (v == Undefined.VALUE) {
            sb.append(undefinedAsNull ? "null" : "undefined");
        } else if (v instanceof String s) {
            quote(s, style.ensureAscii(), sb);
        } else if (v instanceof Long || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Double d) {
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                    : Values.formatFloat(d));
        } else if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) sb.append(style.items());
                newline(style, depth + 1, sb);
                write(list.get(i), style, undefinedAsNull, depth + 1, sb);
            }
            newline(style, depth, sb);
            sb.append(']');
        } else if (v instanceof Map<?, ?> || v instanceof Namespace) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = v instanceof Namespace ns ? ns.attributes : (Map<String, Object>) v;
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            List<String> keys = new ArrayList<>(map.keySet());
            if (style.sortKeys()) keys.sort(null);
            sb.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) sb.append(style.items());
                newline(style, depth + 1, sb);
                quote(keys.get(i), style.ensureAscii(), sb);
                sb.append(style.keys());
                write(map.get(keys.get(i)), style, undefinedAsNull, depth + 1, sb);
            }
            newline(style, depth, sb);
            sb.append('}');
        } else {
            throw new IllegalArgumentException("a " + Values.typeName(v) + " cannot be written as JSON");
        }
    }

    private static void newline(Style style, int depth, StringBuilder sb) {
        if (style.indent() == null) return;
        sb.append('\n');
        for (int i = 0; i < depth; i++) sb.append(style.indent());
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static void quote(String s, boolean ensureAscii, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || (ensureAscii && c > 0x7e)) {
                        sb.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15])
                                .append(HEX[c & 15]);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
