package dev.nnjit.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * The search over one workload's candidates, one bench action per {@link #step}: open and compile candidates one
 * by one in {@link CandidateOrder} (default first), then rounds of one sample per live candidate (interleaved,
 * starting point rotated each round), dropping after each round those clearly slower than the best and the slower
 * half of the rest (successive halving: the samples go to the candidates still in the race); then validation of the
 * fastest candidates against the default's output, in order of median, until one passes or none is fast enough to
 * matter.
 *
 * <p>Budgeted: each step is given the time left (the workload's allowance and the session's budget, whichever is
 * less) and starts only work that {@link StepCosts} says fits, leaving room to finish: it stops compiling when the
 * candidates it has will use the rest, and validates what it has measured when another round would not fit. So a
 * short budget yields a smaller search that still concludes (and is stored), not a search cut off mid-way.
 */
final class WorkloadSearch {
    private enum Phase { OPEN, COMPILE, SAMPLE, VALIDATE, DONE }

    /** One candidate's mutable state during the search. */
    private static final class Trial {
        final String key;
        CandidateStatus status; // null: not reached yet
        double compileMs = Double.NaN;
        final double[] samples;
        int sampleCount;
        ErrorStats error;
        String note;

        Trial(String key, int rounds) {
            this.key = key;
            this.samples = new double[rounds];
        }

        boolean live() { return status == CandidateStatus.OK; }

        double min() {
            double m = Double.POSITIVE_INFINITY;
            for (int i = 0; i < sampleCount; i++) m = Math.min(m, samples[i]);
            return m;
        }

        double median() {
            double[] s = new double[sampleCount];
            System.arraycopy(samples, 0, s, 0, sampleCount);
            return CandidateResult.median(s);
        }

        CandidateResult result() {
            double[] s = new double[sampleCount];
            System.arraycopy(samples, 0, s, 0, sampleCount);
            return new CandidateResult(key, status == null ? CandidateStatus.NOT_TRIED : status, compileMs, s, error, note);
        }
    }

    private final TuningSite<?> site;
    private final TuningBudget budget;
    private final CandidateBench bench;
    private final TuneClock clock;
    private final StepCosts costs;
    private final double allowanceMs;
    /** The default kernel's time per dispatch from the profiled run (ms; 0 when unknown), for cost estimates. */
    private final double defaultMs;
    /** In trial order: the default first, then {@link CandidateOrder}; not-tried candidates after. */
    private final Trial[] trials;
    private final int tryCount;
    /** Sample rounds: the budget's, but at most {@link #SLOW_KERNEL_ROUNDS} for a slow kernel. */
    private final int rounds;
    private int compiledCount;
    private double spentMs;
    private final List<String> rejected = new ArrayList<>();
    private Phase phase = Phase.OPEN;
    private boolean opened;
    private int next;
    private int round;
    private String winner;
    private String note;

    /**
     * @param order the site's keys in trial order, the default first ({@link CandidateOrder#of})
     * @param allowanceMs what this workload may spend (its share of the budget); the session's remaining budget
     *     is given to each {@link #step}
     */
    WorkloadSearch(TuningSite<?> site, List<String> order, TuningBudget budget, CandidateBench bench, TuneClock clock,
                   StepCosts costs, double allowanceMs, double defaultMs) {
        this.site = site;
        this.budget = budget;
        this.bench = bench;
        this.clock = clock;
        this.costs = costs;
        this.allowanceMs = allowanceMs;
        this.defaultMs = defaultMs > 0 ? defaultMs : 0;
        this.rounds = this.defaultMs >= SLOW_KERNEL_MS ? Math.min(budget.rounds(), SLOW_KERNEL_ROUNDS) : budget.rounds();
        List<String> keys = order;
        if (keys.size() != site.size() || !keys.get(0).equals(site.defaultKey())) {
            throw new IllegalArgumentException("trial order must list all " + site.size() + " candidates, default first");
        }
        trials = new Trial[keys.size()];
        tryCount = Math.min(keys.size(), budget.maxCandidatesPerWorkload());
        for (int i = 0; i < trials.length; i++) {
            trials[i] = new Trial(keys.get(i), budget.rounds());
            if (i >= tryCount) {
                trials[i].status = CandidateStatus.NOT_TRIED;
                trials[i].note = "beyond the cap of " + budget.maxCandidatesPerWorkload() + " candidates per workload";
            }
        }
    }

    boolean finished() { return phase == Phase.DONE; }

    /** The candidate to adopt: a validated winner, or the default; null when the search gave up (not tuned). */
    String winner() { return winner; }

    /** Why the workload was not tuned, or null. */
    String note() { return note; }

    List<String> rejected() { return rejected; }

    /** Per candidate, in the site's order (the default first). */
    List<CandidateResult> results() {
        List<CandidateResult> out = new ArrayList<>(trials.length);
        for (String k : site.keys()) for (Trial t : trials) if (t.key.equals(k)) out.add(t.result());
        return out;
    }

    /** Wall time this search's steps took. */
    double spentMs() { return spentMs; }

