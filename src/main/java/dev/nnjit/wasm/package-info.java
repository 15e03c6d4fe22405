/**
 * A WebAssembly binary emitter in plain Java (TeaVM-safe): {@link dev.nnjit.wasm.WasmModule} builds a module
 * (types, one imported memory, functions, exports, names) and {@link dev.nnjit.wasm.WasmCode} writes a function body
 * with typed methods for the control, integer, float, memory and SIMD128 instructions nnjit's CPU kernels need.
 * Nothing here knows about kernels: generators live in {@code dev.nnjit.wasm.kernels}. Encodings follow the
 * WebAssembly core spec's binary format (chapter 5) and the SIMD and relaxed-SIMD proposals' opcode tables; tests
 * round-trip every opcode through wabt's {@code wasm-validate} and {@code wasm2wat}.
 */
package dev.nnjit.wasm;
