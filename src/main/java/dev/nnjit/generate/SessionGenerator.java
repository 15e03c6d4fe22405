package dev.nnjit.generate;

import dev.nnjit.api.Session;

/**
 * Generation over a loaded {@link Session}: the one place that picks the model adapter (decoder-only with a KV cache
 * when the session takes past_key_values.*, encoder-decoder when it takes decoder_input_ids, else decoder-only),
 * used by the command line and the page alike.
 */
public final class SessionGenerator {
    private SessionGenerator() {}

    /**
     * @param inputIds the prompt (decoder-only) or the encoder input (encoder-decoder)
     * @param buckets how the growing sequence's lengths are chosen; null: {@link LengthBuckets#forBackend}
     */
    public static GenerationResult generate(Session session, ModelConfig modelConfig, long[] inputIds,
                                            GenerationConfig config, LengthBuckets buckets, TokenStreamer streamer,
                                            TextDecoder textDecoder) {
        LengthBuckets lengths = buckets != null ? buckets : LengthBuckets.forBackend(session.backendName());
        if (KvCacheCausalModel.accepts(session)) {
            return Generator.generate(new KvCacheCausalModel(session, modelConfig, lengths), inputIds, config, streamer,
                    textDecoder);
        }
        if (CachelessSeq2SeqModel.accepts(session)) {
            return Generator.generate(new CachelessSeq2SeqModel(session, modelConfig, lengths), inputIds, config,
                    streamer, textDecoder);
        }
        return Generator.generate(new CachelessCausalModel(session, modelConfig, lengths), inputIds, config, streamer,
                textDecoder);
    }

    /**
     * Generation with an encoder-decoder split into an encoder and decoder sessions (Optimum's layout):
     * {@link KvCacheSeq2SeqModel}.
     *
     * @param withPastDecoder decoder_with_past_model.onnx's session; null when {@code decoder} is a merged decoder
     */
    public static GenerationResult generate(Session encoder, Session decoder, Session withPastDecoder,
                                            ModelConfig modelConfig, long[] inputIds, GenerationConfig config,
                                            LengthBuckets buckets, TokenStreamer streamer, TextDecoder textDecoder) {
        LengthBuckets lengths = buckets != null ? buckets : LengthBuckets.forBackend(decoder.backendName());
        return Generator.generate(new KvCacheSeq2SeqModel(encoder, decoder, withPastDecoder, modelConfig, lengths),
                inputIds, config, streamer, textDecoder);
    }
}
