package dev.nnjit.codegen;

import dev.nnjit.ops.Broadcasting;
import java.util.Arrays;

/**
 * How an elementwise kernel reads one input: element (c_0, ..., c_{r-1}) of the output reads the input's flat
 * element {@code offset + sum_d c_d * strides[d]}. Broadcasting (stride 0), transposition (permuted strides) and
 * slicing (scaled, possibly negative strides with an offset) are all such views, so one generator covers Add,
 * Expand, Transpose and Slice.
 *
 * @param type element type
 * @param shape the input tensor's own shape (its size is the binding's size; also shown in the shape comment)
 * @param offset flat element offset of output element 0
 * @param strides one per output dim, in elements
 */
public record ElementwiseInput(ScalarType type, int[] shape, int offset, int[] strides) {

    public ElementwiseInput {
        shape = shape.clone();
        strides = strides.clone();
        if (offset < 0) throw new IllegalArgumentException("input offset must be >= 0, got " + offset);
    }

    /** A tensor of {@code shape} broadcast (ONNX/numpy rules) to {@code outShape}. */
    public static ElementwiseInput broadcast(ScalarType type, int[] shape, int[] outShape) {
        Broadcasting.shape(shape, outShape); // throws naming both shapes when incompatible
        if (shape.length > outShape.length) {
            throw new IllegalArgumentException("input " + Arrays.toString(shape) + " has more dims than output "
                    + Arrays.toString(outShape));
        }
        return new ElementwiseInput(type, shape, 0, Broadcasting.stridesFor(shape, outShape));
    }

    public long elements() { return Wgsl.product(shape); }

    /** Key text: type, shape, offset and strides. */
    public String key() {
        return type.name().toLowerCase() + ":" + Wgsl.dims(shape) + "@" + offset + ":" + Wgsl.dims(strides);
    }
}
