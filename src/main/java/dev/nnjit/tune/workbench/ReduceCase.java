package dev.nnjit.tune.workbench;

import dev.nnjit.codegen.ReduceKernel;
import dev.nnjit.codegen.ReduceProblem;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.ReductionSpace;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.Tolerance;
import dev.nnjit.tune.measure.SeededInputs;
import java.util.List;

/**
 * ONNX Reduce{Sum, Mean, Max, Min, Prod, SumSquare, L1, L2, LogSumExp} over some axes (default the last) of x,
 * uniform in [-1, 1) (prod: [0.9, 1.1), so long products stay in range). Reference: the ONNX op at opset 18 (axes
 * as an input, keepdims 0), accumulated in double and rounded once; so the tolerance is the kernel's f32 error alone:
 * <ul>
 *   <li>sum: atol n * 2^-20 * max|x| (mean: divided by n, plus 1 ulp for the division): random-walk estimate of an
 *       n-term f32 sum of mixed signs (n * 2^-24 * max|x|), x16;</li>
 *   <li>sumsquare, l1: rtol n * 2^-23 + 4 ulp: a sum of positive terms is off by at most (n - 1) * 2^-24 relative in
 *       any order, doubled; l2 half of that through sqrt;</li>
 *   <li>prod: rtol n * 2^-23: n roundings of at most 2^-24 each, doubled;</li>
 *   <li>logsumexp: atol n * 2^-23 + 16 ulp (the sum's relative error, and exp's, become absolute through log),
 *       rtol 4 ulp;</li>
 *   <li>max, min: exact.</li>
 * </ul>
 */
final class ReduceCase extends BenchCase {
    private static final String[] NAMES = {"sum", "mean", "max", "min", "prod", "sumsquare", "l1", "l2", "logsumexp"};
    private static final ReduceProblem.Op[] OPS = {ReduceProblem.Op.SUM, ReduceProblem.Op.MEAN, ReduceProblem.Op.MAX,
        ReduceProblem.Op.MIN, ReduceProblem.Op.PROD, ReduceProblem.Op.SUM_SQUARE, ReduceProblem.Op.L1,
        ReduceProblem.Op.L2, ReduceProblem.Op.LOG_SUM_EXP};
    private static final String[] ONNX = {"ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd",
        "ReduceSumSquare", "ReduceL1", "ReduceL2", "ReduceLogSumExp"};

    private final int which;
    private final int[] shape, axes;
    private final float[] x;
    private final ReduceProblem problem;

    ReduceCase(String op, int[] shape, int[] axes, long seed) {
        String name = op == null ? "sum" : op;
        int w = -1;
        for (int i = 0; i < NAMES.length; i++) if (NAMES[i].equals(name)) w = i;
        if (w < 0) throw new IllegalArgumentException("unknown reduce op '" + name + "' (expected " + String.join(", ",
                NAMES) + ")");
        which = w;
        this.shape = shape.clone();
        this.axes = axes == null ? new int[] {shape.length - 1} : axes.clone();
        for (int i = 0; i < this.axes.length; i++) {
            int a = this.axes[i];
            if (a < -shape.length || a >= shape.length) {
                throw new IllegalArgumentException("reduce axis " + a + " out of range for shape " + ShapeText.format(shape));
            }
            this.axes[i] = a < 0 ? a + shape.length : a;
        }
        SeededInputs rnd = new SeededInputs(seed);
        x = OPS[which] == ReduceProblem.Op.PROD ? rnd.uniform(ShapeText.product(shape), 0.9f, 1.1f)
                : rnd.uniform(ShapeText.product(shape), -1, 1);
        problem = new ReduceProblem(OPS[which], this.shape, this.axes);
    }

    @Override public Family family() { return Family.REDUCE; }

    @Override public String describe() {
        StringBuilder ax = new StringBuilder();
        for (int a : axes) ax.append(ax.length() == 0 ? "" : ",").append(a);
        return ONNX[which] + " of x " + ShapeText.format(shape) + " over axes (" + ax + "): " + problem.layout().rows()
                + " outputs of " + problem.layout().cols() + " values";
    }

    @Override public List<Candidate> candidates(AdapterLimits limits, AdapterFeatures features) {
        return instances(ReduceKernel.INSTANCE,
                ReductionSpace.candidates(problem.layout().rows(), problem.layout().cols(), limits, features), problem);
    }

    @Override public List<float[]> inputs() { return List.of(x); }

    @Override public long outputElements() { return problem.layout().rows(); }

    @Override public Tolerance tolerance() {
        double n = problem.layout().cols();
        double mx = maxAbs(x);
        switch (OPS[which]) {
            case SUM: return new Tolerance(n * 0x1.0p-20 * mx, 0, "n * 2^-20 * max|x|: random-walk f32 sum error, x16");
            case MEAN: return new Tolerance(0x1.0p-20 * mx, Tolerance.ULP, "2^-20 * max|x| (sum error / n) + 1 ulp");
            case MAX: case MIN: return Tolerance.exact("max/min are exact in any order");
            case PROD: return new Tolerance(0, n * Tolerance.ULP, "n * 2^-23: n roundings of 2^-24, x2");
            case SUM_SQUARE: case L1:
                return new Tolerance(0, n * Tolerance.ULP + 4 * Tolerance.ULP,
                        "n * 2^-23 + 4 ulp: positive-term f32 sum, worst case x2");
            case L2: return new Tolerance(0, n * Tolerance.U + 4 * Tolerance.ULP, "half the sum of squares' error, + sqrt");
            case LOG_SUM_EXP:
                return new Tolerance(n * Tolerance.ULP + 16 * Tolerance.ULP, 4 * Tolerance.ULP,
                        "sum's and exp's relative error, absolute through log; + log rounding");
            default: throw new IllegalStateException(OPS[which].name());
        }
    }

    @Override protected float[] computeReference() {
        long[] ax = new long[axes.length];
        for (int i = 0; i < ax.length; i++) ax[i] = axes[i];
        return ReferenceOps.run("", ONNX[which], 18, ReferenceOps.attrs("keepdims", 0), Tensor.ofFloats(shape, x),
                Tensor.ofLongs(new int[] {ax.length}, ax)).floats();
    }
}
