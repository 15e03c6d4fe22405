package dev.nnjit.wasm.kernels;

import dev.nnjit.codegen.CodeGenerator;
import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.schedule.ScheduleConfig;
import dev.nnjit.wasm.WasmModule;
import java.util.List;

/**
 * A stateless generator of one CPU kernel family as a WebAssembly module: the module is a pure function of an
 * immutable schedule config and an immutable problem record, like {@link dev.nnjit.codegen.KernelGenerator} for WGSL
 * (same {@link ScheduleConfig}/{@link KernelProblem} contracts, so the cache key is derived from the records).
 *
 * <p>The kernel ABI, shared by every family: the module imports one shared {@code env.memory} (all tensors live in
 * that one linear memory) and exports one function {@link #ENTRY} whose parameters are all i32: byte offsets of the
 * tensors and of a scratch workspace, then a half-open range of rows (or columns, or elements) to compute, so that
 * Web Workers sharing the memory can each take a range. It returns nothing and writes only its outputs' range and its
 * own workspace.
 */
public interface WasmKernelGenerator<C extends ScheduleConfig, P extends KernelProblem> extends CodeGenerator<C, P> {
    String ENTRY = "main";

    WasmModule module(C config, P problem);

    /** Names of the entry function's i32 parameters, in order (as {@link KernelAbi} declares them). */
    List<String> params(C config, P problem);

    /** Bytes of scratch memory one call needs at its {@code workspace} parameter (16-byte aligned), or 0. */
    default int workspaceBytes(C config, P problem) { return 0; }

    default WasmKernelInstance instance(C config, P problem) { return instance(config, problem, true); }

    /**
     * The kernel for a memory that is shared (Workers, cross-origin isolated pages) or not (one thread); the code is
     * the same, only the memory import's flag differs, and so does the cache key.
     */
    default WasmKernelInstance instance(C config, P problem, boolean sharedMemory) {
        return new WasmKernelInstance(family(), cacheKey(config, problem) + (sharedMemory ? "" : "|unshared"),
                module(config, problem).shareMemory(sharedMemory).encode(), params(config, problem),
                workspaceBytes(config, problem));
    }
}
