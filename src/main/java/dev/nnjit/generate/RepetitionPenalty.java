package dev.nnjit.generate;

/**
 * Hugging Face's RepetitionPenaltyLogitsProcessor (Keskar et al. 2019, CTRL): the score of every id already in the
 * sequence is divided by the penalty when positive and multiplied by it when negative, once per distinct id.
 */
public record RepetitionPenalty(float penalty) implements LogitsProcessor {
    public RepetitionPenalty {
        if (!(penalty > 0) || Float.isInfinite(penalty)) {
            throw new GenerationException("repetition_penalty must be a positive number, got " + penalty);
        }
    }

    @Override public void process(long[] sequence, float[] logits) {
        boolean[] seen = new boolean[logits.length];
        for (long id : sequence) {
            if (id < 0 || id >= logits.length || seen[(int) id]) continue;
            int i = (int) id;
            seen[i] = true;
            logits[i] = logits[i] < 0 ? logits[i] * penalty : logits[i] / penalty;
        }
    }
}
