package dev.nnjit.generate;

/**
 * Nucleus filtering with Hugging Face's semantics (TopPLogitsWarper): keep the smallest set of highest-probability
 * tokens whose cumulative probability reaches {@code p}, and always at least the most likely token. Stated per token,
 * as HF computes it: a token is dropped when the tokens ranked strictly above it already hold probability &gt;= p.
 * Ties in score are ranked by lower id first. Probabilities are the softmax of the current scores, in double.
 */
public record TopP(double p) implements LogitsProcessor {
    public TopP {
        if (!(p > 0 && p <= 1)) throw new GenerationException("top_p must be in (0, 1], got " + p);
    }

    @Override public void process(long[] sequence, float[] logits) {
        if (p >= 1) return;
        double[] probs = Softmax.probabilities(logits);
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : a - b);
        double above = 0;
        for (int r = 0; r < order.length; r++) {
            int id = order[r];
            if (r > 0 && above >= p) logits[id] = Float.NEGATIVE_INFINITY;
            above += probs[id];
        }
    }
}
