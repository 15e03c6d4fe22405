package dev.nnjit.codegen;

/**
 * ONNX GatherElements: out (shape of indices) at c reads data at c with c[axis] replaced by indices[c] (negative
 * counts from the end; out-of-range indices are clamped on the GPU, where the reference raises an error).
 */
public record GatherElementsProblem(ScalarType type, int[] dataShape, int[] indicesShape, int axis)
        implements KernelProblem {
    public GatherElementsProblem {
        dataShape = dataShape.clone();
        indicesShape = indicesShape.clone();
        if (dataShape.length != indicesShape.length || axis < 0 || axis >= dataShape.length) {
            throw new IllegalArgumentException("GatherElements: data " + Wgsl.shape(dataShape) + ", indices "
                    + Wgsl.shape(indicesShape) + ", axis " + axis);
        }
    }

    @Override public String key() {
        return type.name().toLowerCase() + "_" + Wgsl.dims(dataShape) + "_i" + Wgsl.dims(indicesShape) + "_ax" + axis;
    }
}
