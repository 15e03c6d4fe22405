package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.MatmulProblem;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.codegen.SoftmaxProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.ops.fused.Activation;
import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.ops.fused.ElementwiseProgram;
import dev.nnjit.tune.TuningSites;
import java.util.ArrayList;
import java.util.List;

/**
 * nnjit's fused ops (made by dev.nnjit.passes.fusion): FusedElementwise as one elementwise kernel (its program
 * translated instruction by instruction), SiLU, and Attention as scores = scale * Q @ K^T (+ mask), a softmax, and
 * probabilities @ V. Grouped-query attention needs no copies: Q's heads are seen as [B, Hk, G] batches and K's
 * group dim broadcast with stride 0. (FusedMatMul and RMSNormalization are lowered with their unfused families.)
 *
 * <p>The program translation goes through {@link ElementwiseBuilder} rather than the codegen's
 * {@code FusedElementwiseLowering.problem}: single-element constant inputs become literals (so a fused x^2 stays
 * x*x), and f32 constants WGSL cannot spell are bound as buffers.
 */
final class FusedLowerings {
    private FusedLowerings() {}

    static void register(LoweringTable t) {
        t.add("nnjit", "FusedElementwise", FusedLowerings::fusedElementwise);
        t.add("nnjit", "SiLU", n -> {
            if (Wgsl.product(n.outShape(0)) == 0) { n.out(0); return; }
            ElementwiseBuilder b = new ElementwiseBuilder(n, n.outShape(0));
            b.emit(ElementwiseExpr.unary(ElementwiseOp.SILU, b.operand(0)), n.out(0));
        });
        t.add("nnjit", "Attention", FusedLowerings::attention);
    }

    private static void fusedElementwise(NodeLowering n) {
        if (!(n.node().payload() instanceof ElementwiseProgram)) throw n.error("has no elementwise program payload");
        ElementwiseProgram program = (ElementwiseProgram) n.node().payload();
        int[] out = n.outShape(0);
        if (Wgsl.product(out) == 0) { n.out(0); return; }
        ElementwiseBuilder b = new ElementwiseBuilder(n, out);
        List<ElementwiseExpr> values = new ArrayList<>();
        try {
            for (ElementwiseProgram.Instr in : program.instrs()) values.add(translate(n, b, in, values));
        } catch (IllegalArgumentException e) {
            throw n.unsupported(e.getMessage());
        }
        b.emit(values.get(values.size() - 1), n.out(0));
    }

    private static ElementwiseExpr translate(NodeLowering n, ElementwiseBuilder b, ElementwiseProgram.Instr in,
                                             List<ElementwiseExpr> values) {
        switch (in.op()) {
            case INPUT: return b.operand(in.input());
            case CONST: return b.scalar(ElementwiseExpr.constant(in.constant(), ScalarType.of(in.type())));
            case CAST: return ElementwiseExpr.cast(values.get(in.arg(0)), ScalarType.of(in.type()));
            case POW:
                return ElementwiseExpr.of(ElementwiseOp.POW, values.get(in.arg(0)),
                        ElementwiseExpr.cast(values.get(in.arg(1)), ScalarType.F32));
            default: {
                ElementwiseExpr[] args = new ElementwiseExpr[in.args().size()];
                for (int i = 0; i < args.length; i++) args[i] = values.get(in.arg(i));
                return ElementwiseExpr.of(kernelOp(in.op()), args);
            }
        }
    }

    /** The same-named kernel op (a loop, not Enum.valueOf, which needs enum metadata under TeaVM). */
    private static ElementwiseOp kernelOp(ElementwiseOp op) {
        for (ElementwiseOp o : ElementwiseOp.values()) if (o.name().equals(op.name())) return o;
        throw new IllegalArgumentException("no elementwise kernel op for " + op);
    }

    /** See dev.nnjit.ops.fused.AttentionOp for the contract. */
    private static void attention(NodeLowering n) {
        int[] q = n.inShape(0);
        int[] k = n.inShape(1);
        int[] v = n.inShape(2);
        int batch = q[0], heads = q[1], sq = q[2], d = q[3];
        int hk = k[1], skv = k[2], hv = v[1], dv = v[3];
        if (Wgsl.product(n.outShape(0)) == 0) { n.out(0); return; }
        if (skv == 0 || d == 0) throw n.unsupported("attention over an empty key or head dimension");
        float scale = n.op().hasAttr("scale") ? n.op().attrFloat("scale", 1f) : (float) (1 / Math.sqrt(d));
        int g = heads / hk;
        int gv = heads / hv;
        int[] scoreShape = {batch, heads, sq, skv};

        MatmulProblem qk = new MatmulProblem(new int[] {batch, hk, g},
                new int[] {heads * sq * d, g * sq * d, sq * d}, new int[] {hk * skv * d, skv * d, 0},
                sq, skv, d, false, true, (long) batch * heads * sq * d, (long) batch * hk * skv * d, null, scale, 1f,
                Activation.NONE);
        GpuTensor scores = n.scratch("scores", n.outDType(0), scoreShape);
        n.dispatch(TuningSites.matmul(qk, n.limits(), n.features()), n.in(0), n.in(1), scores);
        if (n.hasInput(3)) {
            GpuTensor masked = n.scratch("masked_scores", n.outDType(0), scoreShape);
            ElementwiseBuilder b = new ElementwiseBuilder(n, scoreShape);
            b.emit(ElementwiseExpr.add(b.bind(scores), b.operand(3)), masked);
            scores = masked;
        }
        GpuTensor probs = n.scratch("probs", n.outDType(0), scoreShape);
        n.dispatch(TuningSites.softmax(SoftmaxProblem.lastAxis(batch * heads * sq, skv, false), n.limits(), n.features()), scores,
                probs);

        MatmulProblem pv = new MatmulProblem(new int[] {batch, hv, gv},
                new int[] {heads * sq * skv, gv * sq * skv, sq * skv}, new int[] {hv * skv * dv, skv * dv, 0},
                sq, dv, skv, false, false, (long) batch * heads * sq * skv, (long) batch * hv * skv * dv, null, 1f, 1f,
                Activation.NONE);
        n.dispatch(TuningSites.matmul(pv, n.limits(), n.features()), probs, n.in(2), n.out(0));
    }
}
