package dev.nnjit.generate;

import java.util.Arrays;

/**
 * Keeps the k highest scores (Hugging Face's TopKLogitsWarper): every score below the k-th highest becomes negative
 * infinity, so ties with the k-th score are all kept. k at least the vocabulary size keeps everything.
 */
public record TopK(int k) implements LogitsProcessor {
    public TopK {
        if (k < 1) throw new GenerationException("top_k must be at least 1 (0 turns it off), got " + k);
    }

    @Override public void process(long[] sequence, float[] logits) {
        if (k >= logits.length) return;
        float[] sorted = logits.clone();
        Arrays.sort(sorted);
        float kth = sorted[sorted.length - k];
        for (int i = 0; i < logits.length; i++) if (logits[i] < kth) logits[i] = Float.NEGATIVE_INFINITY;
    }
}
