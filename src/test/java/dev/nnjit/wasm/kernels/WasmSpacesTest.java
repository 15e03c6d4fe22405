package dev.nnjit.wasm.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.ops.fused.Activation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wasm schedule spaces: index 0 is today's default, the pruning rules are pure and hold for every candidate. */
class WasmSpacesTest {
    static final WasmCpu RELAXED_2T = new WasmCpu(true, 2, true);
    static final WasmCpu PLAIN_1T = new WasmCpu(false, 1, false);
    /** BERT's FFN up-projection at 128 tokens, weights packed. */
    static final WasmGemmProblem FFN = new WasmGemmProblem(128, 1536, 384, true, Activation.NONE, true);
    /** Attention scores: B is an activation, not packed. */
    static final WasmGemmProblem SCORES = new WasmGemmProblem(128, 128, 32, false, Activation.NONE, false);

    @Test void indexZeroIsTodaysDefault() {
        assertEquals(WasmGemmConfig.RELAXED.withSplitColumns(true), WasmGemmSpace.candidates(FFN, RELAXED_2T).get(0));
        assertEquals(WasmGemmConfig.DEFAULT.withSplitColumns(true), WasmGemmSpace.candidates(FFN, PLAIN_1T).get(0));
        WasmGemmProblem tall = new WasmGemmProblem(4096, 64, 64, false, Activation.NONE, true);
        assertEquals(WasmGemmConfig.RELAXED, WasmGemmSpace.candidates(tall, RELAXED_2T).get(0), "rows where A is larger");
        assertEquals(WasmGemmConfig.RELAXED, WasmGemmSpace.candidates(SCORES, RELAXED_2T).get(0), "rows where B is not packed");
        assertEquals(WasmGemvConfig.DEFAULT, WasmGemvSpace.candidates(WasmGemmProblem.of(1, 768, 768), RELAXED_2T).get(0));
        assertEquals(WasmSoftmaxConfig.DEFAULT, WasmRowSpace.candidates(128).get(0));
    }

    @Test void everyCandidateBeyondTheDefaultKeepsTheRules() {
        for (WasmCpu cpu : List.of(RELAXED_2T, PLAIN_1T)) {
            for (WasmGemmProblem p : List.of(FFN, SCORES)) {
                List<WasmGemmConfig> space = WasmGemmSpace.candidates(p, cpu);
                assertTrue(space.size() > 4 && space.size() <= 40, cpu + " " + p.key() + ": " + space.size());
                Set<String> keys = new HashSet<>();
                for (WasmGemmConfig c : space) assertTrue(keys.add(c.key()), "unique keys: " + c.key());
                for (WasmGemmConfig c : space.subList(1, space.size())) {
                    assertNull(WasmGemmSpace.rejection(c, p), c.key());
                    int regs = WasmGemmSpace.registers(c);
                    assertTrue(regs >= 13 && regs <= 16, c.key() + " uses " + regs + " registers");
                    long l1 = WasmGemmSpace.l1Bytes(c);
                    assertTrue(3 * l1 >= WasmCpu.L1_BYTES && l1 <= 2 * WasmCpu.L1_BYTES, c.key() + ": " + l1);
                    if (!cpu.relaxedSimd()) assertFalse(c.relaxedMadd(), "no relaxed_madd without relaxed SIMD: " + c.key());
                    if (p.packedB()) assertEquals(space.get(0).nr(), c.nr(), "packed weights keep one packing: " + c.key());
                    if (cpu.threads() == 1 || !p.packedB()) {
                        assertEquals(space.get(0).splitColumns(), c.splitColumns(), "no split choice: " + c.key());
                    }
                }
            }
        }
    }

    @Test void theSpaceOffersBothSplitAxesAndBothMultiplyAddsWhereTheyAreChoices() {
        List<WasmGemmConfig> space = WasmGemmSpace.candidates(FFN, RELAXED_2T);
        assertTrue(space.stream().anyMatch(c -> !c.splitColumns()), "a row split");
        assertTrue(space.stream().anyMatch(c -> !c.relaxedMadd()), "mul + add");
        assertTrue(space.stream().anyMatch(c -> c.kc() != space.get(0).kc()), "another kc");
        List<WasmGemmConfig> scores = WasmGemmSpace.candidates(SCORES, RELAXED_2T);
        assertTrue(scores.stream().anyMatch(c -> c.nr() != 8), "unpacked B may change nr");
    }

    @Test void rulesRejectWhatTheySay() {
        assertNotNull(WasmGemmSpace.rejection(new WasmGemmConfig(8, 8, 256, 64, 512, true, 2, true), FFN), "16 acc spill");
        assertNotNull(WasmGemmSpace.rejection(new WasmGemmConfig(2, 8, 256, 64, 512, true, 2, true), FFN), "under 80%");
        assertNotNull(WasmGemmSpace.rejection(new WasmGemmConfig(6, 8, 64, 72, 512, true, 2, true), FFN), "L1 underfilled");
        assertNotNull(WasmGemmSpace.rejection(new WasmGemmConfig(6, 8, 2048, 24, 512, true, 2, true), FFN), "L1 overfilled");
        assertNotNull(WasmGemmSpace.rejection(new WasmGemmConfig(6, 8, 256, 72, 512, true, 2, true, true), SCORES),
                "column split of an unpacked B");
        assertNull(WasmGemmSpace.rejection(WasmGemmConfig.RELAXED, FFN));
        assertEquals(15, WasmGemmSpace.registers(WasmGemmConfig.RELAXED));
        assertEquals(12, WasmGemmSpace.registers(WasmGemmConfig.DEFAULT));
    }

    @Test void blockingsThatActAlikeOnASmallProblemAreListedOnce() {
        WasmGemmProblem small = new WasmGemmProblem(16, 64, 32, false, Activation.NONE, true);
        List<WasmGemmConfig> space = WasmGemmSpace.candidates(small, RELAXED_2T);
        Set<String> effective = new HashSet<>();
        for (WasmGemmConfig c : space) assertTrue(effective.add(WasmGemmSpace.effectiveKey(c, small)), c.key());
        assertTrue(space.size() < WasmGemmSpace.candidates(FFN, RELAXED_2T).size());
    }

    @Test void gemvAndRowSpacesDropBlocksWiderThanTheRow() {
        for (WasmGemvConfig c : WasmGemvSpace.candidates(WasmGemmProblem.of(1, 16, 64), RELAXED_2T)) {
            assertTrue(4 * c.vectors() <= 16 || c.equals(WasmGemvConfig.DEFAULT), c.key());
        }
        assertEquals(7, WasmGemvSpace.candidates(WasmGemmProblem.of(1, 768, 768), RELAXED_2T).size());
        assertEquals(List.of(WasmSoftmaxConfig.DEFAULT, new WasmSoftmaxConfig(1)), WasmRowSpace.candidates(7));
        assertEquals(4, WasmRowSpace.candidates(128).size());
    }
}