    /** Stops where it is (budget spent): candidates not reached are reported not-tried, nothing is adopted. */
    void abandon(String why) {
        if (phase == Phase.DONE) return;
        for (Trial t : trials) {
            if (t.status == null) {
                t.status = CandidateStatus.NOT_TRIED;
                t.note = why;
            }
        }
        finish(null, why);
    }

    /**
     * Performs one bench action that fits in the time left; returns false once the search is finished.
     *
     * @param sessionLeftMs what is left of the session's budget
     */
    boolean step(double sessionLeftMs) {
        double t0 = clock.nowMs();
        try {
            return act(Math.min(sessionLeftMs, allowanceMs - spentMs));
        } finally {
            spentMs += clock.nowMs() - t0;
        }
    }

    private boolean act(double leftMs) {
        switch (phase) {
            case OPEN:
                bench.open(site);
                opened = true;
                phase = Phase.COMPILE;
                return compileNext(leftMs);
            case COMPILE: return compileNext(leftMs);
            case SAMPLE: return sampleRound(leftMs);
            case VALIDATE: return validate(leftMs);
            default: return false;
        }
    }

    /** Estimated wall time of the rounds still to come for {@code challengers} live challengers and the default. */
    private double sampling(int challengers, int roundsDone) {
        double per = costs.sampleMs(defaultMs);
        double total = 0;
        int n = challengers;
        for (int r = roundsDone; r < rounds && n > 0; r++) {
            total += (n + 1) * per;
            n = survivors(n);
        }
        return total;
    }

    /**
     * The least this search can cost and still conclude: one challenger compiled, timed against the default over
     * the rounds, validated. A workload whose share of the budget is below this is not started.
     */
    double minimumMs() { return costs.compileMs() + sampling(1, 0) + validation(); }

    /** Estimated wall time of validating one candidate (the default's output and the candidate's). */
    private double validation() { return 2 * costs.outputMs(defaultMs); }

    private boolean compileNext(double leftMs) {
        if (next > 0) { // the default is compiled regardless (usually a pipeline-cache hit: the program runs it)
            double need = costs.compileMs() + sampling(liveChallengers() + 1, 0) + validation();
            if (need > leftMs) {
                for (int i = next; i < tryCount; i++) {
                    trials[i].status = CandidateStatus.NOT_TRIED;
                    trials[i].note = "over this workload's share of the budget";
                }
                if (liveChallengers() == 0) return finish(null, compiledCount == 0 && next == 1
                        ? "its share of the budget (" + Math.round(leftMs) + " ms) does not cover one candidate (~"
                          + Math.round(need) + " ms)" : "no candidate compiled within its share of the budget");
                phase = Phase.SAMPLE;
                return true;
            }
        }
        Trial t = trials[next++];
        double t0 = clock.nowMs();
        String failure;
        try {
            failure = bench.compile(site, t.key);
        } catch (RuntimeException e) {
            failure = String.valueOf(e.getMessage());
        }
        t.compileMs = clock.nowMs() - t0;
        if (next > 1) {
            costs.compiled(t.compileMs);
            compiledCount++;
        }
        if (failure != null) {
            t.status = CandidateStatus.FAILED;
            t.note = failure;
        } else if (next > 1 && t.compileMs > budget.maxCompileMsPerCandidate()) {
            t.status = CandidateStatus.DROPPED_EARLY;
            t.note = "compile took " + Math.round(t.compileMs) + " ms, over the cap of "
                    + Math.round(budget.maxCompileMsPerCandidate()) + " ms";
        } else {
            t.status = CandidateStatus.OK;
        }
        if (next == 1 && !t.live()) {
            for (int i = 1; i < tryCount; i++) {
                trials[i].status = CandidateStatus.NOT_TRIED;
                trials[i].note = "the default did not compile";
            }
            return finish(null, "the default failed to compile: " + t.note);
        }
        if (next == tryCount) {
            if (liveChallengers() == 0) return finish(trials[0].key, null); // nothing else runs: the default stays
            phase = Phase.SAMPLE;
        }
        return true;
    }

    private boolean sampleRound(double leftMs) {
        List<Trial> live = new ArrayList<>();
        for (int i = 0; i < tryCount; i++) if (trials[i].live()) live.add(trials[i]);
        double need = live.size() * costs.sampleMs(defaultMs) + validation();
        if (need > leftMs) {
            if (round == 0) return finish(null, "no time left in its share of the budget to time its candidates");
            phase = Phase.VALIDATE; // validate what the rounds so far measured
            return true;
        }
        for (int j = 0; j < live.size(); j++) {
            Trial t = live.get((j + round) % live.size());
            try {
                double s0 = clock.nowMs();
                double ms = bench.sample(site, t.key);
                costs.sampled(ms, clock.nowMs() - s0);
                t.samples[t.sampleCount++] = ms;
            } catch (RuntimeException e) {
                t.sampleCount--;
                t.status = CandidateStatus.FAILED;
                t.note = "dispatch failed: " + e.getMessage();
                if (t == trials[0]) return finish(null, "the default failed to run: " + e.getMessage());
            }
        }
        round++;
        dropSlow();
        if (round == rounds || liveChallengers() == 0) phase = Phase.VALIDATE;
        return true;
    }

