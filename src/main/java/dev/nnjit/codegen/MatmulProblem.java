package dev.nnjit.codegen;

import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.fused.Activation;

/**
 * A batched f32 matmul {@code C[b] = act(alpha * op(A[b]) @ op(B[b]) + beta * bias)} with static shapes:
 * op(A) is (m, k), stored (k, m) when transA; op(B) is (k, n), stored (n, k) when transB; C is contiguous
 * (batch..., m, n). Batch dims broadcast: A's and B's batch offsets are {@code sum coord_d * stride_d} over the
 * output batch coordinates, with stride 0 where the operand is broadcast.
 *
 * @param batchShape output batch dims (empty for a plain matmul)
 * @param aBatchStrides per output batch dim, in elements (multiples of m*k, or 0)
 * @param bBatchStrides per output batch dim, in elements (multiples of k*n, or 0)
 * @param aElements elements of A's buffer; bElements likewise
 * @param bias null, or a tensor broadcast over (m, n): element (i, j) at {@code i*bias.strideM + j*bias.strideN}
 */
public record MatmulProblem(int[] batchShape, int[] aBatchStrides, int[] bBatchStrides, int m, int n, int k,
                            boolean transA, boolean transB, long aElements, long bElements, Bias bias, float alpha,
                            float beta, Activation activation) implements KernelProblem {

    /** A bias (Gemm's C, or a fused Add) broadcast to (m, n). */
    public record Bias(int[] shape, int strideM, int strideN) {
        public Bias {
            shape = shape.clone();
        }

        /** A bias of shape {@code shape} (rank <= 2) broadcast to (m, n). */
        public static Bias of(int[] shape, int m, int n) {
            if (shape.length > 2) throw new IllegalArgumentException("bias must have rank <= 2, got " + Wgsl.shape(shape));
            int[] s = Broadcasting.stridesFor(shape, new int[] {m, n});
            int[] b = Broadcasting.shape(shape, new int[] {m, n}); // throws when incompatible
            if (b[0] != m || b[1] != n) {
                throw new IllegalArgumentException("bias " + Wgsl.shape(shape) + " does not broadcast to (" + m + "," + n + ")");
            }
            return new Bias(shape, s[0], s[1]);
        }

        public long elements() { return Wgsl.product(shape); }

        String key() { return Wgsl.dims(shape) + "/" + strideM + "," + strideN; }
    }

    public MatmulProblem {
        batchShape = batchShape.clone();
        aBatchStrides = aBatchStrides.clone();
        bBatchStrides = bBatchStrides.clone();
        if (m <= 0 || n <= 0 || k <= 0) throw new IllegalArgumentException("matmul dims must be positive: m=" + m
                + " n=" + n + " k=" + k);
        if (aBatchStrides.length != batchShape.length || bBatchStrides.length != batchShape.length) {
            throw new IllegalArgumentException("batch strides must match batch rank " + batchShape.length);
        }
        if (activation == null) throw new IllegalArgumentException("activation must not be null (use NONE)");
    }

    /**
     * ONNX MatMul of A (..., m, k) and B (..., k, n), both of rank >= 2 (the caller has promoted 1-D operands), batch
     * dims broadcast.
     */
    public static MatmulProblem matmul(int[] aShape, int[] bShape) {
        if (aShape.length < 2 || bShape.length < 2) {
            throw new IllegalArgumentException("MatMul operands must have rank >= 2 here, got " + Wgsl.shape(aShape)
                    + " and " + Wgsl.shape(bShape));
        }
        int m = aShape[aShape.length - 2];
        int k = aShape[aShape.length - 1];
        int n = bShape[bShape.length - 1];
        if (bShape[bShape.length - 2] != k) {
            throw new IllegalArgumentException("MatMul inner dims differ: A " + Wgsl.shape(aShape) + " B "
                    + Wgsl.shape(bShape));
        }
        int[] aBatch = java.util.Arrays.copyOf(aShape, aShape.length - 2);
        int[] bBatch = java.util.Arrays.copyOf(bShape, bShape.length - 2);
        int[] batch = Broadcasting.shape(aBatch, bBatch);
        int[] as = Broadcasting.stridesFor(aBatch, batch);
        int[] bs = Broadcasting.stridesFor(bBatch, batch);
        for (int i = 0; i < batch.length; i++) {
            as[i] *= m * k;
            bs[i] *= k * n;
        }
        return new MatmulProblem(batch, as, bs, m, n, k, false, false, Wgsl.product(aShape), Wgsl.product(bShape), null,
                1f, 1f, Activation.NONE);
    }

    /** ONNX Gemm: A (m, k) or (k, m), B (k, n) or (n, k), optional C broadcast to (m, n). */
    public static MatmulProblem gemm(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta,
                                     int[] cShape) {
        return new MatmulProblem(new int[0], new int[0], new int[0], m, n, k, transA, transB, (long) m * k,
                (long) k * n, cShape == null ? null : Bias.of(cShape, m, n), alpha, cShape == null ? 0f : beta,
                Activation.NONE);
    }

    public MatmulProblem withBias(int[] biasShape) {
        return new MatmulProblem(batchShape, aBatchStrides, bBatchStrides, m, n, k, transA, transB, aElements,
                bElements, Bias.of(biasShape, m, n), alpha, 1f, activation);
    }

    public MatmulProblem withActivation(Activation act) {
        return new MatmulProblem(batchShape, aBatchStrides, bBatchStrides, m, n, k, transA, transB, aElements,
                bElements, bias, alpha, beta, act);
    }

    public MatmulProblem withTranspose(boolean ta, boolean tb) {
        return new MatmulProblem(batchShape, aBatchStrides, bBatchStrides, m, n, k, ta, tb, aElements, bElements, bias,
                alpha, beta, activation);
    }

    public int batch() { return (int) Wgsl.product(batchShape); }

    public long cElements() { return (long) batch() * m * n; }

    @Override public String key() {
        return "b" + Wgsl.dims(batchShape) + "/" + Wgsl.dims(aBatchStrides) + "/" + Wgsl.dims(bBatchStrides) + "_m" + m
                + "n" + n + "k" + k + (transA ? "_tA" : "") + (transB ? "_tB" : "") + "_a" + aElements + "_b" + bElements
                + (bias == null ? "" : "_bias" + bias.key()) + "_al" + Float.toString(alpha) + "_be"
                + Float.toString(beta) + "_" + activation.name().toLowerCase();
    }

    /** "A (2,64,32) @ B^T (16,32) + bias (16) -> C (2,64,16), gelu" for shape comments. */
    String describe() {
        String batch = batchShape.length == 0 ? "" : Wgsl.shape(batchShape).replace(")", ",");
        String a = transA ? "A^T (" + k + "," + m + ")" : "A (" + m + "," + k + ")";
        String b = transB ? "B^T (" + n + "," + k + ")" : "B (" + k + "," + n + ")";
        String s = (alpha != 1f ? alpha + " * " : "") + a + " @ " + b;
        if (bias != null) s += " + " + (beta != 1f ? beta + " * " : "") + "bias " + Wgsl.shape(bias.shape());
        s += " -> C " + (batch.isEmpty() ? "(" : batch) + m + "," + n + ")";
        if (batchShape.length > 0) s += ", batch " + Wgsl.shape(batchShape) + " A strides " + Wgsl.shape(aBatchStrides)
                + " B strides " + Wgsl.shape(bBatchStrides);
        if (activation != Activation.NONE) s += ", " + activation.name().toLowerCase();
        return s;
    }
}
