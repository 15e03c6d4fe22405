package dev.nnjit.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tunes a model's workloads under a {@link TuningBudget}, heaviest first (order them with {@link TaskPlanner}),
 * storing each decision in a {@link TuningCache}. Incremental: each {@link #tuneStep()} performs at most one bench
 * action (a compile, one round of samples, or one validation), so a page can call it between inferences and draw
 * {@link #progress()}; {@link #run} loops until done. Workloads with a valid stored decision cost nothing and count
 * as cache hits. Only the tuner's own steps are charged to the budget.
 *
 * <p>Spending: each workload, when its turn comes, gets a share of what is left of the budget in proportion to its
 * weight among the workloads still undecided (TVM's task scheduler spends by weight too), so the heaviest get most
 * and what a search does not use flows on to the next; a workload whose share cannot cover one challenger
 * ({@link WorkloadSearch#minimumMs}) is skipped, not started. Within its share a search tries candidates in
 * {@link CandidateOrder}, preferring this family's earlier winners, and starts only steps {@link StepCosts}
 * expects to fit, so it concludes (and stores its decision) inside the budget. A step that overruns its estimate
 * past the budget is the one exception: that search is abandoned and stores nothing (a later session starts it
 * again).
 */
public final class Tuner {
    private final AdapterKey adapter;
    private final TuningCache cache;
    private final TuningBudget budget;
    private final List<Workload> workloads;
    private final CandidateBench bench;
    private final TuneClock clock;
    private final List<WorkloadReport> lines = new ArrayList<>();
    private final double[] speedups;
    private final StepCosts costs = new StepCosts();
    /** Per family, winning keys of earlier workloads (tuned or cached), newest first: tried early by later searches. */
    private final java.util.Map<String, List<String>> winners = new java.util.HashMap<>();
    private int next;
    private Workload current;
    private WorkloadSearch search;
    private double spentMs;
    private int cacheHits;

    public Tuner(AdapterKey adapter, TuningCache cache, TuningBudget budget, List<Workload> workloads,
                 CandidateBench bench, TuneClock clock) {
        this.adapter = adapter;
        this.cache = cache;
        this.budget = budget;
        this.workloads = List.copyOf(workloads);
        this.bench = bench;
        this.clock = clock;
        this.speedups = new double[this.workloads.size()];
        Arrays.fill(speedups, 1.0);
    }

    public boolean finished() { return search == null && next >= workloads.size(); }

    private boolean budgetLeft() { return spentMs < budget.maxMs(); }

    /**
     * Does the next piece of work: answers workloads from the cache (free) until one needs measuring, then performs
     * one bench action on it. Returns false when every workload is decided.
     */
    public boolean tuneStep() {
        if (search == null) {
            while (next < workloads.size() && search == null) {
                Workload w = workloads.get(next);
                CacheHit hit = cache.lookup(adapter, w.site());
                if (hit != null) {
                    cacheHits++;
                    won(w, hit.record().winnerKey());
                    decided(w, fromRecord(w, hit.record(), hit.source()));
                } else if (!budgetLeft()) {
                    decided(w, untuned(w, budget.enabled() ? "budget spent" : "tuning disabled (budget 0)", List.of()));
                } else {
                    double share = share(w);
                    WorkloadSearch s = new WorkloadSearch(w.site(), CandidateOrder.of(w.site(), preferred(w)), budget,
                            bench, clock, costs, share, w.defaultMs());
                    if (s.minimumMs() > share) {
                        decided(w, untuned(w, "its share of the budget (" + Math.round(share) + " ms) does not cover"
                                + " one candidate (~" + Math.round(s.minimumMs()) + " ms)", List.of()));
                    } else {
                        current = w;
                        search = s;
                    }
                }
            }
            if (search == null) return false;
        }
        double t0 = clock.nowMs();
        boolean more = search.step(budget.maxMs() - spentMs);
        spentMs += clock.nowMs() - t0;
        if (more && !budgetLeft()) {
            search.abandon("budget spent");
            more = false;
        }
        if (!more) conclude();
        return !finished();
    }

    /** Steps until done, telling {@code listener} (may be null) after each step; returns the report. */
    public TuningReport run(TuningListener listener) {
        while (tuneStep()) if (listener != null) listener.progress(progress());
        if (listener != null) listener.progress(progress());
        return report();
    }

    /**
     * This workload's share of what is left: in proportion to its weight among the undecided workloads from here on
     * (those the cache does not answer); equal shares when their default times are unknown.
     */
    private double share(Workload w) {
        double left = budget.maxMs() - spentMs;
        double total = 0;
        int count = 0;
        for (int i = next; i < workloads.size(); i++) {
            Workload u = workloads.get(i);
            if (i > next && cache.lookup(adapter, u.site()) != null) continue;
            total += u.weight();
            count++;
        }
        return total > 0 ? left * w.weight() / total : left / Math.max(1, count);
    }

    private List<String> preferred(Workload w) {
        List<String> p = winners.get(w.site().family());
        return p == null ? List.of() : p;
    }

    private void won(Workload w, String key) {
        if (key == null || key.equals(w.site().defaultKey())) return;
        List<String> list = winners.computeIfAbsent(w.site().family(), f -> new ArrayList<>());
        list.remove(key);
        list.add(0, key);
    }

    private void conclude() {
        Workload w = current;
        String winner = search.winner();
        won(w, winner);
        if (winner == null) {
            decided(w, untuned(w, search.note(), search.results()));
        } else {
            TuningSite<?> site = w.site();
            TuningRecord r = new TuningRecord(adapter, TuningKey.of(site), winner,
                    site.codeChecksum(winner), site.defaultKey(), search.results(), bench.timing(),
                    clock.epochMs());
            cache.put(r);
            WorkloadReport line = fromRecord(w, r, DecisionSource.TUNED);
            decided(w, new WorkloadReport(line.family(), line.problem(), line.occurrences(), line.candidates(),
                    line.tried(), line.defaultConfig(), line.defaultMs(), line.bestConfig(), line.bestMs(),
                    line.speedup(), line.source(), line.maxError(), line.workbench(), search.rejected(), null));
        }
        search = null;
        current = null;
    }

    private void decided(Workload w, WorkloadReport line) {
        lines.add(line);
        double s = line.speedup();
        speedups[next] = s > 0 && !Double.isInfinite(s) ? s : 1.0;
        next++;
    }

    private static int tried(List<CandidateResult> results) {
        int n = 0;
        for (CandidateResult c : results) if (c.status() != CandidateStatus.NOT_TRIED) n++;
        return n;
    }

    private static WorkloadReport fromRecord(Workload w, TuningRecord r, DecisionSource source) {
        TuningSite<?> site = w.site();
        CandidateResult d = r.result(r.defaultKey());
        CandidateResult b = r.result(r.winnerKey());
        double defaultMs = d != null && d.samples() > 0 ? d.medianMs() : w.defaultMs();
        double bestMs = r.winnerKey().equals(r.defaultKey()) ? defaultMs : b != null ? b.medianMs() : Double.NaN;
        double speedup = r.winnerKey().equals(r.defaultKey()) ? 1.0 : defaultMs / bestMs;
        double maxError = r.winnerKey().equals(r.defaultKey()) ? 0 : b != null && b.error() != null ? b.error().maxAbs()
                : Double.NaN;
        List<String> rejected = new ArrayList<>();
        for (CandidateResult c : r.results()) {
            if (c.status() == CandidateStatus.REJECTED) rejected.add(c.key() + ": " + c.note());
        }
        return new WorkloadReport(site.family(), site.problemKey(), w.occurrences(), site.size(), tried(r.results()),
                r.defaultKey(), defaultMs, r.winnerKey(), bestMs, speedup, source, maxError, WorkbenchArgs.of(site),
                rejected, null);
    }

    private static WorkloadReport untuned(Workload w, String why, List<CandidateResult> results) {
        TuningSite<?> site = w.site();
        CandidateResult d = results.isEmpty() ? null : results.get(0);
        double defaultMs = d != null && d.samples() > 0 ? d.medianMs() : w.defaultMs();
        return new WorkloadReport(site.family(), site.problemKey(), w.occurrences(), site.size(), tried(results),
                site.defaultKey(), defaultMs, site.defaultKey(), defaultMs, 1.0, DecisionSource.DEFAULT, 0,
                WorkbenchArgs.of(site), List.of(), why);
    }

    public TuningProgress progress() {
        double total = 0, tuned = 0;
        for (int i = 0; i < workloads.size(); i++) {
            double wt = workloads.get(i).weight();
            total += wt;
            tuned += wt / speedups[i];
        }
        double estimate = total > 0 && tuned > 0 ? total / tuned : 1.0;
        return new TuningProgress(next, workloads.size(), spentMs, budget.maxMs(), estimate, finished());
    }

    /** The report so far (complete once {@link #finished()}). */
    public TuningReport report() { return new TuningReport(budget.maxMs(), spentMs, cacheHits, lines); }
}
