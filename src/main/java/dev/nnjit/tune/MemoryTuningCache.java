package dev.nnjit.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records in a map keyed by adapter id and workload; one record per workload (a newer one replaces a stale one). */
public final class MemoryTuningCache implements TuningCache {
    private final Map<String, TuningRecord> records = new LinkedHashMap<>();
    private final DecisionSource source;

    /** A cache whose hits are reported as {@link DecisionSource#CACHE}. */
    public MemoryTuningCache() { this(DecisionSource.CACHE); }

    /** A cache whose hits are reported as {@code source} (SHIPPED for the layer of shipped records). */
    public MemoryTuningCache(DecisionSource source) { this.source = source; }

    private static String slot(AdapterKey adapter, TuningKey key) { return adapter.id() + "\n" + key.workload(); }

    @Override public TuningRecord get(AdapterKey adapter, TuningKey key) {
        TuningRecord r = records.get(slot(adapter, key));
        return r != null && r.adapter().equals(adapter) && r.key().equals(key) ? r : null;
    }

    @Override public void put(TuningRecord record) { records.put(slot(record.adapter(), record.key()), record); }

    @Override public List<TuningRecord> records(AdapterKey adapter) {
        List<TuningRecord> out = new ArrayList<>();
        for (TuningRecord r : records.values()) if (r.adapter().equals(adapter)) out.add(r);
        return out;
    }

    @Override public DecisionSource source() { return source; }

    public int size() { return records.size(); }
}
