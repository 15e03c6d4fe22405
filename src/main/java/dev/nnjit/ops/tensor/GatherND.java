package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * GatherND: each length-k index tuple (the last axis of indices) picks a slice data[b..., i1..ik, ...]. With
 * {@code batch_dims} b (opset 12+) the first b axes of data and indices are matched. Output shape is
 * indices.shape[:-1] + data.shape[b+k:]. Negative indices count from the end.
 */
final class GatherND implements OpDef {
    @Override public String opType() { return "GatherND"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 2);
        TypeRules.requireInteger(ctx, 1, "indices");
        Shape data = TypeRules.shape(ctx, 0), idx = TypeRules.shape(ctx, 1);
        if (!data.hasRank() || !idx.hasRank()) return TypeRules.single(ctx.inputDType(0), Shape.unknownRank());
        int b = (int) ctx.attrInt("batch_dims", 0);
        int r = data.rank(), q = idx.rank();
        if (r < 1 || q < 1) throw ctx.error("data and indices must have rank >= 1, got " + data + " and " + idx);
        if (b < 0 || b >= Math.min(r, q)) throw ctx.error("batch_dims " + b + " must be in [0, " + Math.min(r, q) + ")");
        for (int i = 0; i < b; i++) {
            if (Dims.unify(data.dim(i), idx.dim(i)) == null) {
                throw ctx.error("batch dims of data " + data + " and indices " + idx + " differ");
            }
        }
        Dim kd = idx.dim(q - 1);
        if (!kd.isKnown()) return TypeRules.single(ctx.inputDType(0), Shape.unknownRank());
        int k = (int) kd.value();
        if (k < 1 || k > r - b) throw ctx.error("index tuples of length " + k + " cannot index data " + data + " with batch_dims " + b);
        Dim[] out = new Dim[q - 1 + r - b - k];
        int n = 0;
        for (int i = 0; i < q - 1; i++) out[n++] = i < b ? Dims.unify(data.dim(i), idx.dim(i)) : idx.dim(i);
        for (int i = b + k; i < r; i++) out[n++] = data.dim(i);
        return TypeRules.single(ctx.inputDType(0), Shape.of(out));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        int[] outShape = inferTypes(ctx)[0].shape().toIntArray();
        Tensor data = inputs[0], indices = inputs[1];
        int[] dShape = data.shape(), iShape = indices.shape();
        int b = (int) ctx.attrInt("batch_dims", 0);
        int k = iShape[iShape.length - 1];
        long[] idx = Indices.read(ctx, indices, "indices");
        int batches = IndexMaps.product(dShape, 0, b);
        int tuplesPerBatch = IndexMaps.product(iShape, b, iShape.length - 1);
        int inner = IndexMaps.product(dShape, b + k, dShape.length);
        int batchSize = IndexMaps.product(dShape, b, dShape.length);
        int[] strides = IndexMaps.strides(dShape);
        Object src = data.data();
        Object out = Elements.allocate(data.dtype(), IndexMaps.size(outShape));
        int pos = 0, t = 0;
        for (int bi = 0; bi < batches; bi++) {
            for (int j = 0; j < tuplesPerBatch; j++, t++) {
                int off = bi * batchSize;
                for (int a = 0; a < k; a++) {
                    off += Indices.normalize(ctx, idx[t * k + a], dShape[b + a], "index") * strides[b + a];
                }
                Elements.copy(src, off, out, pos, inner);
                pos += inner;
            }
        }
        return new Tensor[] {Tensor.of(data.dtype(), outShape, out)};
    }
}
