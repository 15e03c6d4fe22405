package dev.nnjit.generate;

import dev.nnjit.api.PlanCache;
import java.util.Arrays;

/**
 * The decoding state of a cache-less model: the sequence so far (re-run whole at each step through its
 * {@link PaddedSequence}) and the plan compiles it caused. Shared by the causal and seq2seq adapters, which differ
 * only in the first ids and in how a step's logits are computed.
 */
final class PaddedDecoding implements Decoding {
    private final PaddedSequence sequence;
    private final PlanCache plans;
    private final int compilesBefore;
    private long[] ids;

    /** Starts from {@code firstIds} (copied); counts compiles of {@code plans} from now on. */
    PaddedDecoding(long[] firstIds, PaddedSequence sequence, PlanCache plans) {
        this.ids = firstIds.clone();
        this.sequence = sequence;
        this.plans = plans;
        this.compilesBefore = plans.compiles();
    }

    @Override public long[] sequence() { return ids.clone(); }

    @Override public void append(long id) {
        ids = Arrays.copyOf(ids, ids.length + 1);
        ids[ids.length - 1] = id;
    }

    @Override public float[] nextLogits() { return sequence.nextLogits(ids); }

    @Override public DecodingStats stats() {
        return new DecodingStats(plans.compiles() - compilesBefore, sequence.lengths());
    }
}
