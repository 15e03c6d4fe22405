/**
 * CPU kernel generators emitting WebAssembly SIMD128 through {@link dev.nnjit.wasm}: the Wasm counterpart of
 * {@code dev.nnjit.codegen}. Each family is a stateless {@link dev.nnjit.wasm.kernels.WasmKernelGenerator} over an
 * immutable config record (a {@link dev.nnjit.schedule.ScheduleConfig}) and a problem record (a
 * {@link dev.nnjit.codegen.KernelProblem}); the cache key is family | problem key | config key. The configs live here,
 * beside their generators, rather than in {@code dev.nnjit.schedule}, whose legality rules are about GPU adapter
 * limits; a CPU schedule space (candidate lists, index 0 the default) is the next step.
 *
 * <p>Families: {@link dev.nnjit.wasm.kernels.WasmElementwiseKernel} (add, sub, mul, div, max, relu, exp, gelu,
 * silu), {@link dev.nnjit.wasm.kernels.WasmBroadcastKernel} (binary ops with a repeating second operand),
 * {@link dev.nnjit.wasm.kernels.WasmGemmKernel} (register-tiled, cache-blocked GEMM with a bias and activation
 * epilogue), {@link dev.nnjit.wasm.kernels.WasmGemvKernel} (m = 1) and
 * {@link dev.nnjit.wasm.kernels.WasmPanelGemvKernel} (m = 1 on the GEMM's packed B),
 * {@link dev.nnjit.wasm.kernels.WasmSoftmaxKernel} and {@link dev.nnjit.wasm.kernels.WasmNormKernel} (LayerNorm,
 * RMSNorm) over rows,
 * {@link dev.nnjit.wasm.kernels.WasmTransposeKernel}, {@link dev.nnjit.wasm.kernels.WasmCopyKernel} (strided row
 * copies: a Concat); activations are {@code VectorActivation}'s.
 * The ABI (one shared imported memory, byte offsets and a work range as i32 parameters) is described on
 * {@link dev.nnjit.wasm.kernels.WasmKernelGenerator}; the one exp is {@code VectorExp} (2 ulp).
 */
package dev.nnjit.wasm.kernels;
