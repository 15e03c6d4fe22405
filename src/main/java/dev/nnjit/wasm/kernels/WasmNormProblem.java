package dev.nnjit.wasm.kernels;

import dev.nnjit.codegen.KernelProblem;

/**
 * A row normalization of a contiguous f32 (rows, cols) tensor over its last axis, with a per-column scale (and, for
 * LayerNorm, an optional per-column bias):
 * <pre>
 *   LAYER: y = (x - mean) / sqrt(mean((x - mean)^2) + epsilon) * scale [+ bias]
 *   RMS:   y = x / sqrt(mean(x^2) + epsilon) * scale
 * </pre>
 */
public record WasmNormProblem(Kind kind, int cols, boolean bias, float epsilon) implements KernelProblem {
    public enum Kind { LAYER, RMS }

    public WasmNormProblem {
        if (cols <= 0) throw new IllegalArgumentException("a norm needs cols > 0, got " + cols);
        if (kind == Kind.RMS && bias) throw new IllegalArgumentException("RMS norm has no bias");
    }

    @Override public String key() {
        return "f32_" + kind.name().toLowerCase() + "_cols" + cols + (bias ? "_bias" : "") + "_eps"
                + Float.floatToIntBits(epsilon);
    }
}
