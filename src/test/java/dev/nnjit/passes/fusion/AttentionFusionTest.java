package dev.nnjit.passes.fusion;

import static dev.nnjit.passes.fusion.FusionCheck.count;
import static dev.nnjit.passes.fusion.TestGraph.attrs;
import static dev.nnjit.passes.fusion.TestGraph.i;
import static dev.nnjit.passes.fusion.TestGraph.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Attention as BERT, GPT-2, Llama (GQA), T5 and BART exports write it, and look-alikes that must stay. */
class AttentionFusionTest {
    static final int B = 2, H = 4, S = 6, D = 8;

    private static Node attention(Graph f) {
        for (Node n : f.nodes()) if (n.opType().equals("Attention")) return n;
        return null;
    }

    private static Value heads(TestGraph t, Value x, long... perm) {
        Value r = t.op("Reshape", x, t.ints(B, S, H, D));
        return t.op("Transpose", attrs(is("perm", perm)), r);
    }

    /** BERT/MiniLM, opset 11: K transposed by perm (0,2,3,1), Div by sqrt(D), mask [B,1,1,S], Softmax axis 3. */
    @Test void bertAttention() {
        TestGraph t = new TestGraph(11);
        Value q = heads(t, t.input("q", B, S, H * D), 0, 2, 1, 3);
        Value kt = heads(t, t.input("k", B, S, H * D), 0, 2, 3, 1);
        Value v = heads(t, t.input("v", B, S, H * D), 0, 2, 1, 3);
        Value scores = t.op("Div", t.op("MatMul", q, kt), t.scalar((float) Math.sqrt(D)));
        Value masked = t.op("Add", scores, t.input("mask", B, 1, 1, S));
        Value ctx = t.op("MatMul", t.op("Softmax", attrs(i("axis", 3)), masked), v);
        t.output(t.op("Transpose", attrs(is("perm", 0, 2, 1, 3)), ctx));
        Graph f = FusionCheck.fuse(t.build(), new AttentionFusion(TestGraph.REGISTRY));
        Node a = attention(f);
        assertNotNull(a, f.opHistogram().toString());
        assertEquals(0, count(f, "Softmax") + count(f, "MatMul") + count(f, "Div"), f.opHistogram().toString());
        assertEquals(1f / (float) Math.sqrt(D), a.attribute("scale").floatValue(), 1e-7);
        assertEquals(4, a.inputs().size());
        assertArrayEquals(new int[] {B, H, S, D}, Match.dims(a.input(1)), "K in [B,H,S,D]");
        // the K transpose (0,2,3,1) became (0,2,1,3): still 4 Transposes (q, k, v, output)
        assertEquals(4, count(f, "Transpose"));
    }

    /** GPT-2 (dynamo): Mul by the scale, a Where-made mask [B,1,S,S], K given pre-transposed as an input. */
    @Test void gpt2AttentionWithPreTransposedKeys() {
        TestGraph t = new TestGraph(18);
        Value q = t.input("q", B, H, S, D), kt = t.input("kt", B, H, D, S), v = t.input("v", B, H, S, D);
        Value mask = t.op("Where", t.input("keep", DType.BOOL, B, 1, S, S), t.scalar(0f), t.scalar(-Float.MAX_VALUE));
        Value scores = t.op("Mul", t.op("MatMul", q, kt), t.scalar(0.35355338f));
        t.output(t.op("MatMul", t.op("Softmax", attrs(i("axis", -1)), t.op("Add", scores, mask)), v));
        Graph f = FusionCheck.fuse(t.build(), new AttentionFusion(TestGraph.REGISTRY));
        Node a = attention(f);
        assertNotNull(a, f.opHistogram().toString());
        assertEquals(0.35355338f, a.attribute("scale").floatValue());
        assertEquals(1, count(f, "Transpose"), "K^T gets a Transpose(0,1,3,2) back to K");
    }

    /** Llama (dynamo): K/V with 2 heads expanded to 4 by Unsqueeze/Expand/Reshape; K^T by Transpose(0,1,3,2). */
    @Test void llamaGroupedQueryAttentionReadsTheUnrepeatedKeys() {
        TestGraph t = new TestGraph(18);
        int hkv = 2;
        Value q = t.input("q", B, H, S, D);
        Value k = repeatKv(t, t.input("k", B, hkv, S, D), hkv);
        Value v = repeatKv(t, t.input("v", B, hkv, S, D), hkv);
        Value kt = t.op("Transpose", attrs(is("perm", 0, 1, 3, 2)), k);
        Value scores = t.op("Add", t.op("Mul", t.op("MatMul", q, kt), t.scalar(0.25f)), t.input("mask", B, 1, S, S));
        t.output(t.op("MatMul", t.op("Softmax", attrs(i("axis", -1)), scores), v));
        Graph f = FusionCheck.fuse(t.build(), new AttentionFusion(TestGraph.REGISTRY));
        Node a = attention(f);
        assertNotNull(a, f.opHistogram().toString());
        assertEquals(1, f.nodes().size(), "the repeat_kv chains and the K transpose are gone: " + f.opHistogram());
        assertEquals("k", a.input(1).name());
        assertEquals("v", a.input(2).name());
    }

    private static Value repeatKv(TestGraph t, Value kv, int hkv) {
        Value u = t.op("Unsqueeze", kv, t.ints(2));
        Value e = t.op("Expand", u, t.ints(B, hkv, H / hkv, S, D));
        return t.op("Reshape", attrs(i("allowzero", 1)), e, t.ints(B, H, S, D));
    }

