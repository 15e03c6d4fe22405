package dev.nnjit.tune.workbench;

import dev.nnjit.codegen.GemvKernel;
import dev.nnjit.codegen.MatmulKernel;
import dev.nnjit.codegen.MatmulProblem;
import dev.nnjit.ops.fused.FusedOps;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.GemvSpace;
import dev.nnjit.schedule.MatmulSpace;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.Tolerance;
import dev.nnjit.tune.measure.SeededInputs;
import java.util.List;
import java.util.Map;

/**
 * C (batch, M, N) = A (batch, M, K) @ B (batch, K, N), or B stored (batch, N, K) with transB; batch 1 drops the batch
 * dim. Family matmul uses the tiled kernel's space, gemv (M must be 1) the matrix-vector kernel's.
 *
 * <p>Reference: ONNX MatMul (opset 13), or nnjit.FusedMatMul with transB = 1; both sum in f32 in increasing k.
 * Inputs uniform in [-1, 1).
 *
 * <p>Tolerance: atol = K * 2^-20 * max|A| * max|B|. Kernel and reference add the same K products in different orders
 * (and the kernel fuses multiply-adds), so each side carries f32 summation error: K steps, each rounding at most
 * 2^-24 of a partial sum whose typical size is sqrt(K) * max|a| * max|b|, which accumulate like a random walk to
 * about K * 2^-24 * max|a| * max|b|; the factor 16 covers both sides and the tail over M*N elements. A wrong index
 * or a lost k step is off by ~max|a*b| or more, far above it.
 */
final class MatmulCase extends BenchCase {
    private final Family family;
    private final int m, n, k, batch;
    private final boolean transB;
    private final int[] aShape, bShape;
    private final float[] a, b;
    private final MatmulProblem problem;
    private final long fullReferenceMacs;

    /** @param dims {M, N, K} or {M, N, K, batch}; for gemv also {N, K} (M = 1) */
    MatmulCase(Family family, int[] dims, boolean transB, long seed) {
        this(family, dims, transB, seed, FULL_REFERENCE_MACS);
    }

    /** As above; above {@code fullReferenceMacs} multiply-adds the reference covers a sample of rows. */
    MatmulCase(Family family, int[] dims, boolean transB, long seed, long fullReferenceMacs) {
        this.fullReferenceMacs = fullReferenceMacs;
        this.family = family;
        int[] d = dims;
        if (family == Family.GEMV && dims.length == 2) d = new int[] {1, dims[0], dims[1]};
        if (d.length != 3 && d.length != 4) {
            throw new IllegalArgumentException(family.id + " shape must be MxNxK or MxNxKxBATCH"
                    + (family == Family.GEMV ? " (or NxK)" : "") + ", got " + ShapeText.format(dims));
        }
        m = d[0];
        n = d[1];
        k = d[2];
        batch = d.length == 4 ? d[3] : 1;
        if (family == Family.GEMV && m != 1) {
            throw new IllegalArgumentException("gemv needs M = 1, got " + ShapeText.format(dims)
                    + " (use --op matmul for M > 1)");
        }
        this.transB = transB;
        aShape = batch == 1 ? new int[] {m, k} : new int[] {batch, m, k};
        int[] bLogical = batch == 1 ? new int[] {k, n} : new int[] {batch, k, n};
        bShape = !transB ? bLogical : batch == 1 ? new int[] {n, k} : new int[] {batch, n, k};
        SeededInputs rnd = new SeededInputs(seed);
        a = rnd.uniform(ShapeText.product(aShape), -1, 1);
        b = rnd.uniform(ShapeText.product(bShape), -1, 1);
        problem = MatmulProblem.matmul(aShape, bLogical).withTranspose(false, transB);
    }

    @Override public Family family() { return family; }

