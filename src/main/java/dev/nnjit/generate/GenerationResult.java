package dev.nnjit.generate;

/**
 * The outcome of one generation.
 *
 * @param ids the generated ids only (not the prompt, not the decoder start id), the EOS id included when it ended
 * @param prefillMs the first model call: the whole prompt, giving the first new token's scores
 * @param decodeMsPerToken mean time of the later model calls (one per token after the first); 0 with one token
 * @param tokensPerSecond generated tokens over the whole time spent in the model and choosing tokens
 * @param compiledShapes plans compiled during this generation (one per new input shape set; 0 when all were cached)
 * @param lengths how the sequence lengths were chosen (see {@link DecodingStats#lengths()})
 * @param stepMs per generated token: its model call, processors and choice (stepMs[0] is the prefill); for tables of
 *     per-token time against the sequence length
 */
public record GenerationResult(long[] ids, StopReason stopReason, double prefillMs, double decodeMsPerToken,
                               double tokensPerSecond, int compiledShapes, String lengths, double[] stepMs) {
}
