package dev.nnjit.codegen;

/**
 * MatMulInteger: out[b, m, n] = sum_k (a[b, m, k] - za) * (bm[b, k, n] - zb), all i32 (products and sums wrap on
 * overflow, as int32 arithmetic does). Batch dims broadcast: {@code aBatchStrides}/{@code bBatchStrides} give each
 * operand's stride per output batch dim (0 where it broadcasts). Zero points are scalars, per row of A (za[m]) or per
 * column of B (zb[n]): {@code aZeroPoint}/{@code bZeroPoint} are 0 (none), 1 (scalar) or 2 (per row / column).
 */
public record IntMatmulProblem(int[] batch, int[] aBatchStrides, int[] bBatchStrides, int m, int n, int k,
                               int aZeroPoint, int bZeroPoint) implements KernelProblem {
    public IntMatmulProblem {
        batch = batch.clone();
        aBatchStrides = aBatchStrides.clone();
        bBatchStrides = bBatchStrides.clone();
        if (aBatchStrides.length != batch.length || bBatchStrides.length != batch.length || m <= 0 || n <= 0 || k <= 0) {
            throw new IllegalArgumentException("MatMulInteger: batch " + Wgsl.shape(batch) + ", m " + m + ", n " + n
                    + ", k " + k);
        }
    }

    public long outputs() { return Wgsl.product(batch) * m * n; }

    /** Elements of A and B the kernel may read (max offset + 1). */
    public long aElements() { return span(aBatchStrides) + (long) m * k; }

    public long bElements() { return span(bBatchStrides) + (long) k * n; }

    private long span(int[] strides) {
        long s = 0;
        for (int d = 0; d < batch.length; d++) s += (long) (batch[d] - 1) * strides[d];
        return s;
    }

    @Override public String key() {
        return "b" + Wgsl.dims(batch) + "_sa" + Wgsl.dims(aBatchStrides) + "_sb" + Wgsl.dims(bBatchStrides) + "_m" + m
                + "n" + n + "k" + k + "_za" + aZeroPoint + "_zb" + bZeroPoint;
    }
}
