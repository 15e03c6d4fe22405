package dev.nnjit.ops.math;

import dev.nnjit.tensor.PortableCasts;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import java.util.List;

/**
 * Elementwise activation functions, with the attribute defaults of the ONNX spec. Functions compute in double and
 * round once to float; formulas are the spec's, rearranged only for stability (log1p/expm1).
 */
public final class Activations {
    private Activations() {}

    private static final double SQRT_2_OVER_PI = 0.7978845608028654;
    private static final double SQRT_HALF = 0.7071067811865476;

    public static List<OpDef> all() {
        return List.of(
                // x < 0 ? 0 : x keeps NaN as NaN (a NaN input is not "below zero").
                UnaryOp.numeric("Relu", x -> x < 0 ? 0f : x, x -> x < 0 ? 0 : x),
                UnaryOp.floatsWith("LeakyRelu", ctx -> {
                    float alpha = ctx.attrFloat("alpha", 0.01f);
                    return x -> x < 0 ? alpha * x : x;
                }),
                UnaryOp.floatsWith("Elu", ctx -> {
                    double alpha = ctx.attrFloat("alpha", 1f);
                    return x -> x < 0 ? (float) (alpha * Math.expm1(x)) : x;
                }),
                UnaryOp.floatsWith("Selu", ctx -> {
                    double alpha = ctx.attrFloat("alpha", 1.67326319217681884765625f);
                    double gamma = ctx.attrFloat("gamma", 1.05070102214813232421875f);
                    return x -> (float) (x > 0 ? gamma * x : gamma * alpha * Math.expm1(x));
                }),
                UnaryOp.floatsWith("Celu", ctx -> {
                    double alpha = ctx.attrFloat("alpha", 1f);
                    if (alpha == 0) throw ctx.error("attribute 'alpha' must be non-zero");
                    return x -> (float) (Math.max(0, x) + Math.min(0, alpha * Math.expm1(x / alpha)));
                }),
                UnaryOp.floatsWith("ThresholdedRelu", ctx -> {
                    float alpha = ctx.attrFloat("alpha", 1f);
                    return x -> x > alpha ? x : 0f;
                }),
                UnaryOp.floats("Sigmoid", x -> (float) (1 / (1 + Math.exp(-x)))),
                UnaryOp.floatsWith("HardSigmoid", ctx -> {
                    double alpha = ctx.attrFloat("alpha", 0.2f);
                    double beta = ctx.attrFloat("beta", 0.5f);
                    return x -> (float) Math.max(0, Math.min(1, alpha * x + beta));
                }),
                UnaryOp.floats("HardSwish", x -> (float) (x * Math.max(0, Math.min(1, x / 6.0 + 0.5)))),
                UnaryOp.floats("Tanh", x -> (float) Math.tanh(x)),
                UnaryOp.floats("Softplus", x -> (float) softplus(x)),
                UnaryOp.floats("Softsign", x -> (float) (x / (1.0 + Math.abs(x)))),
                UnaryOp.floats("Mish", x -> (float) (x * Math.tanh(softplus(x)))),
                UnaryOp.numericWith("Shrink", ctx -> {
                    double bias = ctx.attrFloat("bias", 0f), lambd = ctx.attrFloat("lambd", 0.5f);
                    return x -> (float) (x < -lambd ? x + bias : x > lambd ? x - bias : 0);
                }, ctx -> {
                    double bias = ctx.attrFloat("bias", 0f), lambd = ctx.attrFloat("lambd", 0.5f);
                    return x -> PortableCasts.toLong(x < -lambd ? x + bias : x > lambd ? x - bias : 0);
                }),
                // Gelu is opset 20 in the default domain; registered for every opset because exporters emit it
                // into older-opset models too, with the same definition.
                UnaryOp.floatsWith("Gelu", Activations::gelu));
    }

    /** log(1 + exp(x)) without overflow for large x or precision loss for very negative x. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static UnaryOp.FloatFn gelu(OpContext ctx) {
        String approximate = ctx.attrString("approximate", "none");
        if (approximate.equals("none")) return x -> (float) (0.5 * x * (1 + Erf.erf(x * SQRT_HALF)));
        if (approximate.equals("tanh")) {
            return x -> (float) (0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x))));
        }
        throw ctx.error("attribute 'approximate' must be \"none\" or \"tanh\", got \"" + approximate + "\"");
    }
}
