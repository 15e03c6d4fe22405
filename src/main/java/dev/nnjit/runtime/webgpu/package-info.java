/**
 * The WebGPU backend: whole graphs run as kernels nnjit generates, with no per-op CPU fallback.
 *
 * <p>In pipeline order:
 * <ol>
 *   <li>{@link dev.nnjit.runtime.webgpu.GraphLowering} lowers a specialized (static-shape, folded, optionally fused)
 *       graph node by node through the {@link dev.nnjit.runtime.webgpu.LoweringTable} ({@code *Lowerings}: one file
 *       per op family) into a {@link dev.nnjit.runtime.webgpu.GpuProgram}: tensors and dispatches of
 *       {@link dev.nnjit.codegen.KernelInstance}s. Shape-only ops become views (no kernel, no memory). Limits are
 *       checked here, naming the tensor or kernel.</li>
 *   <li>{@link dev.nnjit.runtime.webgpu.BufferPlanner} assigns inputs and intermediates to reusable buffers by
 *       liveness.</li>
 *   <li>{@link dev.nnjit.runtime.webgpu.WebGpuExecutable} creates pipelines (cached by kernel key), buffers and bind
 *       groups once, uploads constants once, and runs: feeds written, one command buffer, requested outputs read
 *       back. A run takes its {@link dev.nnjit.runtime.RunOptions} and returns a {@link dev.nnjit.runtime.RunResult};
 *       profiled runs time kernels through {@link dev.nnjit.gpu.GpuTimer}.</li>
 * </ol>
 * Lowering and planning are plain Java, tested on the JVM; execution needs a browser ({@code dev.nnjit.gpu}).
 * GPU element types: f32 (float16 widened), i32 (every integer dtype; int64 range-checked on upload), bool as u32.
 */
package dev.nnjit.runtime.webgpu;
