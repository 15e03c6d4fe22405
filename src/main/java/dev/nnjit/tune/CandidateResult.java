package dev.nnjit.tune;

import java.util.Arrays;

/**
 * What the tuner learned about one candidate of a workload; kept in full in the {@link TuningRecord}, so "why did
 * this config win?" can be answered later. (The workbench's richer per-candidate row is
 * {@code tune.workbench.CandidateResult}; this is the stored, device-independent subset.)
 *
 * @param key the candidate's {@link ScheduleCandidate#key()}
 * @param compileMs wall time of its compile (shader module + pipeline), NaN when not compiled
 * @param samplesMs per-dispatch times of its timed samples, in round order (empty when never timed)
 * @param error its output against the default kernel's on the same seeded inputs; null when not compared
 * @param note why it failed, was dropped or rejected; null otherwise
 */
public record CandidateResult(String key, CandidateStatus status, double compileMs, double[] samplesMs,
                              ErrorStats error, String note) {

    public CandidateResult {
        if (key == null || status == null) throw new IllegalArgumentException("key and status are required");
        samplesMs = samplesMs == null ? new double[0] : samplesMs.clone();
    }

    public static CandidateResult notTried(String key, String note) {
        return new CandidateResult(key, CandidateStatus.NOT_TRIED, Double.NaN, new double[0], null, note);
    }

    @Override public double[] samplesMs() { return samplesMs.clone(); }

    public int samples() { return samplesMs.length; }

    /** The median sample (mean of the middle two for an even count); NaN without samples. */
    public double medianMs() { return median(samplesMs); }

    public double minMs() {
        double m = Double.NaN;
        for (double s : samplesMs) if (!(s >= m)) m = s;
        return m;
    }

    static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
    }

    public CandidateResult with(CandidateStatus newStatus, String newNote) {
        return new CandidateResult(key, newStatus, compileMs, samplesMs, error, newNote);
    }

    public CandidateResult withError(ErrorStats e) {
        return new CandidateResult(key, status, compileMs, samplesMs, e, note);
    }
}
