package dev.nnjit.runtime;

import dev.nnjit.tensor.Tensor;
import java.util.Map;

/** A graph compiled by a backend for one set of input shapes. */
public interface Executable {
    /**
     * Runs the graph once on feeds already validated against the graph inputs. Everything the run was asked and
     * everything it measured travel in the arguments and the result; the executable keeps no per-run state.
     */
    RunResult run(Map<String, Tensor> feeds, RunOptions options);

    /**
     * Frees what this plan alone holds (a bounded plan cache evicted it); it must not run afterwards. Weights shared
     * with the backend's other plans stay. Default: nothing to free.
     */
    default void release() {}
}
