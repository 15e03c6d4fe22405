package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.MatmulProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.tune.TuningSites;
import dev.nnjit.ops.fused.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MatMul, Gemm and nnjit.FusedMatMul on the matmul generator (gemv when M = 1). Shapes follow ONNX: 1-D operands of
 * MatMul are promoted ([k] as A is [1, k]; as B, [k, 1]) and the promoted dims dropped from the output, which leaves
 * the same elements in the same order, so the kernel writes the output tensor as if it had the promoted shape.
 * A product over K = 0 is all zeros (plus Gemm's C): one elementwise fill, no matmul. A constant B too large for
 * one storage binding is split into column blocks whose products are concatenated.
 */
final class MatmulLowerings {
    private MatmulLowerings() {}

    static void register(LoweringTable t) {
        t.add("MatMul", MatmulLowerings::matmul);
        t.add("Gemm", MatmulLowerings::gemm);
        t.add("nnjit", "FusedMatMul", MatmulLowerings::fusedMatmul);
    }

    private static void matmul(NodeLowering n) {
        requireFloat(n, 0);
        int[] a = n.inShape(0);
        int[] b = n.inShape(1);
        int[] pa = a.length == 1 ? new int[] {1, a[0]} : a;
        int[] pb = b.length == 1 ? new int[] {b[0], 1} : b;
        if (n.constantTooLarge(1)) {
            if (b.length != 2) throw n.unsupported("a constant B too large for one binding must be 2-D");
            byColumnBlocks(n, pa, false, null, Activation.NONE);
            return;
        }
        emit(n, pa, pb, false, null, Activation.NONE);
    }

    /** nnjit.FusedMatMul(A, B, bias?), transB, activation: see dev.nnjit.ops.fused.FusedMatMulOp. */
    private static void fusedMatmul(NodeLowering n) {
        requireFloat(n, 0);
        boolean transB = n.op().attrInt("transB", 0) == 1;
        Activation kernelAct = Activation.of(n.op());
        if (n.constantTooLarge(1)) {
            if (n.inShape(1).length != 2) throw n.unsupported("a constant B too large for one binding must be 2-D");
            byColumnBlocks(n, n.inShape(0), transB, null, kernelAct);
            return;
        }
        emit(n, n.inShape(0), n.inShape(1), transB, n.hasInput(2) ? n.in(2) : null, kernelAct);
    }

    /** Gemm's parameters, or null for MatMul / FusedMatMul. */
    private record GemmArgs(int m, int k, boolean transA, float alpha, float beta, boolean hasC) {}

    /**
     * B a constant too large for one binding (a vocabulary-sized language-model head on a small adapter): N is
     * split into blocks of whole columns (rows of a transposed B), each block's product goes to a scratch tensor,
     * and the blocks are concatenated along the last axis. A bias (FusedMatMul's, Gemm's C) is sliced alike when it
     * varies along N; it must then be a constant.
     */
    private static void byColumnBlocks(NodeLowering n, int[] pa, boolean transB, GemmArgs gemm, Activation act) {
        int[] out = n.outShape(0);
        if (Wgsl.product(out) == 0) { n.out(0); return; }
        List<Integer> starts = new ArrayList<>();
        List<GpuTensor> blocks = n.chunks(1, transB ? 0 : 1, starts);
        boolean hasBias = gemm == null ? n.hasInput(2) : gemm.hasC();
        List<GpuTensor> parts = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            GpuTensor block = blocks.get(i);
            int nc = block.shape()[transB ? 0 : 1];
            int k = block.shape()[transB ? 1 : 0];
            GpuTensor bias = hasBias ? biasBlock(n, starts.get(i), nc) : null;
            MatmulProblem p;
            try {
                if (gemm != null) {
                    p = MatmulProblem.gemm(gemm.m(), nc, gemm.k(), gemm.transA(), transB, gemm.alpha(), gemm.beta(),
                            bias == null ? null : bias.shape());
                } else {
                    p = MatmulProblem.matmul(pa, new int[] {k, nc}).withTranspose(false, transB);
                    if (bias != null) p = p.withBias(Wgsl.atLeast1d(bias.shape()));
                    p = p.withActivation(act);
                }
            } catch (IllegalArgumentException e) {
                throw n.error(e.getMessage());
            }
            int[] partShape = out.clone();
            partShape[partShape.length - 1] = nc;
            GpuTensor part = n.scratch("columns_" + starts.get(i), n.outDType(0), partShape);
            if (bias == null) n.dispatch(TuningSites.matmul(p, n.limits(), n.features()), n.in(0), block, part);
            else n.dispatch(TuningSites.matmul(p, n.limits(), n.features()), n.in(0), block, bias, part);
            parts.add(part);
        }
        IndexingLowerings.concatParts(n, parts, out.length - 1, n.out(0));
    }

    /** The bias (input 2) for output columns [start, start + count): sliced when it varies along N. */
    private static GpuTensor biasBlock(NodeLowering n, int start, int count) {
        int[] s = n.inShape(2);
        int total = n.outShape(0)[n.outShape(0).length - 1];
        if (s.length == 0 || s[s.length - 1] == 1 || total == 1) return n.in(2);
        if (!n.isConstant(2)) {
            throw n.unsupported("a bias that varies along N must be a constant when B is split into column blocks");
        }
        return n.constantTensor("bias_" + start, ConstantChunks.slice(n.constant(2), s.length - 1, start, count));
    }

    /** C = act(A @ op(B) + bias) into output 0 (the activation as the kernel's epilogue). */
    private static void emit(NodeLowering n, int[] pa, int[] pb, boolean transB, GpuTensor bias, Activation act) {
        int[] out = n.outShape(0);
        if (Wgsl.product(out) == 0) { n.out(0); return; }
        int k = pa[pa.length - 1];
        if (k == 0) {
            zeroK(n, bias, act, 1f);
            return;
        }
        int[] pbUntransposed = pb;
        if (transB) {
            pbUntransposed = pb.clone();
            pbUntransposed[pb.length - 1] = pb[pb.length - 2];
            pbUntransposed[pb.length - 2] = pb[pb.length - 1];
        }
        MatmulProblem p;
        try {
            p = MatmulProblem.matmul(pa, pbUntransposed).withTranspose(false, transB);
            if (bias != null) p = p.withBias(Wgsl.atLeast1d(bias.shape()));
            p = p.withActivation(act);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
        if (bias == null) n.dispatch(TuningSites.matmul(p, n.limits(), n.features()), n.in(0), n.in(1), n.out(0));
        else n.dispatch(TuningSites.matmul(p, n.limits(), n.features()), n.in(0), n.in(1), bias, n.out(0));
    }

    /** Gemm: Y = alpha * op(A) @ op(B) + beta * C, A and B 2-D, C broadcast to (M, N). */
    private static void gemm(NodeLowering n) {
        requireFloat(n, 0);
        boolean transA = n.op().attrInt("transA", 0) == 1;
        boolean transB = n.op().attrInt("transB", 0) == 1;
        float alpha = n.op().attrFloat("alpha", 1f);
        float beta = n.op().attrFloat("beta", 1f);
        int[] a = n.inShape(0);
        int[] b = n.inShape(1);
        if (a.length != 2 || b.length != 2) throw n.error("A and B must be 2-D, got " + Arrays.toString(a) + " and "
                + Arrays.toString(b));
        int m = transA ? a[1] : a[0];
        int k = transA ? a[0] : a[1];
        int nn = transB ? b[0] : b[1];
        boolean hasC = n.hasInput(2) && beta != 0f;
        if ((long) m * nn == 0) { n.out(0); return; }
        if (k == 0) {
            zeroK(n, hasC ? n.in(2) : null, Activation.NONE, beta);
            return;
        }
        if (n.constantTooLarge(1)) {
            byColumnBlocks(n, null, transB, new GemmArgs(m, k, transA, alpha, beta, hasC), Activation.NONE);
            return;
        }
        MatmulProblem p;
        try {
            p = MatmulProblem.gemm(m, nn, k, transA, transB, alpha, beta, hasC ? n.inShape(2) : null);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
        if (hasC) n.dispatch(TuningSites.matmul(p, n.limits(), n.features()), n.in(0), n.in(1), n.in(2), n.out(0));
        else n.dispatch(TuningSites.matmul(p, n.limits(), n.features()), n.in(0), n.in(1), n.out(0));
    }

    /** The output of a product over an empty K: act(beta * bias), or 0 without bias, broadcast to the output. */
    private static void zeroK(NodeLowering n, GpuTensor bias, Activation act, float beta) {
        ElementwiseBuilder b = new ElementwiseBuilder(n, n.outShape(0));
        ElementwiseExpr v = bias == null ? ElementwiseExpr.f32(0)
                : ElementwiseExpr.mul(b.bind(bias), ElementwiseExpr.f32(beta));
        if (act != Activation.NONE) v = ElementwiseExpr.unary(act.op, v);
        b.emit(v, n.out(0));
    }

    private static void requireFloat(NodeLowering n, int i) {
        if (!n.inDType(i).isFloating()) throw n.unsupported("input " + i + " is " + n.inDType(i) + "; only float");
    }
}
