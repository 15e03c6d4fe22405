package dev.nnjit.tune;

/**
 * What a tuning decision answers for: a site family and problem, under one candidate set. Two sites with equal
 * family and problem key are one workload (their decisions are shared); the space checksum makes a stored decision
 * go stale by itself when the candidate set changes (a config added, removed or reordered).
 *
 * @param family the site's family ("matmul", "softmax", ...)
 * @param problemKey the site problem's {@code key()}
 * @param spaceChecksum {@link TuningSite#spaceChecksum()} when the decision was made
 */
public record TuningKey(String family, String problemKey, String spaceChecksum) {

    public TuningKey {
        if (family == null || problemKey == null || spaceChecksum == null) {
            throw new IllegalArgumentException("family, problem key and space checksum are required");
        }
    }

    public static TuningKey of(TuningSite<?> site) {
        return new TuningKey(site.family(), site.problemKey(), site.spaceChecksum());
    }

    /** "family|problemKey": the workload, whatever the candidate set. */
    public String workload() { return family + "|" + problemKey; }
}
