package dev.nnjit.codegen;

/**
 * ONNX Gather: out = data[..., indices[...], ...] along {@code axis}; out shape = data[:axis] + indices +
 * data[axis+1:]. Indices are i32 on the GPU (int64 indices are carried as i32).
 */
public record GatherProblem(ScalarType type, int[] dataShape, int axis, int[] indicesShape) implements KernelProblem {

    public GatherProblem {
        dataShape = dataShape.clone();
        indicesShape = indicesShape.clone();
        if (axis < 0) axis += dataShape.length;
        if (axis < 0 || axis >= dataShape.length) throw new IllegalArgumentException("Gather axis out of range for data "
                + Wgsl.shape(dataShape));
    }

    public int[] outShape() {
        int[] out = new int[dataShape.length - 1 + indicesShape.length];
        int o = 0;
        for (int d = 0; d < axis; d++) out[o++] = dataShape[d];
        for (int d : indicesShape) out[o++] = d;
        for (int d = axis + 1; d < dataShape.length; d++) out[o++] = dataShape[d];
        return out;
    }

    public int inner() { return (int) Wgsl.product(dataShape, axis + 1, dataShape.length); }

    public boolean vec4Allowed() { return inner() % 4 == 0; }

    @Override public String key() {
        return type.name().toLowerCase() + "_" + Wgsl.dims(dataShape) + "_ax" + axis + "_i" + Wgsl.dims(indicesShape);
    }
}
