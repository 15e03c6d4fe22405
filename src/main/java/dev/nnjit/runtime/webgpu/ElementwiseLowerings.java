package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.tensor.DType;

/**
 * Elementwise ONNX ops as one fused-elementwise kernel each: arithmetic, comparisons, logic, activations, Where,
 * Cast, Clip and the variadic Min/Max/Sum/Mean, all with multidirectional broadcasting. Numerics are those of
 * {@link dev.nnjit.codegen.ElementwiseKernel} (f32 throughout; exp, erf, tanh, sigmoid and pow through WgslMath, whose
 * class comment states their accuracy).
 */
final class ElementwiseLowerings {
    private ElementwiseLowerings() {}

    /** The element function of a node, given its operands' expressions. */
    private interface Body {
        ElementwiseExpr build(NodeLowering node, ElementwiseBuilder b);
    }

    /** Every operator of {@link ElementwiseOp} under its ONNX op type, then the ops built from several operators. */
    static void register(LoweringTable t) {
        for (ElementwiseOp op : ElementwiseOp.values()) {
            if (op.onnxOpType != null && ElementwiseOp.ofOnnx("", op.onnxOpType) == op && !special(op)) {
                direct(t, op);
            }
        }
        add(t, "Pow", (n, b) -> {
            requireFloat(n, 0);
            return ElementwiseExpr.of(ElementwiseOp.POW, b.operand(0), ElementwiseExpr.cast(b.operand(1),
                    ScalarType.F32));
        });
        add(t, "Gelu", (n, b) -> {
            requireFloat(n, 0);
            String approx = n.op().attrString("approximate", "none");
            if (!approx.equals("none") && !approx.equals("tanh")) throw n.error("unknown approximate '" + approx + "'");
            return ElementwiseExpr.unary(approx.equals("tanh") ? ElementwiseOp.GELU_TANH : ElementwiseOp.GELU,
                    b.operand(0));
        });
        add(t, "LeakyRelu", (n, b) -> {
            requireFloat(n, 0);
            ElementwiseExpr x = b.operand(0);
            ElementwiseExpr alpha = ElementwiseExpr.f32(n.op().attrFloat("alpha", 0.01f));
            return ElementwiseExpr.where(ElementwiseExpr.of(ElementwiseOp.LESS, x, ElementwiseExpr.f32(0)),
                    ElementwiseExpr.mul(x, alpha), x);
        });
        add(t, "PRelu", (n, b) -> {
            requireFloat(n, 0);
            ElementwiseExpr x = b.operand(0);
            return ElementwiseExpr.where(ElementwiseExpr.of(ElementwiseOp.LESS, x, ElementwiseExpr.f32(0)),
                    ElementwiseExpr.mul(x, b.operand(1)), x);
        });
        add(t, "HardSigmoid", (n, b) -> {
            requireFloat(n, 0);
            ElementwiseExpr y = ElementwiseExpr.add(ElementwiseExpr.mul(b.operand(0),
                    ElementwiseExpr.f32(n.op().attrFloat("alpha", 0.2f))), ElementwiseExpr.f32(n.op().attrFloat("beta", 0.5f)));
            return ElementwiseExpr.of(ElementwiseOp.MAX, ElementwiseExpr.f32(0),
                    ElementwiseExpr.of(ElementwiseOp.MIN, ElementwiseExpr.f32(1), y));
        });
        add(t, "Clip", ElementwiseLowerings::clip);
        add(t, "Cast", ElementwiseLowerings::cast);
        variadic(t, "Min", ElementwiseOp.MIN);
        variadic(t, "Max", ElementwiseOp.MAX);
        variadic(t, "Sum", ElementwiseOp.ADD);
        add(t, "Mean", (n, b) -> {
            requireFloat(n, 0);
            ElementwiseExpr acc = b.operand(0);
            for (int i = 1; i < n.inputCount(); i++) acc = ElementwiseExpr.add(acc, b.operand(i));
            return ElementwiseExpr.div(acc, ElementwiseExpr.f32(n.inputCount()));
        });
    }

