package dev.nnjit.codegen;

import java.util.Arrays;

/**
 * ONNX GatherND: {@code out[g..., s...] = data[batch(g), indices[g, 0..k), s...]} with {@code batchDims} leading
 * batch dims shared by data and indices, k = indices.shape[-1] index components, and the remaining data dims copied
 * as slices. out shape = indices.shape[:-1] + data.shape[batchDims + k:]. Indices are i32 on the GPU; negative ones
 * count from the end of their dim.
 */
public record GatherNdProblem(ScalarType type, int[] dataShape, int[] indicesShape, int batchDims)
        implements KernelProblem {

    public GatherNdProblem {
        dataShape = dataShape.clone();
        indicesShape = indicesShape.clone();
        int q = indicesShape.length;
        if (q < 1) throw new IllegalArgumentException("GatherND indices must have rank >= 1");
        if (batchDims < 0 || batchDims >= q || batchDims > dataShape.length) {
            throw new IllegalArgumentException("GatherND batch_dims " + batchDims + " invalid for data "
                    + Wgsl.shape(dataShape) + " and indices " + Wgsl.shape(indicesShape));
        }
        int k = indicesShape[q - 1];
        if (k < 1 || batchDims + k > dataShape.length) {
            throw new IllegalArgumentException("GatherND indices last dim " + k + " must be in [1, " + (dataShape.length
                    - batchDims) + "] for data " + Wgsl.shape(dataShape));
        }
        for (int d = 0; d < batchDims; d++) {
            if (dataShape[d] != indicesShape[d]) {
                throw new IllegalArgumentException("GatherND batch dims differ: data " + Wgsl.shape(dataShape)
                        + ", indices " + Wgsl.shape(indicesShape));
            }
        }
    }

    /** Index components per gathered slice. */
    public int k() { return indicesShape[indicesShape.length - 1]; }

    /** Elements of one gathered slice: data.shape[batchDims + k:]. */
    public long slice() { return Wgsl.product(dataShape, batchDims + k(), dataShape.length); }

    /** Index tuples: indices.shape[:-1]. */
    public long tuples() { return Wgsl.product(indicesShape, 0, indicesShape.length - 1); }

    /** Tuples per batch: indices.shape[batchDims:-1]. */
    public long tuplesPerBatch() { return Wgsl.product(indicesShape, batchDims, indicesShape.length - 1); }

    public int[] outShape() {
        int q = indicesShape.length;
        int[] out = new int[q - 1 + dataShape.length - batchDims - k()];
        System.arraycopy(indicesShape, 0, out, 0, q - 1);
        System.arraycopy(dataShape, batchDims + k(), out, q - 1, dataShape.length - batchDims - k());
        return out;
    }

    @Override public String key() {
        return type.name().toLowerCase() + "_" + Wgsl.dims(dataShape) + "_i" + Wgsl.dims(indicesShape) + "_b" + batchDims;
    }

    @Override public String toString() {
        return "GatherND data " + Arrays.toString(dataShape) + " indices " + Arrays.toString(indicesShape) + " batch_dims "
                + batchDims;
    }
}
