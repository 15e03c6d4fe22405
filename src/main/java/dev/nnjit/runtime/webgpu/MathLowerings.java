package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.MapFn;
import dev.nnjit.codegen.MapKernel;
import dev.nnjit.codegen.MapProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.tensor.DType;
import dev.nnjit.tune.TuningSites;
import java.util.ArrayList;
import java.util.List;

/**
 * Elementwise ONNX ops outside the fused-elementwise operator set, one {@link MapKernel} each: trigonometric and
 * hyperbolic functions, Round, Sign, IsNaN/IsInf, the activations Elu, Celu, Selu, Softplus, Softsign, Mish,
 * HardSwish, ThresholdedRelu and Shrink, Mod, BitShift and Bitwise*, with multidirectional broadcasting.
 *
 * <p>It also widens three ops whose main lowering lives in {@link ElementwiseLowerings}, by wrapping it (so that
 * file stays the one place for their common cases): Pow with an integer base (exact integer powers), Cast to
 * float16/bfloat16 (rounded to the 16-bit format on the GPU, carried as f32), and CastLike (Cast to the type of
 * its second input), each through {@link LoweringTable#wrap}.
 */
final class MathLowerings {
    private MathLowerings() {}

    static void register(LoweringTable t) {
        floatUnary(t, "Sin", MapFn.SIN);
        floatUnary(t, "Cos", MapFn.COS);
        floatUnary(t, "Tan", MapFn.TAN);
        floatUnary(t, "Asin", MapFn.ASIN);
        floatUnary(t, "Acos", MapFn.ACOS);
        floatUnary(t, "Atan", MapFn.ATAN);
        floatUnary(t, "Sinh", MapFn.SINH);
        floatUnary(t, "Cosh", MapFn.COSH);
        floatUnary(t, "Asinh", MapFn.ASINH);
        floatUnary(t, "Acosh", MapFn.ACOSH);
        floatUnary(t, "Atanh", MapFn.ATANH);
        floatUnary(t, "Round", MapFn.ROUND);
        floatUnary(t, "Softplus", MapFn.SOFTPLUS);
        floatUnary(t, "Softsign", MapFn.SOFTSIGN);
        floatUnary(t, "Mish", MapFn.MISH);
        floatUnary(t, "HardSwish", MapFn.HARD_SWISH);
        floatUnary(t, "IsNaN", MapFn.IS_NAN);
        t.add("IsInf", n -> map(n, MapFn.IS_INF, n.op().attrInt("detect_positive", 1) != 0 ? 1f : 0f,
                n.op().attrInt("detect_negative", 1) != 0 ? 1f : 0f));
        t.add("Elu", n -> map(n, MapFn.ELU, n.op().attrFloat("alpha", 1f)));
        t.add("Celu", n -> {
            float alpha = n.op().attrFloat("alpha", 1f);
            if (alpha == 0) throw n.error("attribute 'alpha' must be non-zero");
            map(n, MapFn.CELU, alpha);
        });
        t.add("Selu", n -> map(n, MapFn.SELU, n.op().attrFloat("alpha", 1.67326319217681884765625f),
                n.op().attrFloat("gamma", 1.05070102214813232421875f)));
        t.add("ThresholdedRelu", n -> map(n, MapFn.THRESHOLDED_RELU, n.op().attrFloat("alpha", 1f)));
        t.add("Shrink", n -> map(n, MapFn.SHRINK, n.op().attrFloat("lambd", 0.5f), n.op().attrFloat("bias", 0f)));
        t.add("Sign", n -> map(n, MapFn.SIGN));
        t.add("Mod", MathLowerings::mod);
        t.add("BitShift", MathLowerings::bitShift);
        t.add("BitwiseAnd", n -> map(n, MapFn.BIT_AND));
        t.add("BitwiseOr", n -> map(n, MapFn.BIT_OR));
        t.add("BitwiseXor", n -> map(n, MapFn.BIT_XOR));
        t.add("BitwiseNot", n -> map(n, MapFn.BIT_NOT, unsignedBits(n.inDType(0))));
        wrapPow(t);
        wrapCast(t);
    }

    private static void floatUnary(LoweringTable t, String op, MapFn fn) {
        t.add(op, n -> {
            if (!n.inDType(0).isFloating()) throw n.unsupported("input is " + n.inDType(0) + "; only float inputs");
            map(n, fn);
        });
    }

    /** Output 0 = fn over every input, broadcast to the output shape. */
    static void map(NodeLowering n, MapFn fn, float... params) { map(n, n.inputCount(), fn, params); }

