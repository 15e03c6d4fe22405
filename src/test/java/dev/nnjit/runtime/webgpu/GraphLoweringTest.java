package dev.nnjit.runtime.webgpu;

import static dev.nnjit.model.OnnxBuilder.attrInt;
import static dev.nnjit.model.OnnxBuilder.model;
import static dev.nnjit.model.OnnxBuilder.node;
import static dev.nnjit.model.OnnxBuilder.tensorFloats;
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

    @Test void anOpWithoutLoweringIsAnErrorNamingTheNode() {
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("argmax").input(valueInfo("x", DType.FLOAT, 3, 4))
                .node(node("the_argmax", "", "ArgMax", List.of("x"), List.of("y"), attrInt("axis", 1)))
                .output(valueInfo("y", DType.INT64, 3, 1));
        Graph graph = Programs.specialize(Programs.read(model(8, g.build(), "", 13)), Map.of(), false);
        GraphException e = assertThrows(GraphException.class, () -> Programs.lower(graph, AdapterLimits.defaults()));
        assertTrue(e.getMessage().startsWith("node 'the_argmax' (ArgMax, opset 13): not supported on the webgpu backend"),
                e.getMessage());
    }

    /** A tensor over maxStorageBufferBindingSize (or maxBufferSize): the error names it, its size and the limit. */
    @Test void tensorsOverTheLimitsAreErrorsNamingTensorAndLimit() {
        float[] w = new float[32 * 32];
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("limits").input(valueInfo("x", DType.FLOAT, 4, 32))
                .initializer(tensorFloats("W", new long[] {32, 32}, true, w))
                .node(node("MatMul", List.of("x", "W"), List.of("y")))
                .output(valueInfo("y", DType.FLOAT, 4, 32));
        Graph graph = Programs.specialize(Programs.read(model(8, g.build(), "", 13)), Map.of(), false);
        AdapterLimits d = AdapterLimits.defaults();
        AdapterLimits binding = new AdapterLimits(d.maxComputeInvocationsPerWorkgroup(), d.maxComputeWorkgroupSizeX(),
                d.maxComputeWorkgroupSizeY(), d.maxComputeWorkgroupSizeZ(), d.maxComputeWorkgroupStorageSize(), 1024,
                d.maxComputeWorkgroupsPerDimension(), d.maxStorageBuffersPerShaderStage(), d.maxBufferSize());
        GraphException e = assertThrows(GraphException.class, () -> Programs.lower(graph, binding));
        assertEquals("tensor 'W' (float32[32, 32], 4096 bytes on the GPU) does not fit this WebGPU adapter: storage"
                + " binding of 4096 bytes exceeds maxStorageBufferBindingSize 1024", e.getMessage());
        AdapterLimits buffer = new AdapterLimits(d.maxComputeInvocationsPerWorkgroup(), d.maxComputeWorkgroupSizeX(),
                d.maxComputeWorkgroupSizeY(), d.maxComputeWorkgroupSizeZ(), d.maxComputeWorkgroupStorageSize(),
                d.maxStorageBufferBindingSize(), d.maxComputeWorkgroupsPerDimension(),
                d.maxStorageBuffersPerShaderStage(), 1000);
        e = assertThrows(GraphException.class, () -> Programs.lower(graph, buffer));
        assertEquals("tensor 'W' (float32[32, 32], 4096 bytes on the GPU) does not fit this WebGPU adapter: buffer"
                + " of 4096 bytes exceeds maxBufferSize 1000", e.getMessage());
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
