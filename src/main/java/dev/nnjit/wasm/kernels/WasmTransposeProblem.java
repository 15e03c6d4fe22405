package dev.nnjit.wasm.kernels;

import dev.nnjit.codegen.KernelProblem;
import java.util.Arrays;

/**
 * A permutation of a contiguous f32 tensor into a contiguous output, already reduced ({@link #of}): output dim l
 * has {@code dims[l]} elements and steps {@code strides[l]} elements through the input. Rows (output dim 0) are
 * split across calls.
 */
public record WasmTransposeProblem(int[] dims, int[] strides) implements KernelProblem {
    public WasmTransposeProblem {
        if (dims.length != strides.length || dims.length < 2) {
            throw new IllegalArgumentException("a reduced transpose has rank >= 2 and one stride per dim");
        }
        dims = dims.clone();
        strides = strides.clone();
    }

    @Override public int[] dims() { return dims.clone(); }

    @Override public int[] strides() { return strides.clone(); }

    /**
     * Transpose of {@code inShape} by {@code perm} (output dim i is input dim perm[i]) with size-1 dims dropped and
     * runs of input dims that stay adjacent and in order merged; null when that leaves one dim (the permutation
     * keeps row-major order: a copy, or a view).
     */
    public static WasmTransposeProblem of(int[] inShape, int[] perm) {
        int r = inShape.length;
        int[] inStride = new int[r];
        for (int i = r - 1, s = 1; i >= 0; i--) { inStride[i] = s; s *= inShape[i]; }
        int[] dims = new int[r], strides = new int[r];
        int n = 0;
        for (int i = 0; i < r; i++) {
            int d = inShape[perm[i]];
            if (d == 1) continue;
            int st = inStride[perm[i]];
            if (n > 0 && strides[n - 1] == st * d) { // this dim continues the previous one in input order
                dims[n - 1] *= d;
                strides[n - 1] = st;
            } else {
                dims[n] = d;
                strides[n] = st;
                n++;
            }
        }
        if (n <= 1) return null;
        return new WasmTransposeProblem(Arrays.copyOf(dims, n), Arrays.copyOf(strides, n));
    }

    /** Elements of one row (everything below output dim 0). */
    public int rowElements() {
        int e = 1;
        for (int l = 1; l < dims.length; l++) e *= dims[l];
        return e;
    }

    @Override public String key() { return "f32_d" + Arrays.toString(dims).replace(" ", "") + "_s"
            + Arrays.toString(strides).replace(" ", ""); }
}
