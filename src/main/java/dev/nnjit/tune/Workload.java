package dev.nnjit.tune;

/**
 * One tuning task: a distinct (family, problem, candidate set) and how often the model runs it.
 *
 * @param site one of its sites (all share the key, so any will do)
 * @param occurrences kernel steps of the model with this key
 * @param defaultMs the default kernel's time per occurrence (mean over the profiled steps; 0 when unknown)
 */
public record Workload(TuningSite<?> site, int occurrences, double defaultMs) {

    public TuningKey key() { return TuningKey.of(site); }

    /** The estimated share of model time: occurrences x default time. */
    public double weight() { return occurrences * defaultMs; }
}
