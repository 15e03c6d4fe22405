package dev.nnjit.generate;

import dev.nnjit.api.Session;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The input and output names generation understands (Hugging Face's and Optimum's), and the checks and feeds the
 * session adapters share. Every id-like feed is a batch of one: shape [1, n], in the dtype the model declares.
 */
final class SessionInputs {
    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String POSITION_IDS = "position_ids";
    static final String DECODER_INPUT_IDS = "decoder_input_ids";
    static final String DECODER_ATTENTION_MASK = "decoder_attention_mask";
    static final String LOGITS = "logits";
    static final String PAST_PREFIX = "past_key_values.";
    static final String USE_CACHE_BRANCH = "use_cache_branch";

    private SessionInputs() {}

    /**
     * Throws unless the session has a "logits" output, every input is one of {@code known} (or, with
     * {@code cache}, a past_key_values.* or use_cache_branch input), and the required ones exist.
     */
    static void check(Session session, List<String> required, List<String> known, String kind) {
        check(session, required, known, kind, false);
    }

    static void check(Session session, List<String> required, List<String> known, String kind, boolean cacheAllowed) {
        check(session, required, known, kind, cacheAllowed, true);
    }

    /** As above; {@code logits}: whether the session must have a "logits" output (an encoder has none). */
    static void check(Session session, List<String> required, List<String> known, String kind, boolean cacheAllowed,
                      boolean logits) {
        if (logits && !session.outputs().containsKey(LOGITS)) {
            throw new GenerationException("the model has no '" + LOGITS + "' output (outputs: " + session.outputs().keySet()
                    + "): generation needs next-token scores, e.g. an ONNX export of a ...ForCausalLM or"
                    + " ...ForConditionalGeneration model");
        }
        Map<String, TensorType> inputs = session.inputs();
        for (String r : required) {
            if (!inputs.containsKey(r)) {
                throw new GenerationException("the model has no '" + r + "' input (inputs: " + inputs.keySet()
                        + "), which " + kind + " generation needs");
            }
        }
        List<String> unknown = new ArrayList<>();
        boolean cache = false;
        for (String name : inputs.keySet()) {
            if (name.startsWith(PAST_PREFIX) || name.equals(USE_CACHE_BRANCH)) cache = true;
            else if (!known.contains(name)) unknown.add(name);
        }
        if (cache && !cacheAllowed) {
            throw new GenerationException("the model takes a KV cache (" + PAST_PREFIX + "* inputs), which the "
                    + kind + " adapter without a cache cannot feed (dev.nnjit.generate.SessionGenerator picks the"
                    + " KV-cache adapters for such models)");
        }
        if (!unknown.isEmpty()) {
            throw new GenerationException("the model has inputs " + kind + " generation cannot fill: " + unknown
                    + " (it fills " + known + ")");
        }
    }

    /** A [1, n] feed of {@code values} in the dtype {@code name} is declared with (int64 when undeclared). */
    static Tensor row(Session session, String name, long[] values) {
        TensorType t = session.inputs().get(name);
        DType dtype = t.dtype() == null ? DType.INT64 : t.dtype();
        if (t.shape().hasRank() && t.shape().rank() != 2) {
            throw new GenerationException("input '" + name + "' is declared " + t + "; generation feeds [batch, sequence]");
        }
        return Tensor.ofLongs(dtype, new int[] {1, values.length}, values.clone());
    }

    /** The merged decoder's use_cache_branch feed: bool [1], true once the cache holds {@code cached} > 0 positions. */
    static Tensor useCacheBranch(int cached) {
        return Tensor.ofBools(new int[] {1}, new boolean[] {cached > 0});
    }

    /** {@code values} right-padded with {@code fill} to {@code length}. */
    static long[] padded(long[] values, int length, long fill) {
        long[] a = java.util.Arrays.copyOf(values, length);
        for (int i = values.length; i < length; i++) a[i] = fill;
        return a;
    }

    /** An attention mask over {@code length} positions: 1 for the first {@code real}, 0 for the padding after them. */
    static long[] mask(int real, int length) {
        long[] a = new long[length];
        java.util.Arrays.fill(a, 0, real, 1);
        return a;
    }

    static long[] ones(int n) {
        return mask(n, n);
    }

    static long[] range(int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /**
     * The scores at {@code position} of a logits output shaped [1, n, vocab]; a [1, vocab] output (a model that gives
     * only its last position) yields that one row whatever the position.
     */
    static float[] rowAt(Tensor logits, int position) {
        int[] s = logits.shape();
        if (s.length < 2 || s[0] != 1) {
            throw new GenerationException("'logits' has shape " + java.util.Arrays.toString(s)
                    + "; expected [1, sequence, vocab] or [1, vocab]");
        }
        int vocab = s[s.length - 1];
        int rows = logits.size() / Math.max(1, vocab);
        if (position >= rows) {
            throw new GenerationException("'logits' has shape " + java.util.Arrays.toString(s) + ", no position " + position);
        }
        int offset = s.length == 2 ? 0 : position * vocab;
        float[] row = new float[vocab];
        if (logits.dtype() == DType.FLOAT) {
            System.arraycopy(logits.floats(), offset, row, 0, vocab);
        } else {
            for (int i = 0; i < vocab; i++) row[i] = (float) logits.getDouble(offset + i);
        }
        return row;
    }
}
