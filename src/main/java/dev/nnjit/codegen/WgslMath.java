package dev.nnjit.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * Accurate f32 math for {@link MapKernel}, emitted once per shader on demand (dependencies first). WGSL's builtins
 * are only loosely specified (sin/cos: 2^-11 absolute; atan: 4096 ulp; log: 2^-21 absolute near 1; sinh, cosh and
 * tanh inherit exp's error through differences), so functions whose results matter near zero are built here from
 * exact argument reduction and short polynomials, with errors of a few f32 ulp:
 * <ul>
 *   <li>{@code nn_sincos}: x reduced by pi/2 in three parts (exact products for |x| up to ~1e4; accuracy decays
 *       slowly beyond, and the quadrant is exact up to 2^24), then minimax polynomials on [-pi/4, pi/4]
 *       (coefficients of Cephes' sinf/cosf); sin, cos and tan pick and combine them by quadrant.</li>
 *   <li>{@code nn_atan}: reduction to |t| <= tan(pi/8) and a degree-9 odd polynomial (Cephes atanf coefficients);
 *       asin(x) = atan(x / sqrt((1-x)(1+x))), acos(x) = 2 atan(sqrt((1-x)/(1+x))).</li>
 *   <li>{@code nn_exp}: 2^k e^r with r = x - k ln 2 reduced in two parts and a degree-8 polynomial (WGSL's exp
 *       may be off by 3 + 2|x| ulp); {@code nn_expm1} (Taylor to x^8 for |x| &lt; 0.5), {@code nn_log1p}
 *       (2 atanh(x/(2+x)) series for x in (-0.25, 0.5)), and from them sinh (series below 1), cosh, asinh, acosh,
 *       atanh, tanh, softplus; large arguments use e^(|x| - 88) e^88 / 2 (the subtraction is exact) or
 *       log(x) + ln 2 so that finite results do not overflow.</li>
 *   <li>{@code nn_fmod}: C's fmod, exact: subtracts the largest y * 2^k not above the remainder (each step exact
 *       by Sterbenz), at most 278 steps.</li>
 *   <li>{@code nn_round_f16} / {@code nn_round_bf16}: round to the 16-bit format's nearest value, ties to even, by
 *       scaling to an integer mantissa with ldexp (exact) and WGSL's round (ties to even).</li>
 * </ul>
 * NaN and infinity are detected from bits: WGSL lets implementations assume no NaN in comparisons.
 */
public final class WgslMath {
    public enum Fn {
        BITS, SINCOS, SIN, COS, TAN, ATAN, ASIN, ACOS, EXP, EXPM1, LOG1P, SINH, COSH, ASINH, ACOSH, ATANH, TANH, SOFTPLUS,
        FMOD, IMOD_TRUNC, IMOD_FLOOR, IPOW, ROUND_F16, ROUND_BF16
    }

    private final List<Fn> emitted = new ArrayList<>();
    private final WgslBuilder out = new WgslBuilder();

    /** Makes {@code fn} (and what it uses) available; returns its WGSL name. */
    public String require(Fn fn) {
        if (emitted.contains(fn)) return name(fn);
        for (Fn d : dependencies(fn)) require(d);
        emitted.add(fn);
        emit(fn);
        return name(fn);
    }

    public static String name(Fn fn) { return "nn_" + fn.name().toLowerCase(); }

    /** The emitted functions (empty string when none), to be placed before their first use. */
    public String source() { return emitted.isEmpty() ? "" : out.build() + "\n"; }

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
            default: return new Fn[0];
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
