package dev.nnjit.generate;

import dev.nnjit.api.Session;
import dev.nnjit.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A decoder-only model exported with a KV cache under Optimum's names: inputs input_ids, attention_mask (over past and
 * new positions), position_ids where the model has them, past_key_values.{i}.key/.value [batch, kv_heads, past,
 * head_dim], and for a merged export (decoder_model_merged.onnx) use_cache_branch; outputs logits and
 * present.{i}.key/.value. The prefill feeds the prompt over an empty past (use_cache_branch false); every later step
 * feeds one token over the cache ({@link KvDecoding}, which also pads to bucketed shapes where the mask allows).
 * A merged export's If is compiled as the branch its use_cache_branch value takes (the session makes that value part
 * of the plan), so it runs on every backend.
 */
public final class KvCacheCausalModel implements CausalModel {
    private static final List<String> KNOWN = List.of(SessionInputs.INPUT_IDS, SessionInputs.ATTENTION_MASK,
            SessionInputs.POSITION_IDS);

    private final Session session;
    private final ModelConfig config;
    private final LengthBuckets buckets;
    private final List<KvEntry> entries;

    public KvCacheCausalModel(Session session, ModelConfig config, LengthBuckets buckets) {
        SessionInputs.check(session, List.of(SessionInputs.INPUT_IDS), KNOWN, "decoder-only", true);
        this.session = session;
        this.config = config;
        this.buckets = buckets;
        this.entries = KvEntry.of(session);
        if (entries.isEmpty()) throw new GenerationException("the model takes no past_key_values.* inputs");
        for (KvEntry e : entries) {
            if (e.crossAttention()) {
                throw new GenerationException("input '" + e.past() + "' is a cross-attention cache: an encoder-decoder"
                        + " model's decoder, which needs its encoder (generate with the model folder)");
            }
        }
    }

    /** Whether a session is a decoder-only export with a KV cache (past_key_values.* inputs, no decoder inputs). */
    public static boolean accepts(Session session) {
        Map<String, ?> inputs = session.inputs();
        if (inputs.containsKey(SessionInputs.DECODER_INPUT_IDS) || inputs.containsKey("encoder_hidden_states")) {
            return false;
        }
        for (String name : inputs.keySet()) if (name.startsWith(KvEntry.PAST_PREFIX)) return true;
        return false;
    }

    @Override public ModelConfig config() { return config; }

    @Override public Decoding start(long[] promptIds) {
        return new KvDecoding(promptIds, new Step(), entries, buckets, config.contextLength(), session.planCache());
    }

    private final class Step implements KvDecoding.Step {
        @Override public boolean canPad() { return session.inputs().containsKey(SessionInputs.ATTENTION_MASK); }

        @Override public Session session(int cached) { return session; }

        @Override public Map<String, Tensor> inputs(long[] ids, int length, int cached, int width) {
            Map<String, Tensor> feeds = new LinkedHashMap<>();
            Set<String> inputs = session.inputs().keySet();
            feeds.put(SessionInputs.INPUT_IDS, SessionInputs.row(session, SessionInputs.INPUT_IDS,
                    SessionInputs.padded(ids, length, 0)));
            if (inputs.contains(SessionInputs.ATTENTION_MASK)) {
                long[] mask = new long[width + length];
                for (int i = 0; i < cached; i++) mask[i] = 1;
                for (int i = 0; i < ids.length; i++) mask[width + i] = 1;
                feeds.put(SessionInputs.ATTENTION_MASK, SessionInputs.row(session, SessionInputs.ATTENTION_MASK, mask));
            }
            if (inputs.contains(SessionInputs.POSITION_IDS)) {
                // padded positions repeat the last real one: masked out, and never past the position table
                long[] positions = new long[length];
                for (int i = 0; i < length; i++) positions[i] = cached + Math.min(i, ids.length - 1);
                feeds.put(SessionInputs.POSITION_IDS, SessionInputs.row(session, SessionInputs.POSITION_IDS, positions));
            }
            if (inputs.contains(SessionInputs.USE_CACHE_BRANCH)) {
                feeds.put(SessionInputs.USE_CACHE_BRANCH, SessionInputs.useCacheBranch(cached));
            }
            return feeds;
        }
    }
}
