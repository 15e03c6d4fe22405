package dev.nnjit.tune;

import java.util.List;

/**
 * What a tuning session did: its budget, the tuner's own time, how many workloads stored decisions answered, one
 * line per workload (heaviest first), and the whole-program check of its winners ({@link ModelCheck}; null until
 * made, and where the executable makes none). Written and read by {@link TuningJson}.
 */
public record TuningReport(double budgetMs, double tuningMs, int cacheHits, List<WorkloadReport> workloads,
                           ModelCheck modelCheck) {
    public TuningReport {
        workloads = List.copyOf(workloads);
    }

    /** A report without a model check (yet). */
    public TuningReport(double budgetMs, double tuningMs, int cacheHits, List<WorkloadReport> workloads) {
        this(budgetMs, tuningMs, cacheHits, workloads, null);
    }

    /** This report with the model check. */
    public TuningReport withModelCheck(ModelCheck check) {
        return new TuningReport(budgetMs, tuningMs, cacheHits, workloads, check);
    }
}
