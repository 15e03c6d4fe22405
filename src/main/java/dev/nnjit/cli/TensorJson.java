package dev.nnjit.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Float16;
import dev.nnjit.tensor.Tensor;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tensors as JSON, the format of the golden files, the command line's feeds and its results (JVM only).
 *
 * <p>A tensor is {@code {"shape": [2, 3], "dtype": "float32", "data": [...]}}: {@code data} is row-major and has
 * exactly as many elements as the shape's product (one for shape {@code []}); on reading it may also be nested as the
 * shape ({@code [[1, 2, 3], [4, 5, 6]]}). Results are written flat. {@code dtype} is a
 * {@link DType#jsonName} ("float32", "float16", "bfloat16", "int8" ... "int64", "uint8", "uint16", "uint32", "bool";
 * "float" is accepted for float32). A document of tensors maps names to tensors under a key ("inputs" for feeds,
 * "outputs" for results); other top-level keys are ignored.
 *
 * <p>Numbers, exactly:
 * <ul>
 *   <li>Floats are written with {@link Float#toString(float)}, the shortest decimal that reads back to the same
 *       float, and read with {@link Float#parseFloat} from the literal text (never through double), so a float
 *       survives write then read bit for bit (-0.0 included). float16/bfloat16 values are written as their exact
 *       float widening and rounded to the dtype (ties to even) when read.</li>
 *   <li>NaN and infinities, which JSON numbers cannot express, are written as the strings {@code "NaN"},
 *       {@code "Infinity"}, {@code "-Infinity"}. Reading accepts those strings and also the bare tokens
 *       {@code NaN}/{@code Infinity}/{@code -Infinity} that Python's {@code json.dump} writes (the parser is
 *       lenient for that reason). A finite literal beyond the dtype's range is an error, not an infinity.</li>
 *   <li>Integer dtypes are JSON numbers holding an integral value ({@code 3} or {@code 3.0}, not {@code 3.5}) inside
 *       the dtype's range, checked exactly (int64 values beyond 2^53 are kept exact on the JVM; JavaScript readers
 *       of such files lose precision).</li>
 *   <li>bool is {@code true}/{@code false}.</li>
 * </ul>
 * Errors are {@link TensorJsonException}s whose message names the tensor ("feed 'input_ids': ...") and the element.
 */
public final class TensorJson {
    private static final Gson STRINGS = new GsonBuilder().disableHtmlEscaping().create();
    /** Integer literals longer than this many integral digits cannot fit any dtype: rejected before BigInteger. */
    private static final int MAX_INTEGER_DIGITS = 25;

    private TensorJson() {}

    // ---------------------------------------------------------------- reading

    /** Reads a feeds document: the tensors under its "inputs" key, in document order. */
    public static Map<String, Tensor> readFeeds(Reader in) {
        return readTensorMap(in, "inputs", "feed");
    }

    /**
     * Reads a document and returns the tensors under {@code key}.
     *
     * @param role how errors name a tensor: "feed" gives "feed 'x': ..."
     */
    public static Map<String, Tensor> readTensorMap(Reader in, String key, String role) {
        JsonElement doc;
        try {
            doc = JsonParser.parseReader(in);
        } catch (JsonParseException e) {
            throw new TensorJsonException("malformed JSON: " + rootMessage(e), e);
        }
        if (!doc.isJsonObject()) {
            throw new TensorJsonException("expected a JSON object with an \"" + key + "\" object, got " + kind(doc));
        }
        JsonElement tensors = doc.getAsJsonObject().get(key);
        if (tensors == null) throw new TensorJsonException("missing top-level key \"" + key + "\"");
        return parseTensorMap(tensors, role);
    }

    /** Parses an object of name -> tensor, in document order. */
    public static Map<String, Tensor> parseTensorMap(JsonElement tensors, String role) {
        if (!tensors.isJsonObject()) {
            throw new TensorJsonException("the " + role + "s must be a JSON object of name -> tensor, got " + kind(tensors));
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : tensors.getAsJsonObject().entrySet()) {
            result.put(e.getKey(), parseTensor(role, e.getKey(), e.getValue()));
        }
        return result;
    }

