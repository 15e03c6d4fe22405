package dev.nnjit.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * Helper functions that WGSL lacks or implements unsafely, emitted once per shader on demand, each for f32 and/or
 * vec4&lt;f32&gt; (WGSL has no generic user functions; the vec4 twin is named with a "4" suffix).
 *
 * <ul>
 *   <li>{@code nn_erf}: Abramowitz &amp; Stegun 7.1.26, |error| &lt;= 1.5e-7 in exact arithmetic (plus f32
 *       rounding, ~2e-7 measured against double erf); odd symmetry for x &lt; 0.</li>
 *   <li>{@code nn_tanh}: the builtin on x clamped to [-10, 10] (tanh(10) rounds to 1 in f32); some
 *       implementations compute tanh through exp and return NaN for large |x|.</li>
 *   <li>{@code nn_sigmoid}: 1/(1+e^-x) for x &gt;= 0, e^x/(1+e^x) below, so exp never overflows.</li>
 *   <li>{@code nn_gelu}: 0.5 x (1 + erf(x / sqrt 2)); {@code nn_gelu_tanh}: 0.5 x (1 + tanh(sqrt(2/pi)
 *       (x + 0.044715 x^3))).</li>
 *   <li>{@code nn_pow}: x^y with ONNX/C semantics for negative bases with integral exponents and for 0 (the
 *       builtin pow is exp2(y log2 x), undefined for x &lt;= 0).</li>
 * </ul>
 */
public final class WgslLib {
    public enum Fn { ERF, TANH, SIGMOID, GELU, GELU_TANH, SILU, POW }

    private final List<String> emitted = new ArrayList<>();
    private final WgslBuilder out = new WgslBuilder();

    /** Makes {@code fn} available for scalar (vec4 false) or vec4 values; returns the function's name. */
    public String require(Fn fn, boolean vec4) {
        String name = name(fn, vec4);
        if (emitted.contains(name)) return name;
        switch (fn) {
            case GELU: require(Fn.ERF, vec4); break;
            case GELU_TANH: require(Fn.TANH, vec4); break;
            case SILU: require(Fn.SIGMOID, vec4); break;
            default: break;
        }
        emitted.add(name);
        emit(fn, name, vec4 ? "vec4<f32>" : "f32");
        return name;
    }

    public static String name(Fn fn, boolean vec4) {
        return "nn_" + fn.name().toLowerCase() + (vec4 ? "4" : "");
    }

    /** The emitted helpers, to be placed before their first use. */
    public String source() { return out.build(); }

    public boolean isEmpty() { return emitted.isEmpty(); }

    private void emit(Fn fn, String name, String t) {
        boolean v = t.startsWith("vec4");
        switch (fn) {
            case ERF:
                out.open("fn " + name + "(x: " + t + ") -> " + t + " {");
                out.line("let z = abs(x);");
                out.line("let t = 1.0 / (1.0 + 0.3275911 * z);");
                out.line("let p = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027"
                        + " + t * 1.061405429))));");
                out.line("return sign(x) * (1.0 - p * exp(-z * z));");
                out.close();
                break;
            case TANH:
                out.open("fn " + name + "(x: " + t + ") -> " + t + " {");
                out.line("return tanh(clamp(x, " + t + "(-10.0), " + t + "(10.0)));");
                out.close();
                break;
            case SIGMOID:
                out.open("fn " + name + "(x: " + t + ") -> " + t + " {");
                out.line("let e = exp(-abs(x));");
                out.line("return select(e / (1.0 + e), 1.0 / (1.0 + e), x >= " + t + "(0.0));");
                out.close();
                break;
            case GELU:
                out.open("fn " + name + "(x: " + t + ") -> " + t + " {");
                out.line("return 0.5 * x * (1.0 + " + name(Fn.ERF, v) + "(x * 0.70710678118654752));");
                out.close();
                break;
            case GELU_TANH:
                out.open("fn " + name + "(x: " + t + ") -> " + t + " {");
                out.line("return 0.5 * x * (1.0 + " + name(Fn.TANH, v) + "(0.79788456080286536 * (x + 0.044715 * x * x"
                        + " * x)));");
                out.close();
                break;
            case SILU:
                out.open("fn " + name + "(x: " + t + ") -> " + t + " {");
                out.line("return x * " + name(Fn.SIGMOID, v) + "(x);");
                out.close();
                break;
            case POW:
                // Per component: b == 0 -> 1; a == 0 -> 0 or +inf; a < 0 -> +-|a|^b for integral b, NaN otherwise.
                out.open("fn " + name + "(a: " + t + ", b: " + t + ") -> " + t + " {");
                out.line("let r = exp2(b * log2(abs(a)));");
                out.line("let odd = abs(b - 2.0 * floor(b * 0.5)) == " + t + "(1.0);");
                out.line("let neg = select(" + t + "(" + Wgsl.NAN + "), select(r, -r, odd), floor(b) == b);");
                out.line("let zero = select(" + t + "(" + Wgsl.INF + "), " + t + "(0.0), b > " + t + "(0.0));");
                out.line("let v = select(select(neg, zero, a == " + t + "(0.0)), r, a > " + t + "(0.0));");
                out.line("return select(v, " + t + "(1.0), b == " + t + "(0.0));");
                out.close();
                break;
            default:
                throw new IllegalStateException("no helper " + fn);
        }
    }
}