    @Override public String describe() {
        String bs = batch == 1 ? "" : batch + ",";
        return "A (" + bs + m + "," + k + ") @ " + (transB ? "B^T, B stored (" + bs + n + "," + k + ")"
                : "B (" + bs + k + "," + n + ")") + " -> C (" + bs + m + "," + n + ")";
    }

    @Override public List<Candidate> candidates(AdapterLimits limits, AdapterFeatures features) {
        if (family == Family.GEMV) {
            return instances(GemvKernel.INSTANCE, GemvSpace.candidates(n, k, batch, transB, limits, features), problem);
        }
        return instances(MatmulKernel.INSTANCE, MatmulSpace.candidates(m, n, k, batch, transB, limits, features), problem);
    }

    @Override public List<float[]> inputs() { return List.of(a, b); }

    @Override public long outputElements() { return (long) batch * m * n; }

    @Override public Tolerance tolerance() {
        return new Tolerance(k * 0x1.0p-20 * maxAbs(a) * maxAbs(b), 0,
                "K * 2^-20 * max|A| * max|B|: random-walk estimate of f32 summation error over K terms, x16");
    }

    @Override public double flops() { return 2.0 * batch * m * n * k; }

    /** Matmuls are compute-bound; gemv reads all of B once per output row, so bandwidth is what counts. */
    @Override public String metric() { return family == Family.GEMV ? "GB/s" : "GFLOP/s"; }

    /**
     * Above this many multiply-adds the reference covers {@link #SAMPLED_ROWS} rows of C per batch, spread evenly
     * over M, computed directly (f32 sums in increasing k, as the reference op): 4096^3 through the reference op
     * takes minutes in a page, a sample of rows seconds, and a wrong index or tile edge still shows in them.
     */
    static final long FULL_REFERENCE_MACS = 1L << 32;
    static final int SAMPLED_ROWS = 64;

    private boolean sampled() { return (long) batch * m * n * k > fullReferenceMacs && m > SAMPLED_ROWS; }

    /** Row i of the sample (ascending, first and last row included). */
    private int sampledRow(int i) { return (int) ((long) i * (m - 1) / (SAMPLED_ROWS - 1)); }

    @Override public long checkedElements() { return sampled() ? (long) batch * SAMPLED_ROWS * n : outputElements(); }

    @Override public float[] checked(float[] output) {
        if (!sampled()) return output;
        float[] out = new float[(int) checkedElements()];
        for (int bi = 0; bi < batch; bi++) {
            for (int i = 0; i < SAMPLED_ROWS; i++) {
                System.arraycopy(output, (bi * m + sampledRow(i)) * n, out, (bi * SAMPLED_ROWS + i) * n, n);
            }
        }
        return out;
    }

    @Override protected float[] computeReference() {
        if (sampled()) return sampledReference();
        Tensor ta = Tensor.ofFloats(aShape, a);
        Tensor tb = Tensor.ofFloats(bShape, b);
        Tensor c = transB
                ? ReferenceOps.run(FusedOps.DOMAIN, "FusedMatMul", 1, ReferenceOps.attrs("transB", 1), ta, tb)
                : ReferenceOps.run("", "MatMul", 13, Map.of(), ta, tb);
        return c.floats();
    }

    private float[] sampledReference() {
        float[] out = new float[(int) checkedElements()];
        float[] row = new float[n];
        for (int bi = 0; bi < batch; bi++) {
            for (int i = 0; i < SAMPLED_ROWS; i++) {
                int r = sampledRow(i);
                java.util.Arrays.fill(row, 0f);
                for (int kk = 0; kk < k; kk++) {
                    float av = a[(bi * m + r) * k + kk];
                    for (int j = 0; j < n; j++) {
                        float bv = transB ? b[(bi * n + j) * k + kk] : b[(bi * k + kk) * n + j];
                        row[j] += av * bv;
                    }
                }
                System.arraycopy(row, 0, out, (bi * SAMPLED_ROWS + i) * n, n);
            }
        }
        return out;
    }
}
