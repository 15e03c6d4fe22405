package dev.nnjit.ops.tensor;

import static dev.nnjit.ops.tensor.TensorOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.passes.InferAndFold;
import dev.nnjit.runtime.CpuExecutor;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shape-computing subgraph PyTorch exports for {@code x.view(x.size(0), x.size(1), 12, 64)}:
 * Shape -> Gather -> Unsqueeze -> Concat -> Reshape, plus ConstantOfShape/Range/Expand/Cast consumers. Once x's
 * shape is specialized, type inference with folding must reduce it to a Reshape by a constant, with static types
 * that the CPU executor then confirms.
 */
class ShapeFoldingTest {
    private static final OpRegistry REGISTRY = new OpRegistry(TensorOps.all());

    private static Graph headsGraph(TensorType xType) {
        Graph g = new Graph(Map.of("", 17));
        Value x = g.newValue("x", xType);
        g.addInput(x);
        Value shape = g.newValue("shape", null);
        g.addNode("shape", "Shape", "", 17, Map.of(), List.of(x), List.of(shape));
        Value[] dims = new Value[2];
        for (int k = 0; k < 2; k++) {
            Value idx = g.newConstant("idx" + k, scalarL(k));
            Value dim = g.newValue("dim" + k, null);
            g.addNode("gather" + k, "Gather", "", 17, attrs(i("axis", 0)), List.of(shape, idx), List.of(dim));
            Value axes = g.newConstant("axes" + k, vec(0));
            dims[k] = g.newValue("udim" + k, null);
            g.addNode("unsqueeze" + k, "Unsqueeze", "", 17, Map.of(), List.of(dim, axes), List.of(dims[k]));
        }
        Value tail = g.newConstant("tail", vec(12, 64));
        Value target = g.newValue("target", null);
        g.addNode("concat", "Concat", "", 17, attrs(i("axis", 0)), List.of(dims[0], dims[1], tail), List.of(target));
        Value y = g.newValue("y", null);
        g.addNode("reshape", "Reshape", "", 17, Map.of(), List.of(x, target), List.of(y));
        // A mask built from the sequence length: Range(0, s) -> Cast(float) -> Expand to [b, s].
        Value zero = g.newConstant("zero", scalarL(0)), one = g.newConstant("one", scalarL(1));
        Value seq = g.newValue("seq", null);
        g.addNode("seqlen", "Gather", "", 17, attrs(i("axis", 0)), List.of(shape, one), List.of(seq));
        Value pos = g.newValue("pos", null);
        g.addNode("range", "Range", "", 17, Map.of(), List.of(zero, seq, one), List.of(pos));
        Value posF = g.newValue("posf", null);
        g.addNode("cast", "Cast", "", 17, attrs(i("to", DType.FLOAT.onnxCode)), List.of(pos), List.of(posF));
        Value bs = g.newValue("bs", null);
        g.addNode("bs", "Slice", "", 17, Map.of(), List.of(shape, g.newConstant("s0", vec(0)), g.newConstant("s1", vec(2))), List.of(bs));
        Value mask = g.newValue("mask", null);
        g.addNode("expand", "Expand", "", 17, Map.of(), List.of(posF, bs), List.of(mask));
        g.addOutput(y);
        g.addOutput(mask);
        return g;
    }

    @Test void specializedShapesFoldToConstants() {
        Graph g = headsGraph(type(DType.FLOAT, 2, 7, 768));
        new InferAndFold(REGISTRY, true).apply(g);
        List<String> left = g.nodes().stream().map(Node::opType).toList();
        assertEquals(List.of("Reshape"), left, "only the data-carrying Reshape should remain");
        assertEquals(type(DType.FLOAT, 2, 7, 12, 64), g.value("y").type());
        assertTrue(g.value("mask").isConstant());
        assertLongs(sh(4), new long[] {2, 7, 12, 64}, g.value("target").constant());
        Tensor mask = g.value("mask").constant();
        assertEquals(Arrays.toString(sh(2, 7)), Arrays.toString(mask.shape()));
        assertEquals(6f, mask.floats()[13]);

        Tensor x = randomFloats(sh(2, 7, 768), new Random(1));
        Map<String, Tensor> out = new CpuExecutor(g, REGISTRY).run(Map.of("x", x), null);
        assertTensor(x.reshape(sh(2, 7, 12, 64)), out.get("y"));
    }

    @Test void symbolicShapesKeepTheSubgraphWithSoundTypes() {
        Graph g = headsGraph(type(DType.FLOAT, Dim.symbol("batch"), Dim.symbol("seq"), Dim.of(768)));
        new InferAndFold(REGISTRY, true).apply(g);
        assertFalse(g.value("target").isConstant());
        assertEquals(type(DType.INT64, 4), g.value("target").type());
        assertEquals(new TensorType(DType.FLOAT, Shape.unknownDims(4)), g.value("y").type());
        assertEquals(type(DType.FLOAT, unk(), unk()), g.value("mask").type());
        // The types inferred without specialization are checked against real outputs by the executor.
        Tensor x = randomFloats(sh(3, 5, 768), new Random(2));
        Map<String, Tensor> out = new CpuExecutor(g, REGISTRY).run(Map.of("x", x), null);
        assertTensor(x.reshape(sh(3, 5, 12, 64)), out.get("y"));
        assertEquals(Arrays.toString(sh(3, 5)), Arrays.toString(out.get("mask").shape()));
        assertEquals(4f, out.get("mask").floats()[9]);
    }

    @Test void sizeFoldsFromStaticType() {
        Graph g = new Graph(Map.of("", 17));
        Value x = g.newValue("x", type(DType.BOOL, 3, 4));
        g.addInput(x);
        Value n = g.newValue("n", null);
        g.addNode("size", "Size", "", 17, Map.<String, Attribute>of(), List.of(x), List.of(n));
        g.addOutput(n);
        new InferAndFold(REGISTRY, true).apply(g);
        assertTrue(g.nodes().isEmpty());
        assertEquals(12L, g.value("n").constant().longs()[0]);
    }
}
