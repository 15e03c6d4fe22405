package dev.nnjit.wasm;

import java.util.List;

/**
 * Post-MVP instruction sets a module may use beyond SIMD128 (which every target browser has). Relaxed SIMD
 * (shipped in Chrome 114; behind {@code --experimental-wasm-relaxed-simd} in Node 20) is used only when the page
 * has validated {@link #relaxedSimdProbe()}: {@link WasmCode} refuses relaxed opcodes in a module built without it.
 */
public record WasmFeatures(boolean relaxedSimd) {
    public static final WasmFeatures SIMD128 = new WasmFeatures(false);
    public static final WasmFeatures RELAXED_SIMD = new WasmFeatures(true);

    /**
     * A minimal module whose one function uses {@code f32x4.relaxed_madd}: {@code WebAssembly.validate(bytes)} is
     * true exactly where the engine accepts relaxed SIMD.
     */
    public static byte[] relaxedSimdProbe() {
        WasmModule m = new WasmModule(RELAXED_SIMD);
        WasmCode f = m.function("probe", List.of(ValType.V128), List.of("x"), List.of(ValType.V128));
        f.localGet(f.param(0)).localGet(f.param(0)).localGet(f.param(0)).f32x4RelaxedMadd();
        return m.encode();
    }
}
