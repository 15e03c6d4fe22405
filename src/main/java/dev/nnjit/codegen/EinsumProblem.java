package dev.nnjit.codegen;

import java.util.List;

/**
 * Einsum as the reference's loop nest (dev.nnjit.ops.math.EinsumOp.Loops): loop labels with sizes {@code dims},
 * the first {@code outputRank} of which are the output's dims; every other label is summed. Operand i is read at
 * offset sum_k index_k * strides[i][k]. Operands are f32 or i32 (one type for all).
 */
public record EinsumProblem(ScalarType type, List<int[]> shapes, int[] dims, int[][] strides, int outputRank)
        implements KernelProblem {
    public EinsumProblem {
        shapes = List.copyOf(shapes);
        dims = dims.clone();
        strides = strides.clone();
        if (type == ScalarType.BOOL || strides.length != shapes.size() || outputRank > dims.length) {
            throw new IllegalArgumentException("Einsum: " + type + ", " + shapes.size() + " operands, " + strides.length
                    + " stride sets, output rank " + outputRank + " of " + dims.length + " labels");
        }
        for (int[] s : strides) if (s.length != dims.length) throw new IllegalArgumentException("Einsum stride rank");
    }

    public long outputs() { return Wgsl.product(dims, 0, outputRank); }

    public long summed() { return Wgsl.product(dims, outputRank, dims.length); }

    @Override public String key() {
        StringBuilder sb = new StringBuilder(type.name().toLowerCase()).append("_d").append(Wgsl.dims(dims)).append("_o")
                .append(outputRank);
        for (int i = 0; i < shapes.size(); i++) {
            sb.append("_in").append(Wgsl.dims(shapes.get(i))).append('s').append(Wgsl.dims(strides[i]));
        }
        return sb.toString();
    }
}
