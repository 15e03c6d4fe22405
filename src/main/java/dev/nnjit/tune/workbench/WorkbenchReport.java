package dev.nnjit.tune.workbench;

import dev.nnjit.tune.Tolerance;
import java.util.List;

/**
 * The workbench's answer for one request.
 *
 * @param problem the case in words ({@link BenchCase#describe()})
 * @param adapter the WebGPU adapter ("google swiftshader")
 * @param timing how kernel times were taken, in words
 * @param candidateCount size of the family's candidate list for this problem (indices run 0..count-1)
 * @param referenceMs time of the Java reference op in this page
 * @param metric "GFLOP/s" or "GB/s": the rate that matters for this op
 * @param results one per requested candidate, in index order
 */
public record WorkbenchReport(Family family, String shape, String problem, String adapter, String timing, int runs,
                              long seed, int candidateCount, double referenceMs, Tolerance tolerance, String metric,
                              double flops, double bytes, List<CandidateResult> results) {

    /** The candidate with the lowest median time among those whose output is within tolerance, or null. */
    public CandidateResult best() { return best(false); }

    /**
     * As {@link #best()} by the lowest minimum time: on a device shared with other work (SwiftShader runs on the CPU)
     * noise only adds time, and minima rank candidates more reproducibly than medians.
     */
    public CandidateResult bestByMin() { return best(true); }

    private CandidateResult best(boolean byMin) {
        CandidateResult best = null;
        for (CandidateResult r : results) {
            if (!r.ok()) continue;
            double t = byMin ? r.minMs() : r.medianMs();
            if (best == null || t < (byMin ? best.minMs() : best.medianMs())) best = r;
        }
        return best;
    }
}
