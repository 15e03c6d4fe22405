package dev.nnjit.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ScheduleChooser} backed by a {@link TuningCache}: a site with a valid stored decision (key and space
 * checksum match, the winner is still a candidate and its regenerated code hashes as measured) runs the stored
 * winner; any other site runs its default and is remembered as untuned, so a tuner can be pointed at it later.
 */
public final class CachedScheduleChooser implements ScheduleChooser {
    private final AdapterKey adapter;
    private final TuningCache cache;
    private final Map<String, TuningSite<?>> untuned = new LinkedHashMap<>();
    private final Map<String, DecisionSource> sources = new LinkedHashMap<>();

    public CachedScheduleChooser(AdapterKey adapter, TuningCache cache) {
        this.adapter = adapter;
        this.cache = cache;
    }

    @Override public String choose(TuningSite<?> site) {
        String workload = TuningKey.of(site).workload();
        if (!site.tunable()) return site.defaultKey();
        CacheHit hit = cache.lookup(adapter, site);
        if (hit != null) {
            sources.put(workload, hit.source());
            return hit.record().winnerKey();
        }
        sources.put(workload, DecisionSource.DEFAULT);
        untuned.put(workload, site);
        return site.defaultKey();
    }

    /** Tunable sites chosen so far that had no valid decision (one per workload, in first-seen order). */
    public List<TuningSite<?>> untuned() { return new ArrayList<>(untuned.values()); }

    /** Where the decision for this site's workload came from, or null when it was not chosen through this chooser. */
    public DecisionSource source(TuningSite<?> site) { return sources.get(TuningKey.of(site).workload()); }
}
