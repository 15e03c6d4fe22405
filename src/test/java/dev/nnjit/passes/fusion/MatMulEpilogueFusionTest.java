package dev.nnjit.passes.fusion;

import static dev.nnjit.passes.fusion.FusionCheck.count;
import static dev.nnjit.passes.fusion.TestGraph.attrs;
import static dev.nnjit.passes.fusion.TestGraph.f;
import static dev.nnjit.passes.fusion.TestGraph.i;
import static dev.nnjit.passes.fusion.TestGraph.is;
import static dev.nnjit.passes.fusion.TestGraph.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.Attribute;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MatMul / Gemm with bias and activation epilogues, and transposed constant weights. */
class MatMulEpilogueFusionTest {

    private static Node only(Graph f, String opType) {
        Node found = null;
        for (Node n : f.nodes()) if (n.opType().equals(opType)) { assertNull(found, "two " + opType); found = n; }
        return found;
    }

    private static String activation(Node n) {
        Attribute a = n.attribute("activation");
        return a == null ? "none" : a.stringValue();
    }

    /** x [2,5,24] @ W [24,40] + b, then the activation (null: none). */
    private static Graph linear(String activation, Map<String, Attribute> attrs, boolean biasFirst, String domain) {
        TestGraph t = new TestGraph(18);
        Value x = t.input("x", 2, 5, 24);
        Value mm = t.op("MatMul", x, t.weights(24, 40));
        Value b = t.weights(40);
        Value y = biasFirst ? t.op("Add", b, mm) : t.op("Add", mm, b);
        if (activation != null) y = t.opIn(domain, activation, domain.isEmpty() ? 20 : 1, attrs, y);
        t.output(y);
        return t.build();
    }

    @Test void biasAndEachActivationFoldIntoFusedMatMul() {
        String[][] cases = {{"Relu", "", "relu"}, {"Gelu", "", "gelu"}, {"SiLU", "nnjit", "silu"}};
        for (String[] c : cases) {
            Graph f = FusionCheck.fuse(linear(c[0], Map.of(), c[0].equals("Relu"), c[1]),
                    new MatMulEpilogueFusion(TestGraph.REGISTRY));
            assertEquals(1, f.nodes().size(), c[0] + ": " + f.opHistogram());
            Node fm = only(f, "FusedMatMul");
            assertEquals(c[2], activation(fm));
            assertEquals(3, fm.inputs().size());
        }
        Graph tanhGelu = FusionCheck.fuse(linear("Gelu", attrs(s("approximate", "tanh")), false, ""),
                new MatMulEpilogueFusion(TestGraph.REGISTRY));
        assertEquals("gelu_tanh", activation(only(tanhGelu, "FusedMatMul")));
    }

    @Test void biasAloneAndBiasShapedAsARow() {
        Graph f = FusionCheck.fuse(linear(null, Map.of(), true, ""), new MatMulEpilogueFusion(TestGraph.REGISTRY));
        assertEquals(1, f.nodes().size());
        assertEquals("none", activation(only(f, "FusedMatMul")));

        TestGraph t = new TestGraph();
        Value x = t.input("x", 6, 24);
        t.output(t.op("Add", t.op("MatMul", x, t.weights(24, 8)), t.weights(1, 8)));
        Graph row = FusionCheck.fuse(t.build(), new MatMulEpilogueFusion(TestGraph.REGISTRY));
        Node fm = only(row, "FusedMatMul");
        assertEquals(1, fm.input(2).type().shape().rank(), "bias reshaped to a vector");
    }

    @Test void anAddThatIsNotAPerColumnBiasStays() {
        TestGraph t = new TestGraph();
        Value x = t.input("x", 6, 24), r = t.input("r", 6, 8);
        t.output(t.op("Add", t.op("MatMul", x, t.weights(24, 8)), t.weights(6, 1)));
        t.output(t.op("Add", t.op("MatMul", x, t.weights(24, 8)), r));
        Graph f = FusionCheck.fuse(t.build(), new MatMulEpilogueFusion(TestGraph.REGISTRY));
        assertEquals(0, count(f, "FusedMatMul"), f.opHistogram().toString());
        assertEquals(2, count(f, "MatMul"));
    }