    /** Parses one tensor object; {@code role} and {@code name} only label errors. */
    public static Tensor parseTensor(String role, String name, JsonElement json) {
        String what = role + " '" + name + "'";
        if (!json.isJsonObject()) {
            throw new TensorJsonException(what + ": expected an object with \"shape\", \"dtype\" and \"data\", got "
                    + kind(json));
        }
        JsonObject o = json.getAsJsonObject();
        DType dtype = parseDType(what, required(o, what, "dtype"));
        int[] shape = parseShape(what, required(o, what, "shape"));
        JsonArray data = flatData(what, shape, required(o, what, "data"));
        int size;
        try {
            size = Tensor.checkedSize(shape, what);
        } catch (IllegalArgumentException e) {
            throw new TensorJsonException(e.getMessage(), e);
        }
        if (data.size() != size) {
            throw new TensorJsonException(what + ": \"data\" has " + data.size() + " elements but shape "
                    + Arrays.toString(shape) + " needs " + size);
        }
        switch (dtype.storage) {
            case FLOAT: return Tensor.ofFloats(dtype, shape, parseFloats(what, dtype, data));
            case LONG: return Tensor.ofLongs(dtype, shape, parseLongs(what, dtype, data));
            case BOOL: return Tensor.ofBools(shape, parseBools(what, data));
            default: throw new IllegalStateException("unsupported dtype passed the check: " + dtype);
        }
    }

    /**
     * {@code data} flat as it is, or flattened row-major when nested as the shape ({@code [[1, 2], [3, 4]]} for
     * shape [2, 2]): every level must then have its dim's length, and the innermost hold numbers.
     */
    private static JsonArray flatData(String what, int[] shape, JsonElement data) {
        if (!data.isJsonArray()) {
            throw new TensorJsonException(what + ": \"data\" must be a JSON array (flat, or nested as the shape), got "
                    + kind(data));
        }
        JsonArray top = data.getAsJsonArray();
        boolean nested = shape.length > 1 && top.size() > 0 && top.get(0).isJsonArray();
        if (!nested) {
            for (int i = 0; shape.length > 1 && i < top.size(); i++) { // rank <= 1: the element check names it
                if (top.get(i).isJsonArray()) {
                    throw new TensorJsonException(what + ": data[" + i + "] is an array: nest \"data\" as the shape "
                            + Arrays.toString(shape) + " throughout, or give it flat");
                }
            }
            return top;
        }
        JsonArray flat = new JsonArray();
        flatten(what, shape, 0, top, "data", flat);
        return flat;
    }

