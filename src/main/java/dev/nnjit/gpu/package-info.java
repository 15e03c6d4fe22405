/**
 * The thin layer between nnjit and WebGPU (TeaVM's {@code org.teavm.jso.webgpu} bindings): device acquisition with
 * explicit limits, buffers and host staging, pipelines cached by kernel cache key, error scopes and device loss; and the
 * two measuring primitives everything above shares: {@link dev.nnjit.gpu.GpuTimer} (timestamp-query and submission
 * timing) and {@link dev.nnjit.gpu.GpuTransfer} (chunked upload, fill and readback).
 *
 * <p>Runs only in a browser (Wasm GC or JS build); it compiles on the JVM but every call needs {@code navigator.gpu}.
 * Contract at the boundary: a JS promise is never awaited raw from Java. {@link dev.nnjit.gpu.Settled} settles it
 * on the JS side into {@code {ok, value | error}} first, because a rejected promise awaited from Java hangs the Wasm
 * GC build and loses its message on the JS build. Every failure surfaces as a {@link dev.nnjit.gpu.GpuException}
 * whose message names what was being done.
 */
package dev.nnjit.gpu;
