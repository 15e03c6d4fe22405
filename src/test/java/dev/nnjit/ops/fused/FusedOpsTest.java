package dev.nnjit.ops.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpException;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The nnjit ops' references against straightforward formulas computed here in double. Tolerance 1e-5 of the largest
 * magnitude: the references round to float once per step (products summed in float), the formulas here do not.
 */
class FusedOpsTest {
    private static final OpRegistry REGISTRY = OpRegistry.defaults();
    private final Random random = new Random(3);

    private Tensor rand(int... shape) {
        float[] d = new float[Tensor.checkedSize(shape, "t")];
        for (int i = 0; i < d.length; i++) d[i] = (float) random.nextGaussian();
        return Tensor.ofFloats(shape, d);
    }

    private static Tensor run(String opType, Map<String, Attribute> attrs, Object payload, Tensor... ins) {
        OpDef def = REGISTRY.find(FusedOps.DOMAIN, opType);
        TensorType[] types = new TensorType[ins.length];
        for (int i = 0; i < ins.length; i++) if (ins[i] != null) types[i] = TensorType.of(ins[i]);
        OpContext ctx = new OpContext(opType + "_test", opType, FusedOps.OPSET, attrs, types, ins.clone(), 1, payload);
        Tensor out = def.compute(ctx, ins)[0];
        assertEquals(def.inferTypes(ctx)[0], TensorType.of(out), "type rule agrees with the reference");
        return out;
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double max = 0, worst = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= 1e-5 * max, "max |diff| " + worst + " vs max " + max);
    }

    @Test void attentionWithGroupedHeadsMaskAndScale() {
        int b = 2, h = 4, hkv = 2, sq = 3, skv = 5, d = 6, dv = 7;
        Tensor q = rand(b, h, sq, d), k = rand(b, hkv, skv, d), v = rand(b, hkv, skv, dv), mask = rand(b, 1, 1, skv);
        float scale = 0.3f;
        Tensor y = run("Attention", Map.of("scale", Attribute.ofFloat("scale", scale)), null, q, k, v, mask);
        assertArrayEquals(new int[] {b, h, sq, dv}, y.shape());
        double[] expected = new double[b * h * sq * dv];
        for (int bi = 0; bi < b; bi++) for (int hi = 0; hi < h; hi++) {
            int g = hi / (h / hkv);
            for (int i = 0; i < sq; i++) {
                double[] s = new double[skv];
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int j = 0; j < skv; j++) {
                    double dot = 0;
                    for (int p = 0; p < d; p++) {
                        dot += (double) q.floats()[((bi * h + hi) * sq + i) * d + p] * k.floats()[((bi * hkv + g) * skv + j) * d + p];
                    }
                    s[j] = dot * scale + mask.floats()[bi * skv + j];
                    max = Math.max(max, s[j]);
                }
                for (int j = 0; j < skv; j++) sum += Math.exp(s[j] - max);
                for (int c = 0; c < dv; c++) {
                    double acc = 0;
                    for (int j = 0; j < skv; j++) acc += Math.exp(s[j] - max) / sum * v.floats()[((bi * hkv + g) * skv + j) * dv + c];
                    expected[((bi * h + hi) * sq + i) * dv + c] = acc;
                }
            }
        }
        assertClose(expected, y.floats());
    }

    @Test void attentionDefaultScaleAndShapeErrors() {
        Tensor q = rand(1, 2, 3, 4), k = rand(1, 2, 3, 4), v = rand(1, 2, 3, 4);
        Tensor explicit = run("Attention", Map.of("scale", Attribute.ofFloat("scale", 0.5f)), null, q, k, v);
        Tensor dflt = run("Attention", Map.of(), null, q, k, v);
        assertArrayEquals(explicit.floats(), dflt.floats(), "default scale is 1/sqrt(D) = 0.5");
        OpException e = assertThrows(OpException.class, () -> run("Attention", Map.of(), null, rand(1, 3, 3, 4), k, v));
        assertTrue(e.getMessage().contains("does not divide"), e.getMessage());
    }

    @Test void rmsNormalization() {
        Tensor x = rand(2, 3, 16), gamma = rand(16);
        float eps = 1e-6f;
        Tensor y = run("RMSNormalization", Map.of("epsilon", Attribute.ofFloat("epsilon", eps)), null, x, gamma);
        double[] expected = new double[x.size()];
        for (int r = 0; r < 6; r++) {
            double ms = 0;
            for (int i = 0; i < 16; i++) ms += Math.pow(x.floats()[r * 16 + i], 2);
            double inv = 1 / Math.sqrt(ms / 16 + eps);
            for (int i = 0; i < 16; i++) expected[r * 16 + i] = x.floats()[r * 16 + i] * inv * gamma.floats()[i];
        }
        assertClose(expected, y.floats());
    }

    @Test void fusedMatMulBroadcastsBatchesTransposesBAndAppliesTheEpilogue() {
        Tensor a = rand(2, 3, 4, 5), bias = rand(6);
        for (int trans = 0; trans < 2; trans++) {
            Tensor b = trans == 1 ? rand(3, 6, 5) : rand(3, 5, 6);
            Map<String, Attribute> attrs = new HashMap<>();
            attrs.put("transB", Attribute.ofInt("transB", trans));
            attrs.put("activation", Attribute.ofString("activation", "gelu"));
            Tensor y = run("FusedMatMul", attrs, null, a, b, bias);
            assertArrayEquals(new int[] {2, 3, 4, 6}, y.shape());
            double[] expected = new double[y.size()];
            for (int z = 0; z < 6; z++) for (int i = 0; i < 4; i++) for (int j = 0; j < 6; j++) {
                double acc = 0;
                for (int p = 0; p < 5; p++) {
                    float bv = trans == 1 ? b.floats()[((z % 3) * 6 + j) * 5 + p] : b.floats()[((z % 3) * 5 + p) * 6 + j];
                    acc += (double) a.floats()[(z * 4 + i) * 5 + p] * bv;
                }
                acc += bias.floats()[j];
                expected[(z * 4 + i) * 6 + j] = 0.5 * acc * (1 + dev.nnjit.ops.math.Erf.erf(acc / Math.sqrt(2)));
            }
            assertClose(expected, y.floats());
        }
        OpException e = assertThrows(OpException.class,
                () -> run("FusedMatMul", Map.of(), null, a, rand(3, 5, 6), rand(5)));
        assertTrue(e.getMessage().contains("bias"), e.getMessage());
    }

    /** y = where(x < 0, x * 0.5, sqrt(x) + row), x [2,3], row [3]: per element, with broadcasting. */
    @Test void fusedElementwiseEvaluatesItsProgram() {
        ElementwiseProgram.Builder pb = new ElementwiseProgram.Builder();
        int x = pb.input(DType.FLOAT), row = pb.input(DType.FLOAT);
        int neg = pb.op(ElementwiseOp.LESS, DType.BOOL, x, pb.constant(0, DType.FLOAT));
        int half = pb.op(ElementwiseOp.MUL, DType.FLOAT, x, pb.constant(0.5, DType.FLOAT));
        int root = pb.op(ElementwiseOp.ADD, DType.FLOAT, pb.op(ElementwiseOp.SQRT, DType.FLOAT, x), row);
        pb.op(ElementwiseOp.WHERE, DType.FLOAT, neg, half, root);
        ElementwiseProgram p = pb.build();
        Tensor tx = rand(2, 3), tr = rand(3);
        Tensor y = run("FusedElementwise", Map.of(), p, tx, tr);
        double[] expected = new double[6];
        for (int i = 0; i < 6; i++) {
            float v = tx.floats()[i];
            expected[i] = v < 0 ? v * 0.5 : Math.sqrt(v) + tr.floats()[i % 3];
        }
        assertClose(expected, y.floats());
        assertThrows(OpException.class, () -> run("FusedElementwise", Map.of(), null, tx, tr), "no program");
        assertThrows(OpException.class, () -> run("FusedElementwise", Map.of(), p, tx), "wrong input count");
    }

    @Test void siluIsXTimesSigmoid() {
        Tensor x = rand(50);
        Tensor y = run("SiLU", Map.of(), null, x);
        double[] expected = new double[50];
        for (int i = 0; i < 50; i++) expected[i] = x.floats()[i] / (1 + Math.exp(-x.floats()[i]));
        assertClose(expected, y.floats());
    }

    @Test void programsCheckTheirInstructions() {
        ElementwiseProgram.Builder pb = new ElementwiseProgram.Builder();
        int a = pb.input(DType.INT64);
        assertThrows(IllegalArgumentException.class, () -> pb.op(ElementwiseOp.ADD, DType.INT64, a, 5));
        assertThrows(IllegalArgumentException.class, () -> pb.constant(1L << 40, DType.INT64));
        assertThrows(IllegalArgumentException.class, () -> pb.op(ElementwiseOp.NEG, DType.INT64, a, a));
    }
}
