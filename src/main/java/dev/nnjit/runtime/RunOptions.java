package dev.nnjit.runtime;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one run is asked to do; immutable, passed with the feeds to {@link Executable#run}. Compile-time choices (the
 * backend, fusion, limits) are not here: they belong to the backend and are fixed when a graph is compiled.
 *
 * @param outputs the graph outputs to compute and return, in any order (the result keeps graph order); null: all.
 *     On WebGPU, outputs not asked for are neither copied off the GPU nor read back
 * @param profile time every kernel (WebGPU: {@link GpuRunStats#kernels()}); the CPU backend always times its ops
 * @param timing how a profiled WebGPU run times its kernels
 * @param onDevice graph outputs and inputs whose device tensors the result is to carry ({@link RunResult#device()}),
 *     where the backend keeps values on a device ({@link Backend#keepsValuesOnDevice()}); such outputs need not be in
 *     {@code outputs} (then they are not read back)
 * @param resident inputs whose device buffers keep their content from run to run: their feeds give the shape only
 *     and are not uploaded (the values come from earlier uploads and {@code copies})
 * @param copies device-to-device copies into resident inputs, done before the run's first kernel
 */
public record RunOptions(Set<String> outputs, boolean profile, Timing timing, Set<String> onDevice,
                         Set<String> resident, List<DeviceCopy> copies) {
    /** All outputs, no profiling. */
    public static final RunOptions DEFAULT = new RunOptions(null, false, Timing.AUTO);

    public RunOptions(Set<String> outputs, boolean profile, Timing timing) {
        this(outputs, profile, timing, Set.of(), Set.of(), List.of());
    }

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
        onDevice = onDevice == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(onDevice));
        resident = resident == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(resident));
        copies = copies == null ? List.of() : List.copyOf(copies);
    }

    /** Whether the output {@code name} is to be computed and returned. */
    public boolean wants(String name) { return outputs == null || outputs.contains(name); }

    public RunOptions withOutputs(Set<String> names) {
        return new RunOptions(names, profile, timing, onDevice, resident, copies);
    }

    public RunOptions withProfile(boolean on, Timing how) {
        return new RunOptions(outputs, on, how, onDevice, resident, copies);
    }

    /** These options keeping {@code names} on the device, with {@code resident} inputs filled by {@code copies}. */
    public RunOptions withDeviceState(Set<String> names, Set<String> residentInputs, List<DeviceCopy> deviceCopies) {
        return new RunOptions(outputs, profile, timing, names, residentInputs, deviceCopies);
    }
}
