package dev.nnjit.wasm;

import java.util.List;

/** A function signature; {@link WasmModule} stores each distinct one once in the type section. */
public record FuncType(List<ValType> params, List<ValType> results) {
    public FuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static FuncType of(List<ValType> params, ValType... results) {
        return new FuncType(params, List.of(results));
    }

    void write(WasmBytes out) {
        out.u8(0x60).u32(params.size());
        for (ValType t : params) out.u8(t.code);
        out.u32(results.size());
        for (ValType t : results) out.u8(t.code);
    }
}
