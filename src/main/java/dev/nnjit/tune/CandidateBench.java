package dev.nnjit.tune;

/**
 * The device side of tuning, as the {@link Tuner} drives it: synchronous calls (in the browser each awaits its
 * promises through TeaVM's {@code @Async}, which yields to the event loop in between). The tuner measures compile
 * time and budget with its {@link TuneClock}; the bench reports kernel time.
 *
 * <p>Calls for one workload come in this order: {@link #open}; {@link #compile} for each candidate tried (the
 * default first); rounds of {@link #sample}; {@link #output} for the default and the candidates it validates;
 * {@link #close}. A workload is never interleaved with another.
 *
 * <p>Seeded inputs: {@link #open} fills the site's input buffers from a fixed seed, float inputs uniform in
 * [-1, 1) (the {@link SiteTolerance} bounds assume that magnitude) and index inputs in range; every candidate of
 * the workload runs on those same buffers, so outputs are comparable element by element.
 */
public interface CandidateBench {

    /** Allocates and fills the site's buffers (seeded inputs, an output buffer). */
    void open(TuningSite<?> site);

    /**
     * Compiles candidate {@code key} of {@code site} (shader module and pipeline, awaited) and keeps it for the
     * calls below; returns null on success, else why it failed (a compile or validation error).
     */
    String compile(TuningSite<?> site, String key);

    /**
     * One timed sample of a compiled candidate: milliseconds per dispatch (the bench may batch several dispatches
     * into one sample to beat timer resolution, and divides). Throws when the dispatch fails.
     */
    double sample(TuningSite<?> site, String key);

    /** The output of one dispatch of a compiled candidate on the seeded inputs (as f32; ints converted). */
    float[] output(TuningSite<?> site, String key);

    /** Releases the site's buffers and pipelines. */
    void close(TuningSite<?> site);

    /** How samples are timed: "timestamp-query", "submit", ... (stored on records). */
    String timing();
}
