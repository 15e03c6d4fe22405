package dev.nnjit.tune.workbench;

import dev.nnjit.tune.ErrorStats;

/**
 * What the workbench measured for one candidate. When {@code failure} is set (the kernel did not compile or run),
 * the numbers are NaN and {@code error} is null.
 *
 * @param workgroup {@code @workgroup_size} as "XxYxZ"; {@code dispatch} the workgroup counts as "XxYxZ"
 * @param compileMs wall time of shader module + pipeline creation (createComputePipelineAsync, awaited)
 * @param medianMs median kernel time over the samples (one dispatch: a sample's time / {@code repeat})
 * @param repeat dispatches per sample (more than one when one dispatch is too short to time well)
 * @param gflops flop rate at the median (NaN where the case counts no flops); {@code gbps} bytes rate likewise
 * @param error the output (after one dispatch on an output buffer filled with NaN) against the reference
 */
public record CandidateResult(int index, String configKey, String workgroup, String dispatch, double compileMs,
                              double medianMs, double minMs, double maxMs, int repeat, int samples, double gflops,
                              double gbps, ErrorStats error, String failure) {

    public boolean isDefault() { return index == 0; }

    public boolean ok() { return failure == null && error != null && error.pass(); }

    static CandidateResult failed(int index, String key, String workgroup, String dispatch, double compileMs,
                                  String failure) {
        return new CandidateResult(index, key, workgroup, dispatch, compileMs, Double.NaN, Double.NaN, Double.NaN, 0, 0,
                Double.NaN, Double.NaN, null, failure);
    }
}
