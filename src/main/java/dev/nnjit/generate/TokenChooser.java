package dev.nnjit.generate;

import dev.nnjit.tensor.SplitMix64;

/**
 * Picks the next id from processed scores: greedy (the highest score, the lowest id among equals, as torch.argmax),
 * or a draw from their softmax by inverse CDF with one {@link SplitMix64#nextDouble()} per token. The draw walks ids
 * in ascending order, so the same seed gives the same ids wherever the scores are the same.
 */
public final class TokenChooser {
    private final SplitMix64 random;

    private TokenChooser(SplitMix64 random) { this.random = random; }

    public static TokenChooser greedy() { return new TokenChooser(null); }

    public static TokenChooser sampling(long seed) { return new TokenChooser(new SplitMix64(seed)); }

    public boolean samples() { return random != null; }

    public int choose(float[] logits) {
        return random == null ? argmax(logits) : draw(Softmax.probabilities(logits), random.nextDouble());
    }

    static int argmax(float[] logits) {
        int best = -1;
        for (int i = 0; i < logits.length; i++) {
            if (Float.isNaN(logits[i])) throw new GenerationException("the model's score for token " + i + " is NaN");
            if (best < 0 || logits[i] > logits[best]) best = i;
        }
        if (best < 0) throw new GenerationException("the model returned no scores (empty vocabulary)");
        return best;
    }

    /** The first id whose cumulative probability exceeds {@code u}; the last id with probability &gt; 0 on rounding. */
    static int draw(double[] probs, double u) {
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < probs.length; i++) {
            if (probs[i] <= 0) continue;
            last = i;
            cumulative += probs[i];
            if (u < cumulative) return i;
        }
        return last;
    }
}
