package dev.nnjit.runtime.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One model's memory shared by its plans, planned on the JVM: the KV-cache decoder's prompt plan and two decoding
 * plans (m = 1, other past lengths) copy each weight in once (the decoding plans copy in only the constants folded
 * for their shapes), read it at one address, and grow the memory by at most their control words, activations and
 * those folded constants; nothing any plan writes overlaps a constant or another region.
 */
class ModelMemoryTest {
    private static final Path KV_MODEL = Path.of("models", "kv", "decoder-only", "model-kv.onnx");

    /** The session's graph specialized to {@code seq} new tokens after {@code past} cached ones, as Session does. */
    private static Graph specialized(Session session, int seq, int past) {
        OpRegistry r = OpRegistry.defaults();
        Graph g = session.graph().copy();
        for (Value in : g.inputs()) {
            Shape s = in.type().shape();
            int[] d;
            if (in.name().startsWith("past_key_values")) d = new int[] {1, (int) s.dim(1).value(), past, (int) s.dim(3).value()};
            else if (in.name().equals("attention_mask")) d = new int[] {1, past + seq};
            else d = new int[] {1, seq};
            in.setType(new TensorType(in.type().dtype(), Shape.of(d)));
        }
        PassPipeline.standard(r).apply(g);
        PassPipeline.cpuKernels(r).apply(g);
        return g;
    }

