package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The real-size bench graphs (models/bench: BERT-base, T5-small, BART-base, a 2-layer Llama-2 with a 32000 x 2048
 * vocabulary) on the webgpu backend against ONNX Runtime's outputs on the same regenerated weights, within
 * 1e-4 x max|golden|. BART's and Llama's vocabulary weights (154 MB, 262 MB) exceed SwiftShader's 128 MiB
 * storage-binding limit, so these also run the split-weight path. Each model is skipped unless its weights were
 * regenerated (models/bench/make-weights.sh), as CI does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebGpuBenchModelsIT {
    private BrowserRunner runner;

    @AfterAll void stopBrowser() { if (runner != null) runner.close(); }

    @TestFactory Stream<DynamicTest> benchModelsMatchOnnxRuntime() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : new String[] {"bert-base", "t5-small", "bart-base", "llama2-2l"}) {
            tests.add(DynamicTest.dynamicTest(name, () -> check(name)));
        }
        return tests.stream();
    }

    private void check(String name) throws Exception {
        Path dir = Paths.get("models", "bench", name).toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("model.onnx.data")),
                name + ": weights not regenerated (models/bench/make-weights.sh)");
        if (runner == null) runner = BrowserRunner.start(null);
        BrowserRunner.Result r = checkOutputs(runner, name, "webgpu");
        Map<String, Double> plan = runner.lastGpuStats().run().plan();
        System.out.printf("[webgpu bench model] %s: compile %.0f ms, run %.0f ms, %d kernels, weights %.0f MB%n", name,
                r.timings().get("compileMs"), r.timings().get("runMs"), plan.get("kernels").intValue(),
                plan.get("constantBytes") / 1e6);
    }

    /**
     * Runs bench model {@code name} on {@code backend} and checks every output (or output summary) against
     * golden.json within 1e-4 x max|golden|; the caller has checked that the weights exist.
     */
    static BrowserRunner.Result checkOutputs(BrowserRunner runner, String name, String backend) throws Exception {
        Path dir = Paths.get("models", "bench", name).toAbsolutePath();
        JsonObject golden = JsonParser.parseString(Files.readString(dir.resolve("golden.json"))).getAsJsonObject();
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : golden.getAsJsonObject("inputs").entrySet()) {
            feeds.put(e.getKey(), E2eModels.jsonTensor(e.getKey(), e.getValue().getAsJsonObject()));
        }
        BrowserRunner.Result r = runner.run(dir.resolve("model.onnx"), feeds, backend);
        for (Map.Entry<String, JsonElement> e : golden.getAsJsonObject("outputs").entrySet()) {
            Tensor want = E2eModels.jsonTensor(e.getKey(), e.getValue().getAsJsonObject());
            Tensor got = r.outputs().get(e.getKey());
            assertArrayEquals(want.shape(), got.shape(), name + "/" + e.getKey() + " shape");
            compare(name + "/" + e.getKey(), want.floats(), 0, got.floats(), 0, want.size(), maxAbs(want.floats()));
        }
        if (golden.has("output_summaries")) {
            for (Map.Entry<String, JsonElement> e : golden.getAsJsonObject("output_summaries").entrySet()) {
                summary(name + "/" + e.getKey(), e.getValue().getAsJsonObject(), r.outputs().get(e.getKey()));
            }
        }
        return r;
    }

    /** Outputs too large for golden.json: its first 64 values per row, the last row, and each row's argmax. */
    private static void summary(String what, JsonObject s, Tensor got) {
        int[] shape = new int[s.getAsJsonArray("shape").size()];
        for (int i = 0; i < shape.length; i++) shape[i] = s.getAsJsonArray("shape").get(i).getAsInt();
        assertArrayEquals(shape, got.shape(), what + " shape");
        int v = shape[shape.length - 1];
        float[] g = got.floats();
        double maxAbs = Math.max(Math.abs(s.get("max").getAsDouble()), Math.abs(s.get("min").getAsDouble()));
        JsonArray first = s.getAsJsonArray("first_64_per_row");
        for (int row = 0; row < first.size(); row++) {
            float[] want = floats(first.get(row).getAsJsonArray());
            compare(what + " row " + row + " first values", want, 0, g, row * v, want.length, maxAbs);
        }
        JsonArray index = s.getAsJsonArray("last_row_index"); // coordinates of the row over the leading dims
        int lastRow = 0;
        for (int d = 0; d < index.size(); d++) lastRow = lastRow * shape[d] + index.get(d).getAsInt();
        float[] last = floats(s.getAsJsonArray("last_row"));
        compare(what + " last row", last, 0, g, lastRow * v, last.length, maxAbs);
        JsonArray argmax = s.getAsJsonArray("row_argmax");
        for (int row = 0; row < argmax.size(); row++) {
            int best = 0;
            for (int i = 1; i < v; i++) if (g[row * v + i] > g[row * v + best]) best = i;
            assertEquals(argmax.get(row).getAsInt(), best, what + " argmax of row " + row);
        }
    }

    private static void compare(String what, float[] want, int wo, float[] got, int go, int n, double maxAbs) {
        double worst = 0;
        for (int i = 0; i < n; i++) worst = Math.max(worst, Math.abs((double) want[wo + i] - got[go + i]));
        System.out.printf("[bench model] %s: max |diff| %.3g = %.3g x max|golden|%n", what, worst, worst / maxAbs);
        assertTrue(worst <= 1e-4 * maxAbs, what + ": max |diff| " + worst + " > 1e-4 x " + maxAbs);
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) m = Math.max(m, Math.abs(x));
        return m;
    }

    private static float[] floats(JsonArray a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) f[i] = a.get(i).getAsFloat();
        return f;
    }
}
