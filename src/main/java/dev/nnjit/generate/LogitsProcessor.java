package dev.nnjit.generate;

/**
 * One step of shaping the next-token scores before a token is chosen (Hugging Face's LogitsProcessor/Warper).
 * Filters set removed tokens to negative infinity; they never remove every token.
 */
public interface LogitsProcessor {
    /**
     * Changes {@code logits} in place.
     *
     * @param sequence the ids the decoder has seen so far (the prompt and the generated ids for a decoder-only model;
     *                 the decoder's ids, start token first, for an encoder-decoder)
     * @param logits the scores over the vocabulary for the next token
     */
    void process(long[] sequence, float[] logits);
}
