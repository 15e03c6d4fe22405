package dev.nnjit.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nnjit.api.Session;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real-size bench graphs (BERT-base, T5-small, BART-base, a 2-layer Llama-2-style decoder) on the CPU session
 * against ONNX Runtime's outputs on the same regenerated weights (S=16). Needs model.onnx.data, which is not
 * committed: run {@code models/bench/make-weights.sh} first; without it the test is skipped, saying so.
 */
class BenchGoldenTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bert-base", "t5-small", "bart-base", "llama2-2l", "minilm-l6"})
    void matchesOnnxRuntime(String name) throws Exception {
        Path dir = Path.of("models", "bench", name);
        Assumptions.assumeTrue(Files.exists(dir.resolve("model.onnx.data")),
                "no " + dir.resolve("model.onnx.data") + ": run models/bench/make-weights.sh to regenerate it");
        OnnxModel model = ModelFiles.load(dir.resolve("model.onnx"));
        assertEquals("", OpCoverage.missing(model, OpRegistry.defaults()), name + ": ops nnjit lacks");
        JsonObject golden = GoldenTensors.readJson(dir.resolve("golden.json"));
        long t0 = System.nanoTime();
        Map<String, Tensor> out = Session.create(model).run(GoldenTensors.tensors(golden.getAsJsonObject("inputs")));
        System.out.printf("[bench] %s: first run %.0f ms%n", name, (System.nanoTime() - t0) / 1e6);

        for (Map.Entry<String, Tensor> e : GoldenTensors.tensors(golden.getAsJsonObject("outputs")).entrySet()) {
            Tensor got = out.get(e.getKey());
            assertNotNull(got, "no output " + e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape());
            Closeness c = Closeness.of(e.getValue().floats(), got.floats());
            System.out.println("[bench] " + c.describe(name + "/" + e.getKey(), got.shape()));
            assertTrue(c.ok(), c.describe(name, got.shape()));
        }
        if (golden.has("output_summaries")) {
            for (Map.Entry<String, JsonElement> e : golden.getAsJsonObject("output_summaries").entrySet()) {
                checkSummary(name + "/" + e.getKey(), e.getValue().getAsJsonObject(), out.get(e.getKey()));
            }
        }
    }

    /**
     * Large outputs (Llama's [1, 16, 32000] logits) are stored as the first 64 values of each row plus the whole
     * last row: those must meet the elementwise bound; each row's ORT argmax must be a maximum here too, within it.
     */
    static void checkSummary(String what, JsonObject s, Tensor got) {
        assertNotNull(got, "no output " + what);
        assertArrayEquals(GoldenTensors.ints(s.getAsJsonArray("shape")), got.shape(), what + " shape");
        int width = got.dim(got.rank() - 1), rows = got.size() / width;
        float[] g = got.floats();
        JsonArray firstPerRow = s.getAsJsonArray("first_64_per_row");
        float[] lastRow = GoldenTensors.floats(s.getAsJsonArray("last_row"));
        int head = firstPerRow.get(0).getAsJsonArray().size();
        float[] expected = new float[rows * head + width], actual = new float[rows * head + width];
        for (int r = 0; r < rows; r++) {
            float[] ref = GoldenTensors.floats(firstPerRow.get(r).getAsJsonArray());
            System.arraycopy(ref, 0, expected, r * head, head);
            System.arraycopy(g, r * width, actual, r * head, head);
        }
        System.arraycopy(lastRow, 0, expected, rows * head, width);
        System.arraycopy(g, (rows - 1) * width, actual, rows * head, width);
        Closeness c = Closeness.of(expected, actual);
        System.out.println("[bench] " + c.describe(what + " (first 64 of each row + last row)", new int[] {expected.length}));
        assertTrue(c.ok(), c.describe(what, got.shape()));

        JsonArray argmax = s.getAsJsonArray("row_argmax");
        double tol = Closeness.RELATIVE_TOLERANCE * c.maxAbsExpected();
        for (int r = 0; r < rows; r++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < width; i++) max = Math.max(max, g[r * width + i]);
            float atOrt = g[r * width + argmax.get(r).getAsInt()];
            assertTrue(max - atOrt <= 2 * tol, what + " row " + r + ": ORT's argmax is " + (max - atOrt) + " below the max here");
        }
    }
}
