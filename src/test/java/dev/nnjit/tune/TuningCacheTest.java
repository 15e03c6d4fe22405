package dev.nnjit.tune;

import static dev.nnjit.tune.TuneFixtures.ADAPTER;
import static dev.nnjit.tune.TuneFixtures.OTHER_ADAPTER;
import static dev.nnjit.tune.TuneFixtures.site;
import static dev.nnjit.tune.TuneFixtures.versioned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stored decisions: invalidation, namespacing, layers, the cache-backed chooser, planning and the JSON forms. */
class TuningCacheTest {

    static TuningRecord record(AdapterKey adapter, TuningSite<?> site, String winner) {
        ErrorStats e = new ErrorStats(1.5e-6, 2e-7, 0.25, 3, 1.0000015f, 1f, 0);
        List<CandidateResult> results = List.of(
                new CandidateResult(site.defaultKey(), CandidateStatus.OK, 120.5, new double[] {1.0, 1.2, 0.9}, null, null),
                new CandidateResult(winner, CandidateStatus.OK, 80, new double[] {0.5, 0.6, 0.4}, e, null),
                CandidateResult.notTried("k:zz", "beyond the cap"));
        return new TuningRecord(adapter, TuningKey.of(site), winner, Checksum.of(site.instance(winner).wgsl()),
                site.defaultKey(), results, "timestamp-query", 1_700_000_000_123L);
    }

    @Test void aValidRecordAnswersAndTheChooserRunsItsWinner() {
        TuningSite<?> s = site("p", "a", "b", "c");
        MemoryTuningCache cache = new MemoryTuningCache();
        cache.put(record(ADAPTER, s, "k:c"));
        CachedScheduleChooser chooser = new CachedScheduleChooser(ADAPTER, cache);
        assertEquals("k:c", chooser.choose(s));
        assertEquals(DecisionSource.CACHE, chooser.source(s));
        assertTrue(chooser.untuned().isEmpty());
        TuningSite<?> other = site("q", "a", "b");
        assertEquals("k:a", chooser.choose(other));
        assertEquals(DecisionSource.DEFAULT, chooser.source(other));
        assertEquals(List.of(other), chooser.untuned());
        TuningSite<?> single = site("r", "a");
        assertEquals("k:a", chooser.choose(single));
        assertEquals(1, chooser.untuned().size(), "a site with one candidate has nothing to tune");
    }

    @Test void aChangedCandidateSetInvalidatesTheRecord() {
        TuningSite<?> s = site("p", "a", "b", "c");
        MemoryTuningCache cache = new MemoryTuningCache();
        cache.put(record(ADAPTER, s, "k:c"));
        TuningSite<?> grown = site("p", "a", "b", "c", "d");
        assertNotEquals(s.spaceChecksum(), grown.spaceChecksum());
        assertNull(cache.lookup(ADAPTER, grown));
        assertEquals("candidate set changed (space checksum)", cache.records(ADAPTER).get(0).staleReason(grown));
        CachedScheduleChooser chooser = new CachedScheduleChooser(ADAPTER, cache);
        assertEquals("k:a", chooser.choose(grown));
        assertEquals(List.of(grown), chooser.untuned());
        // A new decision under the new checksum replaces the stale one (one record per workload).
        cache.put(record(ADAPTER, grown, "k:d"));
        assertEquals(1, cache.size());
        assertEquals("k:d", chooser.choose(grown));
    }

    @Test void aChangedGeneratorInvalidatesTheRecord() {
        TuningSite<?> v1 = versioned("v1", "p", "a", "b");
        TuningSite<?> v2 = versioned("v2", "p", "a", "b");
        assertEquals(v1.spaceChecksum(), v2.spaceChecksum(), "same keys, different WGSL");
        MemoryTuningCache cache = new MemoryTuningCache();
        cache.put(record(ADAPTER, v1, "k:b"));
        assertNotNull(cache.lookup(ADAPTER, v1));
        assertNull(cache.lookup(ADAPTER, v2));
        assertEquals("generator output changed for k:b (WGSL hash)", cache.get(ADAPTER, TuningKey.of(v2)).staleReason(v2));
        assertEquals("k:a", new CachedScheduleChooser(ADAPTER, cache).choose(v2));
    }

