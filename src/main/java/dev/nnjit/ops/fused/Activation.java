package dev.nnjit.ops.fused;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.math.Erf;

/**
 * Activations a fused op may apply to its result, named as in the {@code activation} attribute.
 *
 * The one activation vocabulary: the fusion pass, the reference op, the WebGPU lowering and the matmul kernels'
 * epilogues ({@code dev.nnjit.codegen.MatmulProblem#activation}) all use this enum; each activation is the
 * {@link ElementwiseOp} {@link #op} applied to the result, which is how kernels spell it in WGSL.
 *
 * <p>Contract: each function is bit-identical to the unfused graph it replaces: Relu as the ONNX op, GELU and
 * GELU_TANH as ONNX Gelu (approximate "none" / "tanh", double, rounded once), and SILU as the exported pair
 * {@code Mul(x, Sigmoid(x))}, i.e. x times the float-rounded sigmoid.
 */
public enum Activation {
    NONE("none", null), RELU("relu", ElementwiseOp.RELU), GELU("gelu", ElementwiseOp.GELU),
    GELU_TANH("gelu_tanh", ElementwiseOp.GELU_TANH), SILU("silu", ElementwiseOp.SILU);

    private static final double SQRT_2_OVER_PI = 0.7978845608028654;
    private static final double SQRT_HALF = 0.7071067811865476;

    /** The attribute spelling. */
    public final String attr;
    /** The elementwise operator this activation applies; null for NONE. */
    public final ElementwiseOp op;

    Activation(String attr, ElementwiseOp op) {
        this.attr = attr;
        this.op = op;
    }

    /** The activation named by {@code activation} (default "none"); errors name the node. */
    public static Activation of(OpContext ctx) {
        String name = ctx.attrString("activation", "none");
        for (Activation a : values()) if (a.attr.equals(name)) return a;
        throw ctx.error("unknown activation \"" + name + "\" (expected none, relu, gelu, gelu_tanh or silu)");
    }

    public float apply(float x) {
        switch (this) {
            case NONE: return x;
            case RELU: return x < 0 ? 0f : x;
            case GELU: return (float) (0.5 * x * (1 + Erf.erf(x * SQRT_HALF)));
            case GELU_TANH: return (float) (0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x))));
            case SILU: return x * sigmoid(x);
            default: throw new IllegalStateException();
        }
    }

    static float sigmoid(float x) { return (float) (1 / (1 + Math.exp(-x))); }
}
