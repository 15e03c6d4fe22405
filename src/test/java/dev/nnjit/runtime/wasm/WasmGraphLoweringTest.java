package dev.nnjit.runtime.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.api.Session;
import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Value;
import dev.nnjit.model.ExternalDataResolver;
import dev.nnjit.model.OnnxModelReader;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.passes.PassPipeline;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.TensorType;
import dev.nnjit.tune.ScheduleChooser;
import dev.nnjit.tune.TuningSite;
import dev.nnjit.wasm.kernels.WasmCpu;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wasm-simd lowering and memory plan on the JVM (no JavaScript needed), on the PyTorch fixtures: which nodes
 * become kernels, that the others carry a reason, and that no step's operands share bytes.
 */
class WasmGraphLoweringTest {
    private static Graph specialized(String fixture) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of("models", "fixtures", fixture, "model.onnx"));
        OpRegistry r = OpRegistry.defaults();
        Graph g = Session.create(OnnxModelReader.read(ByteBuffer.wrap(bytes), ExternalDataResolver.NONE)).graph().copy();
        for (Value in : g.inputs()) {
            Shape s = in.type().shape();
            int[] d = new int[s.rank()];
            for (int i = 0; i < d.length; i++) d[i] = s.dim(i).isKnown() ? (int) s.dim(i).value() : i == 0 ? 2 : 12;
            in.setType(new TensorType(in.type().dtype(), Shape.of(d)));
        }
        PassPipeline.standard(r).apply(g);
        PassPipeline.cpuKernels(r).apply(g);
        return g;
    }

    @Test void bertLinearLayersBecomeGemmKernelsAndEveryOtherNodeSaysWhy() throws Exception {
        WasmProgram p = WasmGraphLowering.lower(specialized("bert"), WasmLoweringTable.defaults(), true);
        int gemms = 0;
        for (WasmStep s : p.steps()) {
            String op = s.node().opType();
            if (op.equals("MatMul") || op.equals("FusedMatMul") || op.equals("Gemm")) {
                assertTrue(s.isKernel(), s.node().describe() + ": " + s.reason());
                gemms++;
            }
            if (!s.isKernel()) assertNotNull(s.reason(), s.node().describe());
            assertFalse(op.equals("Reshape") && s.isKernel(), "a reshape of f32 data is a view, not a kernel");
        }
        assertTrue(gemms >= 6, "BERT's linear layers: " + gemms);
    }

    @Test void noStepReadsAndWritesOverlappingBytes() throws Exception {
        for (String fixture : List.of("bert", "gpt2", "llama", "t5", "bart")) {
            WasmProgram p = WasmGraphLowering.lower(specialized(fixture), WasmLoweringTable.defaults(), true);
            for (int threads : new int[] {1, 2}) {
                MemoryPlan plan = MemoryPlan.plan(p, threads);
                assertTrue(plan.arenaBytes() >= plan.peakLiveBytes() - 16L * p.tensors().size(), fixture);
                for (WasmStep s : p.steps()) {
                    List<MemTensor> all = new java.util.ArrayList<>(s.reads());
                    all.addAll(s.writes());
                    for (MemTensor w : s.writes()) {
                        for (MemTensor o : all) {
                            if (o.storage() == w.storage()) continue;
                            long a0 = plan.addressOf(w), a1 = a0 + w.bytes();
                            long b0 = plan.addressOf(o), b1 = b0 + o.bytes();
                            assertTrue(a1 <= b0 || b1 <= a0, fixture + " " + s.node().describe() + ": '" + w.name()
                                    + "' [" + a0 + "," + a1 + ") overlaps '" + o.name() + "' [" + b0 + "," + b1 + ")");
                        }
                    }
                }
                assertTrue(plan.workspace(threads - 1) + plan.workspaceBytes() <= plan.totalBytes(), fixture);
                assertEquals(0, plan.workspace(0) % 16, "workspaces are 16-byte aligned");
            }
        }
    }

    /**
     * Tunable steps: the chooser picks each GEMM's candidate (index 0 untuned, so the default program is unchanged),
     * every candidate's calls take the same tensors, and the memory plan reserves the largest candidate workspace,
     * so any winner can be swapped in between runs.
     */
    @Test void gemmStepsAreSitesWhoseEveryCandidateCanBeSwappedIn() throws Exception {
        WasmCpu cpu = new WasmCpu(true, 2, true);
        WasmProgram untuned = WasmGraphLowering.lower(specialized("bert"), WasmLoweringTable.defaults(), cpu,
                ScheduleChooser.DEFAULT);
        int sites = 0;
        for (WasmStep s : untuned.steps()) {
            TunedStep t = s.tuned();
            if (t == null) continue;
            sites++;
            assertEquals(t.site().defaultKey(), t.key(), "untuned: the default");
            assertTrue(t.site().wasm() && t.site().family().startsWith("wasm_"), t.site().family());
            MemoryPlan plan = MemoryPlan.plan(untuned, 2);
            for (String key : t.site().keys()) {
                List<KernelCall> calls = t.callsFor().apply(key);
                assertEquals(s.calls().size(), calls.size(), key);
                for (int i = 0; i < calls.size(); i++) {
                    KernelCall c = calls.get(i), d = s.calls().get(i);
                    for (int a = 0; a < c.args().size() - 2; a++) {
                        assertEquals(d.args().get(a), c.args().get(a), key + " argument " + a);
                    }
                    assertTrue(c.kernel().workspaceBytes() <= plan.workspaceBytes(), key + " fits the workspace");
                }
            }
        }
        assertTrue(sites >= 6, "bert's GEMMs, softmax and norms are sites: " + sites);
        // a chooser forcing a GEMM candidate: the step is built with it
        WasmProgram forced = WasmGraphLowering.lower(specialized("bert"), WasmLoweringTable.defaults(), cpu,
                site -> site.family().equals("wasm_gemm") ? site.keys().get(site.size() - 1) : site.defaultKey());
        for (WasmStep s : forced.steps()) {
            if (s.tuned() == null || !s.tuned().site().family().equals("wasm_gemm")) continue;
            TuningSite<?> site = s.tuned().site();
            assertEquals(site.keys().get(site.size() - 1), s.tuned().key());
            assertEquals(site.wasmInstance(s.tuned().key(), true).cacheKey(), s.calls().get(0).kernel().cacheKey());
        }
    }

    @Test void onTheJvmChoosingWasmSimdIsAClearError() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new WasmSimdBackend(OpRegistry.defaults(), 0));
        assertTrue(e.getMessage().contains("needs a JavaScript engine"), e.getMessage());
    }
}
