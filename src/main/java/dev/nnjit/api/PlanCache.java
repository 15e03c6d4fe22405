package dev.nnjit.api;

import dev.nnjit.runtime.Executable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link Session}'s compiled plans, one per set of input shapes, bounded: least recently used first out. An
 * evicted plan is {@link Executable#release() released} (on WebGPU its intermediate buffers are destroyed; constants
 * stay, they belong to the backend). Counts every compile and eviction so that callers (generation, benchmarks) can
 * report how many shapes a workload compiled.
 */
public final class PlanCache {
    /** Plans kept when the session is not told otherwise: enough for the length buckets of a long generation. */
    public static final int DEFAULT_LIMIT = 16;

    private final LinkedHashMap<String, Executable> plans = new LinkedHashMap<>(16, 0.75f, true);
    private int limit = DEFAULT_LIMIT;
    private int compiles;
    private int evictions;

    /** The plan for {@code shapeKey}, compiled by {@code compile} on a miss (then counted, and the oldest evicted). */
    Executable get(String shapeKey, Supplier<Executable> compile) {
        Executable e = plans.get(shapeKey);
        if (e != null) return e;
        e = compile.get();
        compiles++;
        plans.put(shapeKey, e);
        trim();
        return e;
    }

    /** Keeps at most {@code limit} (at least 1) plans from now on, evicting the oldest beyond it at once. */
    public void setLimit(int limit) {
        if (limit < 1) throw new IllegalArgumentException("the plan cache needs room for at least 1 plan, got " + limit);
        this.limit = limit;
        trim();
    }

    public int limit() { return limit; }

    /** Plans compiled since the session was created (a plan compiled again after eviction counts again). */
    public int compiles() { return compiles; }

    public int evictions() { return evictions; }

    /** Plans held now. */
    public int size() { return plans.size(); }

    private void trim() {
        Iterator<Map.Entry<String, Executable>> it = plans.entrySet().iterator();
        while (plans.size() > limit && it.hasNext()) {
            Executable old = it.next().getValue();
            it.remove();
            evictions++;
            old.release();
        }
    }
}
