package dev.nnjit.ops.tensor;

import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;

/**
 * Expand (opset 8): broadcasts the input against the int64 {@code shape} input with numpy rules, so a 1 in shape
 * keeps the input's dim and the output rank is max(rank, len(shape)).
 */
final class Expand implements OpDef {
    @Override public String opType() { return "Expand"; }
    @Override public int minOpset() { return 8; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 2);
        TypeRules.requireInteger(ctx, 1, "shape");
        Shape in = TypeRules.shape(ctx, 0);
        IntsArg shape = IntsArg.fromInput(ctx, 1);
        if (!shape.isKnown()) {
            if (!in.hasRank() || shape.length < 0) return TypeRules.single(ctx.inputDType(0), Shape.unknownRank());
            return TypeRules.single(ctx.inputDType(0), Shape.unknownDims(Math.max(in.rank(), shape.length)));
        }
        for (long d : shape.values) if (d < 0) throw ctx.error("shape " + Arrays.toString(shape.values) + " has a negative dimension");
        if (!in.hasRank()) {
            // Each output dim is shape's value unless it is 1 (then the input's, unknown here); the rank may be larger.
            return TypeRules.single(ctx.inputDType(0), Shape.unknownRank());
        }
        Shape out = Broadcasting.shape(in, IntsArg.shapeOf(shape.values));
        if (out == null) throw ctx.error("input " + in + " cannot be expanded to " + Arrays.toString(shape.values));
        return TypeRules.single(ctx.inputDType(0), out);
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        int[] target = TypeRules.intDims(ctx, inputs[1].toLongArray(), "shape");
        int[] outShape;
        try {
            outShape = Broadcasting.shape(x.shape(), target);
        } catch (IllegalArgumentException e) {
            throw ctx.error("input " + Shape.of(x.shape()) + " cannot be expanded to " + Arrays.toString(target));
        }
        Tensor.checkedSize(outShape, "Expand output");
        return new Tensor[] {Elements.gather(x, outShape, Broadcasting.indexMap(x.shape(), outShape), null)};
    }

}
