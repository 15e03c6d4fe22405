package dev.nnjit.generate;

import dev.nnjit.api.Session;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An encoder-decoder model exported as one graph without a KV cache (inputs input_ids, attention_mask,
 * decoder_input_ids, optionally decoder_attention_mask): every step re-runs encoder and decoder on the whole decoder
 * sequence and takes the last real position's logits. The encoder's work is repeated; a split export with a cache
 * avoids it. The decoder sequence's lengths follow {@link LengthBuckets} as in {@link CachelessCausalModel} (right
 * padding with id 0, decoder_attention_mask 0 where the model takes one, checked by {@link PaddedSequence}); the
 * encoder input keeps its exact length, which does not grow.
 */
public final class CachelessSeq2SeqModel implements Seq2SeqModel {
    private static final List<String> KNOWN = List.of(SessionInputs.INPUT_IDS, SessionInputs.ATTENTION_MASK,
            SessionInputs.DECODER_INPUT_IDS, SessionInputs.DECODER_ATTENTION_MASK);

    private final Session session;
    private final ModelConfig config;
    private final LengthBuckets buckets;

    public CachelessSeq2SeqModel(Session session, ModelConfig config) {
        this(session, config, LengthBuckets.forBackend(session.backendName()));
    }

    public CachelessSeq2SeqModel(Session session, ModelConfig config, LengthBuckets buckets) {
        SessionInputs.check(session, List.of(SessionInputs.INPUT_IDS, SessionInputs.DECODER_INPUT_IDS), KNOWN,
                "encoder-decoder");
        this.session = session;
        this.config = config;
        this.buckets = buckets;
    }

    /** Whether a session looks like an encoder-decoder export (it takes decoder_input_ids). */
    public static boolean accepts(Session session) {
        return session.inputs().containsKey(SessionInputs.DECODER_INPUT_IDS);
    }

    @Override public ModelConfig config() { return config; }

    @Override public Decoding start(long[] inputIds, long decoderStartTokenId) {
        Map<String, Tensor> encoderFeeds = new LinkedHashMap<>();
        encoderFeeds.put(SessionInputs.INPUT_IDS, SessionInputs.row(session, SessionInputs.INPUT_IDS, inputIds));
        if (session.inputs().containsKey(SessionInputs.ATTENTION_MASK)) {
            encoderFeeds.put(SessionInputs.ATTENTION_MASK,
                    SessionInputs.row(session, SessionInputs.ATTENTION_MASK, SessionInputs.ones(inputIds.length)));
        }
        PaddedSequence sequence = new PaddedSequence(buckets, config.contextLength(),
                (ids, length) -> logits(encoderFeeds, ids, length));
        return new PaddedDecoding(new long[] {decoderStartTokenId}, sequence, session.planCache());
    }

    /** One run on the decoder ids right-padded to {@code length}. */
    private Tensor logits(Map<String, Tensor> encoderFeeds, long[] ids, int length) {
        Map<String, Tensor> feeds = new LinkedHashMap<>(encoderFeeds);
        feeds.put(SessionInputs.DECODER_INPUT_IDS, SessionInputs.row(session, SessionInputs.DECODER_INPUT_IDS,
                SessionInputs.padded(ids, length, 0)));
        if (session.inputs().containsKey(SessionInputs.DECODER_ATTENTION_MASK)) {
            feeds.put(SessionInputs.DECODER_ATTENTION_MASK, SessionInputs.row(session,
                    SessionInputs.DECODER_ATTENTION_MASK, SessionInputs.mask(ids.length, length)));
        }
        RunOptions options = RunOptions.DEFAULT.withOutputs(Set.of(SessionInputs.LOGITS));
        return session.run(feeds, options).outputs().get(SessionInputs.LOGITS);
    }
}
