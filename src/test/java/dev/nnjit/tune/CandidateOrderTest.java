package dev.nnjit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.codegen.MatmulProblem;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure rule that decides which candidates a short search tries. */
class CandidateOrderTest {

    @Test void distanceCountsTileStepsInLog2AndTextDifferences() {
        assertEquals(0, CandidateOrder.distance("matmul:t64x64x8_r8x8_v4_reg", "matmul:t64x64x8_r8x8_v4_reg"));
        assertEquals(2, CandidateOrder.distance("matmul:t64x64x8_r8x8_v4_reg", "matmul:t32x32x8_r8x8_v4_reg"), 1e-12);
        assertEquals(1, CandidateOrder.distance("matmul:t64x64x8_r8x8_v4_reg", "matmul:t64x64x8_r8x8_v4_wgm"), 1e-12);
        assertEquals(2, CandidateOrder.distance("matmul:t64x64x8_r8x8_v4_reg", "matmul:t64x64x8_r8x8_v1_reg"), 1e-12);
        assertEquals(CandidateOrder.UNLIKE, CandidateOrder.distance("matmul:t64x64x8_r8x8_v4_reg", "gemv:wx64_k4_v4"));
        assertEquals(CandidateOrder.UNLIKE, CandidateOrder.distance("norm:w16_r16", "norm:w16_r16_sg"));
    }

    @Test void defaultFirstThenPreferredThenNearestNeighbours() {
        TuningSite<MatmulProblem> s = TuneFixtures.matmulSite(128, 384, 384);
        String def = s.defaultKey();
        String far = s.keys().get(s.size() - 1);
        List<String> order = CandidateOrder.of(s, List.of("matmul:not-in-this-space", far));
        assertEquals(s.size(), order.size());
        assertEquals(new HashSet<>(s.keys()), new HashSet<>(order), "a permutation of the site's keys");
        assertEquals(def, order.get(0));
        assertEquals(far, order.get(1), "an earlier winner present in this space comes right after the default");
        for (int i = 3; i < order.size(); i++) {
            assertTrue(CandidateOrder.distance(def, order.get(i - 1)) <= CandidateOrder.distance(def, order.get(i)),
                    order.get(i - 1) + " before " + order.get(i));
        }
    }

    @Test void withoutPreferencesTheFirstFewAreOneStepFromTheDefault() {
        TuningSite<MatmulProblem> s = TuneFixtures.matmulSite(128, 384, 384);
        List<String> order = CandidateOrder.of(s, List.of());
        assertEquals("matmul:t64x64x8_r8x8_v4_reg", order.get(0));
        assertEquals(1.0, CandidateOrder.distance(order.get(0), order.get(1)), 1e-12, order.subList(0, 4).toString());
    }
}
