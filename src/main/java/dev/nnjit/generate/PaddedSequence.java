package dev.nnjit.generate;

import dev.nnjit.tensor.Tensor;

/**
 * Runs a growing sequence at the lengths {@link LengthBuckets} give, right-padded, and takes the scores of the last
 * real position. Right padding leaves those scores unchanged only when the model attends causally (or masks the
 * padding) and nothing in it depends on the total length; this is checked, not assumed: the first padded step also
 * runs the exact length, and if the last real position's scores differ beyond float noise (or the padded run fails),
 * the decoding runs exact lengths from then on and says why in {@link #lengths()}.
 */
final class PaddedSequence {
    /** Runs the model on {@code ids} right-padded to {@code length} (= ids.length: no padding); returns its logits. */
    interface Runner {
        Tensor logits(long[] ids, int length);
    }

    /** Largest difference accepted between padded and exact scores, relative to the scores' magnitude. */
    static final float TOLERANCE = 1e-3f;

    private final LengthBuckets buckets;
    private final int context;
    private final Runner runner;
    /** Null until a padded step was checked against the exact one. */
    private Boolean paddingSafe;
    private String lengths;

    PaddedSequence(LengthBuckets buckets, int context, Runner runner) {
        this.buckets = buckets;
        this.context = context;
        this.runner = runner;
        this.lengths = buckets.toString();
    }

    /** The next-token scores after {@code ids}. */
    float[] nextLogits(long[] ids) {
        int n = ids.length;
        int length = buckets.lengthFor(n, context);
        if (length == n || Boolean.FALSE.equals(paddingSafe)) return SessionInputs.rowAt(runner.logits(ids, n), n - 1);
        float[] padded;
        try {
            padded = SessionInputs.rowAt(runner.logits(ids, length), n - 1);
        } catch (RuntimeException e) {
            if (paddingSafe != null) throw e;
            return fallBack(ids, "a padded run failed: " + e.getMessage());
        }
        if (paddingSafe == null) {
            float[] exact = SessionInputs.rowAt(runner.logits(ids, n), n - 1);
            float diff = maxRelativeDifference(exact, padded);
            if (!(diff <= TOLERANCE)) {
                paddingSafe = false;
                lengths = "exact (right padding changed the last position's scores by " + diff + ")";
                return exact;
            }
            paddingSafe = true;
            lengths = buckets + " (padding checked)";
        }
        return padded;
    }

    /** How lengths were chosen: the policy, and whether padding was checked or abandoned (and why). */
    String lengths() { return lengths; }

    private float[] fallBack(long[] ids, String why) {
        paddingSafe = false;
        lengths = "exact (" + why + ")";
        return SessionInputs.rowAt(runner.logits(ids, ids.length), ids.length - 1);
    }

    /** max |a - b| over max(1, max |a|): NaN when either holds a NaN. */
    static float maxRelativeDifference(float[] a, float[] b) {
        float scale = 1, diff = 0;
        for (int i = 0; i < a.length; i++) {
            if (Float.isNaN(a[i]) || Float.isNaN(b[i])) return Float.NaN;
            scale = Math.max(scale, Math.abs(a[i]));
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        return diff / scale;
    }
}
