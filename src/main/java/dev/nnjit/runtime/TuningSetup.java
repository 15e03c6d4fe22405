package dev.nnjit.runtime;

import dev.nnjit.tune.AdapterKey;
import dev.nnjit.tune.LayeredTuningCache;
import dev.nnjit.tune.TuneClock;
import dev.nnjit.tune.TuningCache;
import dev.nnjit.tune.TuningStore;

/**
 * What a tunable backend (WebGPU, wasm-simd) needs to use and make tuning decisions: the device's {@link AdapterKey}, the cache
 * its programs' schedules are chosen from at compile time (device-local records over shipped ones), where
 * decisions persist (null: nowhere beyond the cache) and the tuner's clock.
 */
public record TuningSetup(AdapterKey adapter, TuningCache cache, TuningStore store, TuneClock clock) {

    public TuningSetup {
        if (adapter == null || cache == null || clock == null) {
            throw new IllegalArgumentException("adapter key, cache and clock are required");
        }
    }

    /** Writes the device-local records (the local layer of a layered cache) to the store, if there is one. */
    public void persist() {
        if (store == null) return;
        TuningCache local = cache instanceof LayeredTuningCache ? ((LayeredTuningCache) cache).local() : cache;
        store.saveFrom(adapter, local);
    }
}
