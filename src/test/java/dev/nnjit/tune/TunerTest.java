package dev.nnjit.tune;

import static dev.nnjit.tune.TuneFixtures.ADAPTER;
import static dev.nnjit.tune.TuneFixtures.site;
import static dev.nnjit.tune.TuneFixtures.workload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.codegen.MatmulProblem;
import dev.nnjit.tune.TuneFixtures.Behavior;
import dev.nnjit.tune.TuneFixtures.FakeBench;
import dev.nnjit.tune.TuneFixtures.FakeClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search loop on a fake clock and a fake device. */
class TunerTest {
    private final FakeClock clock = new FakeClock();
    private final FakeBench bench = new FakeBench(clock);
    private final MemoryTuningCache cache = new MemoryTuningCache();

    private TuningReport tune(TuningBudget budget, Workload... ws) {
        return new Tuner(ADAPTER, cache, budget, List.of(ws), bench, clock).run(null);
    }

    @Test void adoptsTheFastestValidCandidateAndStoresTheDecision() {
        TuningSite<?> s = site("p", "a", "b", "c");
        bench.with("k:a", 100, 1.0).with("k:b", 100, 0.5).with("k:c", 100, 0.8);
        TuningReport r = tune(TuningBudget.DEFAULT, workload(s, 2, 1.0));
        WorkloadReport w = r.workloads().get(0);
        assertEquals(DecisionSource.TUNED, w.source());
        assertEquals("k:b", w.bestConfig());
        assertEquals(2.0, w.speedup(), 1e-9);
        assertEquals(3, w.tried());
        assertEquals(0, w.maxError());
        TuningRecord rec = cache.get(ADAPTER, TuningKey.of(s));
        assertEquals("k:b", rec.winnerKey());
        assertEquals(Checksum.of(s.instance("k:b").wgsl()), rec.winnerWgslHash());
        assertEquals(3, rec.results().size());
        assertEquals(5, rec.result("k:a").samples()); // default rounds
        // Interleaved: every round samples each live candidate once before the next round starts.
        List<String> samples = new ArrayList<>();
        for (String c : bench.calls) if (c.startsWith("sample")) samples.add(c);
        assertEquals(List.of("sample k:a", "sample k:b", "sample k:c"), samples.subList(0, 3));
        assertEquals(List.of("sample k:b", "sample k:c", "sample k:a"), samples.subList(3, 6)); // rotated start
        assertEquals(5, rec.result("k:c").samples(), "two challengers both stay: halving keeps at least two");
        assertEquals("close p", bench.calls.get(bench.calls.size() - 1));
    }

    /** Challengers compile in 1 s, the default in 10 ms (in a page it is a pipeline-cache hit: the program runs it). */
    private void slowCompiles() {
        bench.fallback = new Behavior(1000, 1.0, new float[] {1, 2, 3, 4}, null);
        bench.with("k:x", new Behavior(10, 1.0, new float[] {1, 2, 3, 4}, null)); // every site's default
    }

    @Test void theBudgetIsKeptAndSharedByWeight() {
        slowCompiles();
        Workload a = workload(site("a", "x", "y", "z", "w"), 1, 3);
        Workload b = workload(site("b", "x", "y", "z", "w"), 1, 2);
        Workload c = workload(site("c", "x", "y", "z", "w"), 1, 1);
        TuningReport r = tune(TuningBudget.ofMs(5000), a, b, c);
        assertTrue(r.tuningMs() <= 5000, "no overrun: " + r.tuningMs());
        for (WorkloadReport w : r.workloads()) assertEquals(DecisionSource.TUNED, w.source(), w.toString());
        // a (half the weight) affords two challengers; b and c, with what a left, one each.
        assertEquals(3, r.workloads().get(0).tried());
        assertEquals(2, r.workloads().get(1).tried());
        assertEquals(2, r.workloads().get(2).tried());
        assertNotNull(cache.get(ADAPTER, c.key()), "a smaller search still concludes and is stored");
        assertEquals(5000, r.budgetMs());
    }

