package dev.nnjit.wasm.kernels;

import java.util.List;

/**
 * One generated CPU kernel: compile {@code wasm} (e.g. {@code WebAssembly.compile}), instantiate it with
 * {@code {env: {memory}}} where memory is the shared tensor memory, and call the export
 * {@link WasmKernelGenerator#ENTRY} with one i32 per name in {@code params}. Kernels with equal {@code cacheKey} have
 * identical bytes, so one compiled module serves them all.
 *
 * @param workspaceBytes scratch bytes each concurrent call needs at its own {@code workspace} offset (0: none)
 */
public record WasmKernelInstance(String family, String cacheKey, byte[] wasm, List<String> params,
                                 int workspaceBytes) {
    public WasmKernelInstance {
        wasm = wasm.clone();
        params = List.copyOf(params);
    }

    @Override public byte[] wasm() { return wasm.clone(); }
}
