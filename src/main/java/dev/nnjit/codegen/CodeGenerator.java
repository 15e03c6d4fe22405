package dev.nnjit.codegen;

import dev.nnjit.schedule.ScheduleConfig;

/**
 * What every stateless kernel generator shares, whatever code it emits: WGSL ({@link KernelGenerator}, the WebGPU
 * backend) or a WebAssembly module ({@code dev.nnjit.wasm.kernels.WasmKernelGenerator}, the wasm-simd backend). A
 * tuning site's candidates are (generator, config) pairs of either kind, so one tuner, cache and report serve both.
 *
 * @param <C> the schedule record
 * @param <P> the problem record
 */
public interface CodeGenerator<C extends ScheduleConfig, P extends KernelProblem> {

    /** Family name, the first part of every cache key and of every candidate key. */
    String family();

    default String cacheKey(C config, P problem) {
        return family() + "|" + problem.key() + "|" + config.key();
    }
}
