package dev.nnjit.wasm;

/** WebAssembly value types and their binary codes (spec 5.3.1, 5.3.2). */
public enum ValType {
    I32(0x7F), I64(0x7E), F32(0x7D), F64(0x7C), V128(0x7B);

    public final int code;

    ValType(int code) { this.code = code; }
}
