package dev.nnjit.codegen;

import dev.nnjit.ops.fused.ElementwiseOp;
import java.util.Map;

/** The WGSL expression of one {@link ElementwiseExpr} node over already-named operands (scalar or vec4). */
final class ExprText {
    private ExprText() {}

    static String of(ElementwiseExpr n, Map<ElementwiseExpr, String> names, WgslMath lib, boolean v4) {
        String a = n.argCount() > 0 ? names.get(n.arg(0)) : null;
        String b = n.argCount() > 1 ? names.get(n.arg(1)) : null;
        switch (n.op()) {
            case ADD: return "(" + a + " + " + b + ")";
            case SUB: return "(" + a + " - " + b + ")";
            case MUL: return "(" + a + " * " + b + ")";
            case DIV: return "(" + a + " / " + b + ")";
            case MIN: return "min(" + a + ", " + b + ")";
            case MAX: return "max(" + a + ", " + b + ")";
            case POW: return pow(n, a, b, lib, v4);
            case NEG: case ABS: case SQRT: case RECIPROCAL: case EXP: case LOG: case FLOOR: case CEIL: case RELU:
            case ERF: case TANH: case SIGMOID: case GELU: case GELU_TANH: case SILU:
                return unary(n.op(), a, n.type(), lib, v4);
            case EQUAL: return "(" + a + " == " + b + ")";
            case NOT_EQUAL: return "(" + a + " != " + b + ")";
            case LESS: return "(" + a + " < " + b + ")";
            case LESS_EQUAL: return "(" + a + " <= " + b + ")";
            case GREATER: return "(" + a + " > " + b + ")";
            case GREATER_EQUAL: return "(" + a + " >= " + b + ")";
            case AND: return "(" + a + " & " + b + ")";
            case OR: return "(" + a + " | " + b + ")";
            case XOR: return "(" + a + " != " + b + ")";
            case NOT: return "(!" + a + ")";
            case WHERE: return "select(" + names.get(n.arg(2)) + ", " + b + ", " + a + ")";
            case CAST: return n.type().value(v4) + "(" + a + ")";
            default: throw new IllegalStateException("no WGSL for " + n.op());
        }
    }

    /**
     * The WGSL of the one-operand operator {@code op} on {@code a} of {@code type} (vec4 of it when {@code v4}); the
     * one spelling of each operator, used by elementwise kernels and by matmul epilogues' activations.
     */
    static String unary(ElementwiseOp op, String a, ScalarType type, WgslMath lib, boolean v4) {
        switch (op) {
            case NEG: return "(-" + a + ")";
            case ABS: return "abs(" + a + ")";
            case SQRT: return "sqrt(" + a + ")";
            case RECIPROCAL: return "(1.0 / " + a + ")";
            case EXP: return lib.require(WgslMath.Fn.EXP, v4) + "(" + a + ")";
            case LOG: return "log(" + a + ")";
            case FLOOR: return "floor(" + a + ")";
            case CEIL: return "ceil(" + a + ")";
            case RELU: return "max(" + a + ", " + Wgsl.literal(type, 0, v4) + ")";
            case ERF: return lib.require(WgslMath.Fn.ERF, v4) + "(" + a + ")";
            case TANH: return lib.require(WgslMath.Fn.TANH, v4) + "(" + a + ")";
            case SIGMOID: return lib.require(WgslMath.Fn.SIGMOID, v4) + "(" + a + ")";
            case GELU: return lib.require(WgslMath.Fn.GELU, v4) + "(" + a + ")";
            case GELU_TANH: return lib.require(WgslMath.Fn.GELU_TANH, v4) + "(" + a + ")";
            case SILU: return lib.require(WgslMath.Fn.SILU, v4) + "(" + a + ")";
            default: throw new IllegalStateException("not a one-operand operator: " + op);
        }
    }

    /** Exact forms for the constant exponents models use (x^2 in variance, x^3 in GELU, x^0.5); else nn_pow. */
    private static String pow(ElementwiseExpr n, String a, String b, WgslMath lib, boolean v4) {
        ElementwiseExpr e = n.arg(1);
        if (e.op() == ElementwiseOp.CONST) {
            double y = e.constant();
            if (y == 1) return a;
            if (y == 2) return "(" + a + " * " + a + ")";
            if (y == 3) return "(" + a + " * " + a + " * " + a + ")";
            if (y == 0.5) return "sqrt(" + a + ")";
            if (y == -1) return "(1.0 / " + a + ")";
            if (y == -0.5) return "inverseSqrt(" + a + ")";
        }
        return lib.require(WgslMath.Fn.POW, v4) + "(" + a + ", " + b + ")";
    }
}
