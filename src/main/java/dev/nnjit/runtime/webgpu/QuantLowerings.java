package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.IntMatmulKernel;
import dev.nnjit.codegen.IntMatmulProblem;
import dev.nnjit.codegen.MapFn;
import dev.nnjit.codegen.MapProblem;
import dev.nnjit.codegen.ReduceProblem;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.TuningSites;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 8/16-bit quantization: QuantizeLinear (round half to even of x / scale, plus the zero point, saturated to the
 * output type; the division is the GPU's f32 division, so a quotient within an ulp or two of a .5 tie can round the
 * other way than the reference), DequantizeLinear, DynamicQuantizeLinear (whole-tensor min/max reductions, then
 * scale and zero point on the GPU) and MatMulInteger (exact i32 arithmetic). Scale and zero point are per tensor or
 * per axis (a 1-D tensor along {@code axis}); blocked quantization is not supported.
 */
final class QuantLowerings {
    private QuantLowerings() {}

    static void register(LoweringTable t) {
        t.add("QuantizeLinear", QuantLowerings::quantize);
        t.add("DequantizeLinear", QuantLowerings::dequantize);
        t.add("DynamicQuantizeLinear", QuantLowerings::dynamicQuantize);
        t.add("MatMulInteger", QuantLowerings::matMulInteger);
    }

    /** [lo, hi] of an integer dtype the GPU carries in i32. */
    private static float[] range(NodeLowering n, DType t) {
        switch (t) {
            case UINT8: return new float[] {0, 255};
            case INT8: return new float[] {-128, 127};
            case UINT16: return new float[] {0, 65535};
            case INT16: return new float[] {-32768, 32767};
            default: throw n.unsupported("quantization to " + t);
        }
    }

    /** How a scale / zero-point tensor is read at every position of {@code shape}: per tensor, or along axis. */
    private static ElementwiseInput paramView(NodeLowering n, GpuTensor p, int[] shape) {
        int[] s = Wgsl.atLeast1d(shape);
        if (p.elements() == 1) return new ElementwiseInput(p.type(), new int[] {1}, 0, new int[s.length]);
        if (n.op().attrInt("block_size", 0) != 0) throw n.unsupported("blocked quantization (block_size)");
        if (p.rank() != 1) throw n.error("per-axis scale / zero point must be 1-D, got " + p.describe());
        int axis = ReductionLowerings.axis(n, n.op().attrInt("axis", 1), s.length);
        if (p.elements() != s[axis]) throw n.error("per-axis parameter " + p.describe() + " does not match axis " + axis
                + " of " + Arrays.toString(shape));
        int[] strides = new int[s.length];
        strides[axis] = 1;
        return new ElementwiseInput(p.type(), new int[] {(int) p.elements()}, 0, strides);
    }

    private static void quantize(NodeLowering n) {
        int[] shape = n.inShape(0);
        if (Wgsl.product(shape) == 0) { n.out(0); return; }
        if (!n.inDType(0).isFloating()) throw n.unsupported("input is " + n.inDType(0) + "; only float");
        DType to = n.outDType(0);
        float[] r = range(n, to);
        GpuTensor zp = n.inputCount() > 2 && n.hasInput(2) ? n.in(2)
                : n.constantTensor("zero_point", Tensor.ofLongs(to, new int[] {1}, new long[] {0}));
        quantizeInto(n, n.in(0), n.in(1), zp, paramView(n, n.in(1), shape), paramView(n, zp, shape), shape, r, n.out(0));
    }

    private static void quantizeInto(NodeLowering n, GpuTensor x, GpuTensor scale, GpuTensor zp, ElementwiseInput sv,
                                     ElementwiseInput zv, int[] shape, float[] range, GpuTensor out) {
        int[] s = Wgsl.atLeast1d(shape);
        MapProblem p = new MapProblem(MapFn.QUANTIZE, s, List.of(ElementwiseInput.broadcast(x.type(),
                Wgsl.atLeast1d(x.shape()), s), sv, zv), range);
        n.dispatch(TuningSites.map(p, n.limits(), n.features()), x, scale, zp, out);
    }

    private static void dequantize(NodeLowering n) {
        int[] shape = n.inShape(0);
        if (Wgsl.product(shape) == 0) { n.out(0); return; }
        int[] s = Wgsl.atLeast1d(shape);
        ElementwiseBuilder b = new ElementwiseBuilder(n, shape);
        ElementwiseExpr x = ElementwiseExpr.cast(b.bind(n.in(0)), ScalarType.F32);
        if (n.inputCount() > 2 && n.hasInput(2)) {
            x = ElementwiseExpr.sub(x, ElementwiseExpr.cast(b.bindView(n.in(2), paramView(n, n.in(2), s)), ScalarType.F32));
        }
        b.emit(ElementwiseExpr.mul(x, b.bindView(n.in(1), paramView(n, n.in(1), s))), n.out(0));
    }