    @Test void aWorkloadWhoseShareCannotCoverOneCandidateIsSkippedNotStarted() {
        slowCompiles();
        Workload big = workload(site("a", "x", "y", "z"), 10, 1);
        Workload small = workload(site("b", "x", "y", "z"), 1, 1);
        TuningReport r = tune(TuningBudget.ofMs(1500), big, small);
        assertEquals(DecisionSource.TUNED, r.workloads().get(0).source());
        WorkloadReport s = r.workloads().get(1);
        assertEquals(DecisionSource.DEFAULT, s.source());
        assertTrue(s.note().contains("does not cover one candidate"), s.note());
        assertEquals(0, bench.count("open b"));
        assertTrue(r.tuningMs() <= 1500, "no overrun: " + r.tuningMs());
    }

    @Test void aStepThatOverrunsItsEstimatePastTheBudgetAbandonsItsSearch() {
        bench.fallback = new Behavior(9000, 1.0, new float[] {1, 2, 3, 4}, null); // far over the first-compile guess
        bench.with("k:x", new Behavior(10, 1.0, new float[] {1, 2, 3, 4}, null));
        Workload a = workload(site("a", "x", "y", "z"), 1, 1);
        Workload b = workload(site("b", "x", "y"), 1, 1);
        TuningReport r = tune(TuningBudget.ofMs(5000), a, b);
        WorkloadReport w = r.workloads().get(0);
        assertEquals(DecisionSource.DEFAULT, w.source());
        assertEquals("budget spent", w.note());
        assertNull(cache.get(ADAPTER, a.key()), "an abandoned search stores nothing");
        assertEquals("budget spent", r.workloads().get(1).note());
        assertEquals(0, bench.count("open b"));
        assertEquals(2, bench.count("compile"));
    }

    @Test void budgetZeroTunesNothingButStillUsesStoredDecisions() {
        TuningSite<?> s1 = site("p1", "a", "b");
        TuningSite<?> s2 = site("p2", "a", "b");
        cache.put(new TuningRecord(ADAPTER, TuningKey.of(s1), "k:b", Checksum.of(s1.instance("k:b").wgsl()), "k:a",
                List.of(), "fake", 0));
        TuningReport r = tune(TuningBudget.ofMs(0), workload(s1, 1, 1), workload(s2, 1, 1));
        assertTrue(bench.calls.isEmpty(), bench.calls.toString());
        assertEquals(DecisionSource.CACHE, r.workloads().get(0).source());
        assertEquals("k:b", r.workloads().get(0).bestConfig());
        assertEquals(DecisionSource.DEFAULT, r.workloads().get(1).source());
        assertEquals(1, r.cacheHits());
        assertEquals(0, r.tuningMs());
    }

    @Test void aCandidateOverTheCompileCapIsDroppedUntimed() {
        TuningSite<?> s = site("p", "a", "slow", "b");
        bench.with("k:a", 300, 1.0).with("k:slow", 8000, 0.1).with("k:b", 300, 0.9);
        TuningReport r = tune(TuningBudget.DEFAULT.withCompileCap(5000), workload(s, 1, 1));
        TuningRecord rec = cache.get(ADAPTER, TuningKey.of(s));
        assertEquals(CandidateStatus.DROPPED_EARLY, rec.result("k:slow").status());
        assertTrue(rec.result("k:slow").note().contains("over the cap"), rec.result("k:slow").note());
        assertEquals(0, bench.count("sample k:slow"));
        assertEquals("k:b", r.workloads().get(0).bestConfig()); // 10% faster than the default
    }

    @Test void aCandidateFiveTimesSlowerIsDroppedAfterItsFirstSample() {
        TuningSite<?> s = site("p", "a", "slow", "b");
        bench.with("k:a", 100, 1.0).with("k:slow", 100, 5.0).with("k:b", 100, 1.0);
        tune(TuningBudget.DEFAULT, workload(s, 1, 1));
        assertEquals(1, bench.count("sample k:slow"));
        assertEquals(5, bench.count("sample k:a"));
        CandidateResult slow = cache.get(ADAPTER, TuningKey.of(s)).result("k:slow");
        assertEquals(CandidateStatus.DROPPED_EARLY, slow.status());
        assertEquals(1, slow.samples());
    }

