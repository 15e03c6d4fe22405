package dev.nnjit.tune.workbench;

import dev.nnjit.codegen.NormKernel;
import dev.nnjit.codegen.NormProblem;
import dev.nnjit.ops.fused.FusedOps;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.ReductionSpace;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.Tolerance;
import dev.nnjit.tune.measure.SeededInputs;
import java.util.List;

/**
 * LayerNorm (with scale and bias) or RMSNorm (scale only) over the last axis of x, uniform in [-1, 1); scale uniform
 * in [0.5, 1.5), bias in [-1, 1).
 *
 * <p>Reference: ONNX LayerNormalization (opset 17) or nnjit.RMSNormalization, statistics in double, rounded once.
 * Tolerance: atol = (cols + 8) * 2^-23 * max|ref|, rtol = (cols + 8) * 2^-23. The kernel's f32 row sums (mean,
 * variance or mean square) have relative error up to (cols - 1) * 2^-24 each in the worst order; the variance's
 * halves through inverseSqrt (2 ulp) and the mean's shifts every output by at most that fraction of the output
 * scale; 8 ulp cover inverseSqrt and the final multiply-adds. Doubled for margin.
 */
final class NormCase extends BenchCase {
    private final Family family;
    private final int[] shape;
    private final int rows, cols;
    private final float epsilon;
    private final float[] x, scale, bias;
    private final NormProblem problem;

    NormCase(Family family, int[] shape, float epsilon, long seed) {
        this.family = family;
        this.shape = shape.clone();
        this.epsilon = epsilon;
        cols = shape[shape.length - 1];
        long r = ShapeText.product(shape) / cols;
        if (r > Integer.MAX_VALUE) throw new IllegalArgumentException("too many rows: " + r);
        rows = (int) r;
        SeededInputs rnd = new SeededInputs(seed);
        x = rnd.uniform((long) rows * cols, -1, 1);
        scale = rnd.uniform(cols, 0.5f, 1.5f);
        bias = family == Family.LAYERNORM ? rnd.uniform(cols, -1, 1) : null;
        problem = new NormProblem(family == Family.LAYERNORM ? NormProblem.Kind.LAYER : NormProblem.Kind.RMS, rows, cols,
                epsilon, bias != null);
    }

    @Override public Family family() { return family; }

    @Override public String describe() {
        return (family == Family.LAYERNORM ? "layer_norm" : "rms_norm") + " of x " + ShapeText.format(shape)
                + " over the last axis (" + rows + " rows of " + cols + "), scale (" + cols + ")"
                + (bias != null ? ", bias (" + cols + ")" : "") + ", eps " + epsilon;
    }

    @Override public List<Candidate> candidates(AdapterLimits limits, AdapterFeatures features) {
        return instances(NormKernel.INSTANCE, ReductionSpace.candidates(rows, cols, limits, features), problem);
    }

    @Override public List<float[]> inputs() { return bias == null ? List.of(x, scale) : List.of(x, scale, bias); }

    @Override public long outputElements() { return x.length; }

    @Override public Tolerance tolerance() {
        double r = (cols + 8) * Tolerance.ULP;
        return new Tolerance(r * maxAbs(reference()), r,
                "(cols + 8) * 2^-23, relative and times max|ref|: f32 row sums (cols * 2^-24 worst case) and"
                        + " inverseSqrt, x2");
    }

    @Override protected float[] computeReference() {
        Tensor tx = Tensor.ofFloats(shape, x);
        Tensor ts = Tensor.ofFloats(new int[] {cols}, scale);
        if (family == Family.LAYERNORM) {
            return ReferenceOps.run("", "LayerNormalization", 17, ReferenceOps.attrs("axis", -1, "epsilon", epsilon), tx,
                    ts, Tensor.ofFloats(new int[] {cols}, bias)).floats();
        }
        return ReferenceOps.run(FusedOps.DOMAIN, "RMSNormalization", 1, ReferenceOps.attrs("axis", -1, "epsilon", epsilon),
                tx, ts).floats();
    }
}
