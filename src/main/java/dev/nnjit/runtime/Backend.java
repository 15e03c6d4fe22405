package dev.nnjit.runtime;

import dev.nnjit.graph.Graph;

/**
 * Where a compiled graph runs. A backend receives a graph whose inputs are specialized to concrete shapes and
 * which the standard passes have already typed and folded; it may run more passes of its own (fusion) on it.
 */
public interface Backend {
    /** "cpu", "webgpu", ... */
    String name();

    Executable compile(Graph specialized);

    /**
     * Whether its plans keep values on a device between runs ({@link RunOptions#onDevice()}, {@link
     * RunOptions#resident()}, {@link RunOptions#copies()}): WebGPU. Elsewhere those options are ignored and the
     * caller feeds and reads host tensors.
     */
    default boolean keepsValuesOnDevice() { return false; }
}
