package dev.nnjit.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * nnjit's one WGSL function library: the functions WGSL lacks or computes too loosely, emitted once per shader on
 * demand (dependencies first), for f32 and, where a kernel computes on vectors, vec4&lt;f32&gt; (WGSL has no generic
 * user functions; the vec4 twin is named with a "4" suffix and is either the same body on vec4 or the scalar
 * function applied per component). Every kernel family takes its math from here, so an op's accuracy does not
 * depend on the family that lowered it.
 *
 * <p><b>Accuracy contract</b> (f32 results against the function in double rounded once to f32; "ulp" is the
 * reference's unit in the last place). WGSL's builtins are only loosely specified (WGSL spec, "Floating Point
 * Accuracy", f32): exp and exp2 3 + 2|x| ulp; log and log2 3 ulp outside [0.5, 2], 2^-21 absolute inside; x / y
 * 2.5 ulp; inverseSqrt 2 ulp; sqrt as 1 / inverseSqrt; sin and cos 2^-11 absolute on [-pi, pi]; atan 4096 ulp; tanh,
 * sinh and cosh inherited from exp through differences (no bound near 0). Measured bounds are those asserted by
 * {@code WgslMathGpuTest} on Dawn (SwiftShader) over dense sweeps; "design" bounds are the formula's.
 * <table>
 *   <caption>per function: bound, range</caption>
 *   <tr><td>{@code nn_exp}</td><td>4 ulp asserted (1 ulp measured), all finite x; overflow to +inf above 88.72, 0 below
 *       -103.97. 2^k e^r, r = x - k ln 2 in two parts, |r| &lt;= 0.35, degree-8 Taylor (truncation 6e-9 relative),
 *       ldexp exact. The ONNX Exp op uses it.</td></tr>
 *   <tr><td>{@link #expOfNonPositive} (the builtin)</td><td>x &lt;= 0 only: (3 + 2|x|) ulp relative, hence
 *       |error| &lt;= 3 * 2^-23 = 3.6e-7 absolute (since (3 + 2|x|) e^x &lt;= 3 for x &lt;= 0). The fast path, one
 *       hardware instruction: softmax and log-sum-exp (exp(x - max), summed with the max term exp(0) = 1, so each
 *       term's error is at most 3.6e-7 of a sum &gt;= 1), and inside erf and sigmoid below.</td></tr>
 *   <tr><td>{@code nn_expm1}, {@code nn_log1p}</td><td>not swept alone; through elu (2 ulp measured), softplus
 *       and the inverse hyperbolics (6 ulp measured): Taylor to x^8 for |x| &lt; 0.5 / series on (-0.25, 0.5), else
 *       nn_exp - 1 / the builtin log (3 ulp).</td></tr>
 *   <tr><td>{@code nn_sin}, {@code nn_cos}, {@code nn_tan}</td><td>4 ulp + 2^-24 absolute asserted (1, 1, 3 ulp
 *       measured) for |x| up to
 *       1e4 (x reduced by pi/2 in three parts, Cephes sinf/cosf polynomials); decays slowly beyond, quadrant exact up
 *       to 2^24.</td></tr>
 *   <tr><td>{@code nn_atan}, {@code nn_asin}, {@code nn_acos}</td><td>4 ulp asserted (2 ulp measured), all x
 *       (Cephes atanf reduction to |t| &lt;= tan(pi/8), degree-9 odd polynomial).</td></tr>
 *   <tr><td>{@code nn_sinh}, {@code nn_cosh}, {@code nn_asinh}, {@code nn_acosh}, {@code nn_atanh},
 *       {@code nn_softplus}</td><td>8 ulp + 1e-30 asserted (1 to 6 ulp measured) over their finite range
 *       (series below 1; e^(|x| - 88) e^88 / 2 and log(x) + ln 2 so finite results do not overflow).</td></tr>
 *   <tr><td>{@code nn_tanh}</td><td>8 ulp + 1e-30 asserted (2 ulp measured): expm1(2|x|) / (expm1(2|x|) + 2),
 *       |x| clamped to 10 (tanh(10) rounds to 1). The ONNX Tanh op, GELU (tanh form) and Mish use it.</td></tr>
 *   <tr><td>{@code nn_erf}</td><td>1e-6 absolute asserted (5.4e-7 measured, near |x| = 0.03 where 1 - p e^-x^2
 *       cancels; so only absolute: ~140 ulp relative there): A&amp;S 7.1.26 (1.5e-7 in exact arithmetic) plus f32
 *       rounding, exp of -x^2 &lt;= 0 through {@link #expOfNonPositive}.</td></tr>
 *   <tr><td>{@code nn_sigmoid}</td><td>4 ulp + 4e-7 absolute asserted (2 ulp measured): 1 / (1 + e) or
 *       e / (1 + e) with e = exp(-|x|) through {@link #expOfNonPositive} (3.6e-7 absolute) and a 2.5-ulp
 *       division; never overflows.</td></tr>
 *   <tr><td>{@code nn_gelu}, {@code nn_gelu_tanh}, {@code nn_silu}</td><td>x times the above: 0.5 x (1 + erf(x /
 *       sqrt 2)), 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), x sigmoid(x).</td></tr>
 *   <tr><td>{@code nn_pow}</td><td>exp2(y log2 |x|) with ONNX/C semantics for x &lt;= 0 (integral y: signed
 *       result; 0: 0 or +inf; y = 0: 1): the builtins' error, (3 + 2|y log2 x|) ulp plus log2's 2^-21 absolute times
 *       |y|. Constant exponents 2, 3, 0.5, -1, -0.5 never get here (ExprText spells them exactly).</td></tr>
 *   <tr><td>exact (0 ulp)</td><td>{@code nn_fmod} (C fmod, Sterbenz steps, at most 278), {@code nn_imod_trunc},
 *       {@code nn_imod_floor}, {@code nn_ipow}, {@code nn_round_f16} / {@code nn_round_bf16} (ties to even, by
 *       ldexp scaling and WGSL's round).</td></tr>
 * </table>
 * Builtins used directly by kernels (and not wrapped here): + - * (correctly rounded), / (2.5 ulp), sqrt, log
 * (bounds above), floor, ceil, abs, min, max (exact). NaN and infinity are detected from bits: WGSL lets
 * implementations assume no NaN in comparisons.
 */
public final class WgslMath {
    public enum Fn {
        BITS, SINCOS, SIN, COS, TAN, ATAN, ASIN, ACOS, EXP, EXPM1, LOG1P, SINH, COSH, ASINH, ACOSH, ATANH, TANH, SOFTPLUS,
        FMOD, IMOD_TRUNC, IMOD_FLOOR, IPOW, ROUND_F16, ROUND_BF16, ERF, SIGMOID, GELU, GELU_TANH, SILU, POW
    }

    private final List<String> emitted = new ArrayList<>();
    private final WgslBuilder out = new WgslBuilder();

    /** Makes the f32 {@code fn} (and what it uses) available; returns its WGSL name. */
    public String require(Fn fn) { return require(fn, false); }

    /** Makes {@code fn} available for f32 (vec4 false) or vec4&lt;f32&gt; values; returns the function's name. */
    public String require(Fn fn, boolean vec4) {
        String name = name(fn, vec4);
        if (emitted.contains(name)) return name;
        boolean perComponent = vec4 && !typeGeneric(fn);
        if (perComponent) require(fn, false);
        else for (Fn d : dependencies(fn)) require(d, vec4);
        emitted.add(name);
        if (perComponent) emitPerComponent(fn);
        else if (typeGeneric(fn)) emitTyped(fn, name, vec4 ? "vec4<f32>" : "f32");
        else emit(fn);
        return name;
    }

    public static String name(Fn fn) { return name(fn, false); }

    public static String name(Fn fn, boolean vec4) { return "nn_" + fn.name().toLowerCase() + (vec4 ? "4" : ""); }

    /**
     * e^x for an argument known to be &lt;= 0 (x - rowMax, -x^2, -|x|): WGSL's builtin, the fast path. Its error is
     * bounded only there: 3.6e-7 absolute (see the contract above); any other exp goes through {@code nn_exp}.
     */
    public static String expOfNonPositive(String x) { return "exp(" + x + ")"; }

    /** The emitted functions (empty string when none), to be placed before their first use. */
    public String source() { return emitted.isEmpty() ? "" : out.build() + "\n"; }

    public boolean isEmpty() { return emitted.isEmpty(); }

    /** Functions whose one body is written for f32 and vec4 alike; the others are scalar (vec4: per component). */
    private static boolean typeGeneric(Fn fn) {
        switch (fn) {
            case ERF: case SIGMOID: case GELU: case GELU_TANH: case SILU: case POW: return true;
            default: return false;
        }
    }

    private static Fn[] dependencies(Fn fn) {
        switch (fn) {
            case SIN: case COS: case TAN: return new Fn[] {Fn.SINCOS};
            case ASIN: case ACOS: return new Fn[] {Fn.ATAN};
            case SINH: case COSH: case EXPM1: return new Fn[] {Fn.EXP};
            case EXP: return new Fn[] {Fn.BITS};
            case ASINH: case ACOSH: case ATANH: return new Fn[] {Fn.LOG1P};
            case TANH: return new Fn[] {Fn.EXPM1};
            case SOFTPLUS: return new Fn[] {Fn.LOG1P, Fn.EXP};
            case FMOD: case ROUND_F16: case ROUND_BF16: return new Fn[] {Fn.BITS};
            case GELU: return new Fn[] {Fn.ERF};
            case GELU_TANH: return new Fn[] {Fn.TANH};
            case SILU: return new Fn[] {Fn.SIGMOID};
            default: return new Fn[0];
        }
    }

    /** The vec4 twin of a one-operand scalar function: applied to each component. */
    private void emitPerComponent(Fn fn) {
        String f = name(fn, false);
        out.open("fn " + name(fn, true) + "(x: vec4<f32>) -> vec4<f32> {");
        out.line("return vec4<f32>(" + f + "(x.x), " + f + "(x.y), " + f + "(x.z), " + f + "(x.w));");
        out.close();
    }

    /** Bodies valid for f32 and vec4 alike ({@code t} is the type; calls go to the same-typed twins). */
    private void emitTyped(Fn fn, String name, String t) {
        boolean v = t.startsWith("vec4");
        switch (fn) {
            case ERF:
                out.open("fn " + name + "(x: " + t + ") -> " + t + " {");
                out.line("let z = abs(x);");
                out.line("let t = 1.0 / (1.0 + 0.3275911 * z);");
                out.line("let p = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027"
                        + " + t * 1.061405429))));");
                out.line("return sign(x) * (1.0 - p * " + expOfNonPositive("-z * z") + ");");
                out.close();
                break;
            case SIGMOID:
                out.open("fn " + name + "(x: " + t + ") -> " + t + " {");
                out.line("let e = " + expOfNonPositive("-abs(x)") + ";");
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
                throw new IllegalStateException("no typed helper " + fn);
        }
    }

    private void emit(Fn fn) {
        WgslBuilder b = out;
        switch (fn) {
            case BITS:
                b.open("fn nn_is_nan(x: f32) -> bool {");
                b.line("return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;");
                b.close();
                b.open("fn nn_is_finite(x: f32) -> bool {");
                b.line("return (bitcast<u32>(x) & 0x7fffffffu) < 0x7f800000u;");
                b.close();
                break;
            case SINCOS:
                // (sin x, cos x, quadrant-free tan numerator/denominator are derived by callers)
                b.open("fn nn_sincos(x: f32) -> vec2<f32> {");
                b.line("let j = round(x * 0.63661977236758134);");
                b.line("let r = ((x - j * 1.5703125) - j * 4.837512969970703125e-4) - j * 7.549789954891882e-8;");
                b.line("let z = r * r;");
                b.line("let s = r + r * z * (-1.6666654611e-1 + z * (8.3321608736e-3 + z * -1.9515295891e-4));");
                b.line("let c = 1.0 - 0.5 * z + z * z * (4.166664568298827e-2 + z * (-1.388731625493765e-3"
                        + " + z * 2.443315711809948e-5));");
                b.line("let q = j - 4.0 * floor(j * 0.25);");
                b.line("if (q == 0.0) { return vec2<f32>(s, c); }");
                b.line("if (q == 1.0) { return vec2<f32>(c, -s); }");
                b.line("if (q == 2.0) { return vec2<f32>(-s, -c); }");
                b.line("return vec2<f32>(-c, s);");
                b.close();
                break;
            case SIN:
                b.open("fn nn_sin(x: f32) -> f32 {");
                b.line("return nn_sincos(x).x;");
                b.close();
                break;
            case COS:
                b.open("fn nn_cos(x: f32) -> f32 {");
                b.line("return nn_sincos(x).y;");
                b.close();
                break;
            case TAN:
                b.open("fn nn_tan(x: f32) -> f32 {");
                b.line("let sc = nn_sincos(x);");
                b.line("return sc.x / sc.y;");
                b.close();
                break;
            case ATAN:
                b.open("fn nn_atan(x: f32) -> f32 {");
                b.line("let a = abs(x);");
                b.line("var y = 0.0;");
                b.line("var t = a;");
                b.open("if (a > 2.414213562373095) {");
                b.line("y = 1.5707963267948966;");
                b.line("t = -1.0 / a;");
                b.reopen("} else if (a > 0.41421356237309503) {");
                b.line("y = 0.7853981633974483;");
                b.line("t = (a - 1.0) / (a + 1.0);");
                b.close();
                b.line("let z = t * t;");
                b.line("let r = y + ((((8.05374449538e-2 * z - 1.38776856032e-1) * z + 1.99777106478e-1) * z"
                        + " - 3.33329491539e-1) * z * t + t);");
                b.line("return select(r, -r, x < 0.0);");
                b.close();
                break;
            case ASIN:
                b.open("fn nn_asin(x: f32) -> f32 {");
                b.line("return nn_atan(x / sqrt((1.0 - x) * (1.0 + x)));");
                b.close();
                break;
            case ACOS:
                b.open("fn nn_acos(x: f32) -> f32 {");
                b.line("return 2.0 * nn_atan(sqrt((1.0 - x) / (1.0 + x)));");
                b.close();
                break;
            case EXP:
                // 2^k * e^r, k = round(x / ln 2), r = x - k ln 2 in two parts (k * LN2_HI exact), |r| <= 0.35;
                // degree-8 Taylor polynomial (truncation < 6e-9 relative); ldexp handles overflow and underflow.
                b.open("fn nn_exp(x: f32) -> f32 {");
                b.line("if (nn_is_nan(x)) { return x; }");
                b.line("if (x > 88.72284) { return " + Wgsl.INF + "; }");
                b.line("if (x < -103.97208) { return 0.0; }");
                b.line("let k = round(x * 1.4426950408889634);");
                b.line("let r = (x - k * 0.693145751953125) - k * 1.428606765330187e-6;");
                b.line("let p = 1.0 + r * (1.0 + r * (0.5 + r * (1.6666666666666666e-1 + r * (4.1666666666666664e-2"
                        + " + r * (8.333333333333333e-3 + r * (1.388888888888889e-3 + r * (1.984126984126984e-4"
                        + " + r * 2.48015873015873e-5)))))));");
                b.line("let ki = i32(k);");
                b.line("let h = ki / 2i;");
                b.line("return ldexp(ldexp(p, h), ki - h);"); // two steps: each scale stays in range
                b.close();
                break;
            case EXPM1:
                b.open("fn nn_expm1(x: f32) -> f32 {");
                b.open("if (abs(x) < 0.5) {");
                b.line("return x * (1.0 + x * (0.5 + x * (1.6666666666666666e-1 + x * (4.1666666666666664e-2"
                        + " + x * (8.333333333333333e-3 + x * (1.388888888888889e-3 + x * (1.984126984126984e-4"
                        + " + x * 2.48015873015873e-5)))))));");
                b.close();
                b.line("return nn_exp(x) - 1.0;");
                b.close();
                break;
            case LOG1P:
                b.open("fn nn_log1p(x: f32) -> f32 {");
                b.open("if (x > -0.25 && x < 0.5) {");
                b.line("let s = x / (2.0 + x);");
                b.line("let z = s * s;");
                b.line("return 2.0 * s * (1.0 + z * (0.3333333333333333 + z * (0.2 + z * (0.14285714285714285"
                        + " + z * (0.1111111111111111 + z * 0.09090909090909091)))));");
                b.close();
                b.line("return log(1.0 + x);");
                b.close();
                break;
            case SINH:
                b.open("fn nn_sinh(x: f32) -> f32 {");
                b.line("let a = abs(x);");
                b.line("var r: f32;");
                b.open("if (a < 1.0) {");
                b.line("let z = a * a;");
                b.line("r = a * (1.0 + z * (1.6666666666666666e-1 + z * (8.333333333333333e-3 + z * (1.984126984126984e-4"
                        + " + z * (2.7557319223985893e-6 + z * 2.505210838544172e-8)))));");
                b.reopen("} else if (a < 88.0) {");
                b.line("let e = nn_exp(a);");
                b.line("r = 0.5 * (e - 1.0 / e);");
                b.reopen("} else {");
                b.line("r = nn_exp(a - 88.0) * 8.258181274970009e37; // e^a / 2 = e^(a-88) * e^88 / 2, a - 88 exact");
                b.close();
                b.line("return select(r, -r, x < 0.0);");
                b.close();
                break;
            case COSH:
                b.open("fn nn_cosh(x: f32) -> f32 {");
                b.line("let a = abs(x);");
                b.open("if (a < 88.0) {");
                b.line("let e = nn_exp(a);");
                b.line("return 0.5 * (e + 1.0 / e);");
                b.close();
                b.line("return nn_exp(a - 88.0) * 8.258181274970009e37;");
                b.close();
                break;
            case ASINH:
                b.open("fn nn_asinh(x: f32) -> f32 {");
                b.line("let a = abs(x);");
                b.line("var r: f32;");
                b.open("if (a > 1e8) {");
                b.line("r = log(a) + 0.6931471805599453;");
                b.reopen("} else {");
                b.line("r = nn_log1p(a + a * a / (1.0 + sqrt(1.0 + a * a)));");
                b.close();
                b.line("return select(r, -r, x < 0.0);");
                b.close();
                break;
            case ACOSH:
                b.open("fn nn_acosh(x: f32) -> f32 {");
                b.open("if (x > 1e8) {");
                b.line("return log(x) + 0.6931471805599453;");
                b.close();
                b.line("let t = x - 1.0;");
                b.line("return nn_log1p(t + sqrt(t * (x + 1.0)));");
                b.close();
                break;
            case ATANH:
                b.open("fn nn_atanh(x: f32) -> f32 {");
                b.line("return 0.5 * nn_log1p(2.0 * x / (1.0 - x));");
                b.close();
                break;
            case TANH:
                b.open("fn nn_tanh(x: f32) -> f32 {");
                b.line("let a = min(abs(x), 10.0);");
                b.line("let t = nn_expm1(2.0 * a);");
                b.line("let r = t / (t + 2.0);");
                b.line("return select(r, -r, x < 0.0);");
                b.close();
                break;
            case SOFTPLUS:
                b.open("fn nn_softplus(x: f32) -> f32 {");
                b.line("if (x > 0.0) { return x + nn_log1p(nn_exp(-x)); }");
                b.line("return nn_log1p(nn_exp(x));");
                b.close();
                break;
            case FMOD:
                b.open("fn nn_fmod(x: f32, y: f32) -> f32 {");
                b.line("if (!nn_is_finite(x) || nn_is_nan(y) || y == 0.0) { return " + Wgsl.NAN + "; }");
                b.line("if (!nn_is_finite(y)) { return x; }");
                b.line("let ay = abs(y);");
                b.line("var r = abs(x);");
                b.open("for (var i = 0; i < 300; i = i + 1) {");
                b.line("if (!(r >= ay)) { break; }");
                b.line("var d = ldexp(ay, frexp(r).exp - frexp(ay).exp);");
                b.line("if (d > r) { d = d * 0.5; }");
                b.line("r = r - d;");
                b.close();
                b.line("return select(r, -r, (bitcast<u32>(x) & 0x80000000u) != 0u);");
                b.close();
                break;
            case IMOD_TRUNC:
                b.open("fn nn_imod_trunc(a: i32, b: i32) -> i32 {");
                b.line("if (b == 0i) { return 0i; }");
                b.line("return a % b;");
                b.close();
                break;
            case IMOD_FLOOR:
                b.open("fn nn_imod_floor(a: i32, b: i32) -> i32 {");
                b.line("if (b == 0i) { return 0i; }");
                b.line("let r = a % b;");
                b.line("return select(r, r + b, r != 0i && ((r < 0i) != (b < 0i)));");
                b.close();
                break;
            case IPOW:
                b.open("fn nn_ipow(base: i32, exponent: i32) -> i32 {");
                b.open("if (exponent < 0i) {");
                b.line("if (base == 1i) { return 1i; }");
                b.line("if (base == -1i) { return select(-1i, 1i, (exponent & 1i) == 0i); }");
                b.line("return 0i;");
                b.close();
                b.line("var r = 1i;");
                b.line("var p = base;");
                b.line("var e = exponent;");
                b.open("loop {");
                b.line("if (e == 0i) { break; }");
                b.line("if ((e & 1i) != 0i) { r = r * p; }");
                b.line("p = p * p;");
                b.line("e = e >> 1u;");
                b.close();
                b.line("return r;");
                b.close();
                break;
            case ROUND_F16:
                b.open("fn nn_round_f16(x: f32) -> f32 {");
                b.line("if (nn_is_nan(x)) { return x; }");
                b.line("let a = abs(x);");
                b.line("var r = " + Wgsl.INF + ";");
                b.open("if (a < 65520.0) {");
                b.line("let e = max(frexp(a).exp - 1, -14);");
                b.line("r = ldexp(round(ldexp(a, 10 - e)), e - 10);");
                b.close();
                b.line("return select(r, -r, x < 0.0);");
                b.close();
                break;
            case ROUND_BF16:
                b.open("fn nn_round_bf16(x: f32) -> f32 {");
                b.line("if (!nn_is_finite(x)) { return x; }");
                b.line("let a = abs(x);");
                b.line("let e = max(frexp(a).exp - 1, -126);");
                b.line("let r = ldexp(round(ldexp(a, 7 - e)), e - 7);");
                b.line("return select(r, -r, x < 0.0);");
                b.close();
                break;
            default:
                throw new IllegalStateException("no helper " + fn);
        }
    }
}