    @Test void aFastWinnerWithWrongOutputIsRejectedAndTheNextValidOneWins() {
        TuningSite<?> s = site("p", "a", "wrong", "good", "meh");
        bench.with("k:a", 100, 1.0).with("k:good", 100, 0.6).with("k:meh", 100, 0.8)
                .with("k:wrong", new Behavior(100, 0.3, new float[] {1, 2, 3, 5}, null));
        TuningReport r = tune(TuningBudget.DEFAULT, workload(s, 1, 1));
        WorkloadReport w = r.workloads().get(0);
        assertEquals("k:good", w.bestConfig());
        assertEquals(1, w.rejected().size());
        assertTrue(w.rejected().get(0).startsWith("k:wrong: differs from the default"), w.rejected().get(0));
        TuningRecord rec = cache.get(ADAPTER, TuningKey.of(s));
        assertEquals(CandidateStatus.REJECTED, rec.result("k:wrong").status());
        assertEquals(1.0, rec.result("k:wrong").error().maxAbs());
        assertEquals(0, bench.count("output k:meh")); // validation stops at the first valid one
    }

    @Test void whenEveryFastCandidateIsWrongTheDefaultStays() {
        TuningSite<?> s = site("p", "a", "wrong");
        bench.with("k:a", 100, 1.0).with("k:wrong", new Behavior(100, 0.3, new float[] {Float.NaN, 2, 3, 4}, null));
        WorkloadReport w = tune(TuningBudget.DEFAULT, workload(s, 1, 1)).workloads().get(0);
        assertEquals("k:a", w.bestConfig());
        assertEquals(1.0, w.speedup());
        assertEquals(DecisionSource.TUNED, w.source());
    }

    @Test void realMatmulToleranceAcceptsRoundingAndRejectsAWrongSum() {
        TuningSite<MatmulProblem> s = TuneFixtures.matmulSite(64, 256, 128);
        assertTrue(s.size() >= 3, "matmul space has " + s.size());
        List<String> keys = CandidateOrder.of(s, List.of()); // the order candidates are tried in
        float[] out = new float[64 * 256];
        for (int i = 0; i < out.length; i++) out[i] = (i % 17) - 8;
        float[] rounded = out.clone();
        for (int i = 0; i < out.length; i++) rounded[i] += 4e-5f; // within K 2^-20 = 1.2e-4
        float[] wrong = out.clone();
        wrong[100] += 0.5f; // a lost k term
        bench.with(keys.get(0), new Behavior(100, 1.0, out, null))
                .with(keys.get(1), new Behavior(100, 0.5, wrong, null))
                .with(keys.get(2), new Behavior(100, 0.7, rounded, null));
        for (int i = 3; i < keys.size(); i++) bench.with(keys.get(i), new Behavior(100, 2.0, out, null));
        WorkloadReport w = tune(TuningBudget.DEFAULT, workload(s, 1, 1)).workloads().get(0);
        assertEquals(keys.get(2), w.bestConfig());
        assertEquals(4e-5, w.maxError(), 1e-6);
        assertEquals("--op matmul --shape 64x256x128", w.workbench());
    }

    @Test void theDefaultStaysUnlessTheWinnerIsAtLeastFivePercentFaster() {
        TuningSite<?> s = site("p", "a", "b");
        bench.with("k:a", 100, 1.0).with("k:b", 100, 0.97);
        WorkloadReport small = tune(TuningBudget.DEFAULT, workload(s, 1, 1)).workloads().get(0);
        assertEquals("k:a", small.bestConfig());
        assertEquals(1.0, small.speedup());
        assertEquals(0, bench.count("output"), "a candidate too slow to matter is not validated");
        assertEquals("k:a", cache.get(ADAPTER, TuningKey.of(s)).winnerKey(), "the decision to keep the default is stored");

        TuningSite<?> s2 = site("q", "a", "b");
        bench.with("k:b", 100, 0.94);
        WorkloadReport big = tune(TuningBudget.DEFAULT, workload(s2, 1, 1)).workloads().get(0);
        assertEquals("k:b", big.bestConfig());
    }

    @Test void aSecondSessionIsAnsweredFromTheCache() {
        TuningSite<?> s = site("p", "a", "b");
        bench.with("k:b", 100, 0.5);
        tune(TuningBudget.DEFAULT, workload(s, 1, 1));
        int calls = bench.calls.size();
        TuningReport again = tune(TuningBudget.DEFAULT, workload(s, 1, 1));
        assertEquals(calls, bench.calls.size());
        assertEquals(1, again.cacheHits());
        assertEquals(DecisionSource.CACHE, again.workloads().get(0).source());
        assertEquals("k:b", again.workloads().get(0).bestConfig());
        assertEquals(2.0, again.workloads().get(0).speedup(), 1e-9);
    }

