package dev.nnjit.codegen;

/**
 * ONNX OneHot (also Hardmax's second half): out has the indices' shape with {@code depth} inserted at {@code axis};
 * out[..., d, ...] = values[1] where the index there (truncated toward zero, negative counting from depth) equals
 * d, else values[0].
 *
 * @param indexType F32 or I32 (ONNX allows any numeric index type)
 * @param valueType the type of values and out
 */
public record OneHotProblem(ScalarType indexType, int[] indicesShape, int depth, int axis, ScalarType valueType)
        implements KernelProblem {
    public OneHotProblem {
        indicesShape = indicesShape.clone();
        if (indexType == ScalarType.BOOL || depth <= 0 || axis < 0 || axis > indicesShape.length) {
            throw new IllegalArgumentException("OneHot: indices " + indexType + Wgsl.shape(indicesShape) + ", depth "
                    + depth + ", axis " + axis);
        }
    }

    public int[] outShape() {
        int[] out = new int[indicesShape.length + 1];
        for (int d = 0, s = 0; d < out.length; d++) out[d] = d == axis ? depth : indicesShape[s++];
        return out;
    }

    @Override public String key() {
        return indexType.name().toLowerCase() + Wgsl.dims(indicesShape) + "_d" + depth + "_ax" + axis + "_"
                + valueType.name().toLowerCase();
    }
}
