package dev.nnjit.tune;

import dev.nnjit.codegen.ConvProblem;
import dev.nnjit.codegen.ElementwiseProblem;
import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.codegen.MapProblem;
import dev.nnjit.codegen.MatmulProblem;
import dev.nnjit.codegen.NormProblem;
import dev.nnjit.codegen.ReduceProblem;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.codegen.SoftmaxProblem;
import dev.nnjit.wasm.kernels.WasmGemmProblem;
import dev.nnjit.wasm.kernels.WasmNormProblem;
import dev.nnjit.wasm.kernels.WasmSoftmaxProblem;

/**
 * How far a candidate's output may be from the default kernel's on the same seeded inputs (float inputs uniform in
 * [-1, 1), see {@link CandidateBench}) before the tuner rejects it. Both sides are f32 kernels computing the same
 * function with different schedules, so the bounds are the workbench's kernel-against-Java-reference bounds
 * (dev.nnjit.tune.workbench.*Case, which state their derivations) with max|input| = 1, doubled where the reference
 * was exact-then-rounded (double) and a second kernel now brings its own error. Chosen by problem type, so a site
 * family may be named freely.
 *
 * <table>
 * <tr><th>problem</th><th>atol</th><th>rtol</th><th>why</th></tr>
 * <tr><td>matmul, gemv (MatmulProblem)</td><td>K 2^-20 |alpha|</td><td>8 ulp</td><td>two f32 sums of K products in
 *   different orders: random-walk K 2^-24 each, x16 (as MatmulCase); rtol for the bias add and the activation</td></tr>
 * <tr><td>wasm_gemm, wasm_gemv (WasmGemmProblem)</td><td>K 2^-20</td><td>8 ulp</td><td>as matmul; relaxed_madd
 *   (fused or not, per engine) rounds once per step instead of twice, within the same bound</td></tr>
 * <tr><td>wasm_softmax, wasm_norm</td><td colspan=2>as softmax and layer/RMS norm</td><td></td></tr>
 * <tr><td>conv (ConvProblem)</td><td>K 2^-20, K = channels/group x kernel size</td><td>8 ulp</td><td>a matmul over
 *   K terms</td></tr>
 * <tr><td>softmax</td><td>1e-9</td><td>4 cols 2^-24 + 32 ulp</td><td>SoftmaxCase's bound (row sum, exp at |x| &lt;= 2),
 *   doubled for two kernels</td></tr>
 * <tr><td>log-softmax</td><td>4 cols 2^-24 + 64 ulp</td><td>4 ulp</td><td>the sum's relative error becomes absolute
 *   through log; outputs up to ~|log cols| + 2</td></tr>
 * <tr><td>layer/RMS norm</td><td>r max|out|</td><td>r = 2 (cols + 8) ulp</td><td>NormCase's bound, doubled</td></tr>
 * <tr><td>reduce</td><td colspan=2>ReduceCase's per-op bound with max|x| = 1, doubled (max/min exact)</td><td></td></tr>
 * <tr><td>elementwise, map (f32 out)</td><td>8 ulp</td><td>8 ulp</td><td>same expression per element; only vector
 *   and scalar forms of builtins may differ, each within WGSL's few-ulp accuracy; atol for results near 0</td></tr>
 * <tr><td>everything else</td><td>0</td><td>0</td><td>data movement and integer kernels copy or compute exactly; for
 *   an unknown family exact is the safe side (a differing winner is rejected and the default kept)</td></tr>
 * </table>
 * (ulp = 2^-23.)
 */
public final class SiteTolerance {
    private SiteTolerance() {}

    private static final double ULP = Tolerance.ULP;
    private static final double U = Tolerance.U;

    /** The tolerance for candidates of {@code site}; {@code defaultOutput} gives the output scale where needed. */
    public static Tolerance of(TuningSite<?> site, float[] defaultOutput) {
        return of(site.problem(), defaultOutput);
    }

