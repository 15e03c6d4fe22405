package dev.nnjit.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nnjit.graph.Graph;
import dev.nnjit.graph.GraphImporter;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.Attribute;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.passes.GraphPass;
import dev.nnjit.passes.PassPipeline;
import dev.nnjit.passes.fusion.GeluFusion;
import dev.nnjit.runtime.CpuExecutor;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The GPU pass pipeline ({@link PassPipeline#gpu}) on real models, run on the CPU reference executor: every pattern
 * must be recognized where the architecture has it (node counts below), and the fused graph must compute what the
 * unfused one does and what the reference runtime computed.
 *
 * <p>Tolerances: against the unfused graph, {@link Closeness#RELATIVE_TOLERANCE} (1e-4) of the output's largest
 * magnitude, as for every end-to-end check; what the fused references change (normalization statistics and GELU in
 * double, a divided scale turned into a multiplication) measures about 1e-6 relative. Against PyTorch / ONNX Runtime,
 * the same bound as {@link FixtureGoldenTest} and {@link MiniLmReferenceTest}.
 */
class FusedModelsTest {
    static final OpRegistry REGISTRY = OpRegistry.defaults();
    @TempDir static Path dir;

    /** Activations applied anywhere: standalone nodes, FusedMatMul epilogues and FusedElementwise programs. */
    static Map<String, Integer> activations(Graph g) {
        Map<String, Integer> m = new TreeMap<>();
        for (Node n : g.nodes()) {
            if (n.opType().equals("Gelu")) {
                Attribute a = n.attribute("approximate");
                m.merge(a == null || a.stringValue().equals("none") ? "gelu" : "gelu_tanh", 1, Integer::sum);
            } else if (n.opType().equals("SiLU")) {
                m.merge("silu", 1, Integer::sum);
            } else if (n.opType().equals("FusedMatMul") && n.attribute("activation") != null) {
                m.merge(n.attribute("activation").stringValue(), 1, Integer::sum);
            } else if (n.payload() != null) {
                for (String op : new String[] {"gelu", "gelu_tanh", "silu", "relu"}) {
                    for (String part : n.payload().toString().split(";")) {
                        if (part.contains("=" + op + "(")) m.merge(op, 1, Integer::sum);
                    }
                }
            }
        }
        return m;
    }

    /** The model's graph with inputs specialized to the feeds' shapes, before any pass. */
    static Graph specialized(OnnxModel model, Map<String, Tensor> feeds) {
        Graph g = GraphImporter.importModel(model);
        for (Value in : g.inputs()) in.setType(TensorType.of(feeds.get(in.name())));
        return g;
    }

    static int count(Graph g, String op) { return g.opHistogram().getOrDefault(op, 0); }

    static void assertClose(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        Closeness c = Closeness.of(expected.floats(), actual.floats());
        System.out.println("[fusion] " + c.describe(what, actual.shape()));
        assertTrue(c.ok(), c.describe(what, actual.shape()));
    }

    /** Unfused and fused graphs of {@code model} at the feeds' shapes, both run; returns the fused graph. */
    static Graph fuseAndCompare(String name, OnnxModel model, Map<String, Tensor> feeds, Map<String, Tensor> reference) {
        Graph unfused = specialized(model, feeds);
        PassPipeline.standard(REGISTRY).apply(unfused);
        Graph fused = specialized(model, feeds);
        PassPipeline.gpu(REGISTRY).apply(fused);
        System.out.println("[fusion] " + name + " before: " + unfused.nodes().size() + " nodes " + unfused.opHistogram());
        System.out.println("[fusion] " + name + " after:  " + fused.nodes().size() + " nodes " + fused.opHistogram()
                + " activations " + activations(fused));
        Map<String, Tensor> expected = new CpuExecutor(unfused, REGISTRY).run(feeds, null);
        Map<String, Tensor> actual = new CpuExecutor(fused, REGISTRY).run(feeds, null);
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor got = actual.get(e.getKey());
            assertNotNull(got, name + ": fused graph lost output " + e.getKey());
            assertClose(name + "/" + e.getKey() + " fused vs unfused", e.getValue(), got);
            if (reference != null && reference.containsKey(e.getKey())) {
                assertClose(name + "/" + e.getKey() + " fused vs reference", reference.get(e.getKey()), got);
            }
        }
        return fused;
    }

    static OnnxModel miniLm() throws Exception {
        Path model = dir.resolve("all-minilm-l6-v2.onnx");
        if (!Files.exists(model)) {
            try (InputStream in = FusedModelsTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
                assertNotNull(in, "all-minilm-l6-v2.onnx not on the test classpath");
                Files.copy(in, model, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return ModelFiles.load(model);
    }

    static JsonObject miniLmCase(String name) throws Exception {
        JsonObject ref = GoldenTensors.readJson(MiniLmReferenceTest.REFERENCE);
        for (JsonElement e : ref.getAsJsonArray("cases")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(name)) return e.getAsJsonObject();
        }
        throw new AssertionError("no case " + name);
    }

    /**
     * MiniLM (BERT, 6 layers, opset 11): 13 LayerNorms (embeddings + 2 per layer), 6 GELUs (recognized as Gelu,
     * then folded into their FusedMatMul), 6 attentions, 36 linear layers with bias (q, k, v, out, up, down).
     */
    @Test void miniLmFusesEveryLayer() throws Exception {
        OnnxModel model = miniLm();
        JsonObject c = miniLmCase("paraphrase_a");
        Map<String, Tensor> feeds = GoldenTensors.tensors(c.getAsJsonObject("inputs"));
        Graph fused = fuseAndCompare("minilm", model, feeds, GoldenTensors.tensors(c.getAsJsonObject("outputs")));
        assertEquals(13, count(fused, "LayerNormalization"), fused.opHistogram().toString());
        assertEquals(6, count(fused, "Attention"));
        assertEquals(36, count(fused, "FusedMatMul"));
        assertEquals(Map.of("gelu", 6), activations(fused));
        for (String gone : new String[] {"MatMul", "Softmax", "ReduceMean", "Erf", "Pow", "Sqrt", "Div"}) {
            assertEquals(0, count(fused, gone), gone + " left: " + fused.opHistogram());
        }

        // The GELU stage on its own: six Gelu nodes before the epilogue fusion absorbs them.
        Graph staged = specialized(model, feeds);
        for (GraphPass p : PassPipeline.gpu(REGISTRY).passes()) {
            p.apply(staged);
            if (p instanceof GeluFusion) break;
        }
        assertEquals(6, count(staged, "Gelu"), staged.opHistogram().toString());
        assertEquals(0, count(staged, "Erf"));
    }

    /** 40 tokens padded to 128: the additive mask path (Cast, 1 - m, * -FLT_MAX) fused and fed to Attention. */
    @Test void miniLmPaddedBatchMatchesUnfused() throws Exception {
        Map<String, Tensor> feeds = GoldenTensors.tensors(miniLmCase("padded_128").getAsJsonObject("inputs"));
        Graph fused = fuseAndCompare("minilm/padded_128", miniLm(), feeds, null);
        assertEquals(6, count(fused, "Attention"));
        for (Node n : fused.nodes()) {
            if (n.opType().equals("Attention")) assertEquals(4, n.inputs().size(), n.describe() + " lost its mask");
        }
    }

    /** Per fixture: {norm op, norms, attentions, FusedMatMuls} and the activations the epilogues carry. */
    static final Map<String, Object[]> EXPECTED = new LinkedHashMap<>();
    static {
        EXPECTED.put("bert", new Object[] {"LayerNormalization", 5, 2, 13, Map.of("gelu", 2)});
        EXPECTED.put("gpt2", new Object[] {"LayerNormalization", 5, 2, 8, Map.of("gelu_tanh", 2)});
        EXPECTED.put("llama", new Object[] {"RMSNormalization", 5, 2, 2, Map.of("silu", 2)});
        EXPECTED.put("t5", new Object[] {"RMSNormalization", 12, 6, 4, Map.of("relu", 4)});
        EXPECTED.put("bart", new Object[] {"LayerNormalization", 12, 6, 33, Map.of("gelu", 4)});
    }

    /**
     * The PyTorch fixtures (models/fixtures, random weights, batch 2 with a padded row): every norm, attention and
     * activation recognized; no Softmax or normalization arithmetic left; outputs equal to the unfused graph's and
     * to PyTorch's.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bert", "gpt2", "llama", "t5", "bart"})
    void fixtureFuses(String name) throws Exception {
        Path d = FixtureGoldenTest.FIXTURES.resolve(name);
        OnnxModel model = ModelFiles.load(d.resolve("model.onnx"));
        JsonObject golden = GoldenTensors.readJson(d.resolve("golden.json"));
        Map<String, Tensor> feeds = GoldenTensors.tensors(golden.getAsJsonObject("inputs"));
        Graph fused = fuseAndCompare(name, model, feeds, GoldenTensors.tensors(golden.getAsJsonObject("outputs")));
        Object[] e = EXPECTED.get(name);
        assertEquals(e[1], count(fused, (String) e[0]), name + ": " + fused.opHistogram());
        assertEquals(e[2], count(fused, "Attention"), name + ": " + fused.opHistogram());
        assertEquals(e[3], count(fused, "FusedMatMul"), name + ": " + fused.opHistogram());
        assertEquals(e[4], activations(fused), name + ": " + fused.opHistogram());
        for (String gone : new String[] {"Softmax", "ReduceMean", "Erf", "Pow", "Sqrt", "Sigmoid", "Gemm"}) {
            assertEquals(0, count(fused, gone), name + ": " + gone + " left: " + fused.opHistogram());
        }
    }
}
