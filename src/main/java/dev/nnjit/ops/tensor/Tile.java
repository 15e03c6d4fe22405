package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;

/** Tile (opset 6): repeats the input {@code repeats[i]} times along each axis i; repeats has one entry per axis. */
final class Tile implements OpDef {
    @Override public String opType() { return "Tile"; }
    @Override public int minOpset() { return 6; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 2);
        TypeRules.requireInteger(ctx, 1, "repeats");
        Shape in = TypeRules.shape(ctx, 0);
        IntsArg repeats = IntsArg.fromInput(ctx, 1);
        if (!in.hasRank()) return TypeRules.single(ctx.inputDType(0), IntsArg.unknownShape(repeats.length));
        if (repeats.length >= 0 && repeats.length != in.rank()) {
            throw ctx.error("repeats has " + repeats.length + " entries for an input of rank " + in.rank());
        }
        if (!repeats.isKnown()) return TypeRules.single(ctx.inputDType(0), Shape.unknownDims(in.rank()));
        Dim[] out = in.dims();
        for (int i = 0; i < out.length; i++) {
            long r = repeats.values[i];
            if (r < 0) throw ctx.error("repeats " + Arrays.toString(repeats.values) + " has a negative entry");
            if (r == 0) out[i] = Dim.of(0);
            else if (r != 1) out[i] = out[i].isKnown() ? Dim.of(out[i].value() * r) : Dim.unknown();
        }
        return TypeRules.single(ctx.inputDType(0), Shape.of(out));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        int[] outShape = inferTypes(ctx)[0].shape().toIntArray();
        Tensor.checkedSize(outShape, "Tile output");
        int[] shape = x.shape();
        int[] strides = IndexMaps.strides(shape);
        int[][] tables = new int[shape.length][];
        for (int d = 0; d < shape.length; d++) {
            tables[d] = new int[outShape[d]];
            for (int c = 0; c < outShape[d]; c++) tables[d][c] = (c % shape[d]) * strides[d];
        }
        return new Tensor[] {Elements.gather(x, outShape, IndexMaps.separable(outShape, tables), null)};
    }
}
