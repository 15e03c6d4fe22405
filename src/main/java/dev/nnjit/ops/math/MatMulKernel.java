package dev.nnjit.ops.math;

/**
 * The CPU matrix-multiply kernel behind MatMul, Gemm and Conv: single-threaded plain Java (runs unchanged under
 * TeaVM), fast on the JVM because HotSpot auto-vectorizes its inner loop.
 *
 * <pre>
 * C (m,n) = A (m,k) @ B (k,n)
 *   A[i][p] = a[aOff + i*aRow + p*aCol]   (any strides: transposed A costs nothing)
 *   B[p][j] = b[bOff + p*bRow + j*bCol]   (any strides: B is packed into panels anyway)
 *   C[i][j] = c[cOff + i*cRow + j]        (row-major with row stride cRow >= n, overwritten)
 * </pre>
 *
 * <p>Blocking: B is copied, one (KB x NB) panel at a time, into a contiguous buffer that stays in L2; rows of C are
 * processed four at a time in small row buffers (L1), and k is unrolled by four, so each pass of the inner j-loop
 * loads four B rows once for four C rows and stores each C element once per four products. The j-loop has no
 * cross-iteration dependence and runs on distinct arrays, which is what HotSpot's SuperWord needs to vectorize it.
 *
 * <p>Numerical contract: every C[i][j] is the float sum ((0 + A[i][0]*B[0][j]) + A[i][1]*B[1][j]) + ... taken in
 * increasing k, each product rounded to float and each addition rounded to float (no FMA contraction, which Java
 * forbids). The result is therefore bit-identical on every JVM and under TeaVM's Wasm GC target whatever the
 * blocking, and equals a naive float triple loop in i-k-j order. Its error against an exact (double) dot product is
 * the usual recursive-summation bound, about k * 2^-24 * sum|A[i][p]*B[p][j]| in the worst case and typically
 * sqrt(k) times that; for K &lt;= 4096 and inputs of mixed sign that is ~1e-5 relative to the largest terms.
 *
 * <p>Measured (JDK 17, one core of the 2-core AMD EPYC dev machine): 128x384x1536 about 10 GFLOP/s, against ~6 for
 * a naive i-k-j loop.
 */
public final class MatMulKernel {
    private MatMulKernel() {}

    /** Columns of B per packed panel (the row buffers hold this many floats). */
    static final int NB = 256;
    /** Rows of B (depth) per packed panel: NB * KB floats = 256 KiB, sized for L2. */
    static final int KB = 256;

    /** C contiguous: row stride n. */
    public static void multiply(int m, int k, int n,
                                float[] a, int aOff, int aRow, int aCol,
                                float[] b, int bOff, int bRow, int bCol,
                                float[] c, int cOff) {
        multiply(m, k, n, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, n);
    }

