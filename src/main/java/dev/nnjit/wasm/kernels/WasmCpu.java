package dev.nnjit.wasm.kernels;

/**
 * The CPU as the wasm-simd backend sees it, what its schedule spaces are derived from (the wasm counterpart of
 * {@code schedule.AdapterFeatures} and {@code AdapterLimits}): engine features, threads and memory, and the
 * machine model the spaces' rules assume.
 *
 * <p>The machine model is nnJIT's (x64 and arm64 alike, as a Wasm engine exposes them): 16 v128 registers the
 * engine can allocate to a kernel's locals (x64 has 16 xmm; arm64's 32 leave at least that many), a 32 KiB L1 data
 * cache per core, and an L2 of 256 KiB to 1 MiB per core. Wasm cannot ask the CPU for these, so they are constants;
 * tuning measures what they only estimate.
 *
 * @param relaxedSimd whether the engine validates relaxed SIMD (f32x4.relaxed_madd)
 * @param threads kernel threads (the page's and its Web Workers); 1 without shared memory
 * @param sharedMemory whether the tensors' memory is a SharedArrayBuffer (cross-origin isolated pages)
 */
public record WasmCpu(boolean relaxedSimd, int threads, boolean sharedMemory) {
    /** v128 registers a kernel's locals can live in without spilling. */
    public static final int V128_REGISTERS = 16;
    /** L1 data cache per core, bytes. */
    public static final int L1_BYTES = 32 * 1024;
    /** The smaller L2 per core this model assumes (bytes): blocks that must stay in L2 are sized against it. */
    public static final int L2_BYTES = 256 * 1024;
    /** The larger L2 (or a near L3 slice) per core, bytes: what a block that only streams through L2 may fill. */
    public static final int L2_LARGE_BYTES = 1024 * 1024;

    public WasmCpu {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }

    /** One thread, unshared memory, no relaxed SIMD: the baseline engine. */
    public static final WasmCpu BASELINE = new WasmCpu(false, 1, false);

    /** "relaxed-simd, 2 threads, shared memory": the features part of the CPU's tuning identity. */
    public String describe() {
        return (relaxedSimd ? "relaxed-simd" : "simd128") + ", " + threads + (threads == 1 ? " thread" : " threads")
                + (sharedMemory ? ", shared memory" : ", unshared memory");
    }
}