    @Test void theDefaultFailingToCompileLeavesTheWorkloadUntuned() {
        TuningSite<?> s = site("p", "a", "b");
        bench.with("k:a", new Behavior(100, 1, new float[4], "shader error"));
        WorkloadReport w = tune(TuningBudget.DEFAULT, workload(s, 1, 1)).workloads().get(0);
        assertEquals(DecisionSource.DEFAULT, w.source());
        assertTrue(w.note().contains("shader error"));
        assertEquals(0, bench.count("compile k:b"));
        assertNull(cache.get(ADAPTER, TuningKey.of(s)));
    }

    @Test void stepsAreSmallAndProgressIsReported() {
        TuningSite<?> s1 = site("p1", "a", "b", "c");
        TuningSite<?> s2 = site("p2", "a", "b");
        bench.with("k:b", 100, 0.5);
        Tuner t = new Tuner(ADAPTER, cache, TuningBudget.DEFAULT.withRounds(2), List.of(workload(s1, 1, 3),
                workload(s2, 1, 1)), bench, clock);
        List<TuningProgress> seen = new ArrayList<>();
        int before = bench.calls.size();
        assertTrue(t.tuneStep());
        assertEquals(List.of("open p1", "compile k:a"), bench.calls.subList(before, bench.calls.size()));
        TuningReport r = t.run(seen::add);
        assertTrue(seen.size() >= 8, "one progress per step: " + seen.size()); // 3+2 compiles, 2+2 rounds, 2 checks
        TuningProgress last = seen.get(seen.size() - 1);
        assertTrue(last.finished());
        assertEquals(2, last.workloadsDone());
        assertEquals(2.0, last.estimatedSpeedup(), 1e-9); // both workloads twice as fast
        assertEquals(r.tuningMs(), last.spentMs());
        for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i).workloadsDone() >= seen.get(i - 1).workloadsDone());
        assertFalse(t.tuneStep());
        assertNotNull(cache.get(ADAPTER, TuningKey.of(s2)));
    }

    @Test void aLaterWorkloadOfTheSameFamilyTriesTheEarlierWinnerFirst() {
        TuningSite<?> first = site("p1", "a", "b", "c", "d");
        TuningSite<?> second = site("p2", "a", "b", "c", "d");
        bench.with("k:d", 100, 0.5);
        tune(TuningBudget.DEFAULT.withMaxCandidates(2), workload(first, 1, 2), workload(second, 1, 1));
        // p1 tries the space's order (a, b) and keeps a; had it found d, p2 would try d first. Make d win p1:
        assertEquals("k:a", cache.get(ADAPTER, TuningKey.of(first)).winnerKey());
        bench.calls.clear();
        TuningSite<?> third = site("p3", "a", "d", "b", "c");
        TuningSite<?> fourth = site("p4", "a", "b", "c", "d");
        tune(TuningBudget.DEFAULT.withMaxCandidates(2), workload(third, 1, 2), workload(fourth, 1, 1));
        assertEquals("k:d", cache.get(ADAPTER, TuningKey.of(third)).winnerKey());
        assertEquals("k:d", cache.get(ADAPTER, TuningKey.of(fourth)).winnerKey(), "p4 tried p3's winner first");
        assertEquals(1, bench.count("compile k:d") - 1, "d compiled once per site: p3 and p4");
    }

    @Test void aCandidateFasterByMedianButNotByMinimumIsNotAdopted() {
        TuningSite<?> s = site("p", "a", "b");
        bench.sequences.put("k:a", new double[] {1.0, 2.0, 2.0, 1.0, 2.0}); // a noisy default: median 2, min 1
        bench.sequences.put("k:b", new double[] {1.5, 1.5, 1.5, 1.5, 1.5});
        WorkloadReport w = tune(TuningBudget.DEFAULT, workload(s, 1, 1)).workloads().get(0);
        assertEquals("k:a", w.bestConfig());
        assertEquals(0, bench.count("output"));
        assertTrue(cache.get(ADAPTER, TuningKey.of(s)).result("k:b").note().contains("not by minimum"));
    }

    @Test void aSlowKernelIsSampledInThreeRounds() {
        TuningSite<?> s = site("p", "a", "b");
        bench.with("k:a", 100, 50).with("k:b", 100, 40);
        WorkloadReport w = tune(TuningBudget.DEFAULT, workload(s, 1, 50)).workloads().get(0);
        assertEquals("k:b", w.bestConfig());
        assertEquals(3, bench.count("sample k:a"));
    }
}