    @Test void recordsAreNamespacedByAdapter() {
        TuningSite<?> s = site("p", "a", "b", "c");
        MemoryTuningCache cache = new MemoryTuningCache();
        cache.put(record(ADAPTER, s, "k:b"));
        cache.put(record(OTHER_ADAPTER, s, "k:c"));
        assertEquals(2, cache.size());
        assertEquals("k:b", new CachedScheduleChooser(ADAPTER, cache).choose(s));
        assertEquals("k:c", new CachedScheduleChooser(OTHER_ADAPTER, cache).choose(s));
        AdapterKey third = AdapterKey.of("google", "swiftshader", "SwiftShader Device (Subzero)", "limits-a",
                List.of("timestamp-query", "shader-f16"));
        assertNotEquals(ADAPTER.id(), third.id(), "features are part of the key");
        assertEquals("k:a", new CachedScheduleChooser(third, cache).choose(s));
        assertEquals(1, cache.records(ADAPTER).size());
        assertTrue(ADAPTER.id().startsWith("google-swiftshader-"), ADAPTER.id());
        assertEquals(ADAPTER, AdapterKey.of("google", "swiftshader", "SwiftShader Device (Subzero)", "limits-a",
                List.of("timestamp-query")));
    }

    @Test void layeredCacheReportsWhichLayerAnswered() {
        TuningSite<?> s1 = site("p1", "a", "b");
        TuningSite<?> s2 = site("p2", "a", "b");
        TuningSite<?> s3 = site("p3", "a", "b");
        MemoryTuningCache local = new MemoryTuningCache();
        MemoryTuningCache shipped = new MemoryTuningCache(DecisionSource.SHIPPED);
        local.put(record(ADAPTER, s1, "k:b"));
        shipped.put(record(ADAPTER, s1, "k:a"));
        shipped.put(record(ADAPTER, s2, "k:b"));
        LayeredTuningCache layered = new LayeredTuningCache(local, shipped);
        assertEquals(DecisionSource.CACHE, layered.lookup(ADAPTER, s1).source());
        assertEquals("k:b", layered.lookup(ADAPTER, s1).record().winnerKey(), "local records shadow shipped ones");
        assertEquals(DecisionSource.SHIPPED, layered.lookup(ADAPTER, s2).source());
        assertNull(layered.lookup(ADAPTER, s3));
        CachedScheduleChooser chooser = new CachedScheduleChooser(ADAPTER, layered);
        chooser.choose(s2);
        assertEquals(DecisionSource.SHIPPED, chooser.source(s2));
        layered.put(record(ADAPTER, s3, "k:b"));
        assertEquals(2, local.records(ADAPTER).size(), "writes go to the local layer");
        assertEquals(2, shipped.size());
        assertEquals(3, layered.records(ADAPTER).size());
        // The tuner reports shipped hits as such.
        TuningReport r = new Tuner(ADAPTER, layered, TuningBudget.ofMs(0), List.of(new Workload(s2, 1, 1)),
                new TuneFixtures.FakeBench(new TuneFixtures.FakeClock()), new TuneFixtures.FakeClock()).run(null);
        assertEquals(DecisionSource.SHIPPED, r.workloads().get(0).source());
    }

