package dev.nnjit.codegen;

import dev.nnjit.ops.fused.Activation;


/** Plain-Java meaning of a {@link MatmulProblem} (double accumulation) for tests. */
final class MatmulReference {
    private MatmulReference() {}

    static double[] compute(MatmulProblem p, float[] a, float[] b, float[] bias) {
        int m = p.m(), n = p.n(), k = p.k();
        int batch = p.batch();
        int[] bs = p.batchShape();
        double[] c = new double[batch * m * n];
        for (int z = 0; z < batch; z++) {
            long aBase = 0, bBase = 0;
            int rest = z;
            for (int d = bs.length - 1; d >= 0; d--) {
                int coord = rest % bs[d];
                rest /= bs[d];
                aBase += (long) coord * p.aBatchStrides()[d];
                bBase += (long) coord * p.bBatchStrides()[d];
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) {
                        double av = a[(int) (aBase + (p.transA() ? (long) q * m + i : (long) i * k + q))];
                        double bv = b[(int) (bBase + (p.transB() ? (long) j * k + q : (long) q * n + j))];
                        s += av * bv;
                    }
                    s *= p.alpha();
                    if (p.bias() != null) s += p.beta() * bias[i * p.bias().strideM() + j * p.bias().strideN()];
                    c[(z * m + i) * n + j] = activation(p.activation(), s);
                }
            }
        }
        return c;
    }

    static double activation(Activation act, double x) {
        switch (act) {
            case RELU: return Math.max(0, x);
            case GELU: return 0.5 * x * (1 + ExprReference.erf(x / Math.sqrt(2)));
            case GELU_TANH: return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case SILU: return x / (1 + Math.exp(-x));
            default: return x;
        }
    }
}