    private int liveChallengers() {
        int n = 0;
        for (int i = 1; i < tryCount; i++) if (trials[i].live()) n++;
        return n;
    }

    /**
     * How many of {@code n} live challengers a round keeps (successive halving), before the noise margin: half,
     * but never fewer than two, so a fastest candidate that fails validation leaves a runner-up measured as long.
     */
    static int survivors(int n) { return n <= 2 ? n : Math.max(2, (n + 1) / 2); }

    /**
     * Drops (never the default) challengers whose fastest sample is over earlyStopFactor x the fastest of all, then
     * the slower half of the rest, by fastest sample, except those within {@link #NOISE_MARGIN} of the fastest
     * challenger (one sample on a shared device moves by that much; halving should not decide among near-ties).
     */
    private void dropSlow() {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < tryCount; i++) if (trials[i].live()) best = Math.min(best, trials[i].min());
        List<Trial> rest = new ArrayList<>();
        for (int i = 1; i < tryCount; i++) {
            Trial t = trials[i];
            if (!t.live()) continue;
            if (t.min() > budget.earlyStopFactor() * best) {
                t.status = CandidateStatus.DROPPED_EARLY;
                t.note = "after " + t.sampleCount + " sample(s): " + ratio(t.min() / best) + "x the best";
            } else {
                rest.add(t);
            }
        }
        rest.sort((a, b) -> Double.compare(a.min(), b.min()));
        int keep = survivors(rest.size());
        for (int i = keep; i < rest.size(); i++) {
            Trial t = rest.get(i);
            if (t.min() <= NOISE_MARGIN * rest.get(0).min()) continue;
            t.status = CandidateStatus.DROPPED_EARLY;
            t.note = "after " + t.sampleCount + " sample(s): in the slower half (" + ratio(t.min() / best) + "x the best)";
        }
    }

    /**
     * A kernel at least this slow (ms per dispatch) is sampled in at most {@link #SLOW_KERNEL_ROUNDS} rounds: each
     * of its samples is one long dispatch that timer resolution does not blur, and its rounds are what a tuning
     * budget runs out on (SwiftShader's transformer matmuls take 50-300 ms).
     */
    static final double SLOW_KERNEL_MS = 20;
    static final int SLOW_KERNEL_ROUNDS = 3;

    /** Challengers within this factor of the fastest one survive halving. */
    static final double NOISE_MARGIN = 1.1;

    private boolean validate(double leftMs) {
        Trial def = trials[0];
        double defaultMs = def.median();
        List<Trial> order = new ArrayList<>();
        for (int i = 1; i < tryCount; i++) if (trials[i].live()) order.add(trials[i]);
        order.sort((a, b) -> Double.compare(a.median(), b.median()));
        float[] reference = null;
        double start = clock.nowMs();
        for (Trial t : order) {
            if (t.median() * (1 + budget.minGain()) > defaultMs) break; // this and all after it gain too little
            if (t.min() * (1 + budget.minGain()) > def.min()) { // faster by median only: a noisy moment, not a gain
                t.note = "faster than the default by median but not by minimum (" + t.min() + " vs " + def.min() + " ms)";
                continue;
            }
            if (validation() > leftMs - (clock.nowMs() - start)) return finish(null, "no time left in its share of the budget to validate "
                    + t.key + " (" + ratio(defaultMs / t.median()) + "x the default)");
            try {
                if (reference == null) reference = bench.output(site, def.key);
                float[] out = bench.output(site, t.key);
                Tolerance tol = SiteTolerance.of(site, reference);
                t.error = out.length == reference.length ? tol.compare(out, reference) : null;
                if (t.error != null && t.error.pass()) return finish(t.key, null);
                t.status = CandidateStatus.REJECTED;
                t.note = t.error == null ? "output has " + out.length + " elements, the default's " + reference.length
                        : "differs from the default beyond " + tol.describe() + " (" + tol.rule() + "): max |diff| "
                        + t.error.maxAbs() + " at " + t.error.worstIndex() + ", " + t.error.failing() + " element(s)";
            } catch (RuntimeException e) {
                if (reference == null) return finish(trials[0].key, null); // cannot validate anything: keep the default
                t.status = CandidateStatus.REJECTED;
                t.note = "output could not be read: " + e.getMessage();
            }
            rejected.add(t.key + ": " + t.note);
        }
        return finish(def.key, null);
    }

    private boolean finish(String chosen, String why) {
        winner = chosen;
        note = why;
        phase = Phase.DONE;
        if (opened) bench.close(site);
        return false;
    }

    /** One decimal; a ratio against a time that read 0 is infinite (Math.round of it throws in the JS build). */
    private static String ratio(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? Double.toString(r) : Double.toString(Math.round(r * 10) / 10.0);
    }
}