    /** T5: no scale, a constant relative-position bias then the padding mask; cross-attention with Skv != Sq. */
    @Test void t5AttentionSumsBiasAndMaskWithoutScale() {
        for (int skv : new int[] {S, S + 3}) {
            TestGraph t = new TestGraph(17);
            Value q = heads(t, t.input("q", B, S, H * D), 0, 2, 1, 3);
            Value kt = t.input("kt", B, H, D, skv);
            Value v = t.input("v", B, H, skv, D);
            Value withBias = t.op("Add", t.op("MatMul", q, kt), t.weights(1, H, S, skv));
            Value masked = t.op("Add", withBias, t.input("mask", B, 1, 1, skv));
            t.output(t.op("MatMul", t.op("Softmax", attrs(i("axis", -1)), masked), v));
            Graph f = FusionCheck.fuse(t.build(), new AttentionFusion(TestGraph.REGISTRY));
            Node a = attention(f);
            assertNotNull(a, f.opHistogram().toString());
            assertEquals(1f, a.attribute("scale").floatValue());
            assertEquals(1, count(f, "Add"), "bias + mask summed once, outside the attention");
        }
    }

    /** BART decoder: Mul scale, a constant causal mask; both masks constant (bias + causal) fold to one constant. */
    @Test void bartAttentionWithConstantMasks() {
        TestGraph t = new TestGraph(17);
        Value q = t.input("q", B, H, S, D), kt = t.input("kt", B, H, D, S), v = t.input("v", B, H, S, D);
        float[] causal = new float[S * S];
        for (int r = 0; r < S; r++) for (int c = r + 1; c < S; c++) causal[r * S + c] = -Float.MAX_VALUE;
        Value scores = t.op("Mul", t.scalar(0.35355338f), t.op("MatMul", q, kt));
        Value m1 = t.op("Add", t.weights(H, S, S), scores);
        Value m2 = t.op("Add", m1, t.constant(Tensor.ofFloats(new int[] {1, 1, S, S}, causal)));
        t.output(t.op("MatMul", t.op("Softmax", attrs(i("axis", -1)), m2), v));
        Graph f = FusionCheck.fuse(t.build(), new AttentionFusion(TestGraph.REGISTRY));
        Node a = attention(f);
        assertNotNull(a, f.opHistogram().toString());
        assertEquals(0, count(f, "Add"), f.opHistogram().toString());
        assertEquals(true, a.input(3).isConstant());
    }

    /** torch.onnx (dynamo) SDPA decomposition: Q and K^T each times sqrt(scale), an inference-mode Dropout. */
    @Test void sdpaDecompositionWithScaledOperands() {
        TestGraph t = new TestGraph(18);
        Value q = t.input("q", B, H, S, D), k = t.input("k", B, H, S, D), v = t.input("v", B, H, S, D);
        Value root = t.scalar((float) Math.sqrt(0.35355338f));
        Value kt = t.op("Mul", t.op("Transpose", attrs(is("perm", 0, 1, 3, 2)), k), root);
        Value scores = t.op("Add", t.op("MatMul", t.op("Mul", q, root), kt), t.input("mask", 1, 1, S, S));
        Value p = t.op("Dropout", t.op("Softmax", attrs(i("axis", -1)), scores));
        t.output(t.op("MatMul", p, v));
        Graph f = FusionCheck.fuse(t.build(), new IdentityElimination(), new AttentionFusion(TestGraph.REGISTRY));
        Node a = attention(f);
        assertNotNull(a, f.opHistogram().toString());
        assertEquals(1, f.nodes().size(), f.opHistogram().toString());
        assertEquals(0.35355338f, a.attribute("scale").floatValue(), 1e-7);
        assertEquals("k", a.input(1).name());
    }

    @Test void softmaxOverAnotherAxisOrScoresReadElsewhereStay() {
        TestGraph t = new TestGraph(17);
        Value q = t.input("q", B, H, S, D), kt = t.input("kt", B, H, D, S), v = t.input("v", B, H, S, D);
        t.output(t.op("MatMul", t.op("Softmax", attrs(i("axis", 2)), t.op("MatMul", q, kt)), v));
        Value scores = t.op("MatMul", q, kt);
        t.output(t.op("MatMul", t.op("Softmax", attrs(i("axis", -1)), scores), v));
        t.output(scores);
        Graph f = FusionCheck.fuse(t.build(), new AttentionFusion(TestGraph.REGISTRY));
        assertEquals(0, count(f, "Attention"), f.opHistogram().toString());
    }

    @Test void aMaskThatWouldWidenTheScoresStays() {
        TestGraph t = new TestGraph(17);
        Value q = t.input("q", B, 1, S, D), kt = t.input("kt", B, 1, D, S), v = t.input("v", B, 1, S, D);
        Value scores = t.op("Add", t.op("MatMul", q, kt), t.input("bias", B, H, S, S)); // broadcasts heads 1 -> H
        t.output(t.op("MatMul", t.op("Softmax", attrs(i("axis", -1)), scores), v));
        Graph f = FusionCheck.fuse(t.build(), new AttentionFusion(TestGraph.REGISTRY));
        assertEquals(0, count(f, "Attention"), f.opHistogram().toString());
    }
}
