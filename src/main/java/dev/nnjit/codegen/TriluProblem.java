package dev.nnjit.codegen;

/**
 * ONNX Trilu on a tensor of {@code shape} (rank >= 2): element (..., i, j) is kept when j - i >= k (upper) or
 * j - i <= k (lower), else zero.
 */
public record TriluProblem(ScalarType type, int[] shape, boolean upper, long k) implements KernelProblem {
    public TriluProblem {
        shape = shape.clone();
        if (shape.length < 2) throw new IllegalArgumentException("Trilu needs rank >= 2, got " + Wgsl.shape(shape));
    }

    @Override public String key() {
        return type.name().toLowerCase() + "_" + Wgsl.dims(shape) + (upper ? "_upper_" : "_lower_") + k;
    }
}
