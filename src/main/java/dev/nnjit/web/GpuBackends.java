package dev.nnjit.web;

import dev.nnjit.gpu.GpuDevice;
import dev.nnjit.gpu.GpuException;
import dev.nnjit.gpu.KernelPipelines;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.runtime.TuningSetup;
import dev.nnjit.runtime.webgpu.WebGpuBackend;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.tune.AdapterKey;
import dev.nnjit.tune.DecisionSource;
import dev.nnjit.tune.LayeredTuningCache;
import dev.nnjit.tune.MemoryTuningCache;
import dev.nnjit.tune.TuningJson;
import dev.nnjit.tune.TuningStore;
import dev.nnjit.tune.measure.BrowserClock;
import org.teavm.classlib.PlatformDetector;

/**
 * The page's WebGPU device, acquired on first use and shared by every model loaded on the webgpu backend (with its
 * pipeline cache and its tuning caches: device-local decisions (IndexedDB, tuning.records) over shipped ones
 * (tuning.shipped), keyed by the device's {@link AdapterKey}). A lost device is replaced at the next load.
 */
final class GpuBackends {
    private static GpuDevice device;
    private static KernelPipelines pipelines;
    private static AdapterKey adapterKey;
    /** Decisions made or stored on this device (IndexedDB is read into it once per device). */
    private static MemoryTuningCache local;
    /** Records shipped with the web app ({@code tuning.shipped}), consulted after the local ones. */
    private static MemoryTuningCache imported;
    private static boolean storeRead;

    private GpuBackends() {}

    /**
     * A backend on the shared device.
     *
     * @param maxStorageBufferBindingSize, maxBufferSize when positive, tighter limits to plan against (tests)
     * @param fusion whether the backend runs the GPU fusion passes when it compiles
     * @param tuning the model's tuning options: records to import, whether IndexedDB persists decisions
     */
    static WebGpuBackend create(OpRegistry registry, double maxStorageBufferBindingSize, double maxBufferSize,
                                boolean fusion, TuningOptions tuning) {
        GpuDevice gpu = device();
        TuningStore store = tuning.indexedDb() ? new BrowserTuningStore() : null;
        if (store != null && !storeRead) {
            store.loadInto(adapterKey, local);
            storeRead = true;
        }
        // records passed in are the user's own decisions (a saved cache); shipped ones are nnjit's
        if (tuning.records() != null) TuningJson.importInto(local, tuning.records());
        for (String doc : tuning.shipped()) TuningJson.importInto(imported, doc);
        TuningSetup setup = new TuningSetup(adapterKey, new LayeredTuningCache(local, imported), store,
                BrowserClock.INSTANCE);
        AdapterLimits cap = null;
        if (maxStorageBufferBindingSize > 0 || maxBufferSize > 0) {
            cap = gpu.limits();
            if (maxStorageBufferBindingSize > 0) {
                cap = cap.with("maxStorageBufferBindingSize", (long) maxStorageBufferBindingSize);
            }
            if (maxBufferSize > 0) cap = cap.with("maxBufferSize", (long) maxBufferSize);
        }
        return new WebGpuBackend(gpu, pipelines, registry, cap, fusion, setup);
    }

    /**
     * Destroys the page's device (freeing its memory); models loaded on it fail with a "device was lost" error
     * until loaded again, and the next webgpu load acquires a new device. Returns whether there was one.
     */
    static boolean release() {
        if (device == null) return false;
        device.destroy();
        device = null;
        pipelines = null;
        return true;
    }

    /**
     * Every record the page holds for its device's adapter (device-local ones, then imported ones for workloads the
     * local layer lacks), as one TuningJson document; null before a webgpu model was loaded.
     */
    static String records() {
        if (adapterKey == null) return null;
        return TuningJson.export(new LayeredTuningCache(local, imported), adapterKey);
    }

    private static GpuDevice device() {
        if (device != null) {
            try {
                device.checkHealthy("reusing the WebGPU device");
            } catch (GpuException lost) {
                device = null;
            }
        }
        if (device == null) {
            device = GpuDevice.acquire();
            pipelines = new KernelPipelines(device);
            AdapterKey key = AdapterKey.of(device.adapter(), PlatformDetector.isWebAssemblyGC() ? "wasm-gc" : "js");
            if (!key.equals(adapterKey)) {
                adapterKey = key;
                local = new MemoryTuningCache(DecisionSource.CACHE);
                imported = new MemoryTuningCache(DecisionSource.SHIPPED);
                storeRead = false;
            }
        }
        return device;
    }
}