    private static void add(LoweringTable t, String opType, Body body) {
        t.add(opType, node -> {
            int[] out = node.outShape(0);
            if (dev.nnjit.codegen.Wgsl.product(out) == 0) {
                node.out(0); // an empty output: defined, no storage, no kernel
                return;
            }
            ElementwiseBuilder b = new ElementwiseBuilder(node, out);
            ElementwiseExpr e;
            try {
                e = body.build(node, b);
            } catch (IllegalArgumentException ex) {
                throw node.unsupported(ex.getMessage());
            }
            b.emit(e, node.out(0));
        });
    }

    /** One operator on the node's inputs, as the ONNX op of its {@link ElementwiseOp#onnxOpType} means it. */
    private static void direct(LoweringTable t, ElementwiseOp op) {
        add(t, op.onnxOpType, (n, b) -> {
            if (op.floatOnly) requireFloat(n, 0);
            ElementwiseExpr[] operands = new ElementwiseExpr[op.arity];
            for (int i = 0; i < operands.length; i++) operands[i] = b.operand(i);
            return ElementwiseExpr.of(op, operands);
        });
    }

    /** Operators whose ONNX op needs more than its operands (attributes, variadic form, dtype rule): in register. */
    private static boolean special(ElementwiseOp op) {
        switch (op) {
            case POW: case MIN: case MAX: case GELU: case CAST: return true;
            default: return false;
        }
    }

    private static void variadic(LoweringTable t, String opType, ElementwiseOp op) {
        add(t, opType, (n, b) -> {
            ElementwiseExpr acc = b.operand(0);
            for (int i = 1; i < n.inputCount(); i++) acc = ElementwiseExpr.of(op, acc, b.operand(i));
            return acc;
        });
    }

    private static void requireFloat(NodeLowering n, int i) {
        if (!n.inDType(i).isFloating()) throw n.unsupported("input " + i + " is " + n.inDType(i) + "; only float inputs");
    }

    /** Clip: bounds from inputs 1 and 2 (opset 11+, optional) or attributes min/max (older opsets). */
    private static ElementwiseExpr clip(NodeLowering n, ElementwiseBuilder b) {
        ElementwiseExpr x = b.operand(0);
        ScalarType t = x.type();
        ElementwiseExpr lo = null;
        ElementwiseExpr hi = null;
        if (n.op().opset() < 11) {
            if (n.op().hasAttr("min")) lo = b.scalar(ElementwiseExpr.constant(n.op().attrFloat("min", 0), t));
            if (n.op().hasAttr("max")) hi = b.scalar(ElementwiseExpr.constant(n.op().attrFloat("max", 0), t));
        } else {
            if (n.hasInput(1)) lo = b.operand(1);
            if (n.hasInput(2)) hi = b.operand(2);
        }
        // ONNX: min(max(x, lo), hi), so lo > hi gives hi everywhere.
        if (lo != null) x = ElementwiseExpr.of(ElementwiseOp.MAX, x, lo);
        if (hi != null) x = ElementwiseExpr.of(ElementwiseOp.MIN, x, hi);
        return x;
    }

    /**
     * Cast among float32 (and float16/bfloat16 sources, carried widened), the integer types carried as i32, and
     * bool. Casts that would need rounding to 16-bit floats or wrapping to a narrower integer are rejected rather
     * than computed wrongly.
     */
    private static ElementwiseExpr cast(NodeLowering n, ElementwiseBuilder b) {
        DType from = n.inDType(0);
        DType to = n.outDType(0);
        switch (to) {
            case FLOAT: case INT32: case INT64: case BOOL:
                break;
            case FLOAT16: case BFLOAT16:
                throw n.unsupported("Cast to " + to + " needs rounding to 16-bit floats, which this backend does not do");
            case INT8: case UINT8: case INT16: case UINT16:
                if (from == DType.BOOL || narrowerOrEqual(from, to)) break;
                throw n.unsupported("Cast from " + from + " to " + to + " would need wrapping to " + to);
            default:
                throw n.unsupported("Cast to " + to);
        }
        return ElementwiseExpr.cast(b.operand(0), ScalarType.of(to));
    }

    /** Whether every value of integer dtype {@code a} fits in integer dtype {@code b}. */
    private static boolean narrowerOrEqual(DType a, DType b) {
        if (a == b) return true;
        switch (b) {
            case INT16: return a == DType.INT8 || a == DType.UINT8;
            case UINT16: return a == DType.UINT8;
            default: return false;
        }
    }
}
