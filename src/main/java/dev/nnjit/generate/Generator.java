package dev.nnjit.generate;

import java.util.List;

/**
 * The generation loop, the same for every model kind and backend: scores from the {@link Decoding}, the config's
 * {@link LogitsProcessor}s in transformers' order, a {@link TokenChooser} (greedy, or seeded sampling), then the stop
 * checks in order max_new_tokens, EOS, stop strings, cancellation. Without an EOS id or stop string it produces exactly
 * {@code maxNewTokens} ids.
 */
public final class Generator {
    private Generator() {}

    /** Continues {@code promptIds}; checks first that prompt and new tokens fit the model's context. */
    public static GenerationResult generate(CausalModel model, long[] promptIds, GenerationConfig config,
                                            TokenStreamer streamer, TextDecoder textDecoder) {
        if (promptIds.length == 0) throw new GenerationException("the prompt is empty: give at least one token id");
        checkContext(model.config(), "prompt", promptIds.length, config.maxNewTokens());
        return run(model.start(promptIds), config, streamer, textDecoder);
    }

    /** Generates the decoder's output for {@code inputIds}, from the config's decoder start id. */
    public static GenerationResult generate(Seq2SeqModel model, long[] inputIds, GenerationConfig config,
                                            TokenStreamer streamer, TextDecoder textDecoder) {
        if (inputIds.length == 0) throw new GenerationException("the input is empty: give at least one token id");
        if (config.decoderStartTokenId() == null) {
            throw new GenerationException("an encoder-decoder model needs decoder_start_token_id (config.json,"
                    + " generation_config.json or --decoder-start-token-id)");
        }
        ModelConfig mc = model.config();
        if (mc.contextLength() > 0 && inputIds.length > mc.contextLength()) {
            throw new GenerationException("the input is " + inputIds.length + " tokens, longer than the model's context of "
                    + mc.contextLength() + " positions (" + mc.source() + ")");
        }
        checkContext(mc, "decoder start token", 1, config.maxNewTokens());
        return run(model.start(inputIds, config.decoderStartTokenId()), config, streamer, textDecoder);
    }

    /** The last generated token is never fed back, so the model sees at most prefix + maxNew - 1 positions. */
    private static void checkContext(ModelConfig mc, String what, int prefix, int maxNew) {
        int context = mc.contextLength();
        if (context <= 0) return;
        if (prefix > context) {
            throw new GenerationException("the " + what + " is " + prefix + " tokens, longer than the model's context of "
                    + context + " positions (" + mc.source() + ")");
        }
        long needed = (long) prefix + maxNew - 1;
        if (needed > context) {
            throw new GenerationException("the " + what + " (" + prefix + " tokens) and max_new_tokens " + maxNew
                    + " need " + needed + " positions, more than the model's context of " + context + " ("
                    + mc.source() + "); at most " + (context - prefix + 1) + " new tokens fit");
        }
    }

    /** The loop itself, over a started decoding. */
    public static GenerationResult run(Decoding decoding, GenerationConfig config, TokenStreamer streamer,
                                       TextDecoder textDecoder) {
        if (!config.stopStrings().isEmpty() && textDecoder == null) {
            throw new GenerationException("stop strings need a tokenizer to decode the output");
        }
        List<LogitsProcessor> processors = config.processors();
        TokenChooser chooser = config.doSample()
                ? TokenChooser.sampling(config.seed() != null ? config.seed() : System.nanoTime())
                : TokenChooser.greedy();
        TokenStreamer sink = streamer == null ? TokenStreamer.NONE : streamer;
        long[] out = new long[config.maxNewTokens()];
        double[] stepMs = new double[out.length];
        int count = 0;
        StopReason reason = StopReason.MAX_NEW_TOKENS;
        long start = System.nanoTime();
        long prefillEnd = 0;
        while (count < out.length) {
            long stepStart = System.nanoTime();
            if (count > 0) decoding.append(out[count - 1]);
            float[] logits = decoding.nextLogits();
            if (count == 0) prefillEnd = System.nanoTime();
            long[] seen = decoding.sequence();
            for (LogitsProcessor p : processors) p.process(seen, logits);
            long id = chooser.choose(logits);
            stepMs[count] = (System.nanoTime() - stepStart) / 1e6;
            out[count++] = id;
            boolean goOn = sink.onToken(id, count - 1);
            if (config.eosTokenIds().contains(id)) { reason = StopReason.EOS; break; }
            if (containsStopString(config.stopStrings(), textDecoder, out, count)) { reason = StopReason.STOP_STRING; break; }
            if (!goOn) { reason = StopReason.CANCELLED; break; }
        }
        long end = System.nanoTime();
        double prefillMs = (prefillEnd - start) / 1e6;
        double decodeMsPerToken = count > 1 ? (end - prefillEnd) / 1e6 / (count - 1) : 0;
        double seconds = (end - start) / 1e9;
        DecodingStats stats = decoding.stats();
        return new GenerationResult(java.util.Arrays.copyOf(out, count), reason, prefillMs, decodeMsPerToken,
                seconds > 0 ? count / seconds : 0, stats.compiledShapes(), stats.lengths(),
                java.util.Arrays.copyOf(stepMs, count));
    }

    private static boolean containsStopString(List<String> stops, TextDecoder decoder, long[] ids, int count) {
        if (stops.isEmpty()) return false;
        String text = decoder.decode(java.util.Arrays.copyOf(ids, count));
        for (String s : stops) if (text.contains(s)) return true;
        return false;
    }
}
