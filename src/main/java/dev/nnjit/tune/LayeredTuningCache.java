package dev.nnjit.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Device-local records over shipped ones (TVM's ordered union database): a lookup asks the local layer first and
 * falls through to the shipped layer when the local one has no valid record; writes go to the local layer only.
 * Hits report their layer ("cache" or "shipped").
 */
public final class LayeredTuningCache implements TuningCache {
    private final TuningCache local;
    private final TuningCache shipped;

    public LayeredTuningCache(TuningCache local, TuningCache shipped) {
        this.local = local;
        this.shipped = shipped;
    }

    public TuningCache local() { return local; }

    @Override public TuningRecord get(AdapterKey adapter, TuningKey key) {
        TuningRecord r = local.get(adapter, key);
        return r != null ? r : shipped.get(adapter, key);
    }

    @Override public void put(TuningRecord record) { local.put(record); }

    /** Local records, then shipped ones for workloads the local layer does not hold. */
    @Override public List<TuningRecord> records(AdapterKey adapter) {
        List<TuningRecord> out = new ArrayList<>(local.records(adapter));
        Map<String, Boolean> seen = new HashMap<>();
        for (TuningRecord r : out) seen.put(r.key().workload(), Boolean.TRUE);
        for (TuningRecord r : shipped.records(adapter)) if (!seen.containsKey(r.key().workload())) out.add(r);
        return out;
    }

    @Override public CacheHit lookup(AdapterKey adapter, TuningSite<?> site) {
        CacheHit h = local.lookup(adapter, site);
        if (h != null) return new CacheHit(h.record(), DecisionSource.CACHE);
        h = shipped.lookup(adapter, site);
        return h == null ? null : new CacheHit(h.record(), DecisionSource.SHIPPED);
    }
}
