package dev.nnjit.tune;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.CodeGenerator;
import dev.nnjit.codegen.KernelGenerator;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.schedule.ScheduleConfig;
import dev.nnjit.wasm.kernels.WasmKernelGenerator;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import java.util.List;

/**
 * One schedule a {@link TuningSite} may run: a generator (the algorithm, e.g. gemv or tiled matmul) and its config.
 * Its identity is {@link #key()}, "generator family:config key", never its index in a candidate list (spaces reorder
 * their candidates when defaults change; persisted decisions must survive that).
 *
 * <p>The generator emits WGSL ({@link KernelGenerator}: {@link #instance}, {@link #bindings}) or a Wasm module
 * ({@link WasmKernelGenerator}: {@link #wasmInstance}, {@link #params}); a site's candidates are all of one kind, as
 * its backend runs them. The tuner itself needs only {@link #key()} and {@link #codeChecksum}.
 */
public record ScheduleCandidate<C extends ScheduleConfig, P extends KernelProblem>(CodeGenerator<C, P> generator,
                                                                                 C config) {
    public ScheduleCandidate {
        if (generator == null || config == null) throw new IllegalArgumentException("generator and config are required");
        if (!(generator instanceof KernelGenerator) && !(generator instanceof WasmKernelGenerator)) {
            throw new IllegalArgumentException("a candidate's generator emits WGSL or Wasm: " + generator.family());
        }
    }

    /** "family:configKey", e.g. "gemv:wx64_k4_v4" or "matmul:t64x64x8_r8x8_v4_reg". */
    public String key() { return generator.family() + ":" + config.key(); }

    /** Whether this schedule is a Wasm kernel (the wasm-simd backend's) rather than WGSL. */
    public boolean wasm() { return generator instanceof WasmKernelGenerator; }

    /** The WGSL kernel this schedule generates for {@code problem}. */
    public KernelInstance instance(P problem) { return wgslGenerator().instance(config, problem); }

    /** The bindings this schedule's WGSL kernel would have for {@code problem}, without generating its WGSL. */
    public List<Binding> bindings(P problem) { return wgslGenerator().bindings(config, problem); }

    /** The Wasm kernel this schedule generates for {@code problem}, importing a shared memory or not. */
    public WasmKernelInstance wasmInstance(P problem, boolean sharedMemory) {
        return wasmGenerator().instance(config, problem, sharedMemory);
    }

    /** The generated kernel's cache key (family, problem, config), without generating it. */
    public String cacheKey(P problem) { return generator.cacheKey(config, problem); }

    /** Scratch bytes one call of the Wasm kernel needs (0: none), without generating the module. */
    public int workspaceBytes(P problem) { return wasmGenerator().workspaceBytes(config, problem); }

    /** The Wasm kernel's entry parameters (its ABI), without generating the module. */
    public List<String> params(P problem) { return wasmGenerator().params(config, problem); }

    /**
     * A {@link Checksum} of the code this schedule generates for {@code problem} (the WGSL text, or the Wasm bytes of
     * the shared-memory module): tuning records store the winner's, so a changed generator invalidates them.
     */
    public String codeChecksum(P problem) {
        if (!wasm()) return Checksum.of(instance(problem).wgsl());
        return Checksum.of(wasmInstance(problem, true).wasm());
    }

    private KernelGenerator<C, P> wgslGenerator() {
        if (generator instanceof KernelGenerator<C, P> g) return g;
        throw new IllegalStateException(key() + " is a Wasm kernel, not WGSL");
    }

    private WasmKernelGenerator<C, P> wasmGenerator() {
        if (generator instanceof WasmKernelGenerator<C, P> g) return g;
        throw new IllegalStateException(key() + " is a WGSL kernel, not Wasm");
    }
}
