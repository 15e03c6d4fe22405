package dev.nnjit.generate;

import dev.nnjit.api.PlanCache;
import dev.nnjit.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * The decoding state of a model with a KV cache: the sequence so far and its {@link KvCache}. Each step runs only the
 * positions the cache does not hold yet (the whole prompt at the prefill, then one token), over the cached past, and
 * appends the new positions' keys and values.
 *
 * <p>Shapes, so that a decoding compiles a handful of plans rather than one per token: where the step masks its past
 * ({@link Step#canPad()}) and the lengths are bucketed, the past is fed at a bucket width (powers of two; positions
 * past the cache's length are zeros, masked out) and the prompt is right-padded to a bucket. So the decode steps of a
 * bucket all have one shape: a static cache. Padding is checked, not assumed: the first two padded steps also run
 * exactly, and if the scores differ beyond float noise ({@link PaddedSequence#TOLERANCE}) or a padded run fails, the
 * decoding runs exact shapes from then on and says why in its stats.
 */
final class KvDecoding implements Decoding {
    /** One run of the model for a step. */
    interface Step {
        /**
         * Runs {@code ids} (the new positions, starting at absolute position {@code cached}) right-padded to
         * {@code length}, after {@code past} (the cache's feeds at width {@code width}, of which {@code cached}
         * positions are real). Returns the outputs: logits and the presents.
         */
        Map<String, Tensor> run(long[] ids, int length, int cached, int width, Map<String, Tensor> past);

        /** Whether the model masks its past and new positions (an attention mask over both), so padding is possible. */
        boolean canPad();
    }

    private static final int PADDED_CHECKS = 2;

    private final Step step;
    private final KvCache cache;
    private final LengthBuckets buckets;
    private final int context;
    private final PlanCache plans;
    private final int compilesBefore;
    private long[] ids;
    private int checksLeft = PADDED_CHECKS;
    private boolean exact;
    private String lengths;

    KvDecoding(long[] firstIds, Step step, KvCache cache, LengthBuckets buckets, int context, PlanCache plans) {
        this.ids = firstIds.clone();
        this.step = step;
        this.cache = cache;
        this.buckets = buckets;
        this.context = context;
        this.plans = plans;
        this.compilesBefore = plans.compiles();
        this.exact = buckets.exact() || !step.canPad();
        this.lengths = buckets.exact() ? "KV cache, exact lengths"
                : step.canPad() ? "KV cache, past widths " + buckets
                : "KV cache, exact lengths (the model has no attention mask over its past to pad with)";
    }

    @Override public long[] sequence() { return ids.clone(); }

    @Override public void append(long id) {
        ids = Arrays.copyOf(ids, ids.length + 1);
        ids[ids.length - 1] = id;
    }

    @Override public float[] nextLogits() {
        int cached = cache.length();
        long[] fresh = Arrays.copyOfRange(ids, cached, ids.length);
        int n = fresh.length;
        if (n == 0) throw new IllegalStateException("nothing new to run: append a token first");
        if (exact) return run(fresh, n, cached, cached);
        // bucket the prompt at the prefill, the past's width after it (the cap keeps width + 1 within the context)
        int length = cached == 0 ? buckets.lengthFor(n, context) : n;
        int width = cached == 0 ? 0 : buckets.lengthFor(cached, context > 0 ? context - 1 : 0);
        if (length == n && width == cached) return run(fresh, n, cached, cached);
        if (checksLeft == 0) return run(fresh, length, cached, width);
        Map<String, Tensor> padded;
        try {
            padded = step.run(fresh, length, cached, width, cache.feeds(width));
        } catch (RuntimeException e) {
            return fallBack("a padded run failed: " + e.getMessage(), fresh, cached);
        }
        Map<String, Tensor> exactOut = step.run(fresh, n, cached, cached, cache.feeds(cached));
        float[] want = SessionInputs.rowAt(logits(exactOut), n - 1);
        float diff = PaddedSequence.maxRelativeDifference(want, SessionInputs.rowAt(logits(padded), n - 1));
        if (!(diff <= PaddedSequence.TOLERANCE)) {
            exact = true;
            lengths = "KV cache, exact lengths (padding changed the last position's scores by " + diff + ")";
        } else if (--checksLeft == 0) {
            lengths = "KV cache, past widths " + buckets + " (padding checked)";
        }
        cache.append(exactOut, cached, n);
        return want;
    }

    private float[] run(long[] fresh, int length, int cached, int width) {
        Map<String, Tensor> out = step.run(fresh, length, cached, width, cache.feeds(width));
        cache.append(out, width, fresh.length);
        return SessionInputs.rowAt(logits(out), fresh.length - 1);
    }

    private float[] fallBack(String why, long[] fresh, int cached) {
        exact = true;
        lengths = "KV cache, exact lengths (" + why + ")";
        return run(fresh, fresh.length, cached, cached);
    }

    private static Tensor logits(Map<String, Tensor> outputs) {
        Tensor t = outputs.get(SessionInputs.LOGITS);
        if (t == null) throw new GenerationException("the step returned no '" + SessionInputs.LOGITS + "'");
        return t;
    }

    @Override public DecodingStats stats() {
        return new DecodingStats(plans.compiles() - compilesBefore, lengths);
    }
}
