package dev.nnjit.wasm.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * The schedule space of the row kernels ({@link WasmSoftmaxKernel}, {@link WasmNormKernel}: both take a
 * {@link WasmSoftmaxConfig}) as data, index 0 today's default: f32x4 vectors per iteration of each pass over a row.
 * Rule: a block wider than the row ({@code 4 * vectors > cols}) runs only the remainder loops, so it is left out.
 */
public final class WasmRowSpace {
    private WasmRowSpace() {}

    static final int[] VECTORS = {1, 2, 4, 8};

    /** @param cols the row length */
    public static List<WasmSoftmaxConfig> candidates(int cols) {
        List<WasmSoftmaxConfig> out = new ArrayList<>();
        out.add(WasmSoftmaxConfig.DEFAULT);
        for (int v : VECTORS) {
            if (v == WasmSoftmaxConfig.DEFAULT.vectors() || 4 * v > cols) continue;
            out.add(new WasmSoftmaxConfig(v));
        }
        return out;
    }
}
