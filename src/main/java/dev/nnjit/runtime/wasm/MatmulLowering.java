package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.fused.Activation;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.TuningSite;
import dev.nnjit.tune.WasmTuningSites;
import dev.nnjit.wasm.kernels.WasmGemmConfig;
import dev.nnjit.wasm.kernels.WasmGemmKernel;
import dev.nnjit.wasm.kernels.WasmGemmProblem;
import dev.nnjit.wasm.kernels.WasmGemmSpace;
import dev.nnjit.wasm.kernels.WasmGemvKernel;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import dev.nnjit.wasm.kernels.WasmPanelGemvConfig;
import dev.nnjit.wasm.kernels.WasmPanelGemvKernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * MatMul, Gemm (transA 0, alpha 1, beta 1 or no C, C a vector of N) and nnjit.FusedMatMul as {@link WasmGemmKernel}
 * (or a GEMV when all rows together are one: {@link WasmPanelGemvKernel} on a packed weight, else
 * {@link WasmGemvKernel}), bias and activation in the kernel's epilogue.
 * <pre>
 *   Y [..., M, N] = act(A [..., M, K] @ B' [..., K, N] + bias [N])
 * </pre>
 * Batches: when B has no batch (or a batch of one) and A's batch is the output's, the batch folds into M (one call);
 * otherwise one call per batch element, with A's and B's slices found by broadcasting. A transposed B must be a
 * constant: it is transposed once at compile time (the kernels read B row-major).
 *
 * <p>A constant B (a weight) of a GEMM or GEMV in one call is copied in already packed into the GEMM's panels
 * ({@link PanelPacking}, nr of the default GEMM; a transposed one straight from B^T), so runs never pack weights and
 * a model's plans for m = 1 (decoding a token: {@link WasmPanelGemvKernel} on the same panels) and m > 1 (a prompt)
 * share one copy; threads split a GEMM's C by columns at whole panels where B is at least as wide as A is tall
 * ({@link WasmGemmSpace#splitColumns}), and the panel GEMV always.
 *
 * <p>A GEMM's schedule (config, thread split axis; every candidate of a packed-B site keeps the packing's nr), and a
 * row-major GEMV's, is chosen at the step's {@link TuningSite} ({@link WasmTuningSites}) by the program's chooser;
 * the step keeps how to build its calls for every candidate, so a tuned winner can be swapped in between runs
 * ({@link TunedStep}). The panel GEMV has one schedule: the packing fixes it.
 */
final class MatmulLowering implements WasmLowering {
    @Override public String lower(Node n, ProgramBuilder b) {
        OpContext ctx = OpContext.forNode(n);
        Value va = n.input(0), vb = n.input(1), vbias = null;
        boolean transB;
        Activation act = Activation.NONE;
        switch (n.opType()) {
            case "MatMul":
                transB = false;
                break;
            case "Gemm":
                if (ctx.attrInt("transA", 0) != 0) return "Gemm with transA";
                if (ctx.attrFloat("alpha", 1f) != 1f) return "Gemm with alpha != 1";
                transB = ctx.attrInt("transB", 0) != 0;
                vbias = n.input(2);
                if (vbias != null && ctx.attrFloat("beta", 1f) != 1f) return "Gemm with beta != 1";
                break;
            default: // FusedMatMul
                transB = ctx.attrInt("transB", 0) != 0;
                vbias = n.input(2);
                act = Activation.of(ctx);
        }
        if (!ProgramBuilder.readable(va) || !ProgramBuilder.readable(vb)) return "an operand is not a static f32 tensor";
        if (!ProgramBuilder.inMemory(n.output(0))) return "the output is not a static f32 tensor";
        if (vbias != null && !ProgramBuilder.readable(vbias)) return "the bias is not a static f32 tensor";
        if (!WasmGemmProblem.supports(act)) return "no " + act.attr + " epilogue in the wasm GEMM yet";
        int[] sa = ProgramBuilder.dims(va), sb = ProgramBuilder.dims(vb), sy = ProgramBuilder.dims(n.output(0));
        if (sa.length < 2 || sb.length < 2) return "a rank-1 operand";
        if (transB && !vb.isConstant()) return "a transposed B that is not a constant";
        int m = sa[sa.length - 2], k = sa[sa.length - 1], nn = sy[sy.length - 1];
        if (vbias != null) {
            int[] sc = ProgramBuilder.dims(vbias);
            int size = 1;
            for (int d : sc) size *= d;
            if (size != nn || (sc.length == 2 && sc[0] != 1) || sc.length > 2) return "a bias that is not a vector of N";
        }
        int[] batchA = Arrays.copyOf(sa, sa.length - 2), batchB = Arrays.copyOf(sb, sb.length - 2);
        int[] batch = Arrays.copyOf(sy, sy.length - 2);
        int count = Tensor.checkedSize(batch, "batch");
        boolean foldBatch = Tensor.checkedSize(batchB, "batch") == 1 && Arrays.equals(batch, batchA);

        MemTensor a = b.in(va);
        MemTensor bias = vbias == null ? null : b.in(vbias);
        MemTensor y = b.out(n.output(0));
        int rows = foldBatch ? count * m : m;
        boolean packB = foldBatch && vb.isConstant();
        // one packing per weight for every plan: the default GEMM's nr, which every candidate of a packed-B GEMM site
        // keeps (WasmGemmSpace) and the panel GEMV reads
        int nr = WasmGemmConfig.defaultFor(b.relaxedSimd()).nr();
        MemTensor bm = packB ? b.laidOutConstant(vb, new PanelPacking(k, nn, nr, transB))
                : transB ? b.laidOutConstant(vb, TransposedLayout.INSTANCE) : b.in(vb);
        WasmGemmProblem problem = new WasmGemmProblem(rows, nn, k, bias != null, act, packB);
        List<MemTensor> reads = new ArrayList<>(List.of(a, bm));
        if (bias != null) reads.add(bias);
        if (rows == 1 && packB) { // decoding: the panel GEMV over the packed weight, whole panels per thread
            WasmKernelInstance kernel = b.kernel(WasmPanelGemvKernel.INSTANCE, WasmPanelGemvConfig.forPanels(nr), problem);
            b.kernelStep(n, List.of(new KernelCall(kernel, args(a, 0, bm, 0, bias, y, 0, true, nn), nr)), reads,
                    List.of(y), kernel.family());
            return null;
        }
        TuningSite<WasmGemmProblem> site = rows == 1 ? WasmTuningSites.gemv(problem, b.cpu())
                : WasmTuningSites.gemm(problem, b.cpu());
        Function<String, List<KernelCall>> callsFor = key -> {
            WasmKernelInstance kernel = b.kernel(site, key);
            List<KernelCall> calls = new ArrayList<>();
            if (rows > 1 && gemm(site, key).splitColumns()) {
                calls.add(new KernelCall(kernel, args(a, 0, bm, 0, bias, y, 0, false, nn), gemm(site, key).nr()));
            } else if (foldBatch) {
                calls.add(call(kernel, a, 0, bm, 0, bias, y, 0, rows, nn));
            } else {
                int[] ia = Broadcasting.indexMap(batchA, batch), ib = Broadcasting.indexMap(batchB, batch);
                for (int z = 0; z < count; z++) {
                    calls.add(call(kernel, a, 4L * ia[z] * m * k, bm, 4L * ib[z] * k * nn, bias, y, 4L * z * m * nn,
                            rows, nn));
                }
            }
            return calls;
        };
        b.tunedStep(n, reads, List.of(y), new TunedStep(site, b.chooser().choose(site), callsFor,
                maxWorkspaceBytes(site)));
        return null;
    }

    /** The GEMM schedule of candidate {@code key} (a wasm_gemm site's). */
    private static WasmGemmConfig gemm(TuningSite<WasmGemmProblem> site, String key) {
        return (WasmGemmConfig) site.candidate(key).config();
    }

    /** The largest workspace any candidate of the site needs (the memory plan reserves it, so winners fit). */
    static int maxWorkspaceBytes(TuningSite<?> site) {
        int max = 0;
        for (String key : site.keys()) max = Math.max(max, site.workspaceBytes(key));
        return max;
    }

    /** One call over all rows (GEMM) or all columns (GEMV). */
    private static KernelCall call(WasmKernelInstance kernel, MemTensor a, long da, MemTensor bm, long db,
                                   MemTensor bias, MemTensor y, long dy, int rows, int cols) {
        boolean gemv = rows == 1;
        return new KernelCall(kernel, args(a, da, bm, db, bias, y, dy, gemv, gemv ? cols : rows));
    }

    /** The arguments of a call whose work range is [0, rangeEnd); a GEMM takes a workspace, a GEMV none. */
    private static List<KernelCall.Arg> args(MemTensor a, long da, MemTensor bm, long db, MemTensor bias, MemTensor y,
                                             long dy, boolean gemv, int rangeEnd) {
        List<KernelCall.Arg> args = new ArrayList<>();
        args.add(KernelCall.Arg.of(a, da));
        args.add(KernelCall.Arg.of(bm, db));
        if (bias != null) args.add(KernelCall.Arg.of(bias));
        args.add(KernelCall.Arg.of(y, dy));
        if (!gemv) args.add(KernelCall.Arg.scratch());
        args.add(KernelCall.Arg.value(0));
        args.add(KernelCall.Arg.value(rangeEnd));
        return args;
    }
}
