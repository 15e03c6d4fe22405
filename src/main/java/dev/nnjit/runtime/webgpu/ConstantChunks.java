package dev.nnjit.runtime.webgpu;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a constant too large for one storage binding into consecutive blocks along one axis, on the CPU at compile
 * time, so that each block is its own (bindable) GPU buffer. Used for the weights that outgrow small adapters: a
 * vocabulary-sized embedding table (Gather) or language-model head (MatMul), e.g. 50265 x 768 floats = 154 MB
 * against SwiftShader's 128 MiB maxStorageBufferBindingSize.
 */
final class ConstantChunks {
    private ConstantChunks() {}

    /** One block: elements [start, start + length) along the split axis. */
    record Chunk(Tensor value, int start, int length) {}

    /**
     * Blocks of at most {@code maxBytes} (4 bytes per element on the GPU) along {@code axis}; block lengths are a
     * multiple of 4 where possible (keeps vec4 kernels usable). Throws when one slice along the axis alone is larger.
     */
    static List<Chunk> split(Tensor t, int axis, long maxBytes) {
        int[] shape = t.shape();
        long sliceBytes = 4L;
        for (int d = 0; d < shape.length; d++) if (d != axis) sliceBytes *= shape[d];
        long fit = maxBytes / sliceBytes;
        if (fit < 1) {
            throw new IllegalArgumentException("one slice along axis " + axis + " takes " + sliceBytes
                    + " bytes, more than " + maxBytes);
        }
        int per = (int) Math.min(fit, shape[axis]);
        if (per >= 8) per -= per % 4;
        List<Chunk> out = new ArrayList<>();
        for (int start = 0; start < shape[axis]; start += per) {
            int len = Math.min(per, shape[axis] - start);
            out.add(new Chunk(slice(t, axis, start, len), start, len));
        }
        return out;
    }

    /** Elements [start, start + len) of {@code t} along {@code axis}, as a new dense tensor. */
    static Tensor slice(Tensor t, int axis, int start, int len) {
        int[] shape = t.shape();
        int outer = 1;
        for (int d = 0; d < axis; d++) outer *= shape[d];
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
        int[] outShape = shape.clone();
        outShape[axis] = len;
        int block = len * inner;
        int row = shape[axis] * inner;
        DType dtype = t.dtype();
        switch (dtype.storage) {
            case FLOAT: {
                float[] src = t.floats();
                float[] dst = new float[outer * block];
                for (int o = 0; o < outer; o++) System.arraycopy(src, o * row + start * inner, dst, o * block, block);
                return Tensor.ofFloats(dtype, outShape, dst);
            }
            case LONG: {
                long[] src = t.longs();
                long[] dst = new long[outer * block];
                for (int o = 0; o < outer; o++) System.arraycopy(src, o * row + start * inner, dst, o * block, block);
                return Tensor.ofLongs(dtype, outShape, dst);
            }
            default: {
                boolean[] src = t.bools();
                boolean[] dst = new boolean[outer * block];
                for (int o = 0; o < outer; o++) System.arraycopy(src, o * row + start * inner, dst, o * block, block);
                return Tensor.ofBools(outShape, dst);
            }
        }
    }
}
