package dev.nnjit.tune;

import java.util.List;

/**
 * What a tuning session did: its budget, the tuner's own time, how many workloads stored decisions answered, and one
 * line per workload (heaviest first). Written and read by {@link TuningJson}.
 */
public record TuningReport(double budgetMs, double tuningMs, int cacheHits, List<WorkloadReport> workloads) {
    public TuningReport {
        workloads = List.copyOf(workloads);
    }
}
