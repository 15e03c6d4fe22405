package dev.nnjit.runtime;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one run is asked to do; immutable, passed with the feeds to {@link Executable#run}. Compile-time choices (the
 * backend, fusion, limits) are not here: they belong to the backend and are fixed when a graph is compiled.
 *
 * @param outputs the graph outputs to compute and return, in any order (the result keeps graph order); null: all.
 *     On WebGPU, outputs not asked for are neither copied off the GPU nor read back
 * @param profile time every kernel (WebGPU: {@link GpuRunStats#kernels()}); the CPU backend always times its ops
 * @param timing how a profiled WebGPU run times its kernels
 */
public record RunOptions(Set<String> outputs, boolean profile, Timing timing) {
    /** All outputs, no profiling. */
    public static final RunOptions DEFAULT = new RunOptions(null, false, Timing.AUTO);

    public enum Timing {
        /** Timestamp queries where the adapter has them, else {@link #SUBMISSION}. */
        AUTO,
        /**
         * Each dispatch submitted alone and awaited, as on adapters without {@code timestamp-query}, even where
         * timestamps exist (to compare the two, and to test that path).
         */
        SUBMISSION
    }

    public RunOptions {
        if (outputs != null) outputs = Collections.unmodifiableSet(new LinkedHashSet<>(outputs));
        if (timing == null) timing = Timing.AUTO;
    }

    /** Whether the output {@code name} is to be computed and returned. */
    public boolean wants(String name) { return outputs == null || outputs.contains(name); }

    public RunOptions withOutputs(Set<String> names) { return new RunOptions(names, profile, timing); }

    public RunOptions withProfile(boolean on, Timing how) { return new RunOptions(outputs, on, how); }
}
