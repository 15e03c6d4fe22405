/**
 * The wasm-simd backend: whole graphs on the CPU as WebAssembly SIMD kernels nnjit generates
 * ({@code dev.nnjit.wasm.kernels}), the nodes without a kernel on their plain-Java reference ops, all in one
 * {@code WebAssembly.Memory} per model, which every plan of the model (one per input-shape set) shares.
 *
 * <p>In pipeline order:
 * <ol>
 *   <li>{@link dev.nnjit.runtime.wasm.WasmGraphLowering} lowers a specialized graph (after
 *       {@code PassPipeline.cpuKernels}: norms, GELU/SiLU, matmul epilogues fused) node by node through the
 *       {@link dev.nnjit.runtime.wasm.WasmLoweringTable} into a {@link dev.nnjit.runtime.wasm.WasmProgram}: kernel
 *       steps (generated modules and their calls), views (no step), and reference steps with the reason the node has
 *       no kernel. Every non-constant f32 value lives in memory; integer and bool values stay Java tensors.</li>
 *   <li>{@link dev.nnjit.runtime.wasm.MemoryPlan} lays the plan out in the model's memory
 *       ({@link dev.nnjit.runtime.wasm.ModelMemory}): kernel-read constants once per model, at one address for
 *       every plan (a matmul's constant B in the GEMM's packed panels, {@link dev.nnjit.runtime.wasm.PanelPacking},
 *       which the m = 1 GEMV reads too), its own control words, and inputs, intermediates (slots shared by liveness,
 *       {@link dev.nnjit.runtime.LivenessSlots}) and a workspace per thread in the activation area the model's plans
 *       reuse.</li>
 *   <li>{@link dev.nnjit.runtime.wasm.WasmSimdExecutable} copies in the constants no earlier plan did (packing
 *       those that say so),
 *       compiles each module once per page
 *       ({@link dev.nnjit.runtime.wasm.KernelModules}), starts the threads
 *       ({@link dev.nnjit.runtime.wasm.KernelThreads}: the page plus Web Workers on a shared memory) and runs steps
 *       in order; its {@link dev.nnjit.runtime.wasm.WasmSimdReport} says which node ran where, and what the compile
 *       spent in each phase.</li>
 * </ol>
 * Lowering and planning are plain Java; running needs a JavaScript engine (browser, or Node with the JS build).
 */
package dev.nnjit.runtime.wasm;
