package dev.nnjit.tune.workbench;

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

    /** The fastest candidate whose output is within tolerance, or null. */
    public CandidateResult best() {
        CandidateResult best = null;
        for (CandidateResult r : results) {
            if (r.ok() && (best == null || r.medianMs() < best.medianMs())) best = r;
        }
        return best;
    }
}