    @Test void activationWithoutBiasAndAProductReadTwiceStays() {
        TestGraph t = new TestGraph(18);
        Value x = t.input("x", 3, 16);
        Value gate = t.op("MatMul", x, t.weights(16, 12));
        t.output(t.opIn("nnjit", "SiLU", 1, Map.of(), gate)); // Llama's gate: FusedMatMul(silu), no bias
        Value shared = t.op("MatMul", x, t.weights(16, 12));
        t.output(t.op("Relu", shared));
        t.output(shared);
        Graph f = FusionCheck.fuse(t.build(), new MatMulEpilogueFusion(TestGraph.REGISTRY));
        assertEquals(1, count(f, "FusedMatMul"), f.opHistogram().toString());
        assertEquals(1, count(f, "Relu"));
    }

    /** BERT's pooler: Gemm(transB=1) + Tanh (no tanh kernel epilogue: Tanh stays); GPT-2's MLP: Gemm -> Reshape -> gelu. */
    @Test void gemmBecomesFusedMatMulKeepingTransB() {
        TestGraph t = new TestGraph(17);
        Value x = t.input("x", 4, 32);
        Value y = t.op("Gemm", attrs(i("transB", 1), f("alpha", 1f), f("beta", 1f)), x, t.weights(20, 32), t.weights(20));
        t.output(t.op("Tanh", y));
        Graph f = FusionCheck.fuse(t.build(), new MatMulEpilogueFusion(TestGraph.REGISTRY));
        Node fm = only(f, "FusedMatMul");
        assertEquals(Map.of("FusedMatMul", 1, "Tanh", 1), f.opHistogram());
        assertEquals(1, fm.attribute("transB").intValue());
        assertEquals("none", activation(fm));

        TestGraph u = new TestGraph(18);
        Value h = u.input("h", 24, 48);
        Value gm = u.op("Gemm", h, u.weights(48, 96), u.weights(96));
        Value view = u.op("Reshape", gm, u.ints(2, 12, 96));
        u.output(u.op("Gelu", attrs(s("approximate", "tanh")), view));
        Graph g2 = FusionCheck.fuse(u.build(), new MatMulEpilogueFusion(TestGraph.REGISTRY));
        assertEquals(Map.of("FusedMatMul", 1, "Reshape", 1), g2.opHistogram());
        assertEquals("gelu_tanh", activation(only(g2, "FusedMatMul")));
    }

    @Test void gemmWithScalingOrTransposedAStays() {
        TestGraph t = new TestGraph(17);
        Value x = t.input("x", 4, 32);
        t.output(t.op("Gemm", attrs(f("alpha", 2f)), x, t.weights(32, 8), t.weights(8)));
        t.output(t.op("Gemm", attrs(i("transA", 1)), t.input("xt", 32, 4), t.weights(32, 8)));
        Graph f = FusionCheck.fuse(t.build(), new MatMulEpilogueFusion(TestGraph.REGISTRY));
        assertEquals(2, count(f, "Gemm"));
    }

    @Test void transposeOfAConstantWeightBecomesTransB() {
        TestGraph t = new TestGraph(17);
        Value x = t.input("x", 2, 3, 16);
        Value w = t.weights(10, 16); // [N, K], as a tied embedding is stored
        t.output(t.op("MatMul", x, t.op("Transpose", attrs(is("perm", 1, 0)), w)));
        Graph f = FusionCheck.fuse(t.build(), new MatMulEpilogueFusion(TestGraph.REGISTRY));
        Node fm = only(f, "FusedMatMul");
        assertEquals(1, f.nodes().size(), f.opHistogram().toString());
        assertEquals(1, fm.attribute("transB").intValue());
        assertSame(w.constant(), fm.input(1).constant(), "B is the stored weight itself, not a transposed copy");
    }
}