    /** Output 0 = fn over the first {@code operands} inputs, broadcast to the output shape. */
    static void map(NodeLowering n, int operands, MapFn fn, float... params) {
        int[] out = n.outShape(0);
        if (Wgsl.product(out) == 0) { n.out(0); return; }
        int[] o = Wgsl.atLeast1d(out);
        List<ElementwiseInput> views = new ArrayList<>();
        GpuTensor[] args = new GpuTensor[operands + 1];
        for (int i = 0; i < operands; i++) {
            GpuTensor x = n.in(i);
            if (x.isEmpty()) { n.out(0); return; }
            views.add(ElementwiseInput.broadcast(x.type(), Wgsl.atLeast1d(x.shape()), o));
            args[i] = x;
        }
        args[operands] = n.out(0);
        MapProblem p;
        try {
            p = new MapProblem(fn, o, views, params);
        } catch (IllegalArgumentException e) {
            throw n.unsupported(e.getMessage());
        }
        if (p.outType() != n.out(0).type()) {
            throw n.error("internal error: " + fn + " gives " + p.outType() + " for output " + n.out(0));
        }
        n.dispatch(TuningSites.map(p, n.limits(), n.features()), args);
    }

    /** Mod: fmod=1 is C's remainder (floats must use it), fmod=0 Python's (integers). */
    private static void mod(NodeLowering n) {
        boolean fmod = n.op().attrInt("fmod", 0) == 1;
        if (n.inDType(0).isFloating()) {
            if (!fmod) throw n.error("Mod on " + n.inDType(0) + " requires attribute fmod=1");
            map(n, MapFn.FMOD);
        } else {
            map(n, fmod ? MapFn.FMOD : MapFn.MOD);
        }
    }

    private static void bitShift(NodeLowering n) {
        String dir = n.op().attrString("direction", "");
        DType d = n.inDType(0);
        float bits = unsignedBits(d);
        if (bits == 0) throw n.unsupported("BitShift on " + d + " (ONNX defines it for unsigned integers)");
        if (dir.equals("LEFT")) map(n, MapFn.SHIFT_LEFT, bits);
        else if (dir.equals("RIGHT")) map(n, MapFn.SHIFT_RIGHT);
        else throw n.error("attribute 'direction' must be LEFT or RIGHT, got '" + dir + "'");
    }

    /** The width of an unsigned integer dtype the GPU carries in i32, else 0. */
    private static float unsignedBits(DType d) {
        switch (d) {
            case UINT8: return 8;
            case UINT16: return 16;
            default: return 0;
        }
    }

    /** Pow with an integer base: exact integer powers (see MapFn.POW_INT_FLOAT_EXP); float bases as before. */
    private static void wrapPow(LoweringTable t) {
        t.wrap("Pow", base -> n -> {
            if (n.inDType(0).isFloating()) {
                base.lower(n);
                return;
            }
            if (n.inDType(0) == DType.BOOL) throw n.unsupported("Pow on bool");
            map(n, n.inDType(1).isFloating() ? MapFn.POW_INT_FLOAT_EXP : MapFn.POW_INT);
        });
    }

    private static int narrowBits(DType d) {
        switch (d) {
            case INT8: case UINT8: return 8;
            case INT16: case UINT16: return 16;
            default: return 0;
        }
    }

    /** Whether every value of dtype a is a value of integer dtype b (no wrap needed). */
    private static boolean fitsIn(DType a, DType b) {
        if (a == b) return true;
        if (b == DType.INT16) return a == DType.INT8 || a == DType.UINT8;
        if (b == DType.UINT16) return a == DType.UINT8;
        return false;
    }

    /**
     * Cast (and CastLike) to an 8- or 16-bit integer from a type that may not fit: truncated and wrapped exactly
     * (MapFn.WRAP_INT). Cast (and CastLike) to float16 or bfloat16: the value rounded to the 16-bit format (ties to
     * even) by the
     * GPU and carried as f32, exactly the float the reference stores; other targets go to the Cast lowering.
     */
    private static void wrapCast(LoweringTable t) {
        t.wrap("Cast", base -> n -> {
            DType to = n.outDType(0);
            int bits = narrowBits(to);
            if (bits > 0 && n.inDType(0) != DType.BOOL && !fitsIn(n.inDType(0), to)) {
                map(n, 1, MapFn.WRAP_INT, bits, to == DType.INT8 || to == DType.INT16 ? 1f : 0f);
                return;
            }
            if (to != DType.FLOAT16 && to != DType.BFLOAT16) {
                base.lower(n);
                return;
            }
            int[] out = n.outShape(0);
            if (Wgsl.product(out) == 0) { n.out(0); return; }
            GpuTensor x = n.in(0);
            if (x.type() != dev.nnjit.codegen.ScalarType.F32) {
                GpuTensor widened = n.scratch("as_f32", DType.FLOAT, out);
                ElementwiseBuilder b = new ElementwiseBuilder(n, out);
                b.emit(dev.nnjit.codegen.ElementwiseExpr.cast(b.bind(x), dev.nnjit.codegen.ScalarType.F32), widened);
                x = widened;
            }
            MapProblem p = new MapProblem(to == DType.FLOAT16 ? MapFn.ROUND_F16 : MapFn.ROUND_BF16,
                    Wgsl.atLeast1d(out), List.of(ElementwiseInput.broadcast(x.type(), Wgsl.atLeast1d(x.shape()),
                    Wgsl.atLeast1d(out))), new float[0]);
            n.dispatch(TuningSites.map(p, n.limits(), n.features()), x, n.out(0));
        });
        t.add("CastLike", n -> t.find("", "Cast").lower(n)); // Cast to the second input's type, lowered as Cast
    }
}
