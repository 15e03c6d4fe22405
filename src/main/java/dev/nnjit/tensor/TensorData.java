package dev.nnjit.tensor;

/**
 * Produces a tensor's elements on first use: a {@code float[]}, {@code long[]} or {@code boolean[]} matching the
 * dtype's {@link DType.Storage}. Lets the loader keep initializers as views of the model bytes until an op needs
 * them, so a model is not held twice.
 */
public interface TensorData {
    Object materialize();
}
