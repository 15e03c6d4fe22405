package dev.nnjit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.ops.fused.Activation;
import dev.nnjit.tune.TuneFixtures.FakeBench;
import dev.nnjit.tune.TuneFixtures.FakeClock;
import dev.nnjit.wasm.kernels.WasmCpu;
import dev.nnjit.wasm.kernels.WasmGemmProblem;
import dev.nnjit.wasm.kernels.WasmNormProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one tuner over wasm sites and a fake CPU bench: decisions, records, the report and cache hits as for WebGPU. */
class WasmTunerTest {
    static final WasmCpu CPU = new WasmCpu(true, 2, true);
    static final AdapterKey CPU_KEY = AdapterKey.ofWasm(CPU, 2, "HeadlessChrome/156", "wasm-gc");
    private final FakeClock clock = new FakeClock();
    private final FakeBench bench = new FakeBench(clock);
    private final MemoryTuningCache cache = new MemoryTuningCache();

    @Test void aWasmGemmWinnerIsStoredWithItsModuleChecksumAndAnswersTheNextSession() {
        TuningSite<WasmGemmProblem> gemm = WasmTuningSites.gemm(
                new WasmGemmProblem(128, 1536, 384, true, Activation.NONE, true), CPU);
        TuningSite<WasmNormProblem> norm = WasmTuningSites.norm(
                new WasmNormProblem(WasmNormProblem.Kind.LAYER, 384, true, 1e-5f));
        String fast = CandidateOrder.of(gemm, List.of()).get(1); // the nearest neighbour is tried first
        for (String k : gemm.keys()) bench.with(k, 20, 1.0);
        bench.with(fast, 20, 0.7);
        List<Workload> plan = TaskPlanner.plan(List.of(new SiteTime(gemm, 1.0), new SiteTime(gemm, 1.0),
                new SiteTime(norm, 0.1)));
        assertEquals(gemm, plan.get(0).site(), "heaviest first");
        TuningReport r = new Tuner(CPU_KEY, cache, TuningBudget.ofMs(5_000), plan, bench, clock).run(null);
        WorkloadReport w = r.workloads().get(0);
        assertEquals("wasm_gemm", w.family());
        assertEquals(DecisionSource.TUNED, w.source());
        assertEquals(fast, w.bestConfig());
        assertTrue(w.tried() > 1 && w.tried() <= TuningBudget.DEFAULT.maxCandidatesPerWorkload(), "tried " + w.tried());
        TuningRecord rec = cache.get(CPU_KEY, TuningKey.of(gemm));
        assertEquals(Checksum.of(gemm.wasmInstance(fast, true).wasm()), rec.winnerWgslHash(), "the module's hash");
        assertEquals("wasm_norm", r.workloads().get(1).family());
        // the records, through the JSON format, answer a second session: nothing measured
        MemoryTuningCache reloaded = new MemoryTuningCache();
        TuningJson.importInto(reloaded, TuningJson.export(cache, CPU_KEY));
        FakeBench second = new FakeBench(clock);
        TuningReport again = new Tuner(CPU_KEY, reloaded, TuningBudget.ofMs(5_000), plan, second, clock).run(null);
        assertEquals(2, again.cacheHits());
        assertEquals(0, second.calls.size(), "a warm cache measures nothing");
        assertEquals(fast, new CachedScheduleChooser(CPU_KEY, reloaded).choose(gemm));
    }
}
