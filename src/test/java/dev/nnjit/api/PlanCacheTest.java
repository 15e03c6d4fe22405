package dev.nnjit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnjit.runtime.Executable;
import dev.nnjit.runtime.RunResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session's bounded plan cache: least recently used out, evicted plans released, compiles counted. */
class PlanCacheTest {
    private static Executable plan(String name, List<String> released) {
        return new Executable() {
            @Override public RunResult run(java.util.Map<String, dev.nnjit.tensor.Tensor> f,
                                           dev.nnjit.runtime.RunOptions o) { return null; }
            @Override public void release() { released.add(name); }
        };
    }

    @Test
    void leastRecentlyUsedPlansAreEvictedAndReleased() {
        List<String> released = new ArrayList<>();
        PlanCache cache = new PlanCache();
        cache.setLimit(2);
        Executable a = cache.get("a", () -> plan("a", released));
        cache.get("b", () -> plan("b", released));
        assertSame(a, cache.get("a", () -> plan("a2", released)), "a hit compiles nothing");
        cache.get("c", () -> plan("c", released));
        assertEquals(List.of("b"), released, "b was the least recently used");
        assertEquals(3, cache.compiles());
        assertEquals(1, cache.evictions());
        cache.setLimit(1);
        assertEquals(List.of("b", "a"), released);
        assertEquals(1, cache.size());
        assertThrows(IllegalArgumentException.class, () -> cache.setLimit(0));
    }
}