    private static Set<Tensor> initializers(Session session) {
        Set<Tensor> weights = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Value v : session.graph().values()) if (v.isConstant()) weights.add(v.constant());
        return weights;
    }

    @Test void promptAndDecodePlansShareOneCopyOfEveryWeight() throws Exception {
        Session session = Session.create(OnnxModelReader.read(ByteBuffer.wrap(Files.readAllBytes(KV_MODEL)),
                ExternalDataResolver.NONE));
        Set<Tensor> weights = initializers(session);
        ModelMemory memory = new ModelMemory();
        List<WasmProgram> programs = new ArrayList<>();
        List<MemoryPlan> plans = new ArrayList<>();
        Map<String, Long> weightAddress = new HashMap<>();
        long weightBytes = 0;
        int[][] shapes = {{5, 0}, {1, 5}, {1, 12}}; // the prompt, then two decoding buckets
        for (int[] shape : shapes) {
            WasmProgram p = WasmGraphLowering.lower(specialized(session, shape[0], shape[1]), WasmLoweringTable.defaults(),
                    true, true);
            long before = memory.size();
            MemoryPlan plan = MemoryPlan.plan(p, 2, memory);
            for (MemTensor t : plan.copyIn()) memory.filled(t); // what the executable does once it copied them
            if (plans.isEmpty()) {
                for (MemTensor t : plan.copyIn()) if (weights.contains(t.constant())) weightBytes += ModelMemory.align(t.bytes());
                assertTrue(weightBytes > 0.9 * plan.copyInBytes(), "the prompt plan copies the weights in");
            } else {
                for (MemTensor t : plan.copyIn()) {
                    assertFalse(weights.contains(t.constant()), "seq " + shape[0] + " past " + shape[1]
                            + " copies weight '" + t.name() + "' in again");
                }
                assertTrue(plan.copyInBytes() < 0.05 * weightBytes, "only constants folded for these shapes: "
                        + plan.copyInBytes());
                long grown = memory.size() - before;
                assertTrue(grown <= plan.copyInBytes() + ModelMemory.CONTROL_BYTES + plan.activationBytes(),
                        "grew by " + grown + " bytes: at most its folded constants, control words and activations");
            }
            for (MemTensor t : p.tensors()) {
                if (t.kind() != MemTensor.Kind.CONSTANT || !weights.contains(t.constant())) continue;
                Long at = weightAddress.putIfAbsent(t.name(), plan.addressOf(t));
                if (at != null) assertEquals(at.longValue(), plan.addressOf(t), "'" + t.name() + "' moved");
            }
            programs.add(p);
            plans.add(plan);
        }
        assertEquals(weightBytes, weightBytesOf(memory, weights, programs, plans), "each weight (and layout) once");
        assertTrue(plans.get(1).activationBase() == plans.get(2).activationBase()
                || plans.get(2).activationBytes() > plans.get(1).activationBytes(), "a plan that fits reuses the area");
        for (int i = 0; i < plans.size(); i++) assertRegionsApart(programs.get(i), plans.get(i), memory);
        assertTrue(usesPanelGemv(programs.get(1)), "decoding (m = 1) reads the packed weights through the panel GEMV");
        for (WasmStep s : programs.get(1).steps()) {
            if (s.node().opType().equals("Concat")) assertTrue(s.isKernel(), "the KV concat copies in memory: " + s.reason());
        }
        for (int i = 0; i < plans.size(); i++) {
            for (int j = i + 1; j < plans.size(); j++) assertNotEquals(plans.get(i).control(), plans.get(j).control());
        }
    }

    /** Bytes of the distinct weight placements the programs read. */
    private static long weightBytesOf(ModelMemory memory, Set<Tensor> weights, List<WasmProgram> programs,
                                      List<MemoryPlan> plans) {
        Map<Long, Long> distinct = new HashMap<>();
        for (int i = 0; i < programs.size(); i++) {
            for (MemTensor t : programs.get(i).tensors()) {
                if (t.kind() == MemTensor.Kind.CONSTANT && weights.contains(t.constant())) {
                    distinct.put(plans.get(i).addressOf(t), ModelMemory.align(t.bytes()));
                }
            }
        }
        return distinct.values().stream().mapToLong(Long::longValue).sum();
    }

    private static boolean usesPanelGemv(WasmProgram p) {
        for (WasmStep s : p.steps()) {
            for (KernelCall c : s.calls()) if (c.kernel().family().equals("wasm_gemv_panels")) return true;
        }
        return false;
    }

    /** Activations and workspaces inside the plan's area, the area and control block apart from every constant. */
    private static void assertRegionsApart(WasmProgram p, MemoryPlan plan, ModelMemory memory) {
        long a0 = plan.activationBase(), a1 = a0 + plan.activationBytes();
        assertTrue(a1 <= memory.size());
        assertTrue(plan.control() + ModelMemory.CONTROL_BYTES <= a0 || plan.control() >= a1, "control words apart");
        for (MemTensor t : p.tensors()) {
            long t0 = plan.addressOf(t), t1 = t0 + t.bytes();
            assertTrue(t0 >= ModelMemory.RESERVED && t1 <= memory.size(), t.name());
            if (t.kind() == MemTensor.Kind.CONSTANT) {
                assertTrue(t1 <= a0 || t0 >= a1, "constant '" + t.name() + "' inside the activation area");
            } else {
                assertTrue(t0 >= a0 && t1 <= a0 + plan.arenaBytes(), "'" + t.name() + "' outside the arena");
            }
        }
        assertTrue(plan.workspace(plan.threads() - 1) + plan.workspaceBytes() <= a1);
    }

    @Test void activationAreaIsReusedWhereItFitsAndAppendedWhereNot() {
        ModelMemory m = new ModelMemory();
        long a = m.activations(1000);
        assertEquals(ModelMemory.RESERVED, a);
        assertEquals(a, m.activations(10));
        assertEquals(a, m.activations(1000));
        assertEquals(a, m.activations(1001), "sizes are rounded up to 16 bytes");
        long b = m.activations(1009);
        assertTrue(b >= a + 1008, "a larger area is appended, not grown in place");
        assertEquals(b, m.activations(1024));
        assertEquals(b + 1024, m.size());
        long c = m.control();
        assertEquals(b + 1024, c);
        assertNotEquals(c, m.control());
    }

    @Test void constantsAreKeyedByTensorAndLayout() {
        ModelMemory m = new ModelMemory();
        Tensor w = Tensor.ofFloats(new int[] {16, 8}, new float[128]);
        Tensor sameValues = Tensor.ofFloats(new int[] {16, 8}, new float[128]);
        MemTensor plain = constant(0, w, null), plainAgain = constant(7, w, null);
        MemTensor packed = constant(1, w, new PanelPacking(16, 8, 8, false));
        MemTensor packedAgain = constant(2, w, new PanelPacking(16, 8, 8, false));
        MemTensor transposed = constant(3, w, TransposedLayout.INSTANCE);
        MemTensor other = constant(4, sameValues, null);
        assertEquals(m.constant(plain), m.constant(plainAgain));
        assertEquals(m.constant(packed), m.constant(packedAgain), "equal packings share bytes");
        assertNotEquals(m.constant(plain), m.constant(packed));
        assertNotEquals(m.constant(packed), m.constant(transposed));
        assertNotEquals(m.constant(plain), m.constant(other), "another tensor (folded per shape set) has its own");
        assertEquals(4 * 512, m.constantBytes());
        assertTrue(m.needsCopy(packed));
        m.filled(packedAgain);
        assertFalse(m.needsCopy(packed), "filled by one plan, there for the next");
        assertTrue(m.needsCopy(plain));
    }

    private static MemTensor constant(int id, Tensor t, ConstantLayout layout) {
        int[] shape = layout == null ? t.shape() : layout.shape(t.shape());
        return new MemTensor(id, "w" + id, MemTensor.Kind.CONSTANT, shape, t, null, layout);
    }

    @Test void aModelBeyondTwoGibibytesIsAClearError() {
        ModelMemory m = new ModelMemory();
        m.activations(ModelMemory.MAX_BYTES / 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.activations(ModelMemory.MAX_BYTES / 2 + 65536));
        assertTrue(e.getMessage().contains("at most"), e.getMessage());
    }
}
