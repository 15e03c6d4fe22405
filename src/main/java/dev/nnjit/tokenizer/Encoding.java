package dev.nnjit.tokenizer;

/**
 * The result of {@link Tokenizer#encode}: ids and tokens in order, the type id of each (0 for the first sequence,
 * 1 for the pair, as the post-processor assigns them), the attention mask (all ones: no padding), and the special
 * tokens mask (1 where the post-processor added a special token). No offsets: the JS port the tests check against
 * computes none, and mapping through normalizers is not done here.
 */
public record Encoding(int[] ids, String[] tokens, int[] typeIds, int[] attentionMask, int[] specialTokensMask) {}
