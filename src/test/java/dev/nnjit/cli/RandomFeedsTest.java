package dev.nnjit.cli;

import static dev.nnjit.model.OnnxBuilder.dims;
import static dev.nnjit.model.OnnxBuilder.model;
import static dev.nnjit.model.OnnxBuilder.node;
import static dev.nnjit.model.OnnxBuilder.tensorFloats;
import static dev.nnjit.model.OnnxBuilder.valueInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.model.ExternalDataResolver;
import dev.nnjit.model.OnnxBuilder.Graph;
import dev.nnjit.model.OnnxGraph;
import dev.nnjit.model.OnnxModelReader;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Float16;
import dev.nnjit.tensor.Tensor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code nnjit run --random-feeds}: feeds made from the model's declared input types, reproducible by seed. */
class RandomFeedsTest {
    /** f float32[batch, 3], h float16[2], ids int64[batch, seq], mask bool[seq], w (initializer, also an input). */
    static OnnxGraph graph() {
        Graph g = new Graph("g")
                .node(node("Identity", List.of("f"), List.of("y")))
                .initializer(tensorFloats("w", dims(1), true, 1f))
                .input(valueInfo("f", DType.FLOAT, "batch", 3))
                .input(valueInfo("h", DType.FLOAT16, 2))
                .input(valueInfo("ids", DType.INT64, "batch", "seq"))
                .input(valueInfo("mask", DType.BOOL, "seq"))
                .input(valueInfo("w", DType.FLOAT, 1))
                .output(valueInfo("y", DType.FLOAT, "batch", 3));
        byte[] bytes = model(8, g.build(), "", 17).toByteArray();
        return OnnxModelReader.read(ByteBuffer.wrap(bytes), ExternalDataResolver.NONE).graph();
    }

    @Test void feedsFollowTheDeclaredTypesAndTheGivenDims() {
        Map<String, Tensor> feeds = RandomFeeds.of(graph(), Map.of("batch", 2L, "seq", 5L), 42);
        assertEquals(List.of("f", "h", "ids", "mask"), List.copyOf(feeds.keySet()), "w is an initializer");
        assertArrayEquals(new int[] {2, 3}, feeds.get("f").shape());
        assertEquals(DType.FLOAT16, feeds.get("h").dtype());
        assertArrayEquals(new int[] {2, 5}, feeds.get("ids").shape());
        assertArrayEquals(new int[] {5}, feeds.get("mask").shape());
        for (float v : feeds.get("f").floats()) assertTrue(v >= -1 && v < 1, "float in [-1, 1): " + v);
        for (float v : feeds.get("h").floats()) assertEquals(Float16.roundToHalf(v), v, "representable in float16");
        for (long v : feeds.get("ids").longs()) assertTrue(v == 0 || v == 1, "int in {0, 1}: " + v);
    }

    @Test void theSeedDecidesTheValues() {
        Map<String, Long> dims = Map.of("batch", 4L, "seq", 16L);
        Map<String, Tensor> a = RandomFeeds.of(graph(), dims, 7);
        Map<String, Tensor> b = RandomFeeds.of(graph(), dims, 7);
        Map<String, Tensor> c = RandomFeeds.of(graph(), dims, 8);
        for (String name : a.keySet()) assertEquals(TensorJson.toJson(a.get(name)), TensorJson.toJson(b.get(name)));
        assertFalse(TensorJson.toJson(a.get("f")).equals(TensorJson.toJson(c.get("f"))));
        long ones = 0;
        for (long v : a.get("ids").longs()) ones += v;
        assertTrue(ones > 0 && ones < 64, "both values drawn: " + ones + " ones of 64");
    }

    @Test void aMissingDimIsNamed() {
        assertEquals("input 'f' has symbolic dim 'batch': give its size with --dim batch=VALUE",
                assertThrows(CliException.class, () -> RandomFeeds.of(graph(), Map.of(), 0)).getMessage());
        assertEquals("input 'ids' has symbolic dim 'seq': give its size with --dim seq=VALUE",
                assertThrows(CliException.class, () -> RandomFeeds.of(graph(), Map.of("batch", 1L), 0)).getMessage());
    }

    @Test void runWithRandomFeedsOnTheBertFixture() {
        String model = "models/fixtures/bert/model.onnx";
        MainTest.Invocation r = MainTest.nnjit("run", model, "--random-feeds", "--dim", "batch=2", "--dim=sequence=7",
                "--seed", "3");
        assertEquals(Main.OK, r.code(), r.err());
        JsonObject hidden = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("outputs")
                .getAsJsonObject("last_hidden_state");
        assertEquals("[2,7,32]", hidden.get("shape").toString());
        MainTest.Invocation again = MainTest.nnjit("run", model, "--random-feeds", "--dim", "batch=2", "--dim",
                "sequence=7", "--seed", "3");
        assertEquals(JsonParser.parseString(r.out()).getAsJsonObject().get("outputs"),
                JsonParser.parseString(again.out()).getAsJsonObject().get("outputs"), "same seed, same outputs");

        MainTest.Invocation missing = MainTest.nnjit("run", model, "--random-feeds", "--dim", "batch=2");
        assertEquals(Main.ERROR, missing.code());
        assertEquals("nnjit: error: input 'input_ids' has symbolic dim 'sequence': give its size with"
                + " --dim sequence=VALUE\n", missing.err());
    }
}
