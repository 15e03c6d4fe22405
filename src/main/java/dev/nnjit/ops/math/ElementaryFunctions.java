package dev.nnjit.ops.math;

import dev.nnjit.ops.OpDef;
import java.util.List;

/**
 * Elementwise functions without parameters: roots, exponentials, rounding, trigonometry, sign. Each computes in
 * double and rounds once to float, which gives the correctly rounded float in almost all cases.
 */
public final class ElementaryFunctions {
    private ElementaryFunctions() {}

    public static List<OpDef> all() {
        return List.of(
                UnaryOp.numeric("Abs", x -> Math.abs(x), x -> Math.abs(x)),
                UnaryOp.numeric("Neg", x -> -x, x -> -x),
                UnaryOp.numeric("Sign", x -> Math.signum(x), x -> Long.signum(x)),
                UnaryOp.floats("Reciprocal", x -> 1f / x),
                UnaryOp.floats("Sqrt", x -> (float) Math.sqrt(x)),
                UnaryOp.floats("Exp", x -> (float) Math.exp(x)),
                UnaryOp.floats("Log", x -> (float) Math.log(x)),
                UnaryOp.floats("Erf", x -> (float) Erf.erf(x)),
                UnaryOp.floats("Floor", x -> (float) Math.floor(x)),
                UnaryOp.floats("Ceil", x -> (float) Math.ceil(x)),
                // Math.rint rounds half to even, as ONNX Round requires.
                UnaryOp.floats("Round", x -> (float) Math.rint(x)),
                UnaryOp.floats("Sin", x -> (float) Math.sin(x)),
                UnaryOp.floats("Cos", x -> (float) Math.cos(x)),
                UnaryOp.floats("Tan", x -> (float) Math.tan(x)),
                UnaryOp.floats("Asin", x -> (float) Math.asin(x)),
                UnaryOp.floats("Acos", x -> (float) Math.acos(x)),
                UnaryOp.floats("Atan", x -> (float) Math.atan(x)),
                UnaryOp.floats("Sinh", x -> (float) Math.sinh(x)),
                UnaryOp.floats("Cosh", x -> (float) Math.cosh(x)),
                UnaryOp.floats("Asinh", x -> (float) asinh(x)),
                UnaryOp.floats("Acosh", x -> (float) Math.log(x + Math.sqrt((double) x * x - 1))),
                UnaryOp.floats("Atanh", x -> (float) (0.5 * Math.log1p(2.0 * x / (1.0 - x)))));
    }

    /** asinh via log1p, odd-symmetric so small and negative arguments keep full precision. */
    static double asinh(double x) {
        double a = Math.abs(x);
        double r = a > 1e8 ? Math.log(a) + Math.log(2) : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return x < 0 ? -r : r;
    }
}
