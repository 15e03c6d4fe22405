package dev.nnjit.codegen;

/** Epilogue activations fused into matmul kernels. */
public enum Activation {
    NONE, RELU, GELU, GELU_TANH, SILU;

    /** The WGSL expression applying this activation to {@code v} (f32 or vec4, per {@code vec4}). */
    String apply(String v, WgslLib lib, boolean vec4) {
        switch (this) {
            case NONE: return v;
            case RELU: return "max(" + v + ", " + (vec4 ? "vec4<f32>(0.0)" : "0.0") + ")";
            case GELU: return lib.require(WgslLib.Fn.GELU, vec4) + "(" + v + ")";
            case GELU_TANH: return lib.require(WgslLib.Fn.GELU_TANH, vec4) + "(" + v + ")";
            case SILU: return lib.require(WgslLib.Fn.SILU, vec4) + "(" + v + ")";
            default: throw new IllegalStateException(name());
        }
    }
}
