package dev.nnjit.wasm.kernels;

import dev.nnjit.wasm.ValType;
import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmCode.Local;

/**
 * The one exp of the Wasm kernels: {@code exp} of four f32 lanes, replacing the v128 on top of the stack.
 *
 * <p>Method: x is clamped to [-104, 89] (beyond those bounds the f32 result is 0 or +inf anyway; NaN passes through
 * since f32x4.min/max propagate it); n = nearest(x * log2(e)); r = x - n*ln2_hi - n*ln2_lo (Cody-Waite: ln2_hi has
 * 11 significant bits, so n*ln2_hi is exact for |n| <= 150 and r is reduced to |r| <= ln2/2 with ~1e-11 error);
 * exp(r) by its degree-7 Taylor polynomial in Horner form (truncation below 5.3e-9 relative); then scaled by
 * 2^n = 2^(n>>1) * 2^(n - (n>>1)), two normal powers of two built in the exponent bits, so results that underflow
 * to subnormals round gradually and those past ln(FLT_MAX) overflow to +inf instead of wrapping.
 *
 * <p>Accuracy contract (tested on 10^5 random inputs in [-100, 89] and at the edges, against Math.exp rounded to
 * float): at most 2 ulp (1 ulp measured) for normal results and in ulps of the subnormal grid for
 * subnormal ones; exp(-inf) = 0, exp(+inf) = +inf, exp(NaN) = NaN.
 */
final class VectorExp {
    private final Local x, n, p;

    /** Declares the three v128 temporaries it needs in {@code c}. */
    VectorExp(WasmCode c, String prefix) {
        x = c.local(ValType.V128, prefix + "exp_x");
        n = c.local(ValType.V128, prefix + "exp_n");
        p = c.local(ValType.V128, prefix + "exp_p");
    }

    private static void splat(WasmCode c, float v) { c.v128ConstF32(v, v, v, v); }

    /** v128 (f32x4) on the stack -> exp of each lane. */
    void emit(WasmCode c) {
        splat(c, -104f);
        c.f32x4Max();
        splat(c, 89f);
        c.f32x4Min();
        c.localTee(x);
        splat(c, 1.44269504088896341f);
        c.f32x4Mul().f32x4Nearest().localSet(n); // n as f32
        // r = (x - n*ln2_hi) - n*ln2_lo
        c.localGet(x).localGet(n);
        splat(c, 0.693359375f);
        c.f32x4Mul().f32x4Sub();
        c.localGet(n);
        splat(c, -2.12194440e-4f);
        c.f32x4Mul().f32x4Sub().localSet(x); // x := r
        // p = 1 + r(1 + r(1/2 + r(1/6 + r(1/24 + r(1/120 + r(1/720 + r/5040))))))
        float[] coef = {1f / 5040, 1f / 720, 1f / 120, 1f / 24, 1f / 6, 0.5f, 1f, 1f};
        splat(c, coef[0]);
        for (int i = 1; i < coef.length; i++) {
            c.localGet(x).f32x4Mul();
            splat(c, coef[i]);
            c.f32x4Add();
        }
        c.localSet(p);
        // n as i32; 2^(n>>1) and 2^(n - (n>>1)) from exponent bits (n + 127) << 23
        c.localGet(n).i32x4TruncSatF32x4S().localSet(n);
        c.localGet(p);
        c.localGet(n).i32Const(1).i32x4ShrS().localTee(x);
        c.v128ConstI32(127, 127, 127, 127).i32x4Add().i32Const(23).i32x4Shl();
        c.f32x4Mul();
        c.localGet(n).localGet(x).i32x4Sub();
        c.v128ConstI32(127, 127, 127, 127).i32x4Add().i32Const(23).i32x4Shl();
        c.f32x4Mul();
    }
}
