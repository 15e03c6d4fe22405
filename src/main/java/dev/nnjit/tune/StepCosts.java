package dev.nnjit.tune;

/**
 * Running estimates of what the tuner's steps cost on this device, learned over a session, so a search starts only
 * work that fits in what is left of its budget (and the budget is kept rather than overrun by a step). Estimates
 * lean high (the mean of what was seen, raised to the largest seen so far for compiles: SwiftShader's compile
 * times vary 10x across the candidates of one workload).
 */
final class StepCosts {
    /** A compile's cost before any was seen: a mid-size kernel on SwiftShader (0.1-1.5 s); real GPUs take 10-100 ms. */
    static final double FIRST_COMPILE_GUESS_MS = 400;
    /** A sample's fixed cost beyond its kernel time (submit, await, timestamp readback) before any was seen. */
    static final double FIRST_SAMPLE_OVERHEAD_MS = 3;
    /** Kernel time a sample lasts at least (the bench batches dispatches up to about 1 ms). */
    static final double SAMPLE_FLOOR_MS = 1;

    private double compileSum;
    private double compileMax;
    private int compiles;
    private double overheadSum;
    private int samples;

    /** Records a challenger's compile (the default's is usually a pipeline-cache hit and tells nothing). */
    void compiled(double ms) {
        compileSum += ms;
        compileMax = Math.max(compileMax, ms);
        compiles++;
    }

    /** Records a sample's wall time against the kernel time it reported. */
    void sampled(double kernelMs, double wallMs) {
        overheadSum += Math.max(0, wallMs - sampleKernelMs(kernelMs));
        samples++;
    }

    /** Estimated wall time of one compile. */
    double compileMs() {
        if (compiles == 0) return FIRST_COMPILE_GUESS_MS;
        double mean = compileSum / compiles;
        return Math.max(mean, 0.5 * compileMax);
    }

    /** Estimated wall time of one sample of a kernel that takes {@code kernelMs} per dispatch. */
    double sampleMs(double kernelMs) {
        double overhead = samples == 0 ? FIRST_SAMPLE_OVERHEAD_MS : overheadSum / samples;
        return sampleKernelMs(kernelMs) + overhead;
    }

    /** Estimated wall time of reading one candidate's output (one dispatch, a readback). */
    double outputMs(double kernelMs) { return sampleMs(kernelMs); }

    /**
     * GPU time of one sample: at least {@link #SAMPLE_FLOOR_MS} of dispatches, plus a quarter dispatch for the
     * calibration dispatch a candidate's first sample adds (one sample in four or five, over a search's rounds).
     */
    private static double sampleKernelMs(double kernelMs) {
        double k = Double.isFinite(kernelMs) && kernelMs > 0 ? kernelMs : 0;
        return Math.max(k, SAMPLE_FLOOR_MS) + 0.25 * k;
    }
}
