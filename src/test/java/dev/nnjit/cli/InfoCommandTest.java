package dev.nnjit.cli;

import static dev.nnjit.model.OnnxBuilder.attrGraph;
import static dev.nnjit.model.OnnxBuilder.dims;
import static dev.nnjit.model.OnnxBuilder.model;
import static dev.nnjit.model.OnnxBuilder.node;
import static dev.nnjit.model.OnnxBuilder.tensorFloats;
import static dev.nnjit.model.OnnxBuilder.tensorInt64s;
import static dev.nnjit.model.OnnxBuilder.valueInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.model.ExternalDataResolver;
import dev.nnjit.model.OnnxBuilder.Graph;
import dev.nnjit.model.OnnxModelReader;
import dev.nnjit.tensor.DType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnjit info}: what it reads from a model file, as text and as JSON. */
class InfoCommandTest {
    @TempDir Path dir;

    /**
     * x float32[batch, 4] and w (an input that is also an initializer, so a parameter) -> If(cond) with a Relu branch
     * and a Neg branch -> y float32[batch, ?]; a MatMul in domain com.example; initializers w float32[4, 3] and
     * cond-free k int64[2].
     */
    static byte[] sample() {
        Graph then = new Graph("then").node(node("Relu", List.of("h"), List.of("t")))
                .output(valueInfo("t", DType.FLOAT, "batch", 3));
        Graph other = new Graph("else").node(node("Neg", List.of("h"), List.of("e")))
                .output(valueInfo("e", DType.FLOAT, "batch", 3));
        Graph g = new Graph("g")
                .node(node("MatMul", List.of("x", "w"), List.of("h")))
                .node(node("m", "com.example", "Custom", List.of("h"), List.of("c")))
                .node(node("If", List.of("cond"), List.of("y"),
                        attrGraph("then_branch", then.build()), attrGraph("else_branch", other.build())))
                .initializer(tensorFloats("w", dims(4, 3), true, new float[12]))
                .initializer(tensorInt64s("k", dims(2), true, 1, 2))
                .input(valueInfo("x", DType.FLOAT, "batch", 4))
                .input(valueInfo("w", DType.FLOAT, 4, 3))
                .input(valueInfo("cond", DType.BOOL))
                .output(valueInfo("y", DType.FLOAT, "batch", null));
        return model(9, g.build(), "", 17, "com.example", 1).toByteArray();
    }

    @Test void infoOfABuiltModel() {
        ModelInfo info = ModelInfo.of(OnnxModelReader.read(ByteBuffer.wrap(sample()), ExternalDataResolver.NONE));
        assertEquals(9, info.irVersion());
        assertEquals("nnjit-test 0.1", info.producer());
        assertEquals(Map.of("ai.onnx", 17, "com.example", 1), info.opsets());
        assertEquals(List.of(new ModelInfo.Port("x", "float32", List.of("batch", 4L)),
                new ModelInfo.Port("cond", "bool", List.of())), info.inputs(), "w is a parameter, not an input");
        assertEquals(List.of(new ModelInfo.Port("y", "float32", List.of("batch", "?"))), info.outputs());
        assertEquals(5, info.nodes(), "three nodes and one in each If branch");
        assertEquals(List.of("If", "MatMul", "Neg", "Relu", "com.example.Custom"), List.copyOf(info.ops().keySet()));
        assertEquals(2, info.initializers());
        assertEquals(14, info.parameters());
        assertEquals(12 * 4 + 2 * 8, info.parameterBytes());
    }

    @Test void textAndJsonOfTheBertFixture() {
        MainTest.Invocation text = MainTest.nnjit("info", "models/fixtures/bert/model.onnx");
        assertEquals(Main.OK, text.code(), text.err());
        assertTrue(text.out().contains("input_ids       int64    [batch, sequence]"), text.out());
        assertTrue(text.out().contains("last_hidden_state  float32  [batch, sequence, 32]"), text.out());
        assertTrue(text.out().contains("opsets      ai.onnx 17\n"), text.out());

        MainTest.Invocation json = MainTest.nnjit("info", "--json", "models/fixtures/bert/model.onnx");
        assertEquals(Main.OK, json.code(), json.err());
        JsonObject doc = JsonParser.parseString(json.out()).getAsJsonObject();
        assertEquals(Arrays.asList("input_ids", "attention_mask", "token_type_ids"),
                doc.getAsJsonArray("inputs").asList().stream()
                        .map(e -> e.getAsJsonObject().get("name").getAsString()).toList());
        assertEquals("[\"batch\",\"sequence\"]",
                doc.getAsJsonArray("inputs").get(0).getAsJsonObject().get("shape").toString());
        assertEquals(17, doc.getAsJsonObject("opsets").get("ai.onnx").getAsInt());
        int opTotal = doc.getAsJsonObject("ops").entrySet().stream().mapToInt(e -> e.getValue().getAsInt()).sum();
        assertEquals(doc.get("nodes").getAsInt(), opTotal);
        assertTrue(doc.get("parameters").getAsLong() > 0);
        assertEquals(4 * doc.get("parameters").getAsLong(), doc.get("parameterBytes").getAsLong(), "all float32");
    }

    @Test void aMissingOrBrokenModelIsOneLineAndExitOne() throws Exception {
        MainTest.Invocation r = MainTest.nnjit("info", dir.resolve("none.onnx").toString());
        assertEquals(Main.ERROR, r.code());
        assertEquals("nnjit: error: model file not found: " + dir.resolve("none.onnx") + "\n", r.err());
        Path broken = Files.write(dir.resolve("broken.onnx"), new byte[] {0x0a, (byte) 0xff, 0x01});
        r = MainTest.nnjit("info", broken.toString());
        assertEquals(Main.ERROR, r.code());
        assertTrue(r.err().startsWith("nnjit: error: ") && r.err().split("\n").length == 1, r.err());
    }

    @Test void byteSizes() {
        assertEquals("999 bytes", InfoCommand.bytes(999));
        assertEquals("145.3 kB (145,280 bytes)", InfoCommand.bytes(145_280));
        assertEquals("2.1 GB (2,147,483,648 bytes)", InfoCommand.bytes(1L << 31));
    }
}
