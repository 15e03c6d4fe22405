package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;

/** Transpose: output axis i is input axis perm[i]; perm defaults to the reversed axes. */
final class Transpose implements OpDef {
    @Override public String opType() { return "Transpose"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        Shape in = TypeRules.shape(ctx, 0);
        long[] permAttr = ctx.attrInts("perm", null);
        if (!in.hasRank()) {
            return TypeRules.single(ctx.inputDType(0), permAttr == null ? Shape.unknownRank() : Shape.unknownDims(permAttr.length));
        }
        int[] perm = perm(ctx, in.rank());
        Dim[] out = new Dim[perm.length];
        for (int i = 0; i < perm.length; i++) out[i] = in.dim(perm[i]);
        return TypeRules.single(ctx.inputDType(0), Shape.of(out));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        int[] perm = perm(ctx, x.rank());
        int[] inShape = x.shape();
        int[] inStrides = IndexMaps.strides(inShape);
        int[] outShape = new int[perm.length];
        int[][] tables = new int[perm.length][];
        for (int i = 0; i < perm.length; i++) {
            outShape[i] = inShape[perm[i]];
            tables[i] = IndexMaps.affine(outShape[i], 0, 1, inStrides[perm[i]]);
        }
        return new Tensor[] {Elements.gather(x, outShape, IndexMaps.separable(outShape, tables), null)};
    }

    /** The validated permutation for an input of {@code rank}. */
    static int[] perm(OpContext ctx, int rank) {
        long[] p = ctx.attrInts("perm", null);
        int[] perm = new int[rank];
        if (p == null) {
            for (int i = 0; i < rank; i++) perm[i] = rank - 1 - i;
            return perm;
        }
        if (p.length != rank) throw ctx.error("perm " + Arrays.toString(p) + " has " + p.length + " entries for rank " + rank);
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            if (p[i] < 0 || p[i] >= rank || seen[(int) p[i]]) {
                throw ctx.error("perm " + Arrays.toString(p) + " is not a permutation of 0.." + (rank - 1));
            }
            seen[(int) p[i]] = true;
            perm[i] = (int) p[i];
        }
        return perm;
    }
}
