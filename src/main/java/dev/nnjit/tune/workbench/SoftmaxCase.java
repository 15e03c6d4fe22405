package dev.nnjit.tune.workbench;

import dev.nnjit.codegen.SoftmaxKernel;
import dev.nnjit.codegen.SoftmaxProblem;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.ReductionSpace;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.Tolerance;
import dev.nnjit.tune.measure.SeededInputs;
import java.util.List;

/**
 * Softmax over one axis (default the last) of an input uniform in [-2, 2).
 *
 * <p>Reference: ONNX Softmax (opset 13), exp and sums in double, rounded once. Tolerance: rtol = 2 * cols * 2^-24
 * + 16 * 2^-23, atol 1e-9. The kernel's row sum of positive terms has relative error at most (cols - 1) * 2^-24 in
 * any order (doubled for margin); WGSL's exp is accurate to 3 + 2|x| ulp, |x - max| <= 4 here, so 11 ulp, plus the
 * division and roundings: 16 ulp. The atol only keeps exact zeros from needing exact equality.
 */
final class SoftmaxCase extends BenchCase {
    private final int[] shape;
    private final int axis;
    private final float[] x;
    private final SoftmaxProblem problem;

    SoftmaxCase(int[] shape, int[] axes, long seed) {
        this.shape = shape.clone();
        if (axes != null && axes.length != 1) {
            throw new IllegalArgumentException("softmax takes one axis, got " + axes.length);
        }
        int ax = axes == null ? -1 : axes[0];
        if (ax < -shape.length || ax >= shape.length) {
            throw new IllegalArgumentException("softmax axis " + ax + " out of range for shape " + ShapeText.format(shape));
        }
        axis = ax < 0 ? ax + shape.length : ax;
        x = new SeededInputs(seed).uniform(ShapeText.product(shape), -2, 2);
        problem = SoftmaxProblem.onAxis(this.shape, axis, false);
    }

    @Override public Family family() { return Family.SOFTMAX; }

    @Override public String describe() {
        return "softmax over axis " + axis + " of x " + ShapeText.format(shape) + ": " + problem.layout().rows()
                + " rows of " + problem.layout().cols();
    }

    @Override public List<Candidate> candidates(AdapterLimits limits, AdapterFeatures features) {
        return instances(SoftmaxKernel.INSTANCE,
                ReductionSpace.candidates(problem.layout().rows(), problem.layout().cols(), limits, features), problem);
    }

    @Override public List<float[]> inputs() { return List.of(x); }

    @Override public long outputElements() { return x.length; }

    @Override public Tolerance tolerance() {
        int cols = problem.layout().cols();
        return new Tolerance(1e-9, 2.0 * cols * Tolerance.U + 16 * Tolerance.ULP,
                "rtol 2 * cols * 2^-24 (f32 sum of positive terms) + 16 ulp (exp at |x| <= 4, division)");
    }

    @Override protected float[] computeReference() {
        return ReferenceOps.run("", "Softmax", 13, ReferenceOps.attrs("axis", axis), Tensor.ofFloats(shape, x)).floats();
    }
}
