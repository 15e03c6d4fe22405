package dev.nnjit.runtime.wasm;

import dev.nnjit.tensor.Tensor;
import dev.nnjit.wasm.kernels.WasmGemmKernel;

/**
 * How a constant GEMM operand B is laid out in memory when the kernel reads it packed
 * ({@link dev.nnjit.wasm.kernels.WasmGemmProblem#packedB}): {@link WasmGemmKernel#packB}'s nr-column panels, packed
 * once when the constant is copied in, so no run packs weights again.
 *
 * @param transposed the constant holds B^T (n,k) (a Gemm's transB weight), else B (k,n)
 */
record PanelPacking(int k, int n, int nr, boolean transposed) {
    /** The memory tensor's shape: panels x k x nr floats. */
    int[] shape() { return new int[] {(n + nr - 1) / nr, k, nr}; }

    /** The bytes to copy in for {@code constant} (made when copied, not kept). */
    float[] pack(Tensor constant) { return WasmGemmKernel.packB(constant.floats(), k, n, nr, transposed); }

    String suffix() { return "@panels" + nr + (transposed ? "T" : ""); }
}
