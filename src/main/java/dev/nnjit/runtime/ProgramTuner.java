package dev.nnjit.runtime;

import dev.nnjit.tune.CandidateBench;
import dev.nnjit.tune.DecisionSource;
import dev.nnjit.tune.Tuner;
import dev.nnjit.tune.TuningBudget;
import dev.nnjit.tune.TuningProgress;
import dev.nnjit.tune.TuningReport;
import dev.nnjit.tune.Workload;
import dev.nnjit.tune.WorkloadReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tuning session of one program: a {@link Tuner} over the program's workloads, stepped from outside, which
 * persists the cache after each decision the session measured and hands back the decisions to swap in.
 */
public final class ProgramTuner {
    private final TuningSetup setup;
    private final Tuner tuner;
    private int seen;

    public ProgramTuner(TuningSetup setup, TuningBudget budget, List<Workload> workloads, CandidateBench bench) {
        this.setup = setup;
        this.tuner = new Tuner(setup.adapter(), setup.cache(), budget, workloads, bench, setup.clock());
    }

    /**
     * One bench action. Returns the decisions made by it ("family|problem" → candidate key; tuned ones, cache hits
     * and defaults alike: the caller swaps only steps that run something else).
     */
    public Map<String, String> step() {
        tuner.tuneStep();
        List<WorkloadReport> lines = tuner.report().workloads();
        Map<String, String> decided = new LinkedHashMap<>();
        boolean measured = false;
        for (int i = seen; i < lines.size(); i++) {
            WorkloadReport w = lines.get(i);
            decided.put(w.family() + "|" + w.problem(), w.bestConfig());
            if (w.source() == DecisionSource.TUNED) measured = true;
        }
        seen = lines.size();
        if (measured) setup.persist();
        return decided;
    }

    public boolean finished() { return tuner.finished(); }

    public TuningProgress progress() { return tuner.progress(); }

    public TuningReport report() { return tuner.report(); }
}
