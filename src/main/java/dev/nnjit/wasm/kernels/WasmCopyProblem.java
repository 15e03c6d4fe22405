package dev.nnjit.wasm.kernels;

import dev.nnjit.codegen.KernelProblem;

/**
 * A strided copy of f32 rows: row r's {@code cols} floats from {@code src + r * srcStride} to {@code dst + r *
 * dstStride} (strides in floats), rows split across calls. One input of a Concat is such a copy into its slice of
 * the output (cols = its extent along the axis times the inner size, dstStride the output's).
 */
public record WasmCopyProblem(int cols, int srcStride, int dstStride) implements KernelProblem {
    public WasmCopyProblem {
        if (cols <= 0 || srcStride < cols || dstStride < cols) {
            throw new IllegalArgumentException("a copy needs 0 < cols <= both strides: cols=" + cols + " srcStride="
                    + srcStride + " dstStride=" + dstStride);
        }
    }

    @Override public String key() { return "c" + cols + "_s" + srcStride + "_d" + dstStride; }
}
