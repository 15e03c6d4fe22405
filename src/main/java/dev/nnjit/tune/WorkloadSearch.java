package dev.nnjit.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * The search over one workload's candidates, one bench action per {@link #step()}: open and compile candidates one
 * by one (default first), then rounds of one sample per live candidate (interleaved, starting point rotated each
 * round), dropping after each round those clearly slower than the best; then validation of the fastest candidates
 * against the default's output, in order of median, until one passes or none is fast enough to matter.
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
    private final Trial[] trials;
    private final int tryCount;
    private final List<String> rejected = new ArrayList<>();
    private Phase phase = Phase.OPEN;
    private boolean opened;
    private int next;
    private int round;
    private String winner;
    private String note;

    WorkloadSearch(TuningSite<?> site, TuningBudget budget, CandidateBench bench, TuneClock clock) {
        this.site = site;
        this.budget = budget;
        this.bench = bench;
        this.clock = clock;
        List<String> keys = site.keys();
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

    List<CandidateResult> results() {
        List<CandidateResult> out = new ArrayList<>(trials.length);
        for (Trial t : trials) out.add(t.result());
        return out;
    }

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

    /** Performs one bench action; returns false once the search is finished. */
    boolean step() {
        switch (phase) {
            case OPEN:
                bench.open(site);
                opened = true;
                phase = Phase.COMPILE;
                return compileNext();
            case COMPILE: return compileNext();
            case SAMPLE: return sampleRound();
            case VALIDATE: return validate();
            default: return false;
        }
    }

    private boolean compileNext() {
        Trial t = trials[next++];
        double t0 = clock.nowMs();
        String failure;
        try {
            failure = bench.compile(site, t.key);
        } catch (RuntimeException e) {
            failure = String.valueOf(e.getMessage());
        }
        t.compileMs = clock.nowMs() - t0;
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

    private boolean sampleRound() {
        List<Trial> live = new ArrayList<>();
        for (int i = 0; i < tryCount; i++) if (trials[i].live()) live.add(trials[i]);
        for (int j = 0; j < live.size(); j++) {
            Trial t = live.get((j + round) % live.size());
            try {
                t.samples[t.sampleCount++] = bench.sample(site, t.key);
            } catch (RuntimeException e) {
                t.sampleCount--;
                t.status = CandidateStatus.FAILED;
                t.note = "dispatch failed: " + e.getMessage();
                if (t == trials[0]) return finish(null, "the default failed to run: " + e.getMessage());
            }
        }
        round++;
        dropSlow();
        if (round == budget.rounds() || liveChallengers() == 0) phase = Phase.VALIDATE;
        return true;
    }

    private int liveChallengers() {
        int n = 0;
        for (int i = 1; i < tryCount; i++) if (trials[i].live()) n++;
        return n;
    }

    /** Drops candidates whose fastest sample is over earlyStopFactor x the fastest sample of all (never the default). */
    private void dropSlow() {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < tryCount; i++) if (trials[i].live()) best = Math.min(best, trials[i].min());
        for (int i = 1; i < tryCount; i++) {
            Trial t = trials[i];
            if (t.live() && t.min() > budget.earlyStopFactor() * best) {
                t.status = CandidateStatus.DROPPED_EARLY;
                t.note = "after " + t.sampleCount + " sample(s): " + ratio(t.min() / best) + "x the best";
            }
        }
    }

    private boolean validate() {
        Trial def = trials[0];
        double defaultMs = def.median();
        List<Trial> order = new ArrayList<>();
        for (int i = 1; i < tryCount; i++) if (trials[i].live()) order.add(trials[i]);
        order.sort((a, b) -> Double.compare(a.median(), b.median()));
        float[] reference = null;
        for (Trial t : order) {
            if (t.median() * (1 + budget.minGain()) > defaultMs) break; // this and all after it gain too little
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

    private static String ratio(double r) { return Double.toString(Math.round(r * 10) / 10.0); }
}
