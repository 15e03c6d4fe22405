package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Constant: its one value attribute: {@code value} (a tensor), {@code value_float}/{@code value_int} (scalars),
 * {@code value_floats}/{@code value_ints} (1-D), from opset 12. String and sparse values are not supported.
 */
final class Constant implements OpDef {
    private static final String[] KINDS = {
        "value", "value_float", "value_floats", "value_int", "value_ints", "value_string", "value_strings", "sparse_value"
    };

    @Override public String opType() { return "Constant"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        return new TensorType[] {TensorType.of(value(ctx))};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        return new Tensor[] {value(ctx)};
    }

    static Tensor value(OpContext ctx) {
        String kind = null;
        for (String k : KINDS) {
            if (!ctx.hasAttr(k)) continue;
            if (kind != null) throw ctx.error("has both '" + kind + "' and '" + k + "'; exactly one value is allowed");
            kind = k;
        }
        if (kind == null) throw ctx.error("has no value attribute");
        switch (kind) {
            case "value": {
                Tensor t = ctx.attrTensor("value");
                if (t == null) throw ctx.error("attribute 'value' holds no tensor");
                return t;
            }
            case "value_float": return Tensor.scalar(ctx.attrFloat("value_float", 0f));
            case "value_floats": {
                float[] v = ctx.attrFloats("value_floats", null);
                return Tensor.of(DType.FLOAT, new int[] {v.length}, v);
            }
            case "value_int": return Tensor.scalarLong(ctx.attrInt("value_int", 0));
            case "value_ints": return Tensor.vector(ctx.attrInts("value_ints", null));
            default: throw ctx.error("'" + kind + "' values are not supported (nnjit has no string or sparse tensors)");
        }
    }
}
