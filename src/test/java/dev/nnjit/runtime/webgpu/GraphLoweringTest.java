package dev.nnjit.runtime.webgpu;

import static dev.nnjit.model.OnnxBuilder.attrInt;
import static dev.nnjit.model.OnnxBuilder.model;
import static dev.nnjit.model.OnnxBuilder.node;
import static dev.nnjit.model.OnnxBuilder.valueInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.GraphException;
import dev.nnjit.model.OnnxBuilder;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.tensor.DType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Graph → kernel lowering on the JVM: coverage of the fixtures, the no-fallback rule, limit errors. */
class GraphLoweringTest {

    /** Every node of every fixture lowers, fused or not, and every kernel is legal under the spec's minimum limits. */
    @ParameterizedTest
    @ValueSource(strings = {"bert", "gpt2", "llama", "t5", "bart"})
    void everyFixtureNodeLowers(String name) {
        for (boolean fuse : new boolean[] {false, true}) {
            Graph g = Programs.specialize(ModelFiles.load(Path.of("models", "fixtures", name, "model.onnx")), Map.of(),
                    fuse);
            GpuProgram p = Programs.lower(g, AdapterLimits.defaults());
            for (GpuStep s : p.steps()) assertNull(s.kernel().violation(AdapterLimits.defaults()), s.describe());
            assertEquals(g.outputs().size(), p.outputs().size());
            System.out.println("[lowering] " + name + " fuse=" + fuse + ": " + p.steps().size() + " kernels "
                    + p.kernelHistogram());
        }
    }

    @Test void fusionCutsTheKernelCount() {
        Path bert = Path.of("models", "fixtures", "bert", "model.onnx");
        int unfused = Programs.lower(Programs.specialize(ModelFiles.load(bert), Map.of(), false),
                AdapterLimits.defaults()).steps().size();
        int fused = Programs.lower(Programs.specialize(ModelFiles.load(bert), Map.of(), true),
                AdapterLimits.defaults()).steps().size();
        assertTrue(fused < unfused, "fused " + fused + " vs unfused " + unfused);
    }

    /** NonZero (output shape known only at run time) is rejected: an error naming the node, never a CPU fallback. */
    @Test void anOpTheBackendCannotLowerIsAnErrorNamingTheNode() {
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("nonzero").input(valueInfo("x", DType.FLOAT, 3, 4))
                .node(node("the_nonzero", "", "NonZero", List.of("x"), List.of("y")))
                .output(dev.nnjit.model.OnnxBuilder.valueInfoNoShape("y", DType.INT64));
        Graph graph = Programs.specialize(Programs.read(model(8, g.build(), "", 13)), Map.of(), false);
        GraphException e = assertThrows(GraphException.class, () -> Programs.lower(graph, AdapterLimits.defaults()));
        assertTrue(e.getMessage().startsWith("node 'the_nonzero' (NonZero, opset 13): not supported on the webgpu backend"),
                e.getMessage());
    }

    /**
     * A tensor that cannot be split (here the graph input) over maxStorageBufferBindingSize or maxBufferSize: the
     * error names it, its size and the limit.
     */
    @Test void tensorsOverTheLimitsAreErrorsNamingTensorAndLimit() {
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("limits").input(valueInfo("x", DType.FLOAT, 32, 32))
                .node(node("Relu", List.of("x"), List.of("y")))
                .output(valueInfo("y", DType.FLOAT, 32, 32));
        Graph graph = Programs.specialize(Programs.read(model(8, g.build(), "", 13)), Map.of(), false);
        GraphException e = assertThrows(GraphException.class,
                () -> Programs.lower(graph, SplitWeights.withBindingLimit(1024)));
        assertEquals("tensor 'x' (float32[32, 32], 4096 bytes on the GPU) does not fit this WebGPU adapter: storage"
                + " binding of 4096 bytes exceeds maxStorageBufferBindingSize 1024", e.getMessage());
        AdapterLimits buffer = AdapterLimits.defaults().with("maxBufferSize", 1000);
        e = assertThrows(GraphException.class, () -> Programs.lower(graph, buffer));
        assertEquals("tensor 'x' (float32[32, 32], 4096 bytes on the GPU) does not fit this WebGPU adapter: buffer"
                + " of 4096 bytes exceeds maxBufferSize 1000", e.getMessage());
    }

    /**
     * Constants over the binding limit are split, not rejected: a Gather table by row blocks (one masked gather per
     * block), a MatMul or Gemm B by column blocks whose products are concatenated; no bound tensor exceeds the limit.
     */
    @Test void constantsOverTheBindingLimitAreSplitIntoBlocks() {
        GpuProgram p = Programs.lower(Programs.specialize(Programs.read(SplitWeights.model()), Map.of(), false),
                SplitWeights.LIMITS);
        Map<String, Integer> h = p.kernelHistogram();
        assertEquals(2, h.get("Gather/gather_rows"), "table [100,16] in blocks of 64 rows");
        assertEquals(2, h.get("MatMul/matmul"), "W [16,100] in blocks of 64 columns");
        assertEquals(1, h.get("MatMul/concat"));
        assertEquals(2, h.get("Gemm/matmul"), "W2^T [100,16] in blocks of 64 rows");
        for (GpuTensor t : p.tensors()) {
            if (t.kind() != GpuTensor.Kind.VIEW) {
                assertTrue(t.bytes() <= 4096, t + " is bound whole but exceeds the limit");
            }
        }
        assertTrue(p.tensors().stream().noneMatch(t -> t.name().equals("table")), "the whole table is never uploaded");
    }

    /** More Concat inputs than a shader may bind are joined in groups. */
    @Test void concatBeyondTheBindingLimitIsGrouped() {
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("concat");
        List<String> ins = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            g.input(valueInfo("x" + i, DType.FLOAT, 2, 3));
            ins.add("x" + i);
        }
        g.node(node("Concat", ins, List.of("y"), attrInt("axis", 1))).output(valueInfo("y", DType.FLOAT, 2, 36));
        GpuProgram p = Programs.lower(Programs.specialize(Programs.read(model(8, g.build(), "", 13)), Map.of(), false),
                AdapterLimits.defaults());
        assertEquals(2, p.steps().size(), "7 inputs, then the joined part and the other 5");
        for (GpuStep s : p.steps()) {
            assertTrue(s.kernel().bindings().size() <= AdapterLimits.defaults().maxStorageBuffersPerShaderStage());
        }
    }
}
