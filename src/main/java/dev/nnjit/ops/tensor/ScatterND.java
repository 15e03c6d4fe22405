package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * ScatterND: a copy of data where each length-k index tuple (last axis of indices) selects a slice
 * data[i1..ik, ...] that is replaced by (or, with {@code reduction}, combined with) the matching slice of updates.
 * updates.shape must be indices.shape[:-1] + data.shape[k:]. Tuples are applied in order, so with duplicate
 * indices and no reduction the last one wins.
 */
final class ScatterND implements OpDef {
    @Override public String opType() { return "ScatterND"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(3, 3);
        TypeRules.requireInteger(ctx, 1, "indices");
        DType dt = TypeRules.sameDTypes(ctx, 0, 1);
        DType ut = ctx.inputDType(2);
        if (dt != null && ut != null && dt != ut) throw ctx.error("updates dtype " + ut + " differs from data dtype " + dt);
        ScatterReduction.of(ctx);
        return TypeRules.single(dt != null ? dt : ut, TypeRules.shape(ctx, 0));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor data = inputs[0], indices = inputs[1], updates = inputs[2];
        ScatterReduction red = ScatterReduction.of(ctx);
        int[] dShape = data.shape(), iShape = indices.shape(), uShape = updates.shape();
        if (iShape.length < 1) throw ctx.error("indices must have rank >= 1");
        int k = iShape[iShape.length - 1];
        if (k > dShape.length) throw ctx.error("index tuples of length " + k + " cannot index data of rank " + dShape.length);
        int[] expected = new int[iShape.length - 1 + dShape.length - k];
        System.arraycopy(iShape, 0, expected, 0, iShape.length - 1);
        System.arraycopy(dShape, k, expected, iShape.length - 1, dShape.length - k);
        if (!java.util.Arrays.equals(expected, uShape)) {
            throw ctx.error("updates shape " + TypeRules.str(uShape) + " must be " + TypeRules.str(expected)
                    + " for data " + TypeRules.str(dShape) + " and indices " + TypeRules.str(iShape));
        }
        long[] idx = Indices.read(ctx, indices, "indices");
        int tuples = IndexMaps.product(iShape, 0, iShape.length - 1);
        int inner = IndexMaps.product(dShape, k, dShape.length);
        int[] strides = IndexMaps.strides(dShape);
        DType dt = data.dtype();
        Object out = Elements.allocate(dt, data.size());
        Elements.copy(data.data(), 0, out, 0, data.size());
        Object src = updates.data();
        for (int t = 0; t < tuples; t++) {
            int off = 0;
            for (int a = 0; a < k; a++) off += Indices.normalize(ctx, idx[t * k + a], dShape[a], "index") * strides[a];
            if (red == ScatterReduction.NONE) {
                Elements.copy(src, t * inner, out, off, inner);
            } else {
                for (int e = 0; e < inner; e++) red.apply(dt, out, off + e, src, t * inner + e);
            }
        }
        return new Tensor[] {Tensor.of(dt, dShape, out)};
    }
}
