package dev.nnjit.tune;

/**
 * Where a tuning session stands.
 *
 * @param workloadsDone workloads decided (tuned, answered by the cache, or given up)
 * @param spentMs the tuner's own time so far (the budget's currency)
 * @param estimatedSpeedup model-level estimate over the workloads: sum of weights / sum of weight / speedup, with
 *     undecided workloads at 1 (1.0 means no gain so far)
 */
public record TuningProgress(int workloadsDone, int workloadsTotal, double spentMs, double budgetMs,
                             double estimatedSpeedup, boolean finished) {}
