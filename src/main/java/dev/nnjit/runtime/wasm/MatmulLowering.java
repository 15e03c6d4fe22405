package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.fused.Activation;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.wasm.kernels.WasmGemmConfig;
import dev.nnjit.wasm.kernels.WasmGemmKernel;
import dev.nnjit.wasm.kernels.WasmGemmProblem;
import dev.nnjit.wasm.kernels.WasmGemvConfig;
import dev.nnjit.wasm.kernels.WasmGemvKernel;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import dev.nnjit.wasm.kernels.WasmPanelGemvConfig;
import dev.nnjit.wasm.kernels.WasmPanelGemvKernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * ({@link PanelPacking}; a transposed one straight from B^T), so runs never pack weights and a model's plans for
 * m = 1 (decoding a token: {@link WasmPanelGemvKernel} on the same panels) and m > 1 (a prompt) share one copy;
 * threads then split C's columns at whole panels where B is at least as wide as A is tall ({@link #splitColumns}),
 * and always for the GEMV.
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
        WasmGemmConfig gemm = WasmGemmConfig.defaultFor(b.relaxedSimd());
        boolean packB = foldBatch && vb.isConstant();
        MemTensor bm = packB ? b.laidOutConstant(vb, new PanelPacking(k, nn, gemm.nr(), transB))
                : transB ? b.laidOutConstant(vb, TransposedLayout.INSTANCE) : b.in(vb);
        boolean columns = packB && rows > 1 && splitColumns(rows, nn);
        WasmGemmProblem problem = new WasmGemmProblem(rows, nn, k, bias != null, act, packB);
        WasmKernelInstance kernel = rows > 1 ? b.kernel(WasmGemmKernel.INSTANCE, gemm.withSplitColumns(columns), problem)
                : packB ? b.kernel(WasmPanelGemvKernel.INSTANCE, WasmPanelGemvConfig.forPanels(gemm.nr()), problem)
                : b.kernel(WasmGemvKernel.INSTANCE, WasmGemvConfig.DEFAULT, problem);
        List<KernelCall> calls = new ArrayList<>();
        if (columns || (packB && rows == 1)) { // whole panels per thread
            calls.add(new KernelCall(kernel, args(a, 0, bm, 0, bias, y, 0, rows == 1, nn), gemm.nr()));
        } else if (foldBatch) {
            calls.add(call(kernel, a, 0, bm, 0, bias, y, 0, rows, nn));
        } else {
            int[] ia = Broadcasting.indexMap(batchA, batch), ib = Broadcasting.indexMap(batchB, batch);
            for (int z = 0; z < count; z++) {
                calls.add(call(kernel, a, 4L * ia[z] * m * k, bm, 4L * ib[z] * k * nn, bias, y, 4L * z * m * nn, rows, nn));
            }
        }
        List<MemTensor> reads = new ArrayList<>(List.of(a, bm));
        if (bias != null) reads.add(bias);
        b.kernelStep(n, calls, reads, List.of(y), kernel.family());
        return null;
    }

    /**
     * Whether threads split the GEMM's columns rather than its rows: where B (k x n) is at least as large as A
     * (m x k), so that each thread reads its own part of the larger operand (with M = 16 tokens and a 768 x 3072
     * weight, a row split would have both threads read all of B).
     */
    static boolean splitColumns(int m, int n) { return n >= m; }

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
