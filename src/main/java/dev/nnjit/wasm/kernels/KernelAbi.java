package dev.nnjit.wasm.kernels;

import dev.nnjit.wasm.ValType;
import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmFeatures;
import dev.nnjit.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that lays out a kernel module per the {@link WasmKernelGenerator} ABI: import {@code env.memory}
 * (shared, 1 to 65536 pages, so it accepts any shared {@code WebAssembly.Memory}) and define the exported entry
 * function with i32 parameters.
 */
final class KernelAbi {
    private KernelAbi() {}

    static final String MEMORY_MODULE = "env";
    static final String MEMORY_FIELD = "memory";

    /** The module and its entry function (body empty); the caller fills the body. */
    static WasmCode entry(WasmModule m, String name, List<String> params) {
        m.importMemory(MEMORY_MODULE, MEMORY_FIELD, 1, 65536, true);
        List<ValType> types = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) types.add(ValType.I32);
        WasmCode c = m.function(name, types, params, List.of());
        m.export(WasmKernelGenerator.ENTRY, c);
        return c;
    }

    static WasmModule module(boolean relaxedSimd) {
        return new WasmModule(relaxedSimd ? WasmFeatures.RELAXED_SIMD : WasmFeatures.SIMD128);
    }
}
