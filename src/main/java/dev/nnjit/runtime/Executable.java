package dev.nnjit.runtime;

import dev.nnjit.tensor.Tensor;
import java.util.Map;

/** A graph compiled by a backend for one set of input shapes. */
public interface Executable {
    /**
     * Computes the graph outputs, in graph order, from feeds already validated against the graph inputs.
     *
     * @param opTimesMs when not null, receives elapsed milliseconds per op type (or per kernel)
     */
    Map<String, Tensor> run(Map<String, Tensor> feeds, Map<String, Double> opTimesMs);
}
