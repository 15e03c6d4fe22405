package dev.nnjit.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.nnjit.api.Session;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end against PyTorch: each tiny random-weight transformer of models/fixtures (made by models/make_fixtures.py
 * with transformers 5.17, exported by torch 2.11; see its meta.json) runs on the CPU session with the golden inputs
 * (batch 2, sequence 12, one row padded) and must match PyTorch's float32 outputs within
 * {@link Closeness#RELATIVE_TOLERANCE} of each output's largest magnitude.
 */
class FixtureGoldenTest {
    static final Path FIXTURES = Path.of("models", "fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bert", "gpt2", "llama", "t5", "bart"})
    void matchesPyTorch(String name) throws Exception {
        Path dir = FIXTURES.resolve(name);
        OnnxModel model = ModelFiles.load(dir.resolve("model.onnx"));
        assertEquals("", OpCoverage.missing(model, OpRegistry.defaults()), name + ": ops nnjit lacks");

        JsonObject golden = GoldenTensors.readJson(dir.resolve("golden.json"));
        Map<String, Tensor> feeds = GoldenTensors.tensors(golden.getAsJsonObject("inputs"));
        Map<String, Tensor> expected = GoldenTensors.tensors(golden.getAsJsonObject("outputs"));

        Session session = Session.create(model);
        Map<String, Tensor> actual = session.run(feeds);

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor got = actual.get(e.getKey());
            assertNotNull(got, name + ": no output '" + e.getKey() + "' (outputs: " + actual.keySet() + ")");
            assertArrayEquals(e.getValue().shape(), got.shape(), name + "/" + e.getKey() + " shape");
            Closeness c = Closeness.of(e.getValue().floats(), got.floats());
            String line = c.describe(name + "/" + e.getKey(), got.shape());
            System.out.println("[fixture] " + line);
            if (!c.ok()) failures.add(line);
        }
        assertTrue(failures.isEmpty(), "outside 1e-4 x max|golden|: " + failures);
    }
}
