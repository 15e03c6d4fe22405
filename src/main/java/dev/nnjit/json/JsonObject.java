package dev.nnjit.json;

import java.util.List;
import java.util.Map;

/**
 * Typed reads from a parsed JSON object, with errors naming the path of the field ("model.vocab: expected an
 * object, found a string"), for readers of documents like tokenizer.json and tuning records.
 */
public final class JsonObject {
    private final Map<String, Object> fields;
    private final String path;

    public JsonObject(Map<String, Object> fields, String path) {
        this.fields = fields;
        this.path = path;
    }

    /** The object at the root of a parsed document; an error when the document is not an object. */
    @SuppressWarnings("unchecked")
    public static JsonObject root(Object parsed, String what) {
        if (!(parsed instanceof Map)) throw new JsonException(what + ": expected a JSON object, found " + kind(parsed));
        return new JsonObject((Map<String, Object>) parsed, what);
    }

    public Map<String, Object> fields() { return fields; }

    public String path() { return path; }

    public boolean has(String key) { return fields.containsKey(key) && fields.get(key) != null; }

    public Object get(String key) { return fields.get(key); }

    public String string(String key) {
        Object v = required(key);
        if (!(v instanceof String)) throw wrong(key, "a string", v);
        return (String) v;
    }

    public String string(String key, String fallback) { return has(key) ? string(key) : fallback; }

    public double number(String key) {
        Object v = required(key);
        if (!(v instanceof Number)) throw wrong(key, "a number", v);
        return ((Number) v).doubleValue();
    }

    public double number(String key, double fallback) { return has(key) ? number(key) : fallback; }

    /** An integer field (a JSON number with no fraction, within int range). */
    public int integer(String key) {
        double d = number(key);
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new JsonException(path + "." + key + ": expected an integer, found " + d);
        }
        return (int) d;
    }

    public int integer(String key, int fallback) { return has(key) ? integer(key) : fallback; }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) return fallback;
        Object v = fields.get(key);
        if (!(v instanceof Boolean)) throw wrong(key, "true or false", v);
        return (Boolean) v;
    }

    @SuppressWarnings("unchecked")
    public JsonObject object(String key) {
        Object v = required(key);
        if (!(v instanceof Map)) throw wrong(key, "an object", v);
        return new JsonObject((Map<String, Object>) v, path + "." + key);
    }

    /** The object field, or null when absent or null. */
    public JsonObject objectOrNull(String key) { return has(key) ? object(key) : null; }

    @SuppressWarnings("unchecked")
    public List<Object> array(String key) {
        Object v = required(key);
        if (!(v instanceof List)) throw wrong(key, "an array", v);
        return (List<Object>) v;
    }

    /** Element i of an array, read as an object (its path is "path.key[i]"). */
    @SuppressWarnings("unchecked")
    public static JsonObject element(List<Object> array, int i, String arrayPath) {
        Object v = array.get(i);
        if (!(v instanceof Map)) {
            throw new JsonException(arrayPath + "[" + i + "]: expected an object, found " + kind(v));
        }
        return new JsonObject((Map<String, Object>) v, arrayPath + "[" + i + "]");
    }

    private Object required(String key) {
        if (!fields.containsKey(key)) throw new JsonException(path + ": missing field '" + key + "'");
        Object v = fields.get(key);
        if (v == null) throw new JsonException(path + "." + key + ": is null");
        return v;
    }

    private JsonException wrong(String key, String expected, Object found) {
        return new JsonException(path + "." + key + ": expected " + expected + ", found " + kind(found));
    }

    /** "an object", "an array", "a string", "a number", "a boolean" or "null". */
    public static String kind(Object v) {
        if (v == null) return "null";
        if (v instanceof Map) return "an object";
        if (v instanceof List) return "an array";
        if (v instanceof String) return "a string";
        if (v instanceof Number) return "a number";
        if (v instanceof Boolean) return "a boolean";
        return v.getClass().getSimpleName();
    }
}
