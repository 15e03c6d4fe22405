package dev.nnjit.runtime.wasm;

import dev.nnjit.wasm.kernels.WasmGemmKernel;

/**
 * How a constant GEMM operand B is laid out in memory when the kernel reads it packed
 * ({@link dev.nnjit.wasm.kernels.WasmGemmProblem#packedB}): {@link WasmGemmKernel#packB}'s nr-column panels, packed
 * once when the constant is first copied into the model's memory, so no run packs weights again. The GEMM (m > 1)
 * and the panel GEMV (m = 1, {@link dev.nnjit.wasm.kernels.WasmPanelGemvKernel}) read the same panels, so every plan
 * of a model shares one packed copy.
 *
 * @param transposed the constant holds B^T (n,k) (a Gemm's transB weight), else B (k,n)
 */
record PanelPacking(int k, int n, int nr, boolean transposed) implements ConstantLayout {
    /** The memory tensor's shape: panels x k x nr floats. */
    @Override public int[] shape(int[] constantShape) { return new int[] {(n + nr - 1) / nr, k, nr}; }

    @Override public float[] lay(float[] data, int[] shape) { return WasmGemmKernel.packB(data, k, n, nr, transposed); }

    @Override public String suffix() { return "@panels" + nr + (transposed ? "T" : ""); }
}
