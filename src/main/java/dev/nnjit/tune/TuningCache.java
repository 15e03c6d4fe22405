package dev.nnjit.tune;

import java.util.List;

/**
 * Tuning decisions by adapter and workload. Implementations: {@link MemoryTuningCache}, and
 * {@link LayeredTuningCache} (device-local records over shipped ones). Persistence is a {@link TuningStore}'s job;
 * {@link TuningJson} is the format.
 */
public interface TuningCache {

    /** The record stored for exactly this key (space checksum included) on this adapter, or null. */
    TuningRecord get(AdapterKey adapter, TuningKey key);

    /** Stores {@code record}, replacing any record of the same adapter and workload (whatever its checksum). */
    void put(TuningRecord record);

    /** Every record stored for this adapter, in insertion order. */
    List<TuningRecord> records(AdapterKey adapter);

    /** The layer this cache reports its hits as. */
    default DecisionSource source() { return DecisionSource.CACHE; }

    /**
     * A record that may answer for {@code site}, or null: the key must match and {@link TuningRecord#staleReason}
     * must find nothing (this regenerates the winner's code).
     */
    default CacheHit lookup(AdapterKey adapter, TuningSite<?> site) {
        TuningRecord r = get(adapter, TuningKey.of(site));
        return r != null && r.staleReason(site) == null ? new CacheHit(r, source()) : null;
    }
}
