package dev.nnjit.models;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the tensors of models/&#42;&#42;/golden.json and models/minilm/reference.json:
 * {@code {"shape": [..], "dtype": "int64"|"float32", "data": [..]}} (floats written with 9 significant digits, so
 * each parses back to the exact float32 the reference produced).
 */
final class GoldenTensors {
    private GoldenTensors() {}

    static JsonObject readJson(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** The tensors of one {"NAME": {shape, dtype, data}} object, in file order. */
    static Map<String, Tensor> tensors(JsonObject group) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : group.entrySet()) out.put(e.getKey(), tensor(e.getValue().getAsJsonObject(), e.getKey()));
        return out;
    }

    static Tensor tensor(JsonObject o, String name) {
        int[] shape = ints(o.getAsJsonArray("shape"));
        JsonArray data = o.getAsJsonArray("data");
        String dtype = o.get("dtype").getAsString();
        switch (dtype) {
            case "int64": {
                long[] v = new long[data.size()];
                for (int i = 0; i < v.length; i++) v[i] = data.get(i).getAsLong();
                return Tensor.ofLongs(shape, v);
            }
            case "float32":
                return Tensor.ofFloats(shape, floats(data));
            default:
                throw new IllegalArgumentException("tensor '" + name + "': unexpected dtype " + dtype);
        }
    }

    static float[] floats(JsonArray a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) a.get(i).getAsDouble();
        return v;
    }

    static double[] doubles(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsDouble();
        return v;
    }

    static int[] ints(JsonArray a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsInt();
        return v;
    }
}
