package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * OneHot (opset 9): inserts an axis of size {@code depth} at {@code axis} (default -1, in [-r-1, r]); the element
 * is values[1] ("on") where the coordinate along it equals the index, values[0] elsewhere. Indices and depth of
 * non-integer types are truncated to int64; negative indices count from depth (opset 11 semantics); indices
 * outside [-depth, depth) give an all-off row.
 */
final class OneHot implements OpDef {
    @Override public String opType() { return "OneHot"; }
    @Override public int minOpset() { return 9; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(3, 3);
        TypeRules.requireNumeric(ctx, ctx.inputDType(0), "indices");
        TypeRules.requireNumeric(ctx, ctx.inputDType(1), "depth");
        DType dt = ctx.inputDType(2);
        Shape idx = TypeRules.shape(ctx, 0);
        Shape values = TypeRules.shape(ctx, 2);
        if (values.isStatic() && values.elementCount() != 2) throw ctx.error("values must hold [off, on], has shape " + values);
        if (!idx.hasRank()) return TypeRules.single(dt, Shape.unknownRank());
        int axis = axis(ctx, idx.rank());
        Tensor depth = ctx.constantInput(1);
        Dim dd = depth == null ? Dim.unknown() : Dim.of(depth(ctx, depth));
        Dim[] out = new Dim[idx.rank() + 1];
        for (int i = 0, j = 0; i < out.length; i++) out[i] = i == axis ? dd : idx.dim(j++);
        return TypeRules.single(dt, Shape.of(out));
    }

    private static int axis(OpContext ctx, int indicesRank) {
        return TypeRules.axis(ctx, "axis", ctx.attrInt("axis", -1), indicesRank + 1);
    }

    private static long depth(OpContext ctx, Tensor depth) {
        if (depth.size() != 1) throw ctx.error("depth must be a scalar, has shape " + depth.describe());
        long d = depth.getLong(0);
        if (d < 1 || d > Tensor.MAX_ELEMENTS) throw ctx.error("depth " + depth.getDouble(0) + " must be positive");
        return d;
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        TensorType t = inferTypes(ctx)[0];
        int[] outShape = t.shape().toIntArray();
        Tensor.checkedSize(outShape, "OneHot output");
        Tensor indices = inputs[0], values = inputs[2];
        int axis = axis(ctx, indices.rank());
        int depth = (int) depth(ctx, inputs[1]);
        int outer = IndexMaps.product(outShape, 0, axis), inner = IndexMaps.product(outShape, axis + 1, outShape.length);
        // map -1 selects "off" (values[0]) as the fill; the "on" positions read values[1].
        int[] map = new int[IndexMaps.size(outShape)];
        java.util.Arrays.fill(map, -1);
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                long v = indices.getLong(o * inner + in);
                if (v < 0) v += depth;
                if (v >= 0 && v < depth) map[(o * depth + (int) v) * inner + in] = 1;
            }
        }
        Tensor off = Elements.gather(values, new int[0], new int[] {0}, null);
        return new Tensor[] {Elements.gather(values, outShape, map, off)};
    }
}
