package dev.nnjit.model;

import dev.nnjit.tensor.Tensor;

/**
 * A decoded TensorProto with its name: an initializer, or a standalone tensor file (the ONNX conformance suite's
 * {@code input_0.pb}/{@code output_0.pb}).
 *
 * @param name "" when the file gives none
 */
public record NamedTensor(String name, Tensor tensor) {
}
