package dev.nnjit.wasm.kernels;

import dev.nnjit.ops.fused.Activation;
import dev.nnjit.wasm.ValType;
import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmCode.Local;

/**
 * The activations of the Wasm kernels ({@link Activation}: the one vocabulary), on four f32 lanes: replaces the
 * v128 on top of the stack with act(v). Shared by the GEMM and GEMV epilogues and the elementwise kernel, so each
 * activation has one definition. Built on {@link VectorExp} (2 ulp).
 *
 * <p>Accuracy contract (tested against the reference ops, which compute in double and round once): RELU exact;
 * SILU = x * 1/(1 + exp(-x)), a few ulp; GELU = 0.5 x (1 + erf(x/sqrt 2)) with erf by Abramowitz and Stegun 7.1.26
 * (absolute error of erf below 1.5e-7; 1 + erf is formed without cancellation for x < 0), so an absolute error
 * below about 2e-7 |x|; GELU_TANH = 0.5 x (1 + tanh(u)) with tanh(u) = 1 - 2/(exp(2u) + 1), an absolute error of
 * tanh below about 3e-7, likewise.
 */
final class VectorActivation {
    private final Activation act;
    private final Local x, t, u;
    private final VectorExp exp;

    /** Declares the temporaries {@code act} needs in {@code c} (none for NONE and RELU). */
    VectorActivation(WasmCode c, Activation act, String prefix) {
        this.act = act;
        boolean temps = act != Activation.NONE && act != Activation.RELU;
        x = temps ? c.local(ValType.V128, prefix + "act_x") : null;
        t = temps ? c.local(ValType.V128, prefix + "act_t") : null;
        u = temps ? c.local(ValType.V128, prefix + "act_u") : null;
        exp = temps ? new VectorExp(c, prefix + "act_") : null;
    }

    private static void splat(WasmCode c, float v) { c.v128ConstF32(v, v, v, v); }

    /** v128 (f32x4) on the stack -> act of each lane. */
    void emit(WasmCode c) {
        switch (act) {
            case NONE: return;
            case RELU: c.v128ConstI32(0, 0, 0, 0).f32x4Max(); return;
            case SILU: silu(c); return;
            case GELU: gelu(c); return;
            case GELU_TANH: geluTanh(c); return;
            default: throw new IllegalStateException("unhandled activation " + act);
        }
    }

    /** x * (1 / (1 + exp(-x))). */
    private void silu(WasmCode c) {
        c.localTee(x);
        c.f32x4Neg();
        exp.emit(c);
        splat(c, 1f);
        c.f32x4Add().localSet(t);
        splat(c, 1f);
        c.localGet(t).f32x4Div();
        c.localGet(x).f32x4Mul();
    }

    /** 0.5 x (1 + erf(x / sqrt 2)). */
    private void gelu(WasmCode c) {
        c.localTee(x);
        splat(c, 0.70710678118654752f);
        c.f32x4Mul().localTee(u); // z
        c.f32x4Abs().localSet(t); // a = |z|
        // q = poly(s) * exp(-a^2), s = 1 / (1 + p a): erf(a) = 1 - q
        c.localGet(t).localGet(t).f32x4Mul().f32x4Neg();
        exp.emit(c);
        splat(c, 1f);
        splat(c, 1f);
        c.localGet(t);
        splat(c, 0.3275911f);
        c.f32x4Mul().f32x4Add().f32x4Div().localSet(t); // t := s
        float[] a = {1.061405429f, -1.453152027f, 1.421413741f, -0.284496736f, 0.254829592f};
        splat(c, a[0]);
        for (int i = 1; i < a.length; i++) {
            c.localGet(t).f32x4Mul();
            splat(c, a[i]);
            c.f32x4Add();
        }
        c.localGet(t).f32x4Mul();
        c.f32x4Mul().localSet(t); // t := q (the exp is still below the polynomial on the stack)
        // 1 + erf(z) = z < 0 ? q : 2 - q
        c.localGet(t);
        splat(c, 2f);
        c.localGet(t).f32x4Sub();
        c.localGet(u).v128ConstI32(0, 0, 0, 0).f32x4Lt();
        c.v128Bitselect(); // lanes with z < 0 take q, the others 2 - q
        c.localGet(x).f32x4Mul();
        splat(c, 0.5f);
        c.f32x4Mul();
    }

    /** 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), tanh(u) = 1 - 2 / (exp(2u) + 1). */
    private void geluTanh(WasmCode c) {
        c.localTee(x).localGet(x).f32x4Mul().localGet(x).f32x4Mul();
        splat(c, 0.044715f);
        c.f32x4Mul().localGet(x).f32x4Add();
        splat(c, 2f * 0.7978845608028654f);
        c.f32x4Mul();
        exp.emit(c);
        splat(c, 1f);
        c.f32x4Add().localSet(t);
        splat(c, 2f); // 1 + tanh = 2 - 2 / (e + 1)
        splat(c, 2f);
        c.localGet(t).f32x4Div().f32x4Sub();
        c.localGet(x).f32x4Mul();
        splat(c, 0.5f);
        c.f32x4Mul();
    }
}
