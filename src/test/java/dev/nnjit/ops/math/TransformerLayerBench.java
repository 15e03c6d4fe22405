package dev.nnjit.ops.math;

import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;

/**
 * Manual timing of the reference ops on the op sequence of one BERT/MiniLM encoder layer as PyTorch exports it at
 * opset 11 (hidden 384, 12 heads, FFN 1536, 128 tokens; LayerNorm decomposed into ReduceMean/Sub/Pow/Sqrt/Div, GELU
 * as Erf). Reshapes and transposes belong to the tensor family and are skipped. Not a unit test; run after
 * test-compile with {@code java -cp core/target/classes:target/classes:target/test-classes dev.nnjit.ops.math.TransformerLayerBench}.
 */
public final class TransformerLayerBench {
    private static final Map<String, Long> NANOS = new java.util.TreeMap<>();

    private static Tensor op(String type, int opset, Map<String, Attribute> attrs, Tensor... in) {
        OpDef def = MathOpTestSupport.registry().find("", type);
        long t0 = System.nanoTime();
        Tensor out = def.compute(OpContext.standalone(type, opset, attrs, in, 1), in)[0];
        NANOS.merge(type, System.nanoTime() - t0, Long::sum);
        return out;
    }

    private static Tensor layerNorm(Tensor x, Tensor g, Tensor b) {
        Map<String, Attribute> axes = Map.of("axes", Attribute.ofInts("axes", new long[] {-1}));
        Tensor mean = op("ReduceMean", 11, axes, x);
        Tensor d = op("Sub", 11, Map.of(), x, mean);
        Tensor var = op("ReduceMean", 11, axes, op("Pow", 11, Map.of(), d, Tensor.scalar(2f)));
        Tensor std = op("Sqrt", 11, Map.of(), op("Add", 11, Map.of(), var, Tensor.scalar(1e-12f)));
        return op("Add", 11, Map.of(), op("Mul", 11, Map.of(), op("Div", 11, Map.of(), d, std), g), b);
    }

    public static void main(String[] args) {
        Random r = new Random(1);
        int s = 128, h = 384, heads = 12, dh = 32, ff = 1536;
        Tensor x = MathOpTestSupport.randFloats(r, -1, 1, 1, s, h);
        Tensor wq = MathOpTestSupport.randFloats(r, -0.05f, 0.05f, h, h), bq = MathOpTestSupport.randFloats(r, -0.1f, 0.1f, h);
        Tensor w1 = MathOpTestSupport.randFloats(r, -0.05f, 0.05f, h, ff), b1 = MathOpTestSupport.randFloats(r, -0.1f, 0.1f, ff);
        Tensor w2 = MathOpTestSupport.randFloats(r, -0.05f, 0.05f, ff, h);
        Tensor g = MathOpTestSupport.randFloats(r, 0.9f, 1.1f, h), b = MathOpTestSupport.randFloats(r, -0.1f, 0.1f, h);
        Tensor mask = MathOpTestSupport.randFloats(r, 0, 0, 1, 1, 1, s);
        for (int rep = 0; rep < 8; rep++) {
            NANOS.clear();
            long t0 = System.nanoTime();
            for (int layer = 0; layer < 6; layer++) {
                Tensor q = op("Add", 11, Map.of(), op("MatMul", 11, Map.of(), x, wq), bq);
                Tensor k = op("Add", 11, Map.of(), op("MatMul", 11, Map.of(), x, wq), bq);
                Tensor v = op("Add", 11, Map.of(), op("MatMul", 11, Map.of(), x, wq), bq);
                Tensor qh = q.reshape(new int[] {1, heads, s, dh}); // layout only: stands in for Reshape+Transpose
                Tensor kt = k.reshape(new int[] {1, heads, dh, s});
                Tensor scores = op("Add", 11, Map.of(), op("Div", 11, Map.of(), op("MatMul", 11, Map.of(), qh, kt),
                        Tensor.scalar(5.656854f)), mask);
                Tensor p = op("Softmax", 11, Map.of("axis", Attribute.ofInt("axis", -1)), scores);
                Tensor ctx = op("MatMul", 11, Map.of(), p, v.reshape(new int[] {1, heads, s, dh})).reshape(new int[] {1, s, h});
                Tensor attn = op("Add", 11, Map.of(), op("MatMul", 11, Map.of(), ctx, wq), bq);
                Tensor x1 = layerNorm(op("Add", 11, Map.of(), attn, x), g, b);
                Tensor f = op("Add", 11, Map.of(), op("MatMul", 11, Map.of(), x1, w1), b1);
                Tensor gelu = op("Mul", 11, Map.of(), op("Mul", 11, Map.of(), f, op("Add", 11, Map.of(),
                        op("Erf", 11, Map.of(), op("Div", 11, Map.of(), f, Tensor.scalar(1.4142135f))), Tensor.scalar(1f))),
                        Tensor.scalar(0.5f));
                Tensor f2 = op("Add", 11, Map.of(), op("MatMul", 11, Map.of(), gelu, w2), b);
                x = layerNorm(op("Add", 11, Map.of(), f2, x1), g, b);
            }
            if (rep == 7) {
                System.out.println("6 layers: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                for (Map.Entry<String, Long> e : NANOS.entrySet()) System.out.println("  " + e.getKey() + " " + e.getValue() / 1_000_000 + " ms");
            }
        }
    }
}
