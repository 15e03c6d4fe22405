package dev.nnjit.web;

import dev.nnjit.runtime.TuningSetup;
import dev.nnjit.tune.AdapterKey;
import dev.nnjit.tune.DecisionSource;
import dev.nnjit.tune.LayeredTuningCache;
import dev.nnjit.tune.MemoryTuningCache;
import dev.nnjit.tune.TuningJson;
import dev.nnjit.tune.TuningStore;
import dev.nnjit.tune.measure.BrowserClock;
import dev.nnjit.wasm.kernels.WasmCpu;
import org.teavm.classlib.PlatformDetector;
import org.teavm.jso.JSBody;

/**
 * The page's tuning caches for the wasm-simd backend, as {@link GpuBackends} keeps them for WebGPU: device-local
 * decisions (IndexedDB, tuning.records) over shipped ones (tuning.shipped), keyed by the CPU's {@link AdapterKey}
 * ({@link AdapterKey#ofWasm}: the engine's user agent, hardware concurrency, threads, memory kind, relaxed SIMD), in
 * the same IndexedDB store ({@link BrowserTuningStore}, one entry per adapter id).
 */
final class WasmTuning {
    private static AdapterKey adapterKey;
    private static MemoryTuningCache local;
    private static MemoryTuningCache imported;
    private static boolean storeRead;

    private WasmTuning() {}

    /** The tuning setup of a wasm-simd backend on {@code cpu}, under the model's tuning options. */
    static TuningSetup setup(WasmCpu cpu, TuningOptions tuning) {
        AdapterKey key = AdapterKey.ofWasm(cpu, hardwareConcurrency(), userAgent(),
                PlatformDetector.isWebAssemblyGC() ? "wasm-gc" : "js");
        if (!key.equals(adapterKey)) {
            adapterKey = key;
            local = new MemoryTuningCache(DecisionSource.CACHE);
            imported = new MemoryTuningCache(DecisionSource.SHIPPED);
            storeRead = false;
        }
        // wasm-simd also runs where there is no IndexedDB (Node): decisions then live in memory only
        TuningStore store = tuning.indexedDb() && BrowserTuningStore.available() ? new BrowserTuningStore() : null;
        if (store != null && !storeRead) {
            store.loadInto(adapterKey, local);
            storeRead = true;
        }
        if (tuning.records() != null) TuningJson.importInto(local, tuning.records());
        for (String doc : tuning.shipped()) TuningJson.importInto(imported, doc);
        return new TuningSetup(adapterKey, new LayeredTuningCache(local, imported), store, BrowserClock.INSTANCE);
    }

    /** Every record the page holds for its wasm-simd CPU, as one TuningJson document; null before a wasm-simd load. */
    static String records() {
        if (adapterKey == null) return null;
        return TuningJson.export(new LayeredTuningCache(local, imported), adapterKey);
    }

    @JSBody(script = "return typeof navigator !== 'undefined' && navigator.userAgent ? String(navigator.userAgent)"
            + " : (typeof process !== 'undefined' && process.versions ? 'node ' + process.versions.node : '');")
    private static native String userAgent();

    @JSBody(script = "return typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0"
            + " ? navigator.hardwareConcurrency : 1;")
    private static native int hardwareConcurrency();
}
