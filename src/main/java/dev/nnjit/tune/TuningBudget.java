package dev.nnjit.tune;

/**
 * How much a tuning session may spend, and the search's stopping rules.
 *
 * @param maxMs wall time for the whole model, counted over the tuner's own steps only (time spent running
 *     inferences between steps is not charged); compile time counts, since on SwiftShader it dominates (0.1-5 s
 *     per matmul kernel). 0 disables tuning (stored decisions are still used). The budget is checked before each
 *     step, so a session may overrun it by at most one step (one compile, one round of samples, or one validation).
 * @param maxCompileMsPerCandidate a candidate whose compile takes longer is dropped without being timed (never the
 *     default, which is the baseline); a winner that slow to compile would cost that again at every page load
 * @param maxCandidatesPerWorkload candidates tried per workload, in the space's order (index 0 first); the rest
 *     are reported "not-tried" (TVM's max_trials)
 * @param rounds timed samples per candidate, taken round by round across the candidates so a noisy moment hits
 *     them alike
 * @param earlyStopFactor after each round, a candidate whose fastest sample is more than this times the fastest
 *     sample of any candidate is dropped (tinygrad's beam search stops at 3x the best)
 * @param minGain the default is replaced only by a winner at least this fraction faster, median against median and
 *     minimum against minimum (a candidate ahead by median alone caught the default in a noisy moment):
 *     5%, because browser timing is coarse (Chromium rounds timestamps to 100 us) and medians of a few samples on
 *     a shared GPU move by a few percent between runs, so smaller gains are mostly noise; and a switch is not free
 *     (a less-exercised kernel, compiled at every load)
 */
public record TuningBudget(double maxMs, double maxCompileMsPerCandidate, int maxCandidatesPerWorkload, int rounds,
                           double earlyStopFactor, double minGain) {

    public static final TuningBudget DEFAULT = new TuningBudget(30_000, 5_000, 16, 5, 3.0, 0.05);

    public TuningBudget {
        if (!(maxMs >= 0)) throw new IllegalArgumentException("budget must be >= 0 ms, got " + maxMs);
        if (!(maxCompileMsPerCandidate > 0)) throw new IllegalArgumentException("compile cap must be > 0 ms");
        if (maxCandidatesPerWorkload < 1) throw new IllegalArgumentException("at least one candidate per workload");
        if (rounds < 1) throw new IllegalArgumentException("at least one round");
        if (!(earlyStopFactor > 1)) throw new IllegalArgumentException("early-stop factor must be > 1");
        if (!(minGain >= 0)) throw new IllegalArgumentException("minimum gain must be >= 0");
    }

    /** The default rules with a budget of {@code ms} wall time (0 disables tuning). */
    public static TuningBudget ofMs(double ms) { return DEFAULT.withMaxMs(ms); }

    public TuningBudget withMaxMs(double ms) {
        return new TuningBudget(ms, maxCompileMsPerCandidate, maxCandidatesPerWorkload, rounds, earlyStopFactor, minGain);
    }

    public TuningBudget withCompileCap(double ms) {
        return new TuningBudget(maxMs, ms, maxCandidatesPerWorkload, rounds, earlyStopFactor, minGain);
    }

    public TuningBudget withRounds(int r) {
        return new TuningBudget(maxMs, maxCompileMsPerCandidate, maxCandidatesPerWorkload, r, earlyStopFactor, minGain);
    }

    public TuningBudget withMaxCandidates(int n) {
        return new TuningBudget(maxMs, maxCompileMsPerCandidate, n, rounds, earlyStopFactor, minGain);
    }

    public TuningBudget withMinGain(double g) {
        return new TuningBudget(maxMs, maxCompileMsPerCandidate, maxCandidatesPerWorkload, rounds, earlyStopFactor, g);
    }

    public boolean enabled() { return maxMs > 0; }
}