    @Test void recordsRoundTripThroughJson() {
        TuningSite<?> s = site("p", "a", "b");
        MemoryTuningCache cache = new MemoryTuningCache();
        cache.put(record(ADAPTER, s, "k:b"));
        cache.put(record(OTHER_ADAPTER, s, "k:a"));
        String text = TuningJson.export(cache, ADAPTER);
        List<TuningRecord> back = TuningJson.readRecords(text);
        assertEquals(1, back.size());
        TuningRecord r = back.get(0);
        TuningRecord orig = cache.get(ADAPTER, TuningKey.of(s));
        assertEquals(orig.adapter(), r.adapter());
        assertEquals(orig.key(), r.key());
        assertEquals(orig.winnerKey(), r.winnerKey());
        assertEquals(orig.winnerWgslHash(), r.winnerWgslHash());
        assertEquals(orig.epochMs(), r.epochMs());
        assertEquals(orig.result("k:b").error(), r.result("k:b").error());
        assertEquals(0.5, r.result("k:b").medianMs());
        assertEquals(CandidateStatus.NOT_TRIED, r.result("k:zz").status());
        assertTrue(Double.isNaN(r.result("k:zz").compileMs()));
        assertEquals(text, TuningJson.writeRecords(ADAPTER, back));
        MemoryTuningCache fresh = new MemoryTuningCache();
        assertEquals(1, TuningJson.importInto(fresh, text));
        assertEquals("k:b", new CachedScheduleChooser(ADAPTER, fresh).choose(s));
    }

    @Test void reportRoundTripsThroughJson() {
        WorkloadReport w = new WorkloadReport("matmul", "m64n256k128", 12, 9, 7, "matmul:t64", 1.25, "matmul:t32", 0.5, 2.5,
                DecisionSource.TUNED, 3.5e-5, "--op matmul --shape 64x256x128", List.of("matmul:x: differs"), null);
        WorkloadReport u = new WorkloadReport("softmax", "8x1000", 2, 4, 0, "softmax:a", Double.NaN, "softmax:a",
                Double.NaN, 1, DecisionSource.DEFAULT, 0, null, List.of(), "budget spent");
        TuningReport r = new TuningReport(30000, 1234.5, 3, List.of(w, u));
        String text = TuningJson.writeReport(r);
        assertTrue(text.startsWith("{\"budgetMs\":30000,\"tuningMs\":1234.5,\"cacheHits\":3,\"workloads\":[{\"family\":\"matmul\""), text);
        assertTrue(text.contains("\"source\":\"tuned\""));
        assertTrue(text.contains("\"defaultMs\":null"));
        TuningReport back = TuningJson.readReport(text);
        assertEquals(w, back.workloads().get(0));
        assertEquals(u.note(), back.workloads().get(1).note());
        assertTrue(Double.isNaN(back.workloads().get(1).defaultMs()));
        assertEquals(text, TuningJson.writeReport(back));
    }

    @Test void plannerGroupsWorkloadsAndOrdersThemByShareOfModelTime() {
        TuningSite<?> a = site("a", "x", "y");
        TuningSite<?> b = site("b", "x", "y");
        TuningSite<?> c = site("c", "x", "y");
        TuningSite<?> fixed = site("f", "x");
        List<Workload> plan = TaskPlanner.plan(List.of(new SiteTime(a, 1), new SiteTime(c, 1), new SiteTime(site("a", "x", "y"), 1),
                new SiteTime(b, 10), new SiteTime(fixed, 100), new SiteTime(a, 1)));
        assertEquals(3, plan.size(), "the one-candidate site is not a task");
        assertEquals("b", plan.get(0).site().problemKey());
        assertEquals("a", plan.get(1).site().problemKey());
        assertEquals(3, plan.get(1).occurrences());
        assertEquals(3.0, plan.get(1).weight());
        assertEquals("c", plan.get(2).site().problemKey());
        // The tuner spends the budget in that order.
        TuneFixtures.FakeClock clock = new TuneFixtures.FakeClock();
        TuneFixtures.FakeBench bench = new TuneFixtures.FakeBench(clock);
        new Tuner(ADAPTER, new MemoryTuningCache(), TuningBudget.DEFAULT, plan, bench, clock).run(null);
        List<String> opens = bench.calls.stream().filter(x -> x.startsWith("open")).toList();
        assertEquals(List.of("open b", "open a", "open c"), opens);
    }
}
