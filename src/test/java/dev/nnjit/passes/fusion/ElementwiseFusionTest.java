package dev.nnjit.passes.fusion;

import static dev.nnjit.passes.fusion.FusionCheck.count;
import static dev.nnjit.passes.fusion.TestGraph.attrs;
import static dev.nnjit.passes.fusion.TestGraph.i;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.ops.fused.ElementwiseProgram;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Grouping elementwise ops into FusedElementwise nodes, and the programs they carry. */
class ElementwiseFusionTest {

    private static Node fused(Graph f) {
        for (Node n : f.nodes()) if (n.opType().equals("FusedElementwise")) return n;
        return null;
    }

    private static Graph fuse(Graph g) {
        return FusionCheck.fuse(g, new ElementwiseFusion(TestGraph.REGISTRY));
    }

    @Test void aChainWithABroadcastRowBecomesOneNode() {
        TestGraph t = new TestGraph();
        Value x = t.input("x", 3, 5), row = t.input("row", 5);
        Value y = t.op("Sub", t.op("Tanh", t.op("Add", t.op("Mul", x, t.scalar(0.5f)), row)), t.scalar(1f));
        t.output(y);
        Graph f = fuse(t.build());
        assertEquals(1, f.nodes().size(), f.opHistogram().toString());
        Node n = fused(f);
        assertEquals("0=in0:float32;1=c:float32:0.5;2=mul(0,1);3=in1:float32;4=add(2,3);5=tanh(4);"
                + "6=c:float32:1.0;7=sub(5,6)", n.payload().toString());
        assertEquals("x", n.input(0).name());
        assertEquals("row", n.input(1).name());
    }

    /** MiniLM's mask: Cast(int64 -> float), 1 - m, * -FLT_MAX, then added to [B,H,S,S] scores. */
    @Test void theAttentionMaskChainFusesAcrossDtypesAndBroadcasts() {
        TestGraph t = new TestGraph(11);
        Value m = t.input("mask", DType.INT64, 2, 1, 1, 7);
        Value scores = t.input("scores", 2, 3, 7, 7);
        Value neg = t.op("Mul", t.op("Sub", t.scalar(1f), t.op("Cast", attrs(i("to", DType.FLOAT.onnxCode)), m)),
                t.scalar(-Float.MAX_VALUE));
        t.output(t.op("Add", scores, neg));
        Graph f = fuse(t.build());
        assertEquals(1, f.nodes().size(), f.opHistogram().toString());
        ElementwiseProgram p = (ElementwiseProgram) fused(f).payload();
        assertEquals(4, p.opCount());
        assertEquals(DType.INT64, p.inputTypes().get(0));
        assertArrayEquals(new int[] {2, 3, 7, 7}, Match.dims(f.outputs().get(0)));
    }

    @Test void anIntermediateReadOutsideTheGroupEndsIt() {
        TestGraph t = new TestGraph();
        Value x = t.input("x", 4, 4);
        Value a = t.op("Exp", x);
        t.output(t.op("Add", a, t.scalar(1f)));
        t.output(t.op("Mul", a, t.scalar(2f)));
        Graph f = fuse(t.build());
        assertEquals(0, count(f, "FusedElementwise"), f.opHistogram().toString());
    }

    @Test void aValueReadTwiceInsideTheGroupIsComputedOnce() {
        TestGraph t = new TestGraph();
        Value x = t.input("x", 4, 4);
        Value a = t.op("Exp", x);
        t.output(t.op("Add", t.op("Mul", a, t.scalar(2f)), t.op("Sqrt", a)));
        Graph f = fuse(t.build());
        assertEquals(1, f.nodes().size(), f.opHistogram().toString());
        ElementwiseProgram p = (ElementwiseProgram) fused(f).payload();
        int exps = 0;
        for (ElementwiseProgram.Instr in : p.instrs()) if (in.op() == ElementwiseOp.EXP) exps++;
        assertEquals(1, exps, p.toString());
    }

    @Test void comparisonsWhereAndIntegers() {
        TestGraph t = new TestGraph();
        Value x = t.input("x", 3, 6), n = t.input("n", DType.INT64, 3, 6);
        Value absX = t.op("Where", t.op("Greater", x, t.scalar(0f)), x, t.op("Neg", x));
        Value k = t.op("Mul", t.op("Add", n, t.constant(Tensor.scalarLong(3))), t.constant(Tensor.scalarLong(-2)));
        Value asFloat = t.op("Cast", attrs(i("to", DType.FLOAT.onnxCode)), k);
        t.output(t.op("Add", absX, asFloat));
        Value big = t.op("Add", n, t.constant(Tensor.scalarLong(1L << 40)));
        t.output(t.op("Equal", t.op("Sub", big, n), t.constant(Tensor.scalarLong(1L << 40))));
        Graph f = fuse(t.build());
        assertEquals(2, count(f, "FusedElementwise"), f.opHistogram().toString());
        assertEquals(2, f.nodes().size());
        boolean bigIsAnInput = false;
        for (Node node : f.nodes()) {
            for (Value v : node.inputs()) if (v.isConstant() && v.constant().getLong(0) == 1L << 40) bigIsAnInput = true;
        }
        assertEquals(true, bigIsAnInput, "int64 constants beyond 2^31 stay tensors");
    }

    @Test void aScalarThatWidensTheRankStaysAnInput() {
        TestGraph t = new TestGraph();
        Value x = t.input("x", 4);
        Value y = t.op("Add", t.op("Exp", x), t.constant(Tensor.ofFloats(new int[] {1, 1}, new float[] {2f})));
        t.output(y);
        Graph f = fuse(t.build());
        Node n = fused(f);
        assertNotNull(n, f.opHistogram().toString());
        assertEquals(2, n.inputs().size());
        assertArrayEquals(new int[] {1, 4}, Match.dims(f.outputs().get(0)));
    }

    @Test void singleOpsAndNonElementwiseOpsAreLeftAlone() {
        TestGraph t = new TestGraph();
        Value x = t.input("x", 4, 8);
        Value s = t.op("Softmax", attrs(i("axis", -1)), t.op("Relu", x));
        t.output(t.op("Add", s, x));
        Graph f = fuse(t.build());
        assertEquals(0, count(f, "FusedElementwise"), f.opHistogram().toString());
    }
}
