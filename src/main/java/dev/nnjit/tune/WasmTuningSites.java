package dev.nnjit.tune;

import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.schedule.ScheduleConfig;
import dev.nnjit.wasm.kernels.WasmCpu;
import dev.nnjit.wasm.kernels.WasmGemmKernel;
import dev.nnjit.wasm.kernels.WasmGemmProblem;
import dev.nnjit.wasm.kernels.WasmGemmSpace;
import dev.nnjit.wasm.kernels.WasmGemvKernel;
import dev.nnjit.wasm.kernels.WasmGemvSpace;
import dev.nnjit.wasm.kernels.WasmKernelGenerator;
import dev.nnjit.wasm.kernels.WasmNormKernel;
import dev.nnjit.wasm.kernels.WasmNormProblem;
import dev.nnjit.wasm.kernels.WasmRowSpace;
import dev.nnjit.wasm.kernels.WasmSoftmaxKernel;
import dev.nnjit.wasm.kernels.WasmSoftmaxProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TuningSites} for the wasm-simd backend: the one place that turns a Wasm kernel problem into a
 * {@link TuningSite} over its space ({@code dev.nnjit.wasm.kernels.*Space}, index 0 today's default, derived from the
 * problem and the {@link WasmCpu}). Lowerings in {@code runtime.wasm} build a problem, ask here for its site and
 * hand it to their {@link ScheduleChooser}, as the WebGPU lowerings do; one tuner, cache and report serve both.
 *
 * <p>Site families are the generators' ("wasm_gemm", "wasm_gemv", "wasm_softmax", "wasm_norm"), persisted in
 * records like the GPU ones. Every site is checked: all candidates take the same tensors in the same order
 * ({@link TuningSite#bindingMismatch()}), so a program can swap a step's kernel without moving a tensor.
 */
public final class WasmTuningSites {
    private WasmTuningSites() {}

    /** A GEMM with more than one row of C (m = 1 is {@link #gemv}). */
    public static TuningSite<WasmGemmProblem> gemm(WasmGemmProblem p, WasmCpu cpu) {
        return site(WasmGemmKernel.INSTANCE, p, WasmGemmSpace.candidates(p, cpu));
    }

    /** A GEMM with one row (a decoder step, a pooled head): B streamed once. */
    public static TuningSite<WasmGemmProblem> gemv(WasmGemmProblem p, WasmCpu cpu) {
        return site(WasmGemvKernel.INSTANCE, p, WasmGemvSpace.candidates(p, cpu));
    }

    public static TuningSite<WasmSoftmaxProblem> softmax(WasmSoftmaxProblem p) {
        return site(WasmSoftmaxKernel.INSTANCE, p, WasmRowSpace.candidates(p.cols()));
    }

    /** LayerNormalization, RMSNormalization: one row per normalized row. */
    public static TuningSite<WasmNormProblem> norm(WasmNormProblem p) {
        return site(WasmNormKernel.INSTANCE, p, WasmRowSpace.candidates(p.cols()));
    }

    private static <C extends ScheduleConfig, P extends KernelProblem> TuningSite<P> site(WasmKernelGenerator<C, P> g,
                                                                                         P p, List<C> configs) {
        List<ScheduleCandidate<?, P>> list = new ArrayList<>();
        for (C c : configs) list.add(new ScheduleCandidate<>(g, c));
        TuningSite<P> site = new TuningSite<>(g.family(), p, list);
        String why = site.bindingMismatch();
        if (why != null) throw new IllegalStateException("internal error: candidates take different tensors: " + why);
        return site;
    }
}