    /**
     * y_scale = (max(0, max x) - min(0, min x)) / 255, y_zero_point = saturate(round(-min(0, min x) / y_scale)),
     * y = saturate(round(x / y_scale) + y_zero_point). A zero scale (x all zero) divides by 1 instead, which gives
     * the reference's zero point 0 and y 0.
     */
    private static void dynamicQuantize(NodeLowering n) {
        int[] shape = n.inShape(0);
        if (!n.inDType(0).isFloating()) throw n.unsupported("input is " + n.inDType(0) + "; only float");
        if (Wgsl.product(shape) == 0) throw n.unsupported("DynamicQuantizeLinear of an empty tensor");
        int[] s = Wgsl.atLeast1d(shape);
        int[] all = new int[s.length];
        for (int d = 0; d < s.length; d++) all[d] = d;
        int[] one = {1};
        GpuTensor lo = n.scratch("min", DType.FLOAT, one);
        GpuTensor hi = n.scratch("max", DType.FLOAT, one);
        n.dispatch(TuningSites.reduce(new ReduceProblem(ReduceProblem.Op.MIN, s, all), n.limits(), n.features()), n.in(0), lo);
        n.dispatch(TuningSites.reduce(new ReduceProblem(ReduceProblem.Op.MAX, s, all), n.limits(), n.features()), n.in(0), hi);
        GpuTensor scale = n.outputUsed(1) ? n.out(1) : n.scratch("scale", DType.FLOAT, new int[0]);
        ElementwiseBuilder b = new ElementwiseBuilder(n, one);
        ElementwiseExpr low = ElementwiseExpr.of(ElementwiseOp.MIN, b.bind(lo), ElementwiseExpr.f32(0));
        ElementwiseExpr high = ElementwiseExpr.of(ElementwiseOp.MAX, b.bind(hi), ElementwiseExpr.f32(0));
        b.emit(ElementwiseExpr.div(ElementwiseExpr.sub(high, low), ElementwiseExpr.f32(255)), scale);
        GpuTensor safe = n.scratch("divisor", DType.FLOAT, one);
        GpuTensor negLow = n.scratch("minus_min", DType.FLOAT, one);
        ElementwiseBuilder d = new ElementwiseBuilder(n, one);
        ElementwiseExpr sc = d.bind(scale);
        d.emit(ElementwiseExpr.where(ElementwiseExpr.of(ElementwiseOp.EQUAL, sc, ElementwiseExpr.f32(0)),
                ElementwiseExpr.f32(1), sc),
                safe);
        ElementwiseBuilder m = new ElementwiseBuilder(n, one);
        m.emit(ElementwiseExpr.unary(ElementwiseOp.NEG, ElementwiseExpr.of(ElementwiseOp.MIN, m.bind(lo),
                ElementwiseExpr.f32(0))), negLow);
        float[] range = {0, 255};
        GpuTensor zeroI = n.constantTensor("zero", Tensor.ofLongs(DType.UINT8, new int[] {1}, new long[] {0}));
        GpuTensor zp = n.outputUsed(2) ? n.out(2) : n.scratch("zero_point", DType.UINT8, new int[0]);
        ElementwiseInput scalar = new ElementwiseInput(ScalarType.F32, one, 0, new int[] {0});
        quantizeInto(n, negLow, safe, zeroI, scalar, new ElementwiseInput(ScalarType.I32, one, 0, new int[] {0}), one,
                range, zp);
        int[] zeros = new int[s.length];
        if (n.outputUsed(0)) {
            quantizeInto(n, n.in(0), safe, zp, new ElementwiseInput(ScalarType.F32, one, 0, zeros),
                    new ElementwiseInput(ScalarType.I32, one, 0, zeros), shape, range, n.out(0));
        }
    }

    private static void matMulInteger(NodeLowering n) {
        int[] a = n.inShape(0);
        int[] b = n.inShape(1);
        int[] out = n.outShape(0);
        if (Wgsl.product(out) == 0) { n.out(0); return; }
        int[] pa = a.length == 1 ? new int[] {1, a[0]} : a;
        int[] pb = b.length == 1 ? new int[] {b[0], 1} : b;
        int m = pa[pa.length - 2], k = pa[pa.length - 1], nn = pb[pb.length - 1];
        if (k == 0) throw n.unsupported("MatMulInteger over an empty K");
        int rank = Math.max(pa.length, pb.length) - 2;
        int[] batch = new int[rank];
        int[] sa = new int[rank], sb = new int[rank];
        long strideA = (long) m * k, strideB = (long) k * nn;
        for (int d = rank - 1; d >= 0; d--) {
            int da = d - (rank - (pa.length - 2));
            int db = d - (rank - (pb.length - 2));
            int ea = da >= 0 ? pa[da] : 1, eb = db >= 0 ? pb[db] : 1;
            batch[d] = Math.max(ea, eb);
            sa[d] = ea == 1 ? 0 : (int) strideA;
            sb[d] = eb == 1 ? 0 : (int) strideB;
            strideA *= ea;
            strideB *= eb;
        }
        List<GpuTensor> args = new ArrayList<>();
        args.add(n.in(0));
        args.add(n.in(1));
        int za = zeroPointKind(n, 2, m);
        int zb = zeroPointKind(n, 3, nn);
        if (za > 0) args.add(n.in(2));
        if (zb > 0) args.add(n.in(3));
        args.add(n.out(0));
        IntMatmulProblem p = new IntMatmulProblem(batch, sa, sb, m, nn, k, za, zb);
        n.dispatch(TuningSites.item(IntMatmulKernel.INSTANCE, p, n.limits(), n.features()),
                args.toArray(new GpuTensor[0]));
    }

    /** 0 without a zero point, 1 for a scalar, 2 for one per row of A / column of B (length {@code per}). */
    private static int zeroPointKind(NodeLowering n, int i, int per) {
        if (n.inputCount() <= i || !n.hasInput(i)) return 0;
        long e = n.in(i).elements();
        if (e == 1) return 1;
        if (e == per) return 2;
        throw n.unsupported("zero point " + n.in(i).describe() + " (only scalar or per row / column)");
    }
}
