package dev.nnjit.model;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.TensorType;

/**
 * A decoded ValueInfoProto (tensor types only).
 *
 * @param dtype null when the file gives no element type
 * @param shape {@link Shape#unknownRank()} when the file gives no shape; dim_param becomes a symbolic dim
 */
public record ValueInfo(String name, DType dtype, Shape shape) {
    public TensorType type() { return new TensorType(dtype, shape); }
}
