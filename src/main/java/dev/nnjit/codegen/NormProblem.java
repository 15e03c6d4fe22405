package dev.nnjit.codegen;

/**
 * LayerNormalization or RMSNormalization over the last {@code cols} elements of each of {@code rows} rows (ONNX
 * LayerNormalization with the input flattened at {@code axis}; scale and bias of {@code cols} elements):
 * LAYER: y = (x - mean) / sqrt(var + eps) * scale (+ bias), var the population variance;
 * RMS: y = x / sqrt(mean(x^2) + eps) * scale (+ bias).
 */
public record NormProblem(Kind kind, int rows, int cols, float epsilon, boolean hasBias) implements KernelProblem {
    public enum Kind { LAYER, RMS }

    public NormProblem {
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException("norm rows/cols must be positive: " + rows + "x" + cols);
    }

    public RowLayout layout() { return RowLayout.contiguous(rows, cols); }

    @Override public String key() {
        return kind.name().toLowerCase() + "_" + rows + "x" + cols + "_eps" + Float.toString(epsilon) + (hasBias ? "_b" : "");
    }
}