    public static Tolerance of(KernelProblem p, float[] defaultOutput) {
        if (p instanceof MatmulProblem m) {
            return new Tolerance(m.k() * 0x1.0p-20 * Math.max(1, Math.abs(m.alpha())), 8 * ULP,
                    "K * 2^-20 * |alpha| + 8 ulp: two f32 sums over K in different orders (x16), bias and activation");
        }
        if (p instanceof WasmGemmProblem w) {
            return new Tolerance(w.k() * 0x1.0p-20, 8 * ULP,
                    "K * 2^-20 + 8 ulp: two f32 sums over K in different orders or fused (x16), bias and activation");
        }
        if (p instanceof WasmSoftmaxProblem s) {
            return new Tolerance(1e-9, 4.0 * s.cols() * U + 32 * ULP, "2 x (2 cols 2^-24 row sum + 16 ulp exp and division)");
        }
        if (p instanceof WasmNormProblem n) {
            double r = 2.0 * (n.cols() + 8) * ULP;
            return new Tolerance(r * maxAbs(defaultOutput), r, "2 x (cols + 8) ulp, relative and times max|out|");
        }
        if (p instanceof ConvProblem c) {
            double k = (double) c.channelsPerGroup() * c.kernelSize();
            return new Tolerance(k * 0x1.0p-20, 8 * ULP, "K * 2^-20 + 8 ulp, K = channels/group * kernel size: a matmul over K");
        }
        if (p instanceof SoftmaxProblem s) {
            int cols = s.layout().cols();
            if (s.log()) {
                return new Tolerance(4.0 * cols * U + 64 * ULP, 4 * ULP,
                        "log-softmax: the row sum's relative error, absolute through log, two kernels");
            }
            return new Tolerance(1e-9, 4.0 * cols * U + 32 * ULP, "2 x (2 cols 2^-24 row sum + 16 ulp exp and division)");
        }
        if (p instanceof NormProblem n) {
            double r = 2.0 * (n.cols() + 8) * ULP;
            return new Tolerance(r * maxAbs(defaultOutput), r, "2 x (cols + 8) ulp, relative and times max|out|");
        }
        if (p instanceof ReduceProblem r) return reduce(r);
        if (p instanceof ElementwiseProblem e) {
            return e.outType() == ScalarType.F32 ? perElement() : Tolerance.exact("integer or bool output: exact");
        }
        if (p instanceof MapProblem) return perElement();
        return Tolerance.exact("copies or integer math: exact (and exact is the safe side for an unknown family)");
    }

    private static Tolerance perElement() {
        return new Tolerance(8 * ULP, 8 * ULP, "same expression per element: builtins' vector and scalar forms, a few ulp");
    }

    private static Tolerance reduce(ReduceProblem r) {
        double n = r.layout().cols();
        switch (r.op()) {
            case SUM: return new Tolerance(2 * n * 0x1.0p-20, 0, "2 x n 2^-20: random-walk f32 sums");
            case MEAN: return new Tolerance(2 * 0x1.0p-20, 2 * ULP, "2 x (2^-20 + 1 ulp): the sum's error / n");
            case MAX: case MIN: return Tolerance.exact("max/min are exact in any order");
            case PROD: return new Tolerance(0, 2 * n * ULP, "2 x n 2^-23: n roundings each side");
            case SUM_SQUARE: case L1: return new Tolerance(0, 2 * (n + 4) * ULP, "2 x (n + 4) ulp: positive-term sums");
            case L2: return new Tolerance(0, 2 * (n * U + 4 * ULP), "half the sum of squares' error, + sqrt, x2");
            case LOG_SUM_EXP: return new Tolerance(2 * (n + 16) * ULP, 8 * ULP, "sum and exp error, absolute through log, x2");
            default: return Tolerance.exact("unknown reduce op: exact");
        }
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        if (v != null) for (float x : v) if (Math.abs(x) > m) m = Math.abs(x);
        return m;
    }
}
