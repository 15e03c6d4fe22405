package dev.nnjit.tune;

import java.util.List;

/**
 * A tuning session's last word: the whole program with the session's winners against the program before it, timed
 * run against run on the same feeds (interleaved, so a noisy moment hits both), because kernels timed alone can
 * misjudge what they cost inside the model. Seen on an H100 under Dawn: 16-row matmul winners measured 1.3-1.4x
 * faster alone made llama2-2l 1.9x slower as a whole. The winners are kept unless the tuned program is clearly
 * slower: its median run more than {@link #SLOWER} times the untuned median. Pure; the executable runs the pairs.
 *
 * @param untunedMs median run of the program before the session, ms (NaN when not checked)
 * @param tunedMs median run with the winners, ms (NaN when not checked)
 * @param pairs runs of each program timed
 * @param kept whether the winners stay
 * @param reverted the workloads ("family|problem") whose winners were taken back, each now stored with the schedule
 *     it ran before, so a reload does not adopt them again
 * @param note why not checked, or how the verdict came about
 */
public record ModelCheck(double untunedMs, double tunedMs, int pairs, boolean kept, List<String> reverted,
                         String note) {
    /** Most pairs of runs a check takes. */
    public static final int MAX_PAIRS = 3;
    /** The tuned program is rejected above this ratio of median run times (run-to-run noise stays below it). */
    public static final double SLOWER = 1.10;
    /** Share of the session's budget a check may take when the session spent it all. */
    public static final double BUDGET_SHARE = 0.10;

    public ModelCheck {
        reverted = List.copyOf(reverted);
        note = note == null ? "" : note;
    }

    /** Whether winners whose program ran {@code tunedMs} (median) stay against an untuned median of {@code untunedMs}. */
    public static boolean keeps(double untunedMs, double tunedMs) {
        return !(tunedMs > SLOWER * untunedMs);
    }

    /**
     * Pairs of runs a check may take: as many as fit (up to {@link #MAX_PAIRS}) in what the session left of its
     * budget, or in {@link #BUDGET_SHARE} of the budget when it left less; 0 when not even one pair fits.
     */
    public static int pairsFor(double budgetMs, double spentMs, double runMs) {
        if (!(runMs > 0)) return MAX_PAIRS;
        double allowed = Math.max(budgetMs - spentMs, BUDGET_SHARE * budgetMs);
        return (int) Math.max(0, Math.min(MAX_PAIRS, Math.floor(allowed / (2 * runMs))));
    }

    /** The verdict over timed runs of both programs. */
    public static ModelCheck of(double[] untunedRuns, double[] tunedRuns, List<String> changed) {
        double before = CandidateResult.median(untunedRuns);
        double after = CandidateResult.median(tunedRuns);
        boolean keep = keeps(before, after);
        String note = keep ? "" : "the tuned program ran " + Math.round(after / before * 100) / 100.0
                + "x slower than the untuned one in the model; its winners were taken back";
        return new ModelCheck(before, after, Math.min(untunedRuns.length, tunedRuns.length), keep,
                keep ? List.of() : changed, note);
    }

    /** No check: the session changed nothing, or a run costs more than the budget allows ({@code why}). */
    public static ModelCheck notChecked(String why) {
        return new ModelCheck(Double.NaN, Double.NaN, 0, true, List.of(), why);
    }

}
