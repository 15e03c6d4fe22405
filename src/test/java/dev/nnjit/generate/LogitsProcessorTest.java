package dev.nnjit.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each processor against values worked out by hand. */
class LogitsProcessorTest {
    private static final float NEG = Float.NEGATIVE_INFINITY;

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeScoresOncePerId() {
        float[] logits = {1.0f, -1.0f, 0.5f, 3.0f};
        new RepetitionPenalty(2f).process(new long[] {0, 1, 1}, logits);
        assertArrayEquals(new float[] {0.5f, -2.0f, 0.5f, 3.0f}, logits);
    }

    @Test
    void temperatureDividesEveryScore() {
        float[] logits = {1f, -2f, 0f};
        new Temperature(0.5f).process(new long[0], logits);
        assertArrayEquals(new float[] {2f, -4f, 0f}, logits);
    }

    @Test
    void topKKeepsTheKHighestAndEveryTieWithTheKth() {
        float[] distinct = {1f, 3f, 2f, 0f};
        new TopK(2).process(new long[0], distinct);
        assertArrayEquals(new float[] {NEG, 3f, 2f, NEG}, distinct);
        float[] ties = {1f, 3f, 2f, 3f};
        new TopK(1).process(new long[0], ties);
        assertArrayEquals(new float[] {NEG, 3f, NEG, 3f}, ties);
        float[] all = {1f, 2f};
        new TopK(5).process(new long[0], all);
        assertArrayEquals(new float[] {1f, 2f}, all);
    }

    /** Probabilities 0.15, 0.5, 0.05, 0.3 (ids 0..3): ranked 1 (0.5), 3 (0.3), 0 (0.15), 2 (0.05). */
    private static float[] fourTokens() {
        return new float[] {(float) Math.log(0.15), (float) Math.log(0.5), (float) Math.log(0.05), (float) Math.log(0.3)};
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        float[] l = fourTokens();
        float[] expected = l.clone();
        expected[0] = NEG; // 0.5 + 0.3 = 0.8 >= 0.7 already ranked above it
        expected[2] = NEG;
        new TopP(0.7).process(new long[0], l);
        assertArrayEquals(expected, l);

        l = fourTokens();
        expected = l.clone();
        expected[2] = NEG; // 0.95 above it >= 0.85; 0.8 above id 0 < 0.85 keeps it
        new TopP(0.85).process(new long[0], l);
        assertArrayEquals(expected, l);
    }

    @Test
    void topPAlwaysKeepsTheMostLikelyToken() {
        float[] l = fourTokens();
        float[] expected = {NEG, l[1], NEG, NEG};
        new TopP(0.3).process(new long[0], l);
        assertArrayEquals(expected, l);
    }

    @Test
    void badParametersAreRejectedWithTheirName() {
        assertTrue(assertThrows(GenerationException.class, () -> new TopP(0)).getMessage().contains("top_p"));
        assertTrue(assertThrows(GenerationException.class, () -> new TopP(1.5)).getMessage().contains("top_p"));
        assertTrue(assertThrows(GenerationException.class, () -> new TopK(0)).getMessage().contains("top_k"));
        assertTrue(assertThrows(GenerationException.class, () -> new Temperature(0)).getMessage().contains("temperature"));
        assertTrue(assertThrows(GenerationException.class, () -> new RepetitionPenalty(-1))
                .getMessage().contains("repetition_penalty"));
    }
}
