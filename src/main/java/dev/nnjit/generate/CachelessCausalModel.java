package dev.nnjit.generate;

import dev.nnjit.api.Session;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A decoder-only model without a KV cache: every step re-runs the whole sequence (inputs input_ids, and when the
 * model has them attention_mask and position_ids 0..n-1) and takes the last real position's logits. Quadratic in the
 * length. Lengths follow {@link LengthBuckets} (default: {@link LengthBuckets#forBackend}): with buckets the sequence
 * is right-padded (pad id 0, mask 0; any id would do, since the check in {@link PaddedSequence} confirms the padding
 * cannot reach the real positions), so the {@link Session} compiles one plan per bucket rather than per token.
 */
public final class CachelessCausalModel implements CausalModel {
    private static final List<String> KNOWN = List.of(SessionInputs.INPUT_IDS, SessionInputs.ATTENTION_MASK,
            SessionInputs.POSITION_IDS);

    private final Session session;
    private final ModelConfig config;
    private final LengthBuckets buckets;

    public CachelessCausalModel(Session session, ModelConfig config) {
        this(session, config, LengthBuckets.forBackend(session.backendName()));
    }

    public CachelessCausalModel(Session session, ModelConfig config, LengthBuckets buckets) {
        SessionInputs.check(session, List.of(SessionInputs.INPUT_IDS), KNOWN, "decoder-only");
        this.session = session;
        this.config = config;
        this.buckets = buckets;
    }

    @Override public ModelConfig config() { return config; }

    @Override public Decoding start(long[] promptIds) {
        PaddedSequence sequence = new PaddedSequence(buckets, config.contextLength(), this::logits);
        return new PaddedDecoding(promptIds, sequence, session.planCache());
    }

    /** One run on {@code ids} right-padded to {@code length}. */
    private Tensor logits(long[] ids, int length) {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        Set<String> inputs = session.inputs().keySet();
        feeds.put(SessionInputs.INPUT_IDS, SessionInputs.row(session, SessionInputs.INPUT_IDS,
                SessionInputs.padded(ids, length, 0)));
        if (inputs.contains(SessionInputs.ATTENTION_MASK)) {
            feeds.put(SessionInputs.ATTENTION_MASK, SessionInputs.row(session, SessionInputs.ATTENTION_MASK,
                    SessionInputs.mask(ids.length, length)));
        }
        if (inputs.contains(SessionInputs.POSITION_IDS)) {
            feeds.put(SessionInputs.POSITION_IDS,
                    SessionInputs.row(session, SessionInputs.POSITION_IDS, SessionInputs.range(length)));
        }
        RunOptions options = RunOptions.DEFAULT.withOutputs(Set.of(SessionInputs.LOGITS));
        return session.run(feeds, options).outputs().get(SessionInputs.LOGITS);
    }
}