    private static void flatten(String what, int[] shape, int depth, JsonElement e, String path, JsonArray flat) {
        if (depth == shape.length) {
            if (e.isJsonArray()) {
                throw new TensorJsonException(what + ": " + path + " is an array, but shape " + Arrays.toString(shape)
                        + " has rank " + shape.length);
            }
            flat.add(e);
            return;
        }
        if (!e.isJsonArray() || e.getAsJsonArray().size() != shape[depth]) {
            throw new TensorJsonException(what + ": " + path + " must be an array of " + shape[depth]
                    + " (dim " + depth + " of shape " + Arrays.toString(shape) + "), got "
                    + (e.isJsonArray() ? "an array of " + e.getAsJsonArray().size() : kind(e)));
        }
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) flatten(what, shape, depth + 1, a.get(i), path + "[" + i + "]", flat);
    }

    private static JsonElement required(JsonObject o, String what, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) throw new TensorJsonException(what + ": missing \"" + key + "\"");
        return e;
    }

    private static DType parseDType(String what, JsonElement e) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new TensorJsonException(what + ": \"dtype\" must be a string such as \"float32\", got " + kind(e));
        }
        String name = e.getAsString();
        DType t = DType.fromJsonName(name);
        if (t == null) {
            throw new TensorJsonException(what + ": unknown dtype \"" + name + "\" (known: " + supportedNames() + ")");
        }
        if (!t.isSupported()) {
            throw new TensorJsonException(what + ": dtype " + t + " is not supported by nnjit (supported: "
                    + supportedNames() + ")");
        }
        return t;
    }

    private static int[] parseShape(String what, JsonElement e) {
        if (!e.isJsonArray()) {
            throw new TensorJsonException(what + ": \"shape\" must be an array of dimension sizes, got " + kind(e));
        }
        JsonArray a = e.getAsJsonArray();
        int[] shape = new int[a.size()];
        for (int i = 0; i < shape.length; i++) {
            String where = what + ": shape[" + i + "]";
            BigInteger v = integral(where, a.get(i));
            if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(Tensor.MAX_ELEMENTS)) > 0) {
                throw new TensorJsonException(where + " = " + v + " is not a dimension size (0.." + Tensor.MAX_ELEMENTS + ")");
            }
            shape[i] = v.intValue();
        }
        return shape;
    }

    private static float[] parseFloats(String what, DType dtype, JsonArray data) {
        float[] r = new float[data.size()];
        for (int i = 0; i < r.length; i++) {
            JsonElement e = data.get(i);
            String where = what + ": data[" + i + "]";
            if (!e.isJsonPrimitive()) throw new TensorJsonException(where + " is " + kind(e) + ", not a number");
            JsonPrimitive p = e.getAsJsonPrimitive();
            String text = p.getAsString();
            float v;
            if (p.isNumber()) {
                v = Float.parseFloat(text);
            } else if (p.isString() && text.equals("NaN")) {
                v = Float.NaN;
            } else if (p.isString() && text.equals("Infinity")) {
                v = Float.POSITIVE_INFINITY;
            } else if (p.isString() && text.equals("-Infinity")) {
                v = Float.NEGATIVE_INFINITY;
            } else {
                throw new TensorJsonException(where + " is " + kind(e) + ", not a number (non-finite values are"
                        + " written \"NaN\", \"Infinity\", \"-Infinity\")");
            }
            if (dtype == DType.FLOAT16) v = Float16.roundToHalf(v);
            else if (dtype == DType.BFLOAT16) v = Float16.roundToBfloat16(v);
            if (p.isNumber() && Float.isInfinite(v)) {
                throw new TensorJsonException(where + " = " + text + " is out of range for " + dtype);
            }
            r[i] = v;
        }
        return r;
    }

    private static long[] parseLongs(String what, DType dtype, JsonArray data) {
        long[] r = new long[data.size()];
        BigInteger min = BigInteger.valueOf(dtype.minValue());
        BigInteger max = BigInteger.valueOf(dtype.maxValue());
        for (int i = 0; i < r.length; i++) {
            String where = what + ": data[" + i + "]";
            BigInteger v = integral(where, data.get(i));
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                throw new TensorJsonException(where + " = " + v + " is out of range for " + dtype + " [" + min + ", "
                        + max + "]");
            }
            r[i] = v.longValueExact();
        }
        return r;
    }

    private static boolean[] parseBools(String what, JsonArray data) {
        boolean[] r = new boolean[data.size()];
        for (int i = 0; i < r.length; i++) {
            JsonElement e = data.get(i);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
                throw new TensorJsonException(what + ": data[" + i + "] is " + kind(e) + ", not true or false");
            }
            r[i] = e.getAsBoolean();
        }
        return r;
    }

    /** The exact integer value of a JSON number; errors for non-numbers and fractions. */
    private static BigInteger integral(String where, JsonElement e) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new TensorJsonException(where + " is " + kind(e) + ", not an integer");
        }
        String text = e.getAsString();
        BigDecimal d;
        try {
            d = new BigDecimal(text);
        } catch (NumberFormatException ex) {
            throw new TensorJsonException(where + " = " + text + " is not a number");
        }
        if (d.signum() != 0 && d.precision() - d.scale() > MAX_INTEGER_DIGITS) {
            throw new TensorJsonException(where + " = " + text + " is out of range for any integer type");
        }
        try {
            return d.toBigIntegerExact();
        } catch (ArithmeticException ex) {
            throw new TensorJsonException(where + " = " + text + " is not an integer");
        }
    }

    /** "a string \"abc\"", "an array", ...: how errors describe an unexpected JSON value. */
    private static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) return "null";
        if (e.isJsonArray()) return "an array";
        if (e.isJsonObject()) return "an object";
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) return "the boolean " + p.getAsBoolean();
        if (p.isNumber()) return "the number " + p.getAsString();
        String s = p.getAsString();
        return "the string " + STRINGS.toJson(s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }

    private static String supportedNames() {
        StringBuilder sb = new StringBuilder();
        for (DType t : DType.values()) {
            if (!t.isSupported()) continue;
            if (sb.length() > 0) sb.append(", ");
            sb.append(t.jsonName);
        }
        return sb.toString();
    }

    /** The innermost message, first line only (Gson adds a troubleshooting link on a second line). */
    private static String rootMessage(Throwable e) {
        while (e.getCause() != null && e.getCause().getMessage() != null) e = e.getCause();
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    // ---------------------------------------------------------------- writing

    /** One tensor as a single-line JSON object. */
    public static String toJson(Tensor t) {
        StringBuilder sb = new StringBuilder();
        appendTensor(sb, t);
        return sb.toString();
    }

    /**
     * The command line's result document: {"outputs": {name: tensor, ...}, "timings": {name: ms, ...}}, one tensor
     * per line so large outputs stay readable and the file stays small.
     */
    public static String resultJson(Map<String, Tensor> outputs, Map<String, Double> timings) {
        StringBuilder sb = new StringBuilder("{\n  \"outputs\": {");
        String sep = "\n";
        for (Map.Entry<String, Tensor> e : outputs.entrySet()) {
            sb.append(sep).append("    ").append(STRINGS.toJson(e.getKey())).append(": ");
            appendTensor(sb, e.getValue());
            sep = ",\n";
        }
        sb.append(outputs.isEmpty() ? "},\n" : "\n  },\n");
        sb.append("  \"timings\": {");
        sep = "";
        for (Map.Entry<String, Double> e : timings.entrySet()) {
            sb.append(sep).append(STRINGS.toJson(e.getKey())).append(": ").append(millis(e.getValue()));
            sep = ", ";
        }
        sb.append("}\n}\n");
        return sb.toString();
    }

    /** Milliseconds rounded to the microsecond; non-finite values (never expected) become null. */
    private static String millis(Double ms) {
        if (ms == null || ms.isNaN() || ms.isInfinite()) return "null";
        return Double.toString(Math.round(ms * 1000.0) / 1000.0);
    }

    private static void appendTensor(StringBuilder sb, Tensor t) {
        int[] shape = t.shape();
        sb.append("{\"shape\": [");
        for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : ", ").append(shape[i]);
        sb.append("], \"dtype\": \"").append(t.dtype().jsonName).append("\", \"data\": [");
        switch (t.dtype().storage) {
            case FLOAT: {
                float[] d = t.floats();
                for (int i = 0; i < d.length; i++) appendFloat(i == 0 ? sb : sb.append(", "), d[i]);
                break;
            }
            case LONG: {
                long[] d = t.longs();
                for (int i = 0; i < d.length; i++) (i == 0 ? sb : sb.append(", ")).append(d[i]);
                break;
            }
            case BOOL: {
                boolean[] d = t.bools();
                for (int i = 0; i < d.length; i++) (i == 0 ? sb : sb.append(", ")).append(d[i]);
                break;
            }
            default: throw new IllegalArgumentException("cannot write a tensor of dtype " + t.dtype());
        }
        sb.append("]}");
    }

    private static void appendFloat(StringBuilder sb, float v) {
        if (Float.isNaN(v)) sb.append("\"NaN\"");
        else if (v == Float.POSITIVE_INFINITY) sb.append("\"Infinity\"");
        else if (v == Float.NEGATIVE_INFINITY) sb.append("\"-Infinity\"");
        else sb.append(Float.toString(v));
    }
}