    public static void multiply(int m, int k, int n,
                                float[] a, int aOff, int aRow, int aCol,
                                float[] b, int bOff, int bRow, int bCol,
                                float[] c, int cOff, int cRow) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * cRow, cOff + i * cRow + n, 0f);
            return;
        }
        int nbMax = Math.min(NB, n), kbMax = Math.min(KB, k);
        float[] panel = new float[nbMax * kbMax];
        float[] c0 = new float[nbMax], c1 = new float[nbMax], c2 = new float[nbMax], c3 = new float[nbMax];
        for (int j0 = 0; j0 < n; j0 += NB) {
            int nb = Math.min(NB, n - j0);
            for (int k0 = 0; k0 < k; k0 += KB) {
                int kb = Math.min(KB, k - k0);
                pack(b, bOff + k0 * bRow + j0 * bCol, bRow, bCol, kb, nb, panel);
                boolean first = k0 == 0;
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    int r0 = cOff + i * cRow + j0;
                    load(c, r0, c0, nb, first);
                    load(c, r0 + cRow, c1, nb, first);
                    load(c, r0 + 2 * cRow, c2, nb, first);
                    load(c, r0 + 3 * cRow, c3, nb, first);
                    int a0 = aOff + i * aRow + k0 * aCol;
                    block4(a, a0, aRow, aCol, panel, kb, nb, c0, c1, c2, c3);
                    System.arraycopy(c0, 0, c, r0, nb);
                    System.arraycopy(c1, 0, c, r0 + cRow, nb);
                    System.arraycopy(c2, 0, c, r0 + 2 * cRow, nb);
                    System.arraycopy(c3, 0, c, r0 + 3 * cRow, nb);
                }
                for (; i < m; i++) {
                    int r0 = cOff + i * cRow + j0;
                    load(c, r0, c0, nb, first);
                    block1(a, aOff + i * aRow + k0 * aCol, aCol, panel, kb, nb, c0);
                    System.arraycopy(c0, 0, c, r0, nb);
                }
            }
        }
    }

    /** panel[p*nb + j] = B[k0+p][j0+j]. */
    private static void pack(float[] b, int off, int bRow, int bCol, int kb, int nb, float[] panel) {
        for (int p = 0; p < kb; p++) {
            int src = off + p * bRow, dst = p * nb;
            if (bCol == 1) {
                System.arraycopy(b, src, panel, dst, nb);
            } else {
                for (int j = 0; j < nb; j++) panel[dst + j] = b[src + j * bCol];
            }
        }
    }

    private static void load(float[] c, int off, float[] row, int nb, boolean zero) {
        if (zero) java.util.Arrays.fill(row, 0, nb, 0f);
        else System.arraycopy(c, off, row, 0, nb);
    }

    /** Four rows of C += A[4 rows][kb] @ panel[kb][nb], k unrolled by four (sums stay in k order). */
    private static void block4(float[] a, int a0, int aRow, int aCol, float[] panel, int kb, int nb,
                               float[] c0, float[] c1, float[] c2, float[] c3) {
        int a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        int p = 0;
        for (; p + 4 <= kb; p += 4) {
            int o0 = p * aCol, o1 = o0 + aCol, o2 = o1 + aCol, o3 = o2 + aCol;
            float x00 = a[a0 + o0], x01 = a[a0 + o1], x02 = a[a0 + o2], x03 = a[a0 + o3];
            float x10 = a[a1 + o0], x11 = a[a1 + o1], x12 = a[a1 + o2], x13 = a[a1 + o3];
            float x20 = a[a2 + o0], x21 = a[a2 + o1], x22 = a[a2 + o2], x23 = a[a2 + o3];
            float x30 = a[a3 + o0], x31 = a[a3 + o1], x32 = a[a3 + o2], x33 = a[a3 + o3];
            int q0 = p * nb, q1 = q0 + nb, q2 = q1 + nb, q3 = q2 + nb;
            for (int j = 0; j < nb; j++) {
                float b0 = panel[q0 + j], b1 = panel[q1 + j], b2 = panel[q2 + j], b3 = panel[q3 + j];
                c0[j] = c0[j] + x00 * b0 + x01 * b1 + x02 * b2 + x03 * b3;
                c1[j] = c1[j] + x10 * b0 + x11 * b1 + x12 * b2 + x13 * b3;
                c2[j] = c2[j] + x20 * b0 + x21 * b1 + x22 * b2 + x23 * b3;
                c3[j] = c3[j] + x30 * b0 + x31 * b1 + x32 * b2 + x33 * b3;
            }
        }
        for (; p < kb; p++) {
            int o = p * aCol;
            float x0 = a[a0 + o], x1 = a[a1 + o], x2 = a[a2 + o], x3 = a[a3 + o];
            int q = p * nb;
            for (int j = 0; j < nb; j++) {
                float bv = panel[q + j];
                c0[j] += x0 * bv;
                c1[j] += x1 * bv;
                c2[j] += x2 * bv;
                c3[j] += x3 * bv;
            }
        }
    }

    /** One row of C += A[1 row][kb] @ panel[kb][nb]. */
    private static void block1(float[] a, int a0, int aCol, float[] panel, int kb, int nb, float[] c0) {
        int p = 0;
        for (; p + 4 <= kb; p += 4) {
            float x0 = a[a0 + p * aCol], x1 = a[a0 + (p + 1) * aCol];
            float x2 = a[a0 + (p + 2) * aCol], x3 = a[a0 + (p + 3) * aCol];
            int q0 = p * nb, q1 = q0 + nb, q2 = q1 + nb, q3 = q2 + nb;
            for (int j = 0; j < nb; j++) {
                c0[j] = c0[j] + x0 * panel[q0 + j] + x1 * panel[q1 + j] + x2 * panel[q2 + j] + x3 * panel[q3 + j];
            }
        }
        for (; p < kb; p++) {
            float x = a[a0 + p * aCol];
            int q = p * nb;
            for (int j = 0; j < nb; j++) c0[j] += x * panel[q + j];
        }
    }
}
