package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.ElementwiseProblem;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.TuningSites;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the operands of one elementwise kernel: each distinct (tensor, view) pair becomes one binding, and a
 * single-element constant becomes a literal in the expression instead (so {@code x / 8.0} and {@code x ^ 2} need no
 * buffer, and the code generator can specialize constant exponents).
 */
final class ElementwiseBuilder {
    private final NodeLowering node;
    private final int[] outShape;
    private final List<ElementwiseInput> inputs = new ArrayList<>();
    private final List<GpuTensor> args = new ArrayList<>();

    /** Operands will be broadcast to {@code outShape} (rank 0 is computed as [1]). */
    ElementwiseBuilder(NodeLowering node, int[] outShape) {
        this.node = node;
        this.outShape = Wgsl.atLeast1d(outShape);
    }

    /** Input i of the node, broadcast to the output shape. */
    ElementwiseExpr operand(int i) {
        Tensor c = node.constant(i);
        if (c != null && c.size() == 1) {
            try {
                return scalar(literal(c, "constant input " + i));
            } catch (IllegalArgumentException e) {
                throw node.unsupported(e.getMessage());
            }
        }
        return bind(node.in(i));
    }

    /**
     * A CONST expression as is, unless WGSL cannot spell it as a literal: then the value is bound as a one-element
     * constant buffer. (The shortest decimal of +-Float.MAX_VALUE, 3.4028235e38, lies above the largest f32, and
     * Tint rejects it; exports use -FLT_MAX as the "minus infinity" of attention masks.)
     */
    ElementwiseExpr scalar(ElementwiseExpr constant) {
        if (constant.type() != ScalarType.F32 || literalSafe((float) constant.constant())) return constant;
        GpuTensor t = node.constantTensor("f32_constant",
                Tensor.ofFloats(new int[0], new float[] {(float) constant.constant()}));
        return bind(t);
    }

    /** Whether the shortest decimal of v (what codegen writes) parses back within the f32 range. */
    static boolean literalSafe(float v) {
        if (Float.isNaN(v) || Float.isInfinite(v)) return true;
        return Math.abs(Double.parseDouble(Float.toString(v))) <= Float.MAX_VALUE;
    }

    /** A tensor broadcast to the output shape. */
    ElementwiseExpr bind(GpuTensor t) {
        return bindView(t, ElementwiseInput.broadcast(t.type(), Wgsl.atLeast1d(t.shape()), outShape));
    }

    /** A tensor read through an explicit view (offset and per-output-dim strides). */
    ElementwiseExpr bindView(GpuTensor t, ElementwiseInput view) {
        for (int k = 0; k < inputs.size(); k++) {
            if (args.get(k) == t && inputs.get(k).key().equals(view.key())) return ElementwiseExpr.input(k, t.type());
        }
        inputs.add(view);
        args.add(t);
        return ElementwiseExpr.input(inputs.size() - 1, t.type());
    }

    /** Emits the kernel computing {@code expr} into {@code out}. */
    void emit(ElementwiseExpr expr, GpuTensor out) {
        if (expr.type() != out.type()) {
            throw node.error("internal error: expression type " + expr.type() + " for output " + out);
        }
        List<GpuTensor> all = new ArrayList<>(args);
        all.add(out);
        ElementwiseProblem p = new ElementwiseProblem(node.opType(), outShape, inputs, expr);
        node.dispatch(TuningSites.elementwise(p, node.limits(), node.features()),
                all.toArray(new GpuTensor[0]));
    }

    /** The single element of {@code c} as a literal of its GPU type. */
    static ElementwiseExpr literal(Tensor c, String what) {
        DType d = c.dtype();
        ScalarType t = ScalarType.of(d);
        double v = c.getDouble(0);
        if (t == ScalarType.I32 && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(what + " is " + c.getLong(0) + ", outside the int32 range the GPU"
                    + " carries int64 in");
        }
        return ElementwiseExpr.constant(v, t);
    }
}
