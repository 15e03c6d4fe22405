package dev.nnjit.generate;

import dev.nnjit.api.Session;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A decoder-only model without a KV cache: every step re-runs the whole sequence (inputs input_ids, and when the
 * model has them attention_mask of ones and position_ids 0..n-1) and takes the last position's logits. Quadratic in
 * the length, and each new length compiles a new plan in the {@link Session}: meant for short runs and for models
 * exported without past_key_values.
 */
public final class CachelessCausalModel implements CausalModel {
    private static final List<String> KNOWN = List.of(SessionInputs.INPUT_IDS, SessionInputs.ATTENTION_MASK,
            SessionInputs.POSITION_IDS);

    private final Session session;
    private final ModelConfig config;

    public CachelessCausalModel(Session session, ModelConfig config) {
        SessionInputs.check(session, List.of(SessionInputs.INPUT_IDS), KNOWN, "decoder-only");
        this.session = session;
        this.config = config;
    }

    @Override public ModelConfig config() { return config; }

    @Override public Decoding start(long[] promptIds) {
        return new Decoding() {
            private long[] ids = promptIds.clone();

            @Override public long[] sequence() { return ids.clone(); }

            @Override public void append(long id) {
                ids = Arrays.copyOf(ids, ids.length + 1);
                ids[ids.length - 1] = id;
            }

            @Override public float[] nextLogits() {
                Map<String, Tensor> feeds = new LinkedHashMap<>();
                Set<String> inputs = session.inputs().keySet();
                feeds.put(SessionInputs.INPUT_IDS, SessionInputs.row(session, SessionInputs.INPUT_IDS, ids));
                if (inputs.contains(SessionInputs.ATTENTION_MASK)) {
                    feeds.put(SessionInputs.ATTENTION_MASK,
                            SessionInputs.row(session, SessionInputs.ATTENTION_MASK, SessionInputs.ones(ids.length)));
                }
                if (inputs.contains(SessionInputs.POSITION_IDS)) {
                    feeds.put(SessionInputs.POSITION_IDS,
                            SessionInputs.row(session, SessionInputs.POSITION_IDS, SessionInputs.range(ids.length)));
                }
                RunOptions options = RunOptions.DEFAULT.withOutputs(Set.of(SessionInputs.LOGITS));
                return SessionInputs.lastRow(session.run(feeds, options).outputs().get(SessionInputs.LOGITS));
            }
        };
    }
}
