package dev.nnjit.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the engine core (RFC 8259), hand-written because it must run under TeaVM (no reflection, so no Gson;
 * Gson stays in the JVM-only command line). {@link #parse} gives a tree of plain Java values:
 * {@code Map<String, Object>} (insertion-ordered), {@code List<Object>}, {@code String}, {@code Double},
 * {@code Boolean} and {@code null}. Errors are {@link JsonException}s naming the offset, line and column.
 *
 * <p>Used for tuning records and tokenizer.json files (the largest of which hold ~150k vocabulary entries), so the
 * reader is a single pass over the text with no regular expressions.
 */
public final class Json {
    private final String text;
    private int pos;

    private Json(String text) { this.text = text; }

    /** The value {@code text} holds; nothing but whitespace may follow it. */
    public static Object parse(String text) {
        if (text == null) throw new JsonException("no JSON text (null)");
        Json p = new Json(text);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos < text.length()) throw p.error("unexpected '" + text.charAt(p.pos) + "' after the value");
        return v;
    }

    private static final int MAX_DEPTH = 512;

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
        if (pos >= text.length()) throw error("unexpected end of text, a value was expected");
        char c = text.charAt(pos);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': literal("true"); return Boolean.TRUE;
            case 'f': literal("false"); return Boolean.FALSE;
            case 'n': literal("null"); return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected '" + c + "', a value was expected");
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') { pos++; return m; }
        while (true) {
            skipSpace();
            if (peek() != '"') throw error("expected a string key");
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            m.put(key, value(depth + 1));
            skipSpace();
            char c = next("',' or '}'");
            if (c == '}') return m;
            if (c != ',') { pos--; throw error("expected ',' or '}' in an object"); }
        }
    }

    private List<Object> array(int depth) {
        List<Object> l = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') { pos++; return l; }
        while (true) {
            skipSpace();
            l.add(value(depth + 1));
            skipSpace();
            char c = next("',' or ']'");
            if (c == ']') return l;
            if (c != ',') { pos--; throw error("expected ',' or ']' in an array"); }
        }
    }

    private String string() {
        pos++;
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) throw error("unterminated string");
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) throw error("control character U+" + hex4(c) + " in a string");
            if (c != '\\') { pos++; continue; }
            if (sb == null) sb = new StringBuilder();
            sb.append(text, start, pos);
            pos++;
            char e = next("an escape");
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u': sb.append((char) hexDigits()); break;
                default: pos--; throw error("bad escape '\\" + e + "'");
            }
            start = pos;
        }
    }

    private int hexDigits() {
        if (pos + 4 > text.length()) throw error("truncated \\u escape");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos), 16);
            if (d < 0) throw error("bad hex digit in a \\u escape");
            v = v * 16 + d;
            pos++;
        }
        return v;
    }

    private Double number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') pos++;
        else if (digits() == 0) throw error("bad number");
        if (peek() == '.') { pos++; if (digits() == 0) throw error("bad number: digits expected after '.'"); }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (digits() == 0) throw error("bad number: digits expected in the exponent");
        }
        return Double.valueOf(Double.parseDouble(text.substring(start, pos)));
    }

    private int digits() {
        int n = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') { pos++; n++; }
        return n;
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) throw error("unexpected text, a value was expected");
        pos += word.length();
    }

    private char peek() { return pos < text.length() ? text.charAt(pos) : '\0'; }

    private char next(String expected) {
        if (pos >= text.length()) throw error("unexpected end of text, " + expected + " expected");
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "'");
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
            pos++;
        }
    }

    private JsonException error(String message) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') { line++; col = 1; } else col++;
        }
        return new JsonException("JSON error at offset " + pos + " (line " + line + ", column " + col + "): " + message);
    }

    private static String hex4(int c) {
        String h = Integer.toHexString(c).toUpperCase();
        return "0000".substring(h.length()) + h;
    }

    /** {@code s} as a JSON string literal, quotes included (non-ASCII kept as is; controls escaped). */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) sb.append("\\u").append(hex4(c));
                    else sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Writes a tree of the types {@link #parse} returns (plus other {@link Number}s) as compact JSON. Non-finite
     * doubles have no JSON form: they are written as the strings "NaN", "Infinity", "-Infinity" (the convention of
     * the engine's tensor JSON).
     */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Object v, StringBuilder sb) {
        if (v == null) sb.append("null");
        else if (v instanceof String) sb.append(quote((String) v));
        else if (v instanceof Boolean) sb.append(v.toString());
        else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) sb.append(v);
        else if (v instanceof Number) sb.append(number(((Number) v).doubleValue()));
        else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                if (!first) sb.append(',');
                first = false;
                sb.append(quote(e.getKey())).append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object o : (List<Object>) v) {
                if (!first) sb.append(',');
                first = false;
                write(o, sb);
            }
            sb.append(']');
        } else {
            throw new JsonException("cannot write a " + v.getClass().getName() + " as JSON");
        }
    }

    /** A double as JSON: integral values without a fraction, others in Java's shortest round-trip form. */
    public static String number(double d) {
        if (Double.isNaN(d)) return "\"NaN\"";
        if (Double.isInfinite(d)) return d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }
}
