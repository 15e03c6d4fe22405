package dev.nnjit.generate;

import dev.nnjit.api.Session;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An encoder-decoder model exported in Optimum's split layout: {@code encoder_model.onnx} (input_ids, attention_mask
 * → last_hidden_state) and either {@code decoder_model_merged.onnx} (one session, an If on use_cache_branch) or the
 * pair {@code decoder_model.onnx} (first step: input_ids, encoder_attention_mask, encoder_hidden_states → logits and
 * every present) and {@code decoder_with_past_model.onnx} (later steps: past_key_values.{i}.decoder/.encoder.* instead
 * of the hidden states → logits and the decoder presents). The encoder runs once per input; the cross-attention cache
 * the first decoder step returns is reused unchanged; the self-attention cache grows one position per token
 * ({@link KvDecoding}). Optimum's decoders take no decoder attention mask, so their past cannot be padded: lengths are
 * exact (one plan per decoder length on backends that compile per shape).
 */
public final class KvCacheSeq2SeqModel implements Seq2SeqModel {
    static final String ENCODER_HIDDEN_STATES = "encoder_hidden_states";
    static final String ENCODER_ATTENTION_MASK = "encoder_attention_mask";
    static final String LAST_HIDDEN_STATE = "last_hidden_state";

    private final Session encoder;
    private final Session first;
    private final Session next;
    private final ModelConfig config;
    private final LengthBuckets buckets;
    private final List<KvEntry> entries;

    /**
     * @param firstDecoder the merged decoder, or decoder_model.onnx's session
     * @param withPastDecoder decoder_with_past_model.onnx's session; null with a merged decoder
     */
    public KvCacheSeq2SeqModel(Session encoder, Session firstDecoder, Session withPastDecoder, ModelConfig config,
                               LengthBuckets buckets) {
        if (!encoder.outputs().containsKey(LAST_HIDDEN_STATE)) {
            throw new GenerationException("the encoder has no '" + LAST_HIDDEN_STATE + "' output (outputs: "
                    + encoder.outputs().keySet() + ")");
        }
        SessionInputs.check(encoder, List.of(SessionInputs.INPUT_IDS), List.of(SessionInputs.INPUT_IDS,
                SessionInputs.ATTENTION_MASK), "encoder", false, false);
        List<String> known = List.of(SessionInputs.INPUT_IDS, ENCODER_ATTENTION_MASK, ENCODER_HIDDEN_STATES);
        SessionInputs.check(firstDecoder, List.of(SessionInputs.INPUT_IDS), known, "decoder", true);
        this.encoder = encoder;
        this.first = firstDecoder;
        this.next = withPastDecoder != null ? withPastDecoder : firstDecoder;
        if (withPastDecoder != null) SessionInputs.check(withPastDecoder, List.of(SessionInputs.INPUT_IDS), known, "decoder", true);
        this.entries = KvEntry.of(next);
        if (entries.isEmpty()) {
            throw new GenerationException("the " + (withPastDecoder != null ? "with-past" : "merged")
                    + " decoder takes no past_key_values.* inputs");
        }
        this.config = config;
        this.buckets = buckets;
    }

    @Override public ModelConfig config() { return config; }

    @Override public Decoding start(long[] inputIds, long decoderStartTokenId) {
        Map<String, Tensor> encoderFeeds = new LinkedHashMap<>();
        encoderFeeds.put(SessionInputs.INPUT_IDS, SessionInputs.row(encoder, SessionInputs.INPUT_IDS, inputIds));
        Tensor mask = SessionInputs.row(encoder, SessionInputs.ATTENTION_MASK, SessionInputs.ones(inputIds.length));
        if (encoder.inputs().containsKey(SessionInputs.ATTENTION_MASK)) encoderFeeds.put(SessionInputs.ATTENTION_MASK, mask);
        Tensor hidden = encoder.run(encoderFeeds, RunOptions.DEFAULT.withOutputs(Set.of(LAST_HIDDEN_STATE)))
                .outputs().get(LAST_HIDDEN_STATE);
        return new KvDecoding(new long[] {decoderStartTokenId}, new Step(hidden, inputIds.length), entries, buckets,
                config.contextLength(), next.planCache());
    }

    private final class Step implements KvDecoding.Step {
        private final Tensor hidden;
        private final int encoderLength;

        Step(Tensor hidden, int encoderLength) {
            this.hidden = hidden;
            this.encoderLength = encoderLength;
        }

        @Override public boolean canPad() { return false; }

        @Override public Session session(int cached) { return cached == 0 ? first : next; }

        @Override public Map<String, Tensor> inputs(long[] ids, int length, int cached, int width) {
            Session s = session(cached);
            Map<String, Tensor> inputs = new LinkedHashMap<>();
            Set<String> names = s.inputs().keySet();
            inputs.put(SessionInputs.INPUT_IDS, SessionInputs.row(s, SessionInputs.INPUT_IDS, SessionInputs.padded(ids, length, 0)));
            if (names.contains(ENCODER_ATTENTION_MASK)) {
                inputs.put(ENCODER_ATTENTION_MASK, SessionInputs.row(s, ENCODER_ATTENTION_MASK,
                        SessionInputs.ones(encoderLength)));
            }
            if (names.contains(ENCODER_HIDDEN_STATES)) inputs.put(ENCODER_HIDDEN_STATES, hidden);
            if (names.contains(SessionInputs.USE_CACHE_BRANCH)) {
                inputs.put(SessionInputs.USE_CACHE_BRANCH, SessionInputs.useCacheBranch(cached));
            }
            return inputs;
        }
    }
}
