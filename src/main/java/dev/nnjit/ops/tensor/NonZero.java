package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * NonZero (opset 9): int64 [rank, nnz] coordinates of the non-zero elements in row-major order (numpy.nonzero).
 * A scalar is treated as shape [1], as ONNX Runtime does. The count is data-dependent: the type rule knows it only
 * for a constant input.
 */
final class NonZero implements OpDef {
    @Override public String opType() { return "NonZero"; }
    @Override public int minOpset() { return 9; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        Shape in = TypeRules.shape(ctx, 0);
        Tensor c = ctx.constantInput(0);
        Dim nnz = c == null ? Dim.unknown() : Dim.of(count(c));
        if (!in.hasRank()) return TypeRules.single(DType.INT64, Shape.of(Dim.unknown(), nnz));
        return TypeRules.single(DType.INT64, Shape.of(Dim.of(Math.max(1, in.rank())), nnz));
    }

    private static int count(Tensor x) {
        int n = 0;
        for (int i = 0; i < x.size(); i++) if (x.getDouble(i) != 0) n++;
        return n;
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        int[] shape = x.rank() == 0 ? new int[] {1} : x.shape();
        int rank = shape.length;
        int nnz = count(x);
        long[] out = new long[rank * nnz];
        int[] coord = new int[rank];
        int k = 0;
        for (int i = 0; i < x.size(); i++) {
            if (x.getDouble(i) != 0) {
                for (int d = 0; d < rank; d++) out[d * nnz + k] = coord[d];
                k++;
            }
            for (int d = rank - 1; d >= 0; d--) {
                if (++coord[d] < shape[d]) break;
                coord[d] = 0;
            }
        }
        return new Tensor[] {Tensor.ofLongs(new int[] {rank, nnz}, out)};
    }
}
