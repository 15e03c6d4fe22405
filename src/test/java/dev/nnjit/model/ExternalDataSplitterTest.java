package dev.nnjit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.api.Session;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The split copy of the BERT fixture loads from its external data file and gives the original's outputs exactly. */
class ExternalDataSplitterTest {
    @Test void splitModelRunsLikeTheOriginal(@TempDir Path dir) throws Exception {
        Path original = Path.of("models", "fixtures", "bert", "model.onnx");
        Path split = dir.resolve("model.onnx");
        int moved = ExternalDataSplitter.split(original, split, "model.onnx.data", 64);
        assertTrue(moved > 5, moved + " initializers moved");
        assertTrue(Files.size(split) < Files.size(original) / 4, "the weights left the .onnx file");
        assertArrayEquals(run(original), run(split));
    }

    private static float[] run(Path model) {
        int[] shape = {1, 4};
        return Session.create(ModelFiles.load(model)).run(Map.of(
                "input_ids", Tensor.ofLongs(shape, new long[] {2, 41, 307, 3}),
                "attention_mask", Tensor.ofLongs(shape, new long[] {1, 1, 1, 1}),
                "token_type_ids", Tensor.ofLongs(shape, new long[] {0, 0, 0, 0}))).get("last_hidden_state").floats();
    }
}
