package dev.nnjit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.codegen.SoftmaxProblem;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.tune.AdapterKey;
import dev.nnjit.tune.CandidateBench;
import dev.nnjit.tune.DecisionSource;
import dev.nnjit.tune.LayeredTuningCache;
import dev.nnjit.tune.MemoryTuningCache;
import dev.nnjit.tune.TuneClock;
import dev.nnjit.tune.TuningBudget;
import dev.nnjit.tune.TuningJson;
import dev.nnjit.tune.TuningReport;
import dev.nnjit.tune.TuningSite;
import dev.nnjit.tune.TuningSites;
import dev.nnjit.tune.TuningStore;
import dev.nnjit.tune.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A program's tuning session on a fake device: decisions handed back for swapping, persisted after measuring. */
class ProgramTunerTest {
    static final AdapterKey ADAPTER = AdapterKey.of("google", "swiftshader", "test", "limits", List.of());
    static final TuningSite<SoftmaxProblem> SITE = TuningSites.softmax(SoftmaxProblem.lastAxis(64, 256, false),
            AdapterLimits.defaults(), AdapterFeatures.NONE);

    static final class Clock implements TuneClock {
        double now;

        @Override public double nowMs() { return now; }

        @Override public long epochMs() { return 1_700_000_000_000L; }
    }

    /** Candidate 1 is ten times faster than the others; every candidate computes the same output. */
    static final class Bench implements CandidateBench {
        final Clock clock;

        Bench(Clock clock) { this.clock = clock; }

        @Override public void open(TuningSite<?> site) {}

        @Override public String compile(TuningSite<?> site, String key) {
            clock.now += 10;
            return null;
        }

        @Override public double sample(TuningSite<?> site, String key) {
            clock.now += 1;
            return site.indexOf(key) == 1 ? 0.1 : 1.0;
        }

        @Override public float[] output(TuningSite<?> site, String key) { return new float[] {0.25f, 0.75f}; }

        @Override public void close(TuningSite<?> site) {}

        @Override public String timing() { return "fake"; }
    }

    static final class Store implements TuningStore {
        final List<String> saved = new ArrayList<>();

        @Override public String load(AdapterKey adapter) { return saved.isEmpty() ? null : saved.get(saved.size() - 1); }

        @Override public void save(AdapterKey adapter, String json) { saved.add(json); }
    }

    private static Map<String, String> runToEnd(ProgramTuner t) {
        Map<String, String> decided = new LinkedHashMap<>();
        for (int i = 0; i < 1000 && !t.finished(); i++) decided.putAll(t.step());
        assertTrue(t.finished());
        return decided;
    }

    @Test void measuredWinnerIsHandedBackAndPersisted() {
        Clock clock = new Clock();
        Store store = new Store();
        MemoryTuningCache local = new MemoryTuningCache();
        TuningSetup setup = new TuningSetup(ADAPTER, new LayeredTuningCache(local,
                new MemoryTuningCache(DecisionSource.SHIPPED)), store, clock);
        ProgramTuner t = new ProgramTuner(setup, TuningBudget.ofMs(10_000), List.of(new Workload(SITE, 3, 1.0)),
                new Bench(clock));
        Map<String, String> decided = runToEnd(t);
        String winner = SITE.keys().get(1);
        assertEquals(Map.of(SITE.family() + "|" + SITE.problemKey(), winner), decided);
        TuningReport r = t.report();
        assertEquals(DecisionSource.TUNED, r.workloads().get(0).source());
        assertEquals(1, store.saved.size(), "saved once, after the decision");
        assertEquals(winner, TuningJson.readRecords(store.saved.get(0)).get(0).winnerKey());

        // A second session on the same cache measures nothing and saves nothing; the decision comes from the cache.
        ProgramTuner again = new ProgramTuner(setup, TuningBudget.ofMs(10_000), List.of(new Workload(SITE, 3, 1.0)),
                new Bench(clock));
        double before = clock.now;
        assertEquals(decided, runToEnd(again));
        assertEquals(before, clock.now);
        assertEquals(1, again.report().cacheHits());
        assertEquals(DecisionSource.CACHE, again.report().workloads().get(0).source());
        assertEquals(1, store.saved.size());
    }

    @Test void budgetZeroDecidesDefaultsWithoutMeasuring() {
        Clock clock = new Clock();
        Store store = new Store();
        TuningSetup setup = new TuningSetup(ADAPTER, new MemoryTuningCache(), store, clock);
        ProgramTuner t = new ProgramTuner(setup, TuningBudget.ofMs(0), List.of(new Workload(SITE, 1, 1.0)),
                new Bench(clock));
        assertEquals(Map.of(SITE.family() + "|" + SITE.problemKey(), SITE.defaultKey()), runToEnd(t));
        assertEquals(0.0, clock.now);
        assertEquals(DecisionSource.DEFAULT, t.report().workloads().get(0).source());
        assertTrue(store.saved.isEmpty());
    }
}
