package dev.nnjit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.ops.fused.Activation;
import dev.nnjit.wasm.kernels.WasmCpu;
import dev.nnjit.wasm.kernels.WasmGemmProblem;
import dev.nnjit.wasm.kernels.WasmSoftmaxProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wasm sites, their code checksums and the CPU's adapter key: what the one cache keys wasm decisions by. */
class WasmTuningSitesTest {
    static final WasmCpu CPU = new WasmCpu(true, 2, true);
    static final WasmGemmProblem FFN = new WasmGemmProblem(128, 1536, 384, true, Activation.NONE, true);

    @Test void sitesAreWasmAndTakeTheSameTensors() {
        TuningSite<WasmGemmProblem> gemm = WasmTuningSites.gemm(FFN, CPU);
        assertTrue(gemm.wasm() && gemm.tunable());
        assertEquals("wasm_gemm", gemm.family());
        assertNull(gemm.bindingMismatch());
        assertTrue(gemm.defaultKey().startsWith("wasm_gemm:r6x8_"), gemm.defaultKey());
        assertEquals("wasm_gemv", WasmTuningSites.gemv(WasmGemmProblem.of(1, 768, 768), CPU).family());
        assertEquals("wasm_softmax", WasmTuningSites.softmax(new WasmSoftmaxProblem(128)).family());
    }

    @Test void theSpaceChecksumFollowsTheCpuAndTheCodeChecksumTheModule() {
        TuningSite<WasmGemmProblem> relaxed = WasmTuningSites.gemm(FFN, CPU);
        TuningSite<WasmGemmProblem> plain = WasmTuningSites.gemm(FFN, new WasmCpu(false, 2, true));
        TuningSite<WasmGemmProblem> oneThread = WasmTuningSites.gemm(FFN, new WasmCpu(true, 1, false));
        assertNotEquals(relaxed.spaceChecksum(), plain.spaceChecksum());
        assertNotEquals(relaxed.spaceChecksum(), oneThread.spaceChecksum(), "no split-axis candidates on one thread");
        assertEquals(relaxed.spaceChecksum(), WasmTuningSites.gemm(FFN, CPU).spaceChecksum(), "deterministic");
        String k0 = relaxed.keys().get(0), k1 = relaxed.keys().get(1);
        assertEquals(relaxed.codeChecksum(k0), relaxed.codeChecksum(k0));
        assertNotEquals(relaxed.codeChecksum(k0), relaxed.codeChecksum(k1));
        assertEquals(Checksum.of(relaxed.wasmInstance(k0, true).wasm()), relaxed.codeChecksum(k0));
    }

    @Test void aRecordAnswersOnlyItsCpu() {
        AdapterKey here = AdapterKey.ofWasm(CPU, 2, "Mozilla/5.0 Chrome/156", "wasm-gc");
        assertEquals("cpu", here.vendor());
        assertEquals("wasm-simd", here.architecture());
        assertTrue(here.id().startsWith("cpu-wasm_simd-"), here.id());
        assertNotEquals(here, AdapterKey.ofWasm(new WasmCpu(false, 2, true), 2, "Mozilla/5.0 Chrome/156", "wasm-gc"));
        assertNotEquals(here, AdapterKey.ofWasm(new WasmCpu(true, 4, true), 4, "Mozilla/5.0 Chrome/156", "wasm-gc"));
        assertNotEquals(here, AdapterKey.ofWasm(CPU, 2, "Mozilla/5.0 Chrome/157", "wasm-gc"));
        assertNotEquals(here, AdapterKey.ofWasm(CPU, 2, "Mozilla/5.0 Chrome/156", "js"));
        TuningSite<WasmGemmProblem> site = WasmTuningSites.gemm(FFN, CPU);
        MemoryTuningCache cache = new MemoryTuningCache(DecisionSource.CACHE);
        String winner = site.keys().get(2);
        cache.put(new TuningRecord(here, TuningKey.of(site), winner, site.codeChecksum(winner), site.defaultKey(),
                List.of(), "performance.now", 0));
        assertEquals(winner, new CachedScheduleChooser(here, cache).choose(site));
        AdapterKey other = AdapterKey.ofWasm(CPU, 2, "Mozilla/5.0 Chrome/157", "wasm-gc");
        assertEquals(site.defaultKey(), new CachedScheduleChooser(other, cache).choose(site));
        TuningSite<WasmGemmProblem> plain = WasmTuningSites.gemm(FFN, new WasmCpu(false, 2, true));
        assertEquals(plain.defaultKey(), new CachedScheduleChooser(here, cache).choose(plain), "space changed: stale");
    }
}
